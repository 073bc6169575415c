import { batchGetItems, type RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { encodeName, listKeys, rootKeyOf } from "../db/keys.ts";
import { notFound } from "../errors/domain.ts";
import { checkIfMatch, type IfMatch } from "../records/preconditions.ts";
import { readRecord, recordKey } from "../records/record.ts";
import type { Group } from "./group.ts";

/** A group as stored: sets are absent when empty; `deleting` marks a tombstone (see db/deletion.ts). */
type StoredGroup = Omit<Group, "site_ids" | "child_group_ids" | "parent_group_ids"> & {
  site_ids?: number[];
  child_group_ids?: number[];
  parent_group_ids?: number[];
  deleting?: boolean;
};

export type GroupRecord = Group & { deleting: boolean };

export const ascending = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

export function fromItem(item: StoredGroup): GroupRecord {
  return {
    ...item,
    site_ids: ascending(item.site_ids ?? []),
    child_group_ids: ascending(item.child_group_ids ?? []),
    parent_group_ids: ascending(item.parent_group_ids ?? []),
    deleting: item.deleting === true,
  };
}

/**
 * The stored item: sets only when non-empty (DynamoDB has no empty set), plus the keys of its item
 * and list indexes (db/keys.ts).
 */
export function toItem(group: Group & { deleting?: boolean }) {
  // `deleting` is only ever written by the tombstone; a put must not store it, even as false
  const { site_ids, child_group_ids, parent_group_ids, deleting: _, ...rest } = group;
  return {
    ...rest,
    ...(site_ids.length > 0 ? { site_ids } : {}),
    ...(child_group_ids.length > 0 ? { child_group_ids } : {}),
    ...(parent_group_ids.length > 0 ? { parent_group_ids } : {}),
    name_lower: encodeName(group.name),
    ...listKeys("group", group),
    root_key: rootKeyOf(parent_group_ids),
  };
}

/** The group, tombstone included, or undefined. */
export async function readGroup(db: Database, id: number, consistent = false): Promise<GroupRecord | undefined> {
  const stored = await readRecord<StoredGroup>(db, "group", id, consistent);
  return stored ? fromItem(stored) : undefined;
}

/** The group if it exists and is not being deleted; else 404, or 412 with an `ifMatch`, as for sites. */
export async function readExistingGroup(
  db: Database,
  id: number,
  consistent = false,
  ifMatch?: IfMatch,
): Promise<Group> {
  const stored = await readGroup(db, id, consistent);
  const current = stored && !stored.deleting ? stored : undefined;
  checkIfMatch(ifMatch, `group ${id}`, current?.version);
  if (!current) throw notFound(`group ${id}`);
  return current;
}

/** The groups of raw items, tombstones included. */
function storedGroups(db: Database, items: RawItem[]): StoredGroup[] {
  const { data } = db.entities.group.parse({ Items: items });
  return data as unknown as StoredGroup[];
}

/** Strongly consistent reads of many groups (the nesting walk), missing ones left out. */
export async function readGroups(db: Database, ids: number[]): Promise<GroupRecord[]> {
  const keys = [...new Set(ids)].map((id) => recordKey(db, "group", id));
  return storedGroups(db, await batchGetItems(db, keys, { consistent: true })).map(fromItem);
}

/** The groups of a page of raw items (a list Query). */
export function groupsOfPage(db: Database, items: RawItem[]): Group[] {
  return storedGroups(db, items).map((item) => {
    const { deleting: _, ...group } = fromItem(item);
    return group;
  });
}
