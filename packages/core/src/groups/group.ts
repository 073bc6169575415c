export const GROUP_TYPES = ["group1", "group2", "group3"] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** What a client writes of a group, validated. */
export interface GroupValues {
  name: string;
  type: GroupType;
  /** Sites directly in the group. */
  site_ids: number[];
  /** Groups directly in the group. */
  child_group_ids: number[];
}

export interface Group extends GroupValues {
  id: number;
  /** Groups that directly contain this one: read-only, kept by the nesting writes. */
  parent_group_ids: number[];
  created_at: string;
  updated_at: string;
  version: number;
}

export type GroupRepresentation = Omit<Group, "version">;

const ascending = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

export function representGroup(group: Group): GroupRepresentation {
  return {
    id: group.id,
    name: group.name,
    type: group.type,
    site_ids: ascending(group.site_ids),
    child_group_ids: ascending(group.child_group_ids),
    parent_group_ids: ascending(group.parent_group_ids),
    created_at: group.created_at,
    updated_at: group.updated_at,
  };
}
