/**
 * What every route of the API declares, as plain data (the route records beside the handlers,
 * functions/src/<aggregate>/routes.ts): its method and path, its operation name, its handler
 * module, who may call it, what it may do to the table, the files its bundle needs, its metric
 * and its documentation. The CDK stack builds one function, one IAM role and one API Gateway
 * method per record; the local emulator serves the same handler modules; the OpenAPI document
 * (./document.ts) is built from the same records. A new fact about every route (an access scope,
 * say) is one more field here.
 */
import type { KnownErrorCode } from "@sites-groups/core";
import type { IndexName } from "@sites-groups/core/table";

/**
 * A DynamoDB action a route's function may send. `TransactWriteItems` is not an action of its
 * own in IAM: each item of a transaction is authorised as the action it performs (Put → PutItem,
 * Update → UpdateItem, Delete → DeleteItem, ConditionCheck → ConditionCheckItem), so a route lists
 * the item actions its transactions use. Consistent reads and `ReturnValuesOnConditionCheckFailure`
 * need nothing more.
 */
export type DynamoAction =
  | "GetItem"
  | "BatchGetItem"
  | "Query"
  | "PutItem"
  | "UpdateItem"
  | "DeleteItem"
  | "ConditionCheckItem";

export const WRITE_ACTIONS: readonly DynamoAction[] = ["PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"];

/**
 * What a route's function may do to the table: exactly the requests its handler sends, checked
 * against the requests really sent in tests/infra/permissions.test.ts (add a call there for a new
 * route).
 */
export interface TableAccess {
  /** Actions on the table itself (its items). */
  actions: readonly DynamoAction[];
  /** Indexes the route queries (`Query` on `<table>/index/<name>`). */
  indexes: readonly IndexName[];
}

/** A code a route can answer, or every refusal of the deployment's countries' rules. */
export type RouteError = KnownErrorCode | "COUNTRY_REFUSALS";

/** A component schema of the document (./schemas.ts). */
export type SchemaName =
  | "Site"
  | "SitePage"
  | "SiteCreate"
  | "SitePatch"
  | "Group"
  | "GroupPage"
  | "GroupCreate"
  | "GroupPatch"
  | "GroupSummary"
  | "GroupTree"
  | "EventPage"
  | "SiteBatch"
  | "SiteBatchAnswer";

export type Example = { summary?: string; value: unknown };

/** The route in the OpenAPI document. */
export interface RouteDocs {
  tag: "Sites" | "Groups" | "Events" | "Documentation";
  summary: string;
  description: string;
  /** The listing whose filters, sort and paging are the route's query parameters. */
  list?: "sites" | "groups" | "events";
  /** The JSON request body; examples default to the schema's own (per country for sites). */
  body?: { schema: SchemaName; examples?: Record<string, Example> };
  success: {
    status: 200 | 201 | 204;
    description: string;
    /** application/json body: a component (examples come with it) or an inline schema. */
    schema?: SchemaName | Record<string, unknown>;
    /** Other media types of the body, as strings. */
    media?: readonly string[];
    /** Example of the `Location` header of a 201. */
    location?: string;
  };
  /**
   * Every code the route can answer besides those its other fields imply: INTERNAL (always
   * possible), the access codes of its `scope`, UNSUPPORTED_MEDIA_TYPE with a `body`, the
   * Idempotency-Key codes when `idempotent`, PRECONDITION_FAILED with `If-Match`.
   */
  errors: readonly RouteError[];
}

export interface RouteDefinition {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** API Gateway resource path, `{name}` for a path parameter. */
  path: string;
  /** Unique, PascalCase: the function's and the OpenAPI operation's name. */
  name: string;
  /** Module under functions/src exporting `handler`, named after the operation. */
  handler: string;
  /**
   * Who may call it in a stage with access control: anyone (`public`), or a bearer access token of
   * the stage's user pool with this scope. A `write` token may also read.
   */
  scope: Scope;
  /**
   * What the function may do to the table (its IAM policy); absent: no DynamoDB access, no table
   * name. It must be exactly what the handler sends: tests/infra/permissions.test.ts drives every
   * route through the local gateway and compares, so a new route, or a handler that sends other
   * requests, gets a call there.
   */
  table?: TableAccess;
  /**
   * What the function may do to the rollups table (core db/table.ts: the hierarchy's maintained
   * items, beside the main table), checked the same way; absent: nothing.
   */
  rollups?: TableAccess;
  /**
   * Files the handler reads from a package at run time (`require.resolve` + `readFileSync`),
   * which esbuild cannot see: copied beside the bundle, into `node_modules/<package>/`.
   */
  files?: readonly string[];
  /** CloudWatch metric counted on each success (Powertools EMF, see functions/src/commons/http.ts). */
  metric?: string;
  /**
   * What the `metric` counts of a success: absent, 1; `"created"` (a batch), the answer's `created`
   * but its replayed results.
   */
  metricCount?: "created";
  /**
   * Takes an `Idempotency-Key` (API.md "Safe retries"), and its table access includes the
   * idempotency records' PutItem, UpdateItem and DeleteItem. `true`: http() runs the handler once
   * per caller and key (functions/src/commons/idempotency.ts) and the document lists the key's
   * header and codes. `"items"`: the handler runs each item of its body once per key derived from
   * the request's and the item (`POST /sites/batch`); the key's codes are the items' results.
   */
  idempotent?: true | "items";
  /** The largest body the route takes, in bytes (default core's MAX_BODY_BYTES, 64 KiB): a larger one is a 413. */
  maxBody?: number;
  /**
   * The `ETag` precondition the route honours (API.md "Concurrent edits"): `If-None-Match` on a
   * read (http() answers the 304), `If-Match` on a write (the handler passes `request.ifMatch()`
   * to the service: 412); the document lists the header and the 304 or 412.
   */
  precondition?: "If-None-Match" | "If-Match";
  /**
   * The query parameters of a route that is not a listing (a listing's are its list spec's,
   * `docs.list`); none: any query parameter is a 400 naming it.
   */
  query?: readonly string[];
  docs: RouteDocs;
}

/** The user pool's resource server, and the OAuth scopes of the API (`sites-groups/read`, …). */
export const RESOURCE_SERVER = "sites-groups";
export type Scope = "public" | "read" | "write";
export const OAUTH_SCOPES = { read: `${RESOURCE_SERVER}/read`, write: `${RESOURCE_SERVER}/write` } as const;

/** The OAuth scopes any one of which lets a token call a route of this scope (none for a public one). */
export function acceptedScopes(scope: Scope): string[] {
  if (scope === "public") return [];
  return scope === "read" ? [OAUTH_SCOPES.read, OAUTH_SCOPES.write] : [OAUTH_SCOPES.write];
}
