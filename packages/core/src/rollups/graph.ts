/**
 * The hierarchy as the API's own items hold it, read with strongly consistent reads: the groups
 * above a set of items (through `group_ids` and `parent_group_ids`), and everything below a set of
 * groups (through `site_ids` and `child_group_ids`). A group being deleted (a tombstone) or gone
 * counts as absent: nothing is below it and it is below nothing.
 */
import { batchGetItems } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { encodeId } from "../db/keys.ts";
import { type GroupRecord, readGroups } from "../groups/store.ts";
import { checkDeadline } from "../runtime/deadline.ts";
import type { Site } from "../sites/site.ts";
import { fromItem, type StoredSite } from "../sites/store.ts";

/** No chain of groups is longer (API.md: 16); a walk stops here even on data that breaks the rule. */
const MAX_LEVELS = 64;

/** The live sites among these ids (tombstones and missing ones left out). */
export async function readLiveSites(db: Database, ids: readonly number[]): Promise<Map<number, Site>> {
  const entity = db.entities.site;
  const keys = [...new Set(ids)].map((id) => entity.get({ id_key: encodeId(id) }).params().Key);
  const items = await batchGetItems(db, keys, { consistent: true });
  const { data } = entity.parse({ Items: items });
  const sites = new Map<number, Site>();
  for (const stored of data as unknown as StoredSite[]) if (!stored.deleting) sites.set(stored.id, fromItem(stored));
  return sites;
}

/** Groups read so far, by id; undefined for one that is missing. */
export class GroupReads {
  private readonly read = new Map<number, GroupRecord | undefined>();

  constructor(private readonly db: Database) {}

  /** Reads the groups not read yet (one strongly consistent BatchGetItem per 100). */
  async fetch(ids: Iterable<number>): Promise<void> {
    checkDeadline("the hierarchy's walk");
    const missing = [...new Set(ids)].filter((id) => !this.read.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.read.set(id, undefined);
    for (const group of await readGroups(this.db, missing)) this.read.set(group.id, group);
  }

  /** The group if it was read and is live. */
  live(id: number): GroupRecord | undefined {
    const group = this.read.get(id);
    return group && !group.deleting ? group : undefined;
  }
}

/**
 * Reads every group above `starts` (the groups themselves included), level by level, and answers
 * the groups above each of them: `above(g)` is g and every group g is below, or nothing when g is
 * not live.
 */
export async function walkUp(reads: GroupReads, starts: Iterable<number>): Promise<(group: number) => Set<number>> {
  let frontier = [...new Set(starts)];
  for (let level = 0; frontier.length > 0 && level < MAX_LEVELS; level++) {
    await reads.fetch(frontier);
    frontier = frontier.flatMap((id) => reads.live(id)?.parent_group_ids ?? []);
  }
  const memo = new Map<number, Set<number>>();
  const above = (group: number, depth = 0): Set<number> => {
    const known = memo.get(group);
    if (known) return known;
    const found = new Set<number>();
    const record = reads.live(group);
    if (record && depth < MAX_LEVELS) {
      found.add(group);
      for (const parent of record.parent_group_ids) for (const g of above(parent, depth + 1)) found.add(g);
    }
    memo.set(group, found);
    return found;
  };
  return (group) => above(group);
}

/** Some groups and everything below them: the groups, their live descendants, every site in them. */
export interface Below {
  groups: Set<number>;
  sites: Set<number>;
}

/**
 * Walks down from `start`, level by level: the groups given (which are in the answer whatever
 * their state) are read and, when live, expanded: their sites and child groups are below, and so
 * on. The sites given are in the answer as they are.
 */
export async function walkDown(
  reads: GroupReads,
  start: { groups: readonly number[]; sites?: readonly number[] },
): Promise<Below> {
  const below: Below = { groups: new Set(start.groups), sites: new Set(start.sites ?? []) };
  let frontier = [...below.groups];
  for (let level = 0; frontier.length > 0 && level <= MAX_LEVELS; level++) {
    await reads.fetch(frontier);
    const next: number[] = [];
    for (const id of frontier) {
      const group = reads.live(id);
      if (!group) continue;
      for (const site of group.site_ids) below.sites.add(site);
      for (const child of group.child_group_ids) {
        if (below.groups.has(child)) continue;
        below.groups.add(child);
        next.push(child);
      }
    }
    frontier = next;
  }
  return below;
}
