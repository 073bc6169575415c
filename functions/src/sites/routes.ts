/**
 * The site routes, as plain data beside their handlers (one module per operation here, each
 * wrapping its own record: `http(record, …)`, commons/http.ts). The fields are the route record's
 * (packages/openapi/src/route.ts); functions/src/routes.ts lists every aggregate's. The CDK app and
 * the local emulator load this module without loading any handler code.
 */
import { listIndexNames } from "@sites-groups/core/table";
import type { RouteDefinition, RouteError } from "@sites-groups/openapi/route";

/** The list indexes: one per sort (core db/keys.ts). */
const SITE_SORTS = listIndexNames("site");

const READS: readonly RouteError[] = ["VALIDATION_FAILED", "NOT_FOUND", "SERVICE_UNAVAILABLE"];
const SITE_WRITES: readonly RouteError[] = [
  "VALIDATION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "COUNTRY_REFUSALS",
  "GROUP3_CANNOT_HOLD_SITES",
  "UNKNOWN_REFERENCE",
  "TOO_MANY_CHANGES",
  "SERVICE_UNAVAILABLE",
];

export const listSites = {
  method: "GET",
  path: "/sites",
  name: "ListSites",
  handler: "sites/list",
  scope: "read",
  // a Query on the sort's index; or, by the list planner (core lists/plan.ts), a group's
  // membership items (Query on the table) or `id__in`, then BatchGetItem of the sites;
  // `within_group_id`: the group's below items (Query on the rollups table), or theirs by key
  table: { actions: ["Query", "BatchGetItem"], indexes: SITE_SORTS },
  rollups: { actions: ["Query", "BatchGetItem"], indexes: [] },
  docs: {
    tag: "Sites",
    summary: "List sites",
    description: "Sites matching every filter, in `sort` order, a page at a time.",
    list: "sites",
    success: { status: 200, description: "A page of sites.", schema: "SitePage" },
    errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
  },
} as const satisfies RouteDefinition;

export const createSite = {
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
    errors: SITE_WRITES,
  },
} as const satisfies RouteDefinition;

export const createSiteBatch = {
  method: "POST",
  path: "/sites/batch",
  name: "CreateSiteBatch",
  handler: "sites/create-batch",
  scope: "write",
  // what POST /sites sends, once per item (each item's own key record with an Idempotency-Key)
  table: createSite.table,
  metric: "SitesCreated",
  metricCount: "created",
  idempotent: "items",
  // 100 items of a few hundred bytes each, with room to spare (API.md "Many at once")
  maxBody: 256 * 1024,
  docs: {
    tag: "Sites",
    summary: "Create many sites",
    description:
      "1–100 sites at once (a body of at most 256 KiB), each `POST /sites`'s own atomic write under the same rules, conditional writes and events: one item's refusal never undoes another's creation. The answer is a 200 whatever the items' fates, with one result per item, in order: the 201 (`site`, `etag`) or the problem `POST /sites` would have answered (`request_id` the batch's). `created` counts the 201 results, `failed` the others. Of the otherwise valid items that claim one French day, the first in the batch is created and the others get the 409. An item the function's time limit stops before it starts is a 503 with `outcome: not_applied`; one cut off while its write was out, a 503 with `outcome: unknown`. A malformed envelope (not an object, no `items`, 0 or over 100 items, another member) is a 400 and writes nothing; a bad item is that item's 400. With an `Idempotency-Key`, each item runs once per key derived from the batch's key and the item's JSON value (not its place): a retry with the same key replays every item already created (its 201 result, unchanged; `Idempotent-Replayed-Items` lists their indexes) and runs the others again. An item identical to an earlier one of the same keyed batch runs after it and replays its result (one site); without a key, identical items are separate creates, as separate `POST /sites` would be.",
    body: { schema: "SiteBatch" },
    success: {
      status: 200,
      description: "One result per item, in the items' order, and how many were created and how many failed.",
      schema: "SiteBatchAnswer",
    },
    errors: ["VALIDATION_FAILED", "PAYLOAD_TOO_LARGE"],
  },
} as const satisfies RouteDefinition;

export const getSite = {
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
} as const satisfies RouteDefinition;

export const updateSite = {
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
    errors: [...SITE_WRITES, "NOT_FOUND"],
  },
} as const satisfies RouteDefinition;

export const deleteSite = {
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
    errors: READS,
  },
} as const satisfies RouteDefinition;

export const siteRoutes = [listSites, createSite, createSiteBatch, getSite, updateSite, deleteSite] as const;
