import type { RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { encodeId, encodeName, ROOT_GROUP_KEYS, sortKey } from "../db/keys.ts";
import { AGAIN, retry } from "../db/retry.ts";
import { notFound, ServiceUnavailableError } from "../errors/domain.ts";
import { readRecord } from "../records/record.ts";
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

/** The stored item: sets only when non-empty (DynamoDB has no empty set), plus the list sort keys. */
export function toItem(group: Group & { deleting?: boolean }) {
  // `deleting` is only ever written by the tombstone; a put must not store it, even as false
  const { site_ids, child_group_ids, parent_group_ids, deleting: _, ...rest } = group;
  return {
    ...rest,
    ...(site_ids.length > 0 ? { site_ids } : {}),
    ...(child_group_ids.length > 0 ? { child_group_ids } : {}),
    ...(parent_group_ids.length > 0 ? { parent_group_ids } : {}),
    name_lower: encodeName(group.name),
    id_key: encodeId(group.id),
    name_key: sortKey(encodeName(group.name), group.id),
    root_key: parent_group_ids.length > 0 ? ROOT_GROUP_KEYS.nested : ROOT_GROUP_KEYS.root,
  };
}

/** The group, tombstone included, or undefined. */
export async function readGroup(db: Database, id: number, consistent = false): Promise<GroupRecord | undefined> {
  const stored = await readRecord<StoredGroup>(db, "group", id, consistent);
  return stored ? fromItem(stored) : undefined;
}

/** The group if it exists and is not being deleted; else 404. */
export async function readExistingGroup(db: Database, id: number, consistent = false): Promise<Group> {
  const group = await readGroup(db, id, consistent);
  if (!group || group.deleting) throw notFound(`group ${id}`);
  return group;
}

/** Tries of a BatchGetItem whose keys come back unprocessed (a throttled read). */
const BATCH_ATTEMPTS = 5;

/**
 * Strongly consistent reads of many groups. DynamoDB answers a partly throttled BatchGetItem
 * with unprocessed keys rather than an error: they are asked again, then it is a 503.
 */
export async function readGroups(db: Database, ids: number[]): Promise<GroupRecord[]> {
  const found: StoredGroup[] = [];
  let keys = [...new Set(ids)].map((g) => ({ id_key: encodeId(g) }));
  if (keys.length === 0) return [];
  const exhausted = () => new ServiceUnavailableError("the database is throttling reads");
  await retry({ attempts: BATCH_ATTEMPTS, exhausted }, async () => {
    const { data, unprocessed } = await db.entities.group.get(keys).go({ consistent: true });
    found.push(...(data as unknown as StoredGroup[]));
    keys = unprocessed as typeof keys;
    return keys.length > 0 ? AGAIN : undefined;
  });
  return found.map(fromItem);
}

/** The groups of a page of raw items (a list Query). */
export function groupsOfPage(db: Database, items: RawItem[]): Group[] {
  const { data } = db.entities.group.parse({ Items: items });
  return (data as unknown as StoredGroup[]).map((item) => {
    const { deleting: _, ...group } = fromItem(item);
    return group;
  });
}
