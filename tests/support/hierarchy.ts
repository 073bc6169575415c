/**
 * The hierarchy computed from scratch by walking the groups, written apart from core's rollups
 * code so that it checks them: for every live group, the sites and groups below it (down
 * `child_group_ids`, collecting `site_ids`, each once) and its summary; then the maintained
 * answers (the summaries, and the lists once they read the maintained items) compared with it.
 */
import { expect } from "vitest";
import type { TestDatabase } from "./database.ts";

type Item = Record<string, any>;

export interface Scratch {
  sites: Map<number, Item>;
  groups: Map<number, Item>;
  /** For each live group: what is below it. */
  sitesBelow: Map<number, Set<number>>;
  groupsBelow: Map<number, Set<number>>;
}

const idsOf = (value: unknown): number[] => [...((value as Iterable<number> | undefined) ?? [])];

/** Walks down from every live group of the table, as it is now (sites and groups under a delete count as gone). */
export async function scratchOf(db: TestDatabase): Promise<Scratch> {
  const items = await db.scanAll();
  const live = (entity: string) =>
    new Map(items.filter((i) => i.__edb_e__ === entity && !i.deleting).map((i) => [i.id as number, i as Item]));
  const sites = live("site");
  const groups = live("group");
  const sitesBelow = new Map<number, Set<number>>();
  const groupsBelow = new Map<number, Set<number>>();
  for (const top of groups.keys()) {
    const seen = new Set<number>();
    const below = new Set<number>();
    const stack = [top];
    while (stack.length > 0) {
      const group = groups.get(stack.pop() as number);
      if (!group) continue;
      for (const site of idsOf(group.site_ids)) if (sites.has(site)) below.add(site);
      for (const child of idsOf(group.child_group_ids)) {
        if (!groups.has(child) || seen.has(child)) continue;
        seen.add(child);
        stack.push(child);
      }
    }
    sitesBelow.set(top, below);
    groupsBelow.set(top, seen);
  }
  return { sites, groups, sitesBelow, groupsBelow };
}

/** The groups each site or group is below: the inverse of `sitesBelow` and `groupsBelow`. */
export function aboveOf(scratch: Scratch, kind: "site" | "group", id: number): number[] {
  const below = kind === "site" ? scratch.sitesBelow : scratch.groupsBelow;
  return [...below]
    .filter(([, ids]) => ids.has(id))
    .map(([group]) => group)
    .sort((a, b) => a - b);
}

const COMMON = ["max_power_megawatt", "min_power_megawatt"];
const OWN: Record<string, string> = { fr: "useful_energy_at_1_megawatt", it: "efficiency" };

/** Sums of plain doubles: the contract's 1e-9 relative is the tolerance. */
function totals(sites: Item[], fields: string[]) {
  const out: Record<string, unknown> = { count: sites.length };
  for (const field of fields) {
    const sum = sites.reduce((s, site) => s + Number(site[field] ?? site.details?.[field]), 0);
    out[field] = { sum, mean: sites.length === 0 ? null : sum / sites.length };
  }
  return out;
}

/** The summary API.md describes, from the sites below the group. */
export function expectedSummary(scratch: Scratch, group: number) {
  const sites = [...(scratch.sitesBelow.get(group) ?? [])].map((id) => scratch.sites.get(id) as Item);
  const byCountry: Record<string, unknown> = {};
  for (const country of [...new Set(sites.map((s) => s.country as string))].sort()) {
    byCountry[country] = totals(
      sites.filter((s) => s.country === country),
      [...COMMON, OWN[country] as string],
    );
  }
  const byYear: Record<string, unknown> = {};
  for (const year of [...new Set(sites.map((s) => String(s.installation_date).slice(0, 4)))].sort()) {
    const those = sites.filter((s) => String(s.installation_date).startsWith(year));
    const { count, max_power_megawatt } = totals(those, ["max_power_megawatt"]) as {
      count: number;
      max_power_megawatt: { sum: number };
    };
    byYear[year] = { count, max_power_megawatt: { sum: max_power_megawatt.sum } };
  }
  return {
    group_id: group,
    groups_below: scratch.groupsBelow.get(group)?.size ?? 0,
    sites: { ...totals(sites, COMMON), by_country: byCountry, by_installation_year: byYear },
  };
}

