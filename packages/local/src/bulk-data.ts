/**
 * A deterministic large data set for the list-plan tests and `pnpm bench`, written with core's
 * `bulkLoad` (BatchWriteItem, thousands of items a second on DynamoDB Local). Its shapes are the
 * ones the list planner must serve: a group of 4 sites, one of 30, one holding half the table
 * (past SORTED_LINKS_BOUND from 2,002 sites), an empty one, a parent of 35 children, names and
 * dates that repeat a little, one unique name.
 */
import type { BulkData, Group, Site } from "@sites-groups/core";

export const UNIQUE_NAME = "The one and only";
const AT = "2026-01-01T00:00:00.000Z";

/** A group of the bulk data, with no link yet, written at the data's one time. */
export function bulkGroup(id: number, name: string, type: Group["type"]): Group {
  return {
    id,
    name,
    type,
    site_ids: [],
    child_group_ids: [],
    parent_group_ids: [],
    created_at: AT,
    updated_at: AT,
    version: 1,
  };
}
const DAY_MS = 86_400_000;

export interface BulkShape {
  /** A group of 4 sites spread over the table, one of 30, one of every other site, one empty. */
  small: number;
  thirty: number;
  half: number;
  empty: number;
  /** A group whose children are the 35 groups after it. */
  parent: number;
  children: number[];
}

export const SHAPE: BulkShape = {
  small: 1,
  half: 2,
  thirty: 4,
  empty: 7,
  parent: 5,
  children: Array.from({ length: 35 }, (_, i) => 8 + i),
};

function site(id: number): Site {
  const french = id % 2 === 0;
  const max = (id % 97) + 0.5;
  return {
    id,
    country: french ? "fr" : "it",
    name: id === 17 ? UNIQUE_NAME : `Site ${id % 500}`,
    installation_date: new Date(Date.UTC(2015, 0, 1) + (id % 3000) * DAY_MS).toISOString().slice(0, 10),
    max_power_megawatt: max,
    min_power_megawatt: max / 2,
    details: french ? { useful_energy_at_1_megawatt: id % 10 } : { efficiency: (id % 10) / 10 },
    group_ids: [],
    created_at: AT,
    updated_at: AT,
    version: 1,
  };
}

/** `sites` sites and `groups` groups (at least 50), linked as SHAPE says, plus 3 sites in each other group1/group2. */
export function bulkData(siteCount: number, groupCount: number): BulkData {
  const sites = Array.from({ length: siteCount }, (_, i) => site(i + 1));
  const types = ["group1", "group2", "group3"] as const;
  const groups: Group[] = Array.from({ length: groupCount }, (_, i) =>
    bulkGroup(i + 1, `Group ${(i + 1) % 300}`, types[(i + 1) % 3] as Group["type"]),
  );
  const group = (id: number) => groups[id - 1] as Group;
  const link = (g: number, s: number) => {
    group(g).type = group(g).type === "group3" ? "group1" : group(g).type;
    group(g).site_ids.push(s);
    (sites[s - 1] as Site).group_ids.push(g);
  };
  const quarter = Math.floor(siteCount / 4);
  for (const s of [5, quarter, 2 * quarter, 3 * quarter]) link(SHAPE.small, s);
  for (let s = 2; s <= siteCount; s += 2) link(SHAPE.half, s);
  for (let s = 100; s < 130; s++) link(SHAPE.thirty, s);
  for (const child of SHAPE.children) {
    group(SHAPE.parent).child_group_ids.push(child);
    group(child).parent_group_ids.push(SHAPE.parent);
  }
  const special = new Set<number>([SHAPE.small, SHAPE.half, SHAPE.thirty, SHAPE.empty, SHAPE.parent]);
  for (const g of groups) {
    if (special.has(g.id) || g.type === "group3") continue;
    for (const k of [7, 13, 29]) link(g.id, ((g.id * k) % siteCount) + 1);
  }
  for (const s of sites) s.group_ids = [...new Set(s.group_ids)].sort((a, b) => a - b);
  for (const g of groups) g.site_ids = [...new Set(g.site_ids)];
  return { sites, groups };
}
