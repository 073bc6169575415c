/**
 * The group routes, as plain data beside their handlers (one module per operation here, each
 * wrapping its own record: `http(record, …)`, commons/http.ts). The fields are the route record's
 * (packages/openapi/src/route.ts); functions/src/routes.ts lists every aggregate's. The CDK app and
 * the local emulator load this module without loading any handler code.
 */
import { HIERARCHY_FRESHNESS } from "@sites-groups/core/hierarchy";
import { listIndexNames, ROOT_INDEX } from "@sites-groups/core/table";
import type { RouteDefinition, RouteError } from "@sites-groups/openapi/route";

/** The list indexes: one per sort (core db/keys.ts). */
const GROUP_SORTS = listIndexNames("group");

const READS: readonly RouteError[] = ["VALIDATION_FAILED", "NOT_FOUND", "SERVICE_UNAVAILABLE"];
const LINK = "Touches only the two items and their link, atomically; always fits one transaction.";

export const listGroups = {
  method: "GET",
  path: "/groups",
  name: "ListGroups",
  handler: "groups/list",
  scope: "read",
  // as /sites: a site's memberships are on gsi1, a parent's nestings in its partition of the table;
  // `root` the root index; `within_group_id` the group's below items in the rollups table,
  // `contains_*` the item's on its gsi1, or theirs by key beside another link
  table: { actions: ["Query", "BatchGetItem"], indexes: [...GROUP_SORTS, ROOT_INDEX] },
  rollups: { actions: ["Query", "BatchGetItem"], indexes: ["gsi1"] },
  docs: {
    tag: "Groups",
    summary: "List groups",
    description: "Groups matching every filter, in `sort` order, a page at a time.",
    list: "groups",
    success: { status: 200, description: "A page of groups.", schema: "GroupPage" },
    errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
  },
} as const satisfies RouteDefinition;

export const createGroup = {
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
    ],
  },
} as const satisfies RouteDefinition;

export const getGroup = {
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
} as const satisfies RouteDefinition;

export const updateGroup = {
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
    ],
  },
} as const satisfies RouteDefinition;

export const deleteGroup = {
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
    errors: READS,
  },
} as const satisfies RouteDefinition;

export const addSiteToGroup = {
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
} as const satisfies RouteDefinition;

export const removeSiteFromGroup = {
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
} as const satisfies RouteDefinition;

export const nestGroup = {
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
} as const satisfies RouteDefinition;

export const unnestGroup = {
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
} as const satisfies RouteDefinition;

export const getGroupSummary = {
  method: "GET",
  path: "/groups/{id}/summary",
  name: "GetGroupSummary",
  handler: "groups/summary",
  scope: "read",
  // the group (its 404) and, when the summary names one, the event it last folded in (its time);
  // the summary itself in the rollups table: 3 items read, whatever lies below
  table: { actions: ["BatchGetItem", "GetItem"], indexes: [] },
  rollups: { actions: ["BatchGetItem"], indexes: [] },
  docs: {
    tag: "Groups",
    summary: "The totals of what lies below a group",
    description: `The sites below the group, at any depth, each once: their count, and the exact sum and mean of each totalled field, overall, by country (each country's own totalled fields) and by installation year; \`groups_below\` counts the distinct groups nested below. A constant number of reads, whatever lies below. \`as_of\` names the last change event folded in (null while nothing was ever below). ${HIERARCHY_FRESHNESS}`,
    success: { status: 200, description: "The group's totals.", schema: "GroupSummary" },
    errors: READS,
  },
} as const satisfies RouteDefinition;

export const getGroupTree = {
  method: "GET",
  path: "/groups/{id}/tree",
  name: "GetGroupTree",
  handler: "groups/tree",
  scope: "read",
  // the group items, one strongly consistent BatchGetItem per level (and 100); their summaries (sites_below)
  table: { actions: ["BatchGetItem"], indexes: [] },
  rollups: { actions: ["BatchGetItem"], indexes: [] },
  query: ["depth"],
  docs: {
    tag: "Groups",
    summary: "The groups nested below a group, as a tree",
    description:
      "The group and what is nested below it, read from the group items themselves (strongly consistent), breadth-first, children ascending by id. A group reached by several paths is expanded where it is nearest the root (the first in breadth-first order among equals) and appears elsewhere as `{id, name, type, repeated: true}`. A group at the last level shown has no `children`. At most 1,000 nodes, repeated ones included; past that, a group whose children would not fit is `truncated: true`, without `children`. `site_count` counts the sites directly in the group, `sites_below` those below it at any depth (as in its summary).",
    success: { status: 200, description: "The tree.", schema: "GroupTree" },
    errors: READS,
  },
} as const satisfies RouteDefinition;

export const groupRoutes = [
  listGroups,
  createGroup,
  getGroup,
  updateGroup,
  deleteGroup,
  addSiteToGroup,
  removeSiteFromGroup,
  nestGroup,
  unnestGroup,
  getGroupSummary,
  getGroupTree,
] as const;
