/**
 * The maintained items computed from scratch, in memory, from every live site and group: for
 * each item the groups it is below, and for each group its totals. What the rebuild compares the
 * maintained items with (rebuild.ts), and what a bulk load writes (db/bulk.ts).
 */
import type { CountryRegistry } from "../countries/registry.ts";
import type { Group } from "../groups/group.ts";
import type { Site } from "../sites/site.ts";
import type { Placed } from "./keys.ts";
import { ledgerKey } from "./store.ts";
import { addDelta, type Contribution, contributionOf, type Delta, deltaOf, summaryAttribute } from "./totals.ts";

export interface ScratchRollups {
  /** By `kind#id` (store.ts ledgerKey): the groups the item is below. */
  up: Map<string, Set<number>>;
  /** Each live site's contribution. */
  contributions: Map<number, Contribution>;
  /** Each live group's totals, as a summary's numbers (zeros left out). */
  summaries: Map<number, Delta>;
}

/** `sites` and `groups` are the live ones (no tombstone); links to anything else count as absent. */
export function rollupsFromScratch(
  registry: CountryRegistry,
  sites: readonly Site[],
  groups: readonly Group[],
): ScratchRollups {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const memo = new Map<number, Set<number>>();
  const above = (id: number, seen: ReadonlySet<number> = new Set()): Set<number> => {
    const known = memo.get(id);
    if (known) return known;
    const found = new Set<number>();
    const group = byId.get(id);
    if (group && !seen.has(id)) {
      found.add(id);
      const path = new Set([...seen, id]);
      for (const parent of group.parent_group_ids) for (const g of above(parent, path)) found.add(g);
    }
    memo.set(id, found);
    return found;
  };
  const upOf = (parents: readonly number[]) => new Set(parents.flatMap((p) => [...above(p)]));

  const rollups: ScratchRollups = { up: new Map(), contributions: new Map(), summaries: new Map() };
  const add = (group: number, delta: Delta) => {
    rollups.summaries.set(group, addDelta(rollups.summaries.get(group) ?? new Map(), delta));
  };
  const place = (kind: Placed, id: number, up: Set<number>, delta: Delta) => {
    rollups.up.set(ledgerKey(kind, id), up);
    for (const group of up) add(group, delta);
  };
  for (const group of groups) {
    rollups.summaries.set(group.id, rollups.summaries.get(group.id) ?? new Map());
    place("group", group.id, upOf(group.parent_group_ids), new Map([[summaryAttribute.groups, 1n]]));
  }
  for (const site of sites) {
    const contribution = contributionOf(registry, site);
    rollups.contributions.set(site.id, contribution);
    place("site", site.id, upOf(site.group_ids), deltaOf(contribution, 1n));
  }
  return rollups;
}
