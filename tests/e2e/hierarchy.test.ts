/**
 * The hierarchy over HTTP (API.md "The hierarchy"), with both stream processors running as
 * `pnpm dev` runs them: `within_group_id` (sites, groups), `contains_site_id`, `contains_group_id`
 * and `root`, paged, combined with other filters and sorts, each item once however many paths lead
 * to it; and `GET /groups/{id}/summary`, its totals and its `as_of` (an event `GET /events` lists).
 *
 *   A (group1) ⊃ B (group2) ⊃ C (group2);  A ⊃ D (group1) ⊃ C;  E (group1) on its own
 *   B holds s1 s2 (fr), C holds s3 s4 (it) and s1, D holds s5 (fr) and s3; E holds s6.
 */
import { handler as processEvents } from "@sites-groups/functions/events/process";
import { handler as maintain } from "@sites-groups/functions/rollups/process";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Group, Reply, Site } from "../support/client.ts";
import { frenchSite, italianSite } from "../support/fixtures.ts";
import { startTestRunner } from "../support/processed-events.ts";
import { create, expectStatus } from "../support/replies.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";

let api: TestApi;
let runners: Awaited<ReturnType<typeof startTestRunner>>[];
let a: Group;
let b: Group;
let c: Group;
let d: Group;
let e: Group;
let s: Site[];

/** Every write so far folded in by both processors. */
async function folded() {
  for (const runner of runners) await runner.caughtUp();
}

beforeAll(async () => {
  api = await startTestApi({ stream: true });
  runners = [await startTestRunner(api.db, processEvents), await startTestRunner(api.db, (event) => maintain(event))];
  s = [];
  for (const body of [
    frenchSite({ name: "Bravo", max_power_megawatt: 10, min_power_megawatt: 1, useful_energy_at_1_megawatt: 100 }),
    frenchSite({ name: "alpha", max_power_megawatt: 2.5, min_power_megawatt: 0.5, useful_energy_at_1_megawatt: 50 }),
    italianSite({ name: "Delta", max_power_megawatt: 3, min_power_megawatt: 0, efficiency: 0.5 }),
    italianSite({ name: "charlie", max_power_megawatt: 4.25, min_power_megawatt: 1, efficiency: 0.25 }),
    frenchSite({ name: "Echo", max_power_megawatt: 1, min_power_megawatt: 0, useful_energy_at_1_megawatt: 10 }),
    frenchSite({ name: "Foxtrot", max_power_megawatt: 7, min_power_megawatt: 1, useful_energy_at_1_megawatt: 1 }),
  ]) {
    s.push(await create(api, "/sites", body));
  }
  const [s1, s2, s3, s4, s5, s6] = s.map((site) => site.id) as [number, number, number, number, number, number];
  c = await create(api, "/groups", { name: "C", type: "group2", site_ids: [s3, s4, s1] });
  b = await create(api, "/groups", { name: "B", type: "group2", site_ids: [s1, s2], child_group_ids: [c.id] });
  d = await create(api, "/groups", { name: "D", type: "group1", site_ids: [s5, s3], child_group_ids: [c.id] });
  a = await create(api, "/groups", { name: "A", type: "group1", child_group_ids: [b.id, d.id] });
  e = await create(api, "/groups", { name: "E", type: "group1", site_ids: [s6] });
  await folded();
});

/** The ids of a whole listing, a page of `limit` at a time, each page full but the last. */
async function listed(path: "/sites" | "/groups", query: Record<string, string | number>, limit = 2) {
  const ids: number[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query2 = { ...query, limit, ...(cursor ? { cursor } : {}) };
    const reply: Reply<{ items: { id: number }[]; next_cursor: string | null }> =
      path === "/sites"
        ? await api.GET("/sites", { params: { query: query2 } })
        : await api.GET("/groups", { params: { query: query2 } });
    const page = expectStatus(reply, 200);
    ids.push(...page.items.map((item) => item.id));
    if (!page.next_cursor) return ids;
    expect(page.items).toHaveLength(limit);
    cursor = page.next_cursor;
  }
}

const idsOf = (indexes: number[]) => indexes.map((i) => (s[i] as Site).id);

