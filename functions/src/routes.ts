/**
 * Every route of the API, once, with what is true of it: its method and path, its operation
 * name, its handler module, what it may do to the table, the files its bundle needs, its metric
 * and its documentation. The CDK stack builds one function, one IAM role and one API Gateway
 * method per entry; the local emulator serves the same handler modules; the OpenAPI document
 * (docs/document.ts) is built from the same entries.
 *
 * Pure data and types: the CDK app loads this module without loading any handler code. A new
 * fact about every route (an access scope, say) is one more field here.
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

export const READ_ACTIONS: readonly DynamoAction[] = ["GetItem", "BatchGetItem", "Query"];
export const WRITE_ACTIONS: readonly DynamoAction[] = ["PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"];

/**
 * What a route's function may do to the table: exactly the requests its handler sends, checked
 * against the requests really sent in tests/infra/permissions.test.ts.
 */
export interface TableAccess {
  /** Actions on the table itself (its items). */
  actions: readonly DynamoAction[];
  /** Indexes the route queries (`Query` on `<table>/index/<name>`). */
  indexes: readonly IndexName[];
}

/** A code a route can answer, or every refusal of the deployment's countries' rules. */
export type RouteError = KnownErrorCode | "COUNTRY_REFUSALS";

/** A component schema of the document (docs/schemas.ts). */
export type SchemaName =
  | "Site"
  | "SitePage"
  | "SiteCreate"
  | "SitePatch"
  | "Group"
  | "GroupPage"
  | "GroupCreate"
  | "GroupPatch"
  | "EventPage";

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
  /** Every code the route can answer besides INTERNAL (always possible). */
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
  /** What the function may do to the table; absent: no DynamoDB access, no table name. */
  table?: TableAccess;
  /**
   * Files the handler reads from a package at run time (`require.resolve` + `readFileSync`),
   * which esbuild cannot see: copied beside the bundle, into `node_modules/<package>/`.
   */
  files?: readonly string[];
  /** CloudWatch metric counted once per success (Powertools EMF, see commons/http.ts). */
  metric?: string;
  /**
   * Takes an `Idempotency-Key` (API.md "Safe retries"; commons/idempotency.ts): its table access
   * includes the key record's PutItem, UpdateItem (in the create's transaction) and DeleteItem.
   */
  idempotent?: true;
  /**
   * The `ETag` precondition the route honours (API.md "Concurrent edits"; commons/etag.ts):
   * `If-None-Match` on a read (304), `If-Match` on a write (412).
   */
  precondition?: "If-None-Match" | "If-Match";
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

const SITE_SORTS: readonly IndexName[] = ["gsi1", "gsi2", "gsi3", "gsi4"];
const GROUP_SORTS: readonly IndexName[] = ["gsi1", "gsi2"];

const READS: readonly RouteError[] = ["VALIDATION_FAILED", "NOT_FOUND", "SERVICE_UNAVAILABLE"];
const IDEMPOTENCY: readonly RouteError[] = ["IDEMPOTENCY_KEY_IN_USE", "IDEMPOTENCY_KEY_REUSED"];
const SITE_WRITES: readonly RouteError[] = [
  "VALIDATION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "COUNTRY_REFUSALS",
  "GROUP3_CANNOT_HOLD_SITES",
  "UNKNOWN_REFERENCE",
  "TOO_MANY_CHANGES",
  "SERVICE_UNAVAILABLE",
];
const LINK = "Touches only the two items and their link, atomically; always fits one transaction.";
const SWAGGER_UI = "swagger-ui-dist/package.json";