/** Numbers equal to 1e-9 relative (sums are exact, then rounded once; a double sum is not). */
function close(found: unknown, expected: unknown, path: string): void {
  if (typeof expected === "number" && typeof found === "number") {
    const scale = Math.max(Math.abs(expected), Math.abs(found), Number.MIN_VALUE);
    expect(Math.abs(found - expected) / scale, `${path}: ${found} vs ${expected}`).toBeLessThanOrEqual(1e-9);
    return;
  }
  if (expected && typeof expected === "object") {
    expect(Object.keys(found as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) close((found as Item)[key], value, `${path}.${key}`);
    return;
  }
  expect(found, path).toEqual(expected);
}

/** Every live group's summary, as the service answers it, equals the one from scratch. */
export async function expectSummariesMatch(db: TestDatabase, scratch: Scratch): Promise<void> {
  for (const group of scratch.groups.keys()) {
    const { as_of: _, ...summary } = await db.context.hierarchy.summary(group);
    close(summary, expectedSummary(scratch, group), `summary of group ${group}`);
  }
}

/** The maintained below items (from a scan) name exactly what is below each group. */
export async function expectBelowItemsMatch(db: TestDatabase, scratch: Scratch): Promise<void> {
  const items = await db.scanAll(db.context.db.rollupsTable);
  const found = new Map<string, number[]>();
  for (const item of items) {
    if (!String(item.pk).startsWith("rollup#below#")) continue;
    const key = `${item.above_id} ${item.kind}`;
    found.set(key, [...(found.get(key) ?? []), item.below_id as number]);
  }
  const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  for (const group of new Set([...scratch.groups.keys(), ...[...found.keys()].map((k) => Number(k.split(" ")[0]))])) {
    expect(sorted(found.get(`${group} site`) ?? []), `sites below group ${group}`).toEqual(
      sorted(scratch.sitesBelow.get(group) ?? []),
    );
    expect(sorted(found.get(`${group} group`) ?? []), `groups below group ${group}`).toEqual(
      sorted(scratch.groupsBelow.get(group) ?? []),
    );
  }
}

type Lister = (query: Record<string, string>) => Promise<{ items: { id: number }[]; next_cursor: string | null }>;

/** The ids of a whole listing, following the cursors. */
async function listed(list: Lister, query: Record<string, string>): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

/**
 * Every `within_group_id` (sites, groups), `contains_site_id`, `contains_group_id` and `root`
 * listing, as the services answer it, holds exactly the items from scratch, each once, in id order;
 * the largest ones are also paged 3 at a time and sorted by name.
 */
export async function expectListsMatch(db: TestDatabase, scratch: Scratch): Promise<void> {
  const sites: Lister = (query) => db.context.sites.list(query);
  const groups: Lister = (query) => db.context.groups.list(query);
  const ascending = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  const largest = [...scratch.sitesBelow]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 2)
    .map(([g]) => g);
  for (const group of scratch.groups.keys()) {
    const expected = ascending(scratch.sitesBelow.get(group) ?? []);
    expect(await listed(sites, { within_group_id: String(group), limit: "100" }), `sites within ${group}`).toEqual(
      expected,
    );
    expect(await listed(groups, { within_group_id: String(group), limit: "100" }), `groups within ${group}`).toEqual(
      ascending(scratch.groupsBelow.get(group) ?? []),
    );
    expect(
      await listed(groups, { contains_group_id: String(group), limit: "100" }),
      `groups containing ${group}`,
    ).toEqual(aboveOf(scratch, "group", group));
    if (largest.includes(group)) {
      expect(
        await listed(sites, { within_group_id: String(group), limit: "3" }),
        `sites within ${group}, by 3`,
      ).toEqual(expected);
      const byName = await listed(sites, { within_group_id: String(group), sort: "name", limit: "3" });
      expect(ascending(byName), `sites within ${group} by name`).toEqual(expected);
    }
  }
  for (const site of scratch.sites.keys()) {
    expect(
      await listed(groups, { contains_site_id: String(site), limit: "100" }),
      `groups containing site ${site}`,
    ).toEqual(aboveOf(scratch, "site", site));
  }
  const roots = [...scratch.groups.values()]
    .filter((g) => idsOf(g.parent_group_ids).length === 0)
    .map((g) => g.id as number);
  expect(await listed(groups, { root: "true", limit: "100" }), "root groups").toEqual(ascending(roots));
  expect(await listed(groups, { root: "false", limit: "100" }), "nested groups").toEqual(
    ascending([...scratch.groups.keys()].filter((g) => !roots.includes(g))),
  );
}

/** Everything the hierarchy maintains equals what is computed from scratch, and the rebuild's check says so. */
export async function expectHierarchyMatches(db: TestDatabase): Promise<Scratch> {
  const scratch = await scratchOf(db);
  await expectBelowItemsMatch(db, scratch);
  await expectListsMatch(db, scratch);
  await expectSummariesMatch(db, scratch);
  expect(await db.context.hierarchy.check()).toEqual([]);
  return scratch;
}