describe("what lies below a group, and above an item", () => {
  it("within_group_id (sites): every site below, each once, in id order both ways, by 2", async () => {
    const below = idsOf([0, 1, 2, 3, 4]);
    expect(await listed("/sites", { within_group_id: a.id })).toEqual(below);
    expect(await listed("/sites", { within_group_id: a.id, sort: "-id" })).toEqual([...below].reverse());
    expect(await listed("/sites", { within_group_id: d.id })).toEqual(idsOf([0, 2, 3, 4]));
    expect(await listed("/sites", { within_group_id: c.id }, 100)).toEqual(idsOf([0, 2, 3]));
  });

  it("within_group_id combines with another sort, other filters and another link filter", async () => {
    // names sort case-insensitively: alpha, Bravo, charlie, Delta, Echo
    expect(await listed("/sites", { within_group_id: a.id, sort: "name" })).toEqual(idsOf([1, 0, 3, 2, 4]));
    expect(await listed("/sites", { within_group_id: a.id, country: "it" })).toEqual(idsOf([2, 3]));
    expect(await listed("/sites", { within_group_id: a.id, max_power_megawatt__gte: 3 })).toEqual(idsOf([0, 2, 3]));
    expect(await listed("/sites", { within_group_id: a.id, group_id: d.id })).toEqual(idsOf([2, 4]));
    expect(await listed("/sites", { group_id: b.id, within_group_id: c.id })).toEqual(idsOf([0]));
  });

  it("within_group_id (groups): every group nested below, at any depth, each once, never the group itself", async () => {
    expect(await listed("/groups", { within_group_id: a.id })).toEqual([c.id, b.id, d.id].sort((x, y) => x - y));
    expect(await listed("/groups", { within_group_id: b.id })).toEqual([c.id]);
    expect(await listed("/groups", { within_group_id: c.id })).toEqual([]);
    expect(await listed("/groups", { within_group_id: a.id, sort: "-name" })).toEqual([d.id, c.id, b.id]);
    expect(await listed("/groups", { within_group_id: a.id, type: "group2" })).toEqual(
      [c.id, b.id].sort((x, y) => x - y),
    );
  });

  it("contains_site_id and contains_group_id: every group above, each once", async () => {
    const above = (ids: number[]) => [...ids].sort((x, y) => x - y);
    expect(await listed("/groups", { contains_site_id: idsOf([0])[0] as number })).toEqual(
      above([a.id, b.id, c.id, d.id]),
    );
    expect(await listed("/groups", { contains_site_id: idsOf([4])[0] as number })).toEqual(above([a.id, d.id]));
    expect(await listed("/groups", { contains_site_id: idsOf([5])[0] as number })).toEqual([e.id]);
    expect(await listed("/groups", { contains_group_id: c.id })).toEqual(above([a.id, b.id, d.id]));
    expect(await listed("/groups", { contains_group_id: a.id })).toEqual([]);
    expect(await listed("/groups", { contains_group_id: c.id, parent_group_id: a.id })).toEqual(above([b.id, d.id]));
  });

  it("root=true lists the groups no group contains, root=false the others, at once after a nesting", async () => {
    expect(await listed("/groups", { root: "true" })).toEqual([a.id, e.id].sort((x, y) => x - y));
    expect(await listed("/groups", { root: "false" })).toEqual([c.id, b.id, d.id].sort((x, y) => x - y));
    expect(await listed("/groups", { root: "false", within_group_id: a.id, sort: "name" })).toEqual([b.id, c.id, d.id]);
    // no stream in between: the group items say it
    const f = await create(api, "/groups", { name: "F", type: "group1" });
    expect(await listed("/groups", { root: "true" }, 100)).toContain(f.id);
    expectStatus(
      await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: e.id, child_id: f.id } } }),
      204,
    );
    expect(await listed("/groups", { root: "true" }, 100)).not.toContain(f.id);
    expectStatus(
      await api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: { id: e.id, child_id: f.id } } }),
      204,
    );
    expect(await listed("/groups", { root: "true" }, 100)).toContain(f.id);
    expectStatus(await api.DELETE("/groups/{id}", { params: { path: { id: f.id } } }), 204);
    await folded();
  });

  it("an unknown id gives an empty list; a bad one, or a root that is no boolean, a 400 naming it", async () => {
    expect(await listed("/sites", { within_group_id: 999_999 })).toEqual([]);
    expect(await listed("/groups", { contains_site_id: 999_999 })).toEqual([]);
    expectInvalid(await api.raw("GET", "/groups?within_group_id=abc"), "within_group_id");
    expectInvalid(await api.raw("GET", "/groups?root=yes"), "root");
    expectInvalid(await api.raw("GET", "/groups?contains_group_id__ne=3"), "contains_group_id__ne");
  });

  it("follows a change: an un-nest takes what was only below through it out, at any depth", async () => {
    expectStatus(
      await api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: { id: d.id, child_id: c.id } } }),
      204,
    );
    await folded();
    expect(await listed("/sites", { within_group_id: d.id })).toEqual(idsOf([2, 4]));
    expect(await listed("/groups", { contains_group_id: c.id })).toEqual([a.id, b.id].sort((x, y) => x - y));
    // s3 is still below A, through B and C
    expect(await listed("/sites", { within_group_id: a.id })).toEqual(idsOf([0, 1, 2, 3, 4]));
    expectStatus(
      await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: d.id, child_id: c.id } } }),
      204,
    );
    await folded();
  });
});