export const routes = [
  {
    method: "GET",
    path: "/sites",
    name: "ListSites",
    handler: "sites/list",
    scope: "read",
    // a Query on the sort's index; or, by the list planner (core lists/plan.ts), a group's
    // membership items (Query on the table) or `id__in`, then BatchGetItem of the sites
    table: { actions: ["Query", "BatchGetItem"], indexes: SITE_SORTS },
    docs: {
      tag: "Sites",
      summary: "List sites",
      description: "Sites matching every filter, in `sort` order, a page at a time.",
      list: "sites",
      success: { status: 200, description: "A page of sites.", schema: "SitePage" },
      errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
    },
  },
  {
    method: "POST",
    path: "/sites",
    name: "CreateSite",
    handler: "sites/create",
    scope: "write",
    // id counter (UpdateItem ADD), the site (PutItem), day lock + memberships (Put), groups gain it (Update);
    // with an Idempotency-Key, its record: PutItem (INPROGRESS), Update in the site's transaction (the
    // answer), DeleteItem (freed after a refusal, or the fencing delete after a lost answer)
    table: { actions: ["PutItem", "UpdateItem", "DeleteItem"], indexes: [] },
    metric: "SitesCreated",
    idempotent: true,
    docs: {
      tag: "Sites",
      summary: "Create a site",
      description:
        "The body's shape depends on `country`: the common fields plus that country's own, required there; a field of another country is refused. `group_ids` links the site to those groups in the same atomic write.",
      body: { schema: "SiteCreate" },
      success: {
        status: 201,
        description: "Created; `Location` is the site's URL.",
        schema: "Site",
        location: "/sites/61",
      },
      errors: [...SITE_WRITES, ...IDEMPOTENCY],
    },
  },
  {
    method: "GET",
    path: "/sites/{id}",
    name: "GetSite",
    precondition: "If-None-Match",
    handler: "sites/get",
    scope: "read",
    table: { actions: ["GetItem"], indexes: [] },
    docs: {
      tag: "Sites",
      summary: "Read a site",
      description: "The site with its country's own fields and the groups that directly contain it.",
      success: { status: 200, description: "The site.", schema: "Site" },
      errors: READS,
    },
  },
  {
    method: "PATCH",
    path: "/sites/{id}",
    name: "UpdateSite",
    precondition: "If-Match",
    handler: "sites/update",
    scope: "write",
    // read, then put the site; moving a day deletes the old lock; dropped groups delete memberships
    table: { actions: ["GetItem", "PutItem", "UpdateItem", "DeleteItem"], indexes: [] },
    docs: {
      tag: "Sites",
      summary: "Update a site (partial)",
      description:
        "The fields present replace the stored ones; the merged site is validated as a whole and its country's rules are checked again (a French site moving to a taken day is a 409). `{}` changes nothing.",
      body: {
        schema: "SitePatch",
        examples: {
          rename: { summary: "Rename", value: { name: "Lyon Solar Park II" } },
          move: { summary: "Move to another day", value: { installation_date: "2024-05-03" } },
        },
      },
      success: { status: 200, description: "The site as stored now.", schema: "Site" },
      errors: [...SITE_WRITES, "NOT_FOUND", "PRECONDITION_FAILED"],
    },
  },
  {
    method: "DELETE",
    path: "/sites/{id}",
    name: "DeleteSite",
    precondition: "If-Match",
    handler: "sites/delete",
    scope: "write",
    // read, tombstone or group updates (UpdateItem), then delete the site, its lock and memberships
    table: { actions: ["GetItem", "UpdateItem", "DeleteItem"], indexes: [] },
    docs: {
      tag: "Sites",
      summary: "Delete a site",
      description:
        "Also removes the site from every group and frees its French installation day. Its id is never reused.",
      success: { status: 204, description: "Deleted; no body." },
      errors: [...READS, "PRECONDITION_FAILED"],
    },
  },
  {
    method: "GET",
    path: "/groups",
    name: "ListGroups",
    handler: "groups/list",
    scope: "read",
    // as /sites: a site's memberships are on gsi1, a parent's nestings in its partition of the table
    table: { actions: ["Query", "BatchGetItem"], indexes: GROUP_SORTS },
    docs: {
      tag: "Groups",
      summary: "List groups",
      description: "Groups matching every filter, in `sort` order, a page at a time.",
      list: "groups",
      success: { status: 200, description: "A page of groups.", schema: "GroupPage" },
      errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
    },
  },
  {
    method: "POST",
    path: "/groups",
    name: "CreateGroup",
    handler: "groups/create",
    scope: "write",
    // with children, the groups below them are read (BatchGetItem) and their versions conditioned on;
    // with an Idempotency-Key, its record as for sites: PutItem, Update in the transaction, DeleteItem
    table: { actions: ["BatchGetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"], indexes: [] },
    metric: "GroupsCreated",
    idempotent: true,
    docs: {
      tag: "Groups",
      summary: "Create a group",
      description: "`site_ids` and `child_group_ids` link the group in the same atomic write.",
      body: {
        schema: "GroupCreate",
        examples: {
          portfolio: {
            summary: "A group holding one site",
            value: { name: "South-East portfolio", type: "group1", site_ids: [61] },
          },
          empty: { summary: "An empty group3", value: { name: "Regions", type: "group3" } },
        },
      },
      success: {
        status: 201,
        description: "Created; `Location` is the group's URL.",
        schema: "Group",
        location: "/groups/7",
      },
      errors: [
        "VALIDATION_FAILED",
        "PAYLOAD_TOO_LARGE",
        "GROUP3_CANNOT_HOLD_SITES",
        "NESTING_TOO_DEEP",
        "UNKNOWN_REFERENCE",
        "TOO_MANY_CHANGES",
        "SERVICE_UNAVAILABLE",
        ...IDEMPOTENCY,
      ],
    },
  },
  {
    method: "GET",
    path: "/groups/{id}",
    name: "GetGroup",
    precondition: "If-None-Match",
    handler: "groups/get",
    scope: "read",
    table: { actions: ["GetItem"], indexes: [] },
    docs: {
      tag: "Groups",
      summary: "Read a group",
      description: "The group with the sites and groups it directly holds and the groups that directly contain it.",
      success: { status: 200, description: "The group.", schema: "Group" },
      errors: READS,
    },
  },
  {
    method: "PATCH",
    path: "/groups/{id}",
    name: "UpdateGroup",
    precondition: "If-Match",
    handler: "groups/update",
    scope: "write",
    // new children: the walks above it and below them (BatchGetItem), their versions conditioned on
    table: {
      actions: ["GetItem", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"],
      indexes: [],
    },
    docs: {
      tag: "Groups",
      summary: "Update a group (partial)",
      description:
        "The fields present replace the stored ones; `site_ids` and `child_group_ids` are the new sets. Turning a group that holds sites into `group3` is refused.",
      body: { schema: "GroupPatch", examples: { rename: { summary: "Rename", value: { name: "South-East" } } } },
      success: { status: 200, description: "The group as stored now.", schema: "Group" },
      errors: [
        "VALIDATION_FAILED",
        "PAYLOAD_TOO_LARGE",
        "NOT_FOUND",
        "GROUP3_CANNOT_HOLD_SITES",
        "GROUP_CYCLE",
        "NESTING_TOO_DEEP",
        "UNKNOWN_REFERENCE",
        "TOO_MANY_CHANGES",
        "SERVICE_UNAVAILABLE",
        "PRECONDITION_FAILED",
      ],
    },
  },
  {
    method: "DELETE",
    path: "/groups/{id}",
    name: "DeleteGroup",
    precondition: "If-Match",
    handler: "groups/delete",
    scope: "write",
    table: { actions: ["GetItem", "UpdateItem", "DeleteItem"], indexes: [] },
    docs: {
      tag: "Groups",
      summary: "Delete a group",
      description: "Removes its membership and nesting links, never the sites or groups they point at.",
      success: { status: 204, description: "Deleted; no body." },
      errors: [...READS, "PRECONDITION_FAILED"],
    },
  },
  {
    method: "PUT",
    path: "/groups/{id}/sites/{site_id}",
    name: "AddSiteToGroup",
    handler: "groups/add-site",
    scope: "write",
    // one transaction: the membership (Put) and both items' id sets (Update); no read
    table: { actions: ["PutItem", "UpdateItem"], indexes: [] },
    docs: {
      tag: "Groups",
      summary: "Add a site to a group",
      description: `Idempotent: adding a site already in the group changes nothing. ${LINK}`,
      success: { status: 204, description: "The site is in the group." },
      errors: ["VALIDATION_FAILED", "NOT_FOUND", "GROUP3_CANNOT_HOLD_SITES", "SERVICE_UNAVAILABLE"],
    },
  },
  {
    method: "DELETE",
    path: "/groups/{id}/sites/{site_id}",
    name: "RemoveSiteFromGroup",
    handler: "groups/remove-site",
    scope: "write",
    table: { actions: ["UpdateItem", "DeleteItem"], indexes: [] },
    docs: {
      tag: "Groups",
      summary: "Remove a site from a group",
      description: `404 if the site was not in the group. ${LINK}`,
      success: { status: 204, description: "The site is no longer in the group." },
      errors: READS,
    },
  },
  {
    method: "PUT",
    path: "/groups/{id}/groups/{child_id}",
    name: "NestGroup",
    handler: "groups/nest",
    scope: "write",
    table: { actions: ["BatchGetItem", "PutItem", "UpdateItem", "ConditionCheckItem"], indexes: [] },
    docs: {
      tag: "Groups",
      summary: "Nest a group in another",
      description: `Idempotent. Refused when \`{child_id}\` already contains \`{id}\`, directly or not, or when a chain of groups through the new edge would hold more than 16 groups. ${LINK}`,
      success: { status: 204, description: "`{child_id}` is directly inside `{id}`." },
      errors: [
        "VALIDATION_FAILED",
        "NOT_FOUND",
        "GROUP_CYCLE",
        "NESTING_TOO_DEEP",
        "TOO_MANY_CHANGES",
        "SERVICE_UNAVAILABLE",
      ],
    },
  },
  {
    method: "DELETE",
    path: "/groups/{id}/groups/{child_id}",
    name: "UnnestGroup",
    handler: "groups/unnest",
    scope: "write",
    table: { actions: ["UpdateItem", "DeleteItem"], indexes: [] },
    docs: {
      tag: "Groups",
      summary: "Un-nest a group",
      description: `404 if it was not nested there. ${LINK}`,
      success: { status: 204, description: "`{child_id}` is no longer directly inside `{id}`." },
      errors: READS,
    },
  },
  {
    method: "GET",
    path: "/events",
    name: "ListEvents",
    handler: "events/list",
    scope: "read",
    // `after=<id>`: GetItem of that event; a page: a Query on all events (gsi1), one subject's
    // (gsi2) or one type's (gsi3) (core events/list.ts)
    table: { actions: ["GetItem"], indexes: ["gsi1", "gsi2", "gsi3"] },
    docs: {
      tag: "Events",
      summary: "List change events",
      description:
        "The change events of the last 30 days, oldest first, in CloudEvents 1.0 JSON: one per committed change " +
        "(see the `Event` schema for each type and its `data`). An event is listed within 2 seconds of its write, " +
        "exactly once: follow the listing with `next_cursor`, or later with `after=<the last event id you handled>`. " +
        "In AWS events are listed once they are 1 second old, so that nothing stored concurrently (one processor " +
        "per stream shard) can appear behind a position already read. Events of one subject keep the order of " +
        "their writes.",
      list: "events",
      success: { status: 200, description: "A page of events.", schema: "EventPage" },
      errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
    },
  },
  // Documentation: these touch no table.
  {
    method: "GET",
    path: "/openapi.json",
    name: "GetOpenApiDocument",
    handler: "docs/openapi",
    scope: "public",
    docs: {
      tag: "Documentation",
      summary: "This OpenAPI 3.1 document",
      description:
        "Generated from the route manifest and the zod schemas that validate requests; cached for 5 minutes.",
      success: {
        status: 200,
        description: "The document.",
        schema: {
          type: "object",
          required: ["openapi", "info", "paths"],
          properties: { openapi: { type: "string" }, info: { type: "object" }, paths: { type: "object" } },
        },
      },
      errors: [],
    },
  },
  {
    method: "GET",
    path: "/docs",
    name: "GetDocs",
    handler: "docs/ui",
    scope: "public",
    files: [SWAGGER_UI],
    docs: {
      tag: "Documentation",
      summary: "Interactive documentation (Swagger UI)",
      description: "Works without internet access: its assets are served by this API (`/docs/{asset}`).",
      success: { status: 200, description: "An HTML page.", media: ["text/html"] },
      errors: [],
    },
  },
  {
    method: "GET",
    path: "/docs/{asset}",
    name: "GetDocsAsset",
    handler: "docs/asset",
    scope: "public",
    files: [SWAGGER_UI, "swagger-ui-dist/swagger-ui.css", "swagger-ui-dist/swagger-ui-bundle.js"],
    docs: {
      tag: "Documentation",
      summary: "A Swagger UI asset",
      description:
        "A file the documentation page loads: Swagger UI's own (from the `swagger-ui-dist` package) and the script that starts it.",
      success: { status: 200, description: "The file.", media: ["text/css", "text/javascript"] },
      errors: ["NOT_FOUND"],
    },
  },
] as const satisfies readonly RouteDefinition[];

export type RouteName = (typeof routes)[number]["name"];

/**
 * The one function that is not a route: the stream processor (events/process.ts), which the
 * table's stream invokes (API.md "Events"). It writes only event items (`pk` = `event#…`): the
 * stack grants `PutItem` on those keys alone; tests/infra/permissions.test.ts checks it sends
 * nothing else.
 */
export const streamProcessor = {
  name: "StreamProcessor",
  handler: "events/process",
  table: { actions: ["PutItem"], indexes: [] },
  /** The only partition-key prefix it writes (IAM `dynamodb:LeadingKeys`). */
  writesKeysStartingWith: "event#",
} as const satisfies { name: string; handler: string; table: TableAccess; writesKeysStartingWith: string };

/** The entry of an API Gateway resource path and method (a proxy event's `resource` and `httpMethod`). */
export function routeFor(method: string, path: string): RouteDefinition | undefined {
  return (routes as readonly RouteDefinition[]).find((route) => route.method === method && route.path === path);
}
