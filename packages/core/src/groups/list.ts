import { encodeId, encodeName, ROOT_GROUP_KEYS } from "../db/keys.ts";
import { type ListSpec, NAME_FILTER } from "../lists/spec.ts";
import { ABOVE_PREFIX, abovePartition, BELOW_IDS, belowPartition, belowPrefix, rollupKeys } from "../rollups/keys.ts";
import { GROUP_TYPES } from "./group.ts";

/**
 * What `GET /groups` accepts. Sorts: id → gsi1, name → gsi2 (partition `group`). `site_id` and
 * `parent_group_id` are answered by the edge items, `within_group_id`, `contains_site_id` and
 * `contains_group_id` by the maintained below items, `root` by the group items' root index
 * (lists/plan.ts).
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
    within_group_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    contains_site_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    contains_group_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    root: { kind: { oneOf: ["true", "false"] }, operators: ["eq"], attribute: "parent_group_ids", emptySet: true },
  },
  sorts: {
    id: { index: "gsi1", field: "id" },
    name: { index: "gsi2", field: "name", encode: (v) => encodeName(String(v)) },
  },
  links: {
    // membership items seen from the site (gsi1), nesting items in the parent's partition (db/entities.ts)
    site_id: {
      index: "gsi1",
      partition: (id) => `site#${encodeId(Number(id))}`,
      prefix: "group#",
      idAttribute: "group_id",
    },
    parent_group_id: { partition: (id) => `group#${encodeId(Number(id))}`, prefix: "child#", idAttribute: "child_id" },
    // the maintained below items (rollups/keys.ts): from the group's side, and from what is below
    within_group_id: {
      table: "rollups",
      partition: (id) => belowPartition(Number(id)),
      prefix: belowPrefix("group"),
      idAttribute: BELOW_IDS.below,
      member: (group, listed) => rollupKeys.below(group, "group", listed),
    },
    contains_site_id: {
      table: "rollups",
      index: "gsi1",
      partition: (id) => abovePartition("site", Number(id)),
      prefix: ABOVE_PREFIX,
      idAttribute: BELOW_IDS.above,
      member: (site, listed) => rollupKeys.below(listed, "site", site),
    },
    contains_group_id: {
      table: "rollups",
      index: "gsi1",
      partition: (id) => abovePartition("group", Number(id)),
      prefix: ABOVE_PREFIX,
      idAttribute: BELOW_IDS.above,
      member: (group, listed) => rollupKeys.below(listed, "group", group),
    },
    // the root index of the group items themselves (db/keys.ts ROOT_GROUP_KEYS), in id order
    root: {
      index: "gsi3",
      partition: (value) => (value === "true" ? ROOT_GROUP_KEYS.root : ROOT_GROUP_KEYS.nested),
      prefix: "",
      idAttribute: "id",
    },
  },
};