describe("GET /groups/{id}/summary", () => {
  it("totals the sites below, each once: counts, sums and means, by country and by installation year", async () => {
    const summary = expectStatus(await api.GET("/groups/{id}/summary", { params: { path: { id: a.id } } }), 200);
    const below = [0, 1, 2, 3, 4].map((i) => s[i] as Site & Record<string, number>);
    const sum = (sites: typeof below, field: string) => sites.reduce((t, x) => t + Number(x[field]), 0);
    const fr = below.filter((x) => x.country === "fr");
    const it = below.filter((x) => x.country === "it");
    expect(summary).toMatchObject({
      group_id: a.id,
      groups_below: 3,
      sites: {
        count: 5,
        max_power_megawatt: { sum: sum(below, "max_power_megawatt"), mean: sum(below, "max_power_megawatt") / 5 },
        min_power_megawatt: { sum: sum(below, "min_power_megawatt") },
        by_country: {
          fr: { count: 3, useful_energy_at_1_megawatt: { sum: 160, mean: 160 / 3 } },
          it: { count: 2, efficiency: { sum: 0.75, mean: 0.375 } },
        },
      },
    });
    expect(Object.keys(summary.sites.by_country)).toEqual(["fr", "it"]);
    expect(summary.sites.by_country.fr).not.toHaveProperty("efficiency");
    expect(fr.length + it.length).toBe(5);
    const years = Object.entries(summary.sites.by_installation_year);
    expect(years.reduce((n, [, y]) => n + y.count, 0)).toBe(5);
  });

  it("follows a PATCH of a totalled field in every group the site is below", async () => {
    const site = s[0] as Site;
    expectStatus(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { max_power_megawatt: 20 } }),
      200,
    );
    await folded();
    for (const group of [a, b, c, d]) {
      const summary = expectStatus(await api.GET("/groups/{id}/summary", { params: { path: { id: group.id } } }), 200);
      expect(summary.sites.by_country.fr?.max_power_megawatt.sum, group.name).toBeGreaterThanOrEqual(20);
    }
    const e2 = expectStatus(await api.GET("/groups/{id}/summary", { params: { path: { id: e.id } } }), 200);
    expect(e2.sites.max_power_megawatt.sum).toBe(7);
  });

  it("names as its as_of an event GET /events lists, with that event's time", async () => {
    const summary = expectStatus(await api.GET("/groups/{id}/summary", { params: { path: { id: a.id } } }), 200);
    expect(summary.as_of).not.toBeNull();
    const events = expectStatus(await api.GET("/events", { params: { query: { limit: 100 } } }), 200);
    const all = [...events.items];
    let cursor = events.next_cursor;
    while (cursor) {
      const page = expectStatus(await api.GET("/events", { params: { query: { limit: 100, cursor } } }), 200);
      all.push(...page.items);
      cursor = page.next_cursor;
    }
    const named = all.find((event) => event.id === summary.as_of?.event_id);
    expect(named, JSON.stringify(summary.as_of)).toBeDefined();
    expect(summary.as_of?.time).toBe(named?.time);
  });

  it("of a group with nothing below: zero counts and sums, null means, as_of null", async () => {
    const empty = await create(api, "/groups", { name: "Empty", type: "group3" });
    await folded();
    expect(expectStatus(await api.GET("/groups/{id}/summary", { params: { path: { id: empty.id } } }), 200)).toEqual({
      group_id: empty.id,
      groups_below: 0,
      as_of: null,
      sites: {
        count: 0,
        max_power_megawatt: { sum: 0, mean: null },
        min_power_megawatt: { sum: 0, mean: null },
        by_country: {},
        by_installation_year: {},
      },
    });
  });

  it("is a 404 for a group that does not exist, a 400 for a query parameter it does not take", async () => {
    expectProblem(await api.raw("GET", "/groups/999999/summary"), 404, "NOT_FOUND");
    expectInvalid(await api.raw("GET", `/groups/${a.id}/summary?depth=2`), "depth");
  });
});
