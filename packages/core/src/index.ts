/**
 * What other packages may use of core; nothing imports a module under `src/` directly (the
 * package exports only this barrel, and for the CDK app, which must not load the services,
 * `./table` and `./errors`, the error catalog). Sorted by module, as Biome keeps exports.
 */

export type { Claim, Country, CountryField, ExampleSite, Refusal } from "./countries/country.ts";
export { type CountryRegistry, countries, createRegistry, deployedRegistry } from "./countries/registry.ts";
export { type BulkData, bulkLoad } from "./db/bulk.ts";
export { createDocumentClient } from "./db/client.ts";
export { asUnavailable } from "./db/errors.ts";
export { RECORDS, ROLLUP_KEY_PREFIX } from "./db/keys.ts";
export {
  createTableInput,
  rollupsTableDefinition,
  rollupsTableName,
  tableDefinition,
  timeToLiveInput,
} from "./db/table.ts";
export type { Recorded } from "./db/transactions.ts";
export {
  ANSWER_HEADERS,
  type Catalog,
  type ExampleContext,
  type KnownErrorCode,
  PROBLEM_HEADERS,
  PROBLEM_MEDIA_TYPE,
  type ProblemHeader,
  problemHeaders,
  STATUS_TEXT,
} from "./errors/catalog.ts";
export {
  DomainError,
  type ErrorCode,
  type FieldError,
  notFound,
  type Outcome,
  ServiceUnavailableError,
  validationFailed,
} from "./errors/domain.ts";
export { type ProblemOccurrence, problemFor, problemOf, type WriteKind } from "./errors/problem.ts";
export {
  expectationFailed,
  forbidden,
  IDEMPOTENCY_HEADER,
  keyInUse,
  keyReused,
  MAX_BODY_BYTES,
  payloadTooLarge,
  unauthenticated,
  unsupportedMediaType,
} from "./errors/requests.ts";
export { type ChangeRecord, UnreadableRecord } from "./events/changes.ts";
export { type CloudEvent, EVENT_TYPES, type EventType, eventSource } from "./events/event.ts";
export { EVENT_PARAMETERS, SETTLE_MS } from "./events/list.ts";
export { type BatchFailure, type ProcessorDependencies, processRecords } from "./events/processor.ts";
export { createPositions, EVENT_KEY_PREFIX, eventIdOf } from "./events/store.ts";
export { GROUP_TYPES, type Group, type GroupRepresentation, representGroup } from "./groups/group.ts";
export { groupListSpec } from "./groups/list.ts";
export { createGroupSchema, parseGroupCreate, parseGroupPatch, patchGroupSchema } from "./groups/schema.ts";
export { MAX_TREE_NODES, type TreeNode } from "./groups/tree.ts";
export { canonicalJson, hashOf } from "./idempotency/payload.ts";
export { AlreadyCommitted, claimKey, type HeldKey, type KeyRequest } from "./idempotency/record.ts";
export { describeKind, MAX_IN_VALUES, parseListRequest, readValue } from "./lists/parse.ts";
export { readList, SORTED_LINKS_BOUND, scanning, sortIndexOnly } from "./lists/plan.ts";
export {
  DEFAULT_LIMIT,
  type FilterField,
  type ListSpec,
  MAX_LIMIT,
  type Operator,
  type Page,
  type ValueKind,
} from "./lists/spec.ts";
export { checkIfMatch, type IfMatch, preconditionFailed } from "./records/preconditions.ts";
export { HIERARCHY_FRESHNESS, LARGE_CHANGE_PAIRS_PER_SECOND } from "./rollups/freshness.ts";
export type { RecomputeStats } from "./rollups/recompute.ts";
export { COMMON_TOTALLED, type SummaryRepresentation, totalledFields } from "./rollups/totals.ts";
export { asOwnRequest, deadlineOf, remainingMs, withDeadline } from "./runtime/deadline.ts";
export { runOrdered } from "./runtime/ordered.ts";
export { changeMayHaveApplied, outcomeOf } from "./runtime/outcome.ts";
export { createServices, type Services, type ServicesOptions } from "./services.ts";
export { batchSchema, MAX_BATCH_ITEMS, parseBatch, sharedItemsOf } from "./sites/batch.ts";
export { siteListSpec } from "./sites/list.ts";
export { commonSiteFields, createSiteSchemas, siteCreateSchema, sitePatchSchema } from "./sites/schema.ts";
export { representSite, type Site, type SiteRepresentation, type SiteValues } from "./sites/site.ts";
export { isCalendarDate, weekday } from "./validation/dates.ts";
export { idList, NAME_MAX_LENGTH, nameSchema, positiveId, readId, STORABLE } from "./validation/fields.ts";
export { assertWellFormed, decodeUtf8 } from "./validation/text.ts";
