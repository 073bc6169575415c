import { encodeId, encodeName } from "../db/keys.ts";
import { type ListSpec, NAME_FILTER } from "../lists/spec.ts";
import { GROUP_TYPES } from "./group.ts";

/**
 * What `GET /groups` accepts. Sorts: id → gsi1, name → gsi2 (partition `group`). `site_id` and
 * `parent_group_id` are answered by the edge items (lists/plan.ts).
 */
export const groupListSpec: ListSpec = {
  resource: "groups",
  partition: "group",
  filters: {
    id: { kind: "id", operators: ["in"], attribute: "id" },
    name: NAME_FILTER,
    type: { kind: { oneOf: GROUP_TYPES }, operators: ["eq", "ne", "in"], attribute: "type" },
    site_id: { kind: "id", operators: ["eq"], attribute: "site_ids", isSet: true },
    parent_group_id: { kind: "id", operators: ["eq"], attribute: "parent_group_ids", isSet: true },
  },
  sorts: {
    id: { index: "gsi1", field: "id" },
    name: { index: "gsi2", field: "name", encode: (v) => encodeName(String(v)) },
  },
  links: {
    // membership items seen from the site (gsi1), nesting items in the parent's partition (db/entities.ts)
    site_id: { index: "gsi1", partition: (id) => `site#${encodeId(id)}`, prefix: "group#", idAttribute: "group_id" },
    parent_group_id: { partition: (id) => `group#${encodeId(id)}`, prefix: "child#", idAttribute: "child_id" },
  },
};
