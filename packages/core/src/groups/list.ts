import { edgesFrom, edgesTo, ROOT_LINK } from "../db/keys.ts";
import { type ListSpec, NAME_FILTER, sortsOf } from "../lists/spec.ts";
import { aboveLink, belowLink } from "../rollups/keys.ts";
import { GROUP_TYPES } from "./group.ts";

/**
 * What `GET /groups` accepts. Each sort has its list index (db/keys.ts `RECORDS.group`). `site_id`
 * and `parent_group_id` are answered by the edge items (lists/plan.ts): a site's memberships, seen
 * from the site, and a parent's nestings, in its partition; `within_group_id`, `contains_site_id`
 * and `contains_group_id` by the maintained below items, from the group's side and from what is
 * below; `root` by the group items' root index.
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
    within_group_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    contains_site_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    contains_group_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    root: { kind: { oneOf: ["true", "false"] }, operators: ["eq"], attribute: "parent_group_ids", emptySet: true },
  },
  sorts: sortsOf("group"),
  links: {
    site_id: edgesTo("membership"),
    parent_group_id: edgesFrom("nesting"),
    within_group_id: belowLink("group"),
    contains_site_id: aboveLink("site"),
    contains_group_id: aboveLink("group"),
    root: ROOT_LINK,
  },
};
