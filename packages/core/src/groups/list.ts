import { edgesFrom, edgesTo } from "../db/keys.ts";
import { type ListSpec, NAME_FILTER, sortsOf } from "../lists/spec.ts";
import { GROUP_TYPES } from "./group.ts";

/**
 * What `GET /groups` accepts. Each sort has its list index (db/keys.ts `RECORDS.group`). `site_id`
 * and `parent_group_id` are answered by the edge items (lists/plan.ts): a site's memberships, seen
 * from the site, and a parent's nestings, in its partition.
 */
export const groupListSpec: ListSpec = {
  resource: "groups",
  entity: "group",
  filters: {
    id: { kind: "id", operators: ["in"], attribute: "id" },
    name: NAME_FILTER,
    type: { kind: { oneOf: GROUP_TYPES }, operators: ["eq", "ne", "in"], attribute: "type" },
    site_id: { kind: "id", operators: ["eq"], attribute: "site_ids", isSet: true },
    parent_group_id: { kind: "id", operators: ["eq"], attribute: "parent_group_ids", isSet: true },
  },
  sorts: sortsOf("group"),
  links: { site_id: edgesTo("membership"), parent_group_id: edgesFrom("nesting") },
};
