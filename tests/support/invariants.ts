import { expect } from "vitest";
import type { TestDatabase } from "./database.ts";

type Item = Record<string, any>;

const ids = (value: unknown): number[] => [...((value as Iterable<number> | undefined) ?? [])].sort((a, b) => a - b);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/**
 * Reads the whole table (a checker may scan; request paths never do) and asserts every
 * invariant of the data model:
 * - the two ends of every edge agree, and every stored id set equals the edges;
 * - every group is in the root index's partition that says whether it has a parent;
 * - no group3 holds a site; the nesting graph is acyclic, and no chain holds more than 16 groups;
 * - every French day has at most one site, and exactly one lock, held by that site;
 * - no tombstone of an interrupted delete is left.
 */
export async function expectConsistent(db: TestDatabase) {
  const items = await db.scanAll();
  const of = (entity: string) => items.filter((i) => i.__edb_e__ === entity) as Item[];
  const sites = new Map(of("site").map((s) => [s.id as number, s]));
  const groups = new Map(of("group").map((g) => [g.id as number, g]));
  const memberships = of("membership");
  const nestings = of("nesting");
  const claims = of("claim");

  expect([...sites.values()].filter((s) => s.deleting)).toEqual([]);
  expect([...groups.values()].filter((g) => g.deleting)).toEqual([]);

  for (const m of memberships) {
    expect(sites.has(m.site_id), `membership ${m.group_id}∋${m.site_id}: no site`).toBe(true);
    expect(groups.has(m.group_id), `membership ${m.group_id}∋${m.site_id}: no group`).toBe(true);
  }
  for (const n of nestings) {
    expect(groups.has(n.parent_id), `nesting ${n.parent_id}⊃${n.child_id}: no parent`).toBe(true);
    expect(groups.has(n.child_id), `nesting ${n.parent_id}⊃${n.child_id}: no child`).toBe(true);
  }
  for (const [id, site] of sites) {
    const edges = sorted(memberships.filter((m) => m.site_id === id).map((m) => m.group_id));
    expect(ids(site.group_ids), `site ${id} group_ids`).toEqual(edges);
  }
  for (const [id, group] of groups) {
    const members = sorted(memberships.filter((m) => m.group_id === id).map((m) => m.site_id));
    expect(ids(group.site_ids), `group ${id} site_ids`).toEqual(members);
    expect(ids(group.child_group_ids), `group ${id} child_group_ids`).toEqual(
      sorted(nestings.filter((n) => n.parent_id === id).map((n) => n.child_id)),
    );
    expect(ids(group.parent_group_ids), `group ${id} parent_group_ids`).toEqual(
      sorted(nestings.filter((n) => n.child_id === id).map((n) => n.parent_id)),
    );
    if (group.type === "group3") expect(members, `group3 ${id} holds sites`).toEqual([]);
    // the root index (gsi3) says whether the group has a parent, kept by every nesting write
    const root = ids(group.parent_group_ids).length === 0 ? "group#root" : "group#nested";
    expect([group.root_key, group.gsi3pk, group.gsi3sk], `group ${id} in the root index`).toEqual([
      root,
      root,
      group.id_key,
    ]);
  }

  // acyclic: repeatedly remove groups with no remaining child; a cycle leaves some behind
  const children = new Map([...groups.keys()].map((g) => [g, new Set<number>()]));
  for (const n of nestings) children.get(n.parent_id)?.add(n.child_id);
  let removed = true;
  while (removed) {
    removed = false;
    for (const [g, kids] of children) {
      if (kids.size === 0) {
        children.delete(g);
        for (const other of children.values()) other.delete(g);
        removed = true;
      }
    }
  }
  expect([...children.keys()], "groups on a nesting cycle").toEqual([]);
  expect(
    longestChain(nestings as { parent_id: number; child_id: number }[]),
    "groups on the longest nesting chain",
  ).toBeLessThanOrEqual(16);

  const french = [...sites.values()].filter((s) => s.country === "fr");
  const days = french.map((s) => s.installation_date as string);
  expect(new Set(days).size, "French days with more than one site").toBe(days.length);
  expect(claims.map((c) => c.key).sort()).toEqual(days.map((d) => `fr-day#${d}`).sort());
  for (const claim of claims) {
    const holder = sites.get(claim.site_id);
    expect(holder && `fr-day#${holder.installation_date}`, `lock ${claim.key}`).toBe(claim.key);
  }
  return { sites, groups, memberships, nestings, claims };
}

/** The number of groups on the longest chain of nestings (each group inside the next); acyclic graph. */
export function longestChain(nestings: readonly { parent_id: number; child_id: number }[]): number {
  const children = new Map<number, number[]>();
  for (const n of nestings) children.set(n.parent_id, [...(children.get(n.parent_id) ?? []), n.child_id]);
  const height = new Map<number, number>();
  const of = (g: number): number => {
    const known = height.get(g);
    if (known !== undefined) return known;
    const h = 1 + Math.max(0, ...(children.get(g) ?? []).map(of));
    height.set(g, h);
    return h;
  };
  return Math.max(0, ...nestings.map((n) => of(n.parent_id)));
}
