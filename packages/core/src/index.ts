export type { Claim, Country, CountryField } from "./countries/country.ts";
export { type CountryRegistry, countries, createRegistry } from "./countries/registry.ts";
export { isCalendarDate, weekday } from "./dates.ts";
export { createDocumentClient } from "./db/client.ts";
export { asUnavailable } from "./db/errors.ts";
export { TRANSACTION_LIMIT, tooManyChanges } from "./db/transactions.ts";
export {
  DomainError,
  type ErrorCode,
  type FieldError,
  type KnownErrorCode,
  notFound,
  ServiceUnavailableError,
  validationFailed,
} from "./errors.ts";
export { type Group, type GroupRepresentation, representGroup } from "./groups/group.ts";
export { groupListSpec } from "./groups/list.ts";
export { parseGroupCreate, parseGroupPatch } from "./groups/schema.ts";
export { parseListRequest } from "./lists/parse.ts";
export { DEFAULT_LIMIT, type ListSpec, MAX_LIMIT, type Page } from "./lists/spec.ts";
export { group3CannotHoldSites, groupCycle, unknownReference } from "./refusals.ts";
export { createServices, type Services, type ServicesOptions } from "./services.ts";
export { siteListSpec } from "./sites/list.ts";
export { createSiteSchemas } from "./sites/schema.ts";
export { representSite, type Site, type SiteRepresentation, type SiteValues } from "./sites/site.ts";
export { createTableInput, tableDefinition } from "./table.ts";
