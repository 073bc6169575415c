import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { frenchSite } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";
import { expectInvalid } from "./fixtures.ts";
import type { Group } from "./group-fixtures.ts";
import { GROUP_NAMES, type GroupQuery, paging, type Query, type SortKey, sortsOf } from "./paging.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

const TYPES = ["group1", "group2", "group3"] as const;
const GROUP_COUNT = 48;

/** The i-th group created holds site 0 when i % 4 === 0 and site 1 when i % 6 === 1, unless it is a group3; none holds site 2. */
function holds(i: number, site: number): boolean {
  if (TYPES[i % 3] === "group3") return false;
  return (site === 0 && i % 4 === 0) || (site === 1 && i % 6 === 1);
}

let groups: Group[] = [];
let siteIds: number[] = [];
/** In id order: group 0 holds the groups i % 5 === 2; group 1 holds the groups i % 7 === 3; group 2 holds group 4. */
let first: Group;
let second: Group;
let middle: Group;

type Key = SortKey<Group>;
const SORT_KEYS: Record<"id" | "name", Key> = { id: (g) => g.id, name: (g) => g.name.toLowerCase() };
const SORTS = sortsOf(SORT_KEYS);
const { list, pageThrough, expectListing, expectNoMatches, sortLocally } = paging(() => api, "groups", SORT_KEYS);

it("an empty table lists no item and no cursor", async () => {
  const response = await api.GET("/groups");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
  expect(response.body).toEqual({ items: [], next_cursor: null });
});

describe(`GET /groups over ${GROUP_COUNT} groups`, () => {
  beforeAll(async () => {
    const sites = await Promise.all([0, 1, 2].map(() => create(api, "/sites", frenchSite())));
    siteIds = sites.map((s) => s.id);
    const created: Group[] = [];
    for (let start = 0; start < GROUP_COUNT; start += 10) {
      const batch = Array.from({ length: Math.min(10, GROUP_COUNT - start) }, (_, k) => start + k);
      const groups = batch.map((i) =>
        create(api, "/groups", {
          name: GROUP_NAMES[i % GROUP_NAMES.length] as string,
          type: TYPES[i % 3] as Group["type"],
          site_ids: siteIds.filter((_, s) => holds(i, s)),
        }),
      );
      created.push(...(await Promise.all(groups)));
    }
    const byIndex = created.sort((a, b) => a.id - b.id);
    [first, second, middle] = byIndex as [Group, Group, Group];
    const nestings: [Group, Group][] = [
      ...byIndex.filter((_, i) => i % 5 === 2).map((g): [Group, Group] => [first, g]),
      ...byIndex.filter((_, i) => i % 7 === 3).map((g): [Group, Group] => [second, g]),
      [middle, byIndex[4] as Group],
    ];
    for (const [parent, child] of nestings) {
      const response = await api.PUT("/groups/{id}/groups/{child_id}", {
        params: { path: { id: parent.id, child_id: child.id } },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(204);
    }
    groups = [];
    for (let start = 0; start < GROUP_COUNT; start += 10) {
      const reads = await Promise.all(
        byIndex.slice(start, start + 10).map((g) => api.GET("/groups/{id}", { params: { path: { id: g.id } } })),
      );
      groups.push(...reads.map((r) => r.body as Group));
    }
    [first, second, middle] = groups as [Group, Group, Group];
  });

  it("the data set exercises what the lists must get right", () => {
    expect(groups).toHaveLength(GROUP_COUNT);
    const names = groups.map((g) => g.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size, "names tie").toBeLessThan(GROUP_COUNT);
    expect(new Set(names).size, "some names differ by case only").toBeGreaterThan(
      new Set(names.map((n) => n.toLowerCase())).size,
    );
    expect(first.child_group_ids.length).toBeGreaterThan(7);
    expect(middle.child_group_ids).toHaveLength(1);
    expect(groups.filter((g) => g.site_ids.includes(siteIds[0] as number)).length).toBeGreaterThan(7);
  });

  it("is {items, next_cursor}, every item exactly as GET /groups/{id} shows it", async () => {
    const response = await api.GET("/groups", { params: { query: { limit: 100 } } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: groups, next_cursor: null });
  });

  describe("limit", () => {
    it("defaults to 20, in id order", async () => {
      const response = await api.GET("/groups");
      expect(response.body.items.map((g: Group) => g.id)).toEqual(groups.slice(0, 20).map((g) => g.id));
      expect(typeof response.body.next_cursor).toBe("string");
    });

    it("of exactly the number of matches gives one page and no cursor", async () => {
      const response = await api.GET("/groups", { params: { query: { limit: GROUP_COUNT } } });
      expect(response.body.items).toHaveLength(GROUP_COUNT);
      expect(response.body.next_cursor).toBeNull();
    });

    it("dividing the number of matches gives full pages, the last one with no cursor", async () => {
      for (const sort of SORTS) {
        expect((await pageThrough({ sort }, 16)).map((g) => g.id)).toEqual(sortLocally(groups, sort).map((g) => g.id));
      }
    });

    it.each(["0", "101", "-1", "1.5", "abc", ""])("refuses limit=%j with a 400 naming limit", async (limit) => {
      expectInvalid(await api.raw("GET", `/groups?limit=${limit}`), "limit");
    });
  });

  describe("sort, paging by 7 through every group", () => {
    it.each(SORTS)("sort=%s", async (sort) => {
      await expectListing({}, sort, groups);
    });

    it("sort=id is the default", async () => {
      expect((await pageThrough({})).map((g) => g.id)).toEqual(groups.map((g) => g.id));
    });
  });

  describe("filters, paged by 7 under every sort", () => {
    /** 14 ids spread over the table: two whole pages of 7. */
    const chosen = () => groups.filter((_, i) => i % 3 === 1).slice(0, 14);
    const site = (s: number) => siteIds[s] as number;
    const cases: [string, () => Record<string, string | number>, (g: Group) => boolean][] = [
      [
        "id__in (14 ids)",
        () => ({
          id__in: chosen()
            .map((g) => g.id)
            .join(","),
        }),
        (g) => chosen().includes(g),
      ],
      ["name=Alpha (exact)", () => ({ name: "Alpha" }), (g) => g.name === "Alpha"],
      ["name=sierra Nord (exact)", () => ({ name: "sierra Nord" }), (g) => g.name === "sierra Nord"],
      ["name__contains=aR (case-insensitive)", () => ({ name__contains: "aR" }), (g) => /ar/i.test(g.name)],
      ["name__contains=a space", () => ({ name__contains: " " }), (g) => g.name.includes(" ")],
      ["name__startswith=s", () => ({ name__startswith: "s" }), (g) => /^s/i.test(g.name)],
      ["name__startswith=SOL", () => ({ name__startswith: "SOL" }), (g) => /^sol/i.test(g.name)],
      ["type=group2", () => ({ type: "group2" }), (g) => g.type === "group2"],
      ["type__ne=group3", () => ({ type__ne: "group3" }), (g) => g.type !== "group3"],
      ["type__in=group1,group3", () => ({ type__in: "group1,group3" }), (g) => g.type !== "group2"],
      ["type__in=group1,group2,group3 (every group)", () => ({ type__in: "group1,group2,group3" }), () => true],
      ["site_id= a site in several groups", () => ({ site_id: site(0) }), (g) => g.site_ids.includes(site(0))],
      ["site_id= another site", () => ({ site_id: site(1) }), (g) => g.site_ids.includes(site(1))],
      [
        "parent_group_id= the first group (not its grandchild)",
        () => ({ parent_group_id: first.id }),
        (g) => g.parent_group_ids.includes(first.id),
      ],
      [
        "parent_group_id= the second group",
        () => ({ parent_group_id: second.id }),
        (g) => g.parent_group_ids.includes(second.id),
      ],
      [
        "parent_group_id= a group with one child",
        () => ({ parent_group_id: middle.id }),
        (g) => g.parent_group_ids.includes(middle.id),
      ],
      [
        "type=group1 & name__startswith=a",
        () => ({ type: "group1", name__startswith: "a" }),
        (g) => g.type === "group1" && /^a/i.test(g.name),
      ],
      [
        "site_id & type=group2",
        () => ({ site_id: site(0), type: "group2" }),
        (g) => g.site_ids.includes(site(0)) && g.type === "group2",
      ],
      [
        "parent_group_id & name__contains=e",
        () => ({ parent_group_id: first.id, name__contains: "e" }),
        (g) => g.parent_group_ids.includes(first.id) && /e/i.test(g.name),
      ],
    ];

    it.each(cases)("%s matches some groups, and all of them only when it says so", (name, _, matches) => {
      const count = groups.filter(matches).length;
      expect(count).toBeGreaterThan(0);
      if (name.endsWith("(every group)")) expect(count).toBe(GROUP_COUNT);
      else expect(count).toBeLessThan(GROUP_COUNT);
    });

    it("parent_group_id lists the groups directly inside only: the grandchild is left out", () => {
      const grandchild = groups[4] as Group;
      expect(grandchild.parent_group_ids).toEqual([middle.id]);
      expect(middle.parent_group_ids).toEqual([first.id]);
      expect(groups.filter((g) => g.parent_group_ids.includes(first.id))).not.toContainEqual(grandchild);
    });

    describe.each(cases)("%s", (_, query, matches) => {
      it.each(SORTS)("sort=%s", async (sort) => {
        await expectListing(query(), sort, groups.filter(matches));
      });
    });

    it("a filter that matches nothing gives one empty page and no cursor", async () => {
      const queries: Query[] = [
        { name__contains: "zzz" },
        { name: "ALPHA", sort: "name" },
        { site_id: siteIds[2] as number },
        { site_id: 999_999 },
        { parent_group_id: (groups[5] as Group).id },
        { parent_group_id: 999_999, sort: "-name" },
        { type: "group3", site_id: siteIds[0] as number },
        { id__in: [999998, 999999] },
      ];
      await expectNoMatches(queries);
    });
  });

  describe("bad parameters are a 400 naming the parameter", () => {
    it.each([
      ["colour=red", "colour"],
      ["name__gt=a", "name__gt"],
      ["name__ne=a", "name__ne"],
      ["name__eq=Alpha", "name__eq"],
      ["type=group4", "type"],
      ["type=Group1", "type"],
      ["type__in=group1,group9", "type__in"],
      ["type__gt=group1", "type__gt"],
      ["type__contains=group", "type__contains"],
      ["site_id=abc", "site_id"],
      ["site_id=0", "site_id"],
      ["site_id=1.5", "site_id"],
      ["site_id__in=1,2", "site_id__in"],
      ["site_id__ne=1", "site_id__ne"],
      ["parent_group_id=x", "parent_group_id"],
      ["parent_group_id=-1", "parent_group_id"],
      ["parent_group_id__in=1", "parent_group_id__in"],
      ["id=3", "id"],
      ["id__in=1,x", "id__in"],
      ["id__in=0", "id__in"],
      ["group_id=1", "group_id"],
      ["country=fr", "country"],
      ["site_ids=1", "site_ids"],
      ["parent_group_ids=1", "parent_group_ids"],
      ["child_group_id=1", "child_group_id"],
      ["sort=type", "sort"],
      ["sort=installation_date", "sort"],
      ["sort=-created_at", "sort"],
      ["sort=--id", "sort"],
      ["sort=", "sort"],
    ])("%s", async (query, parameter) => {
      expectInvalid(await api.raw("GET", `/groups?${query}`), parameter);
    });

    it("names every bad parameter of one request", async () => {
      expectInvalid(
        await api.raw("GET", "/groups?colour=red&limit=0&sort=colour&type=group4&site_id=x"),
        "colour",
        "limit",
        "sort",
        "type",
        "site_id",
      );
    });
  });

  describe("cursor", () => {
    const listing: GroupQuery = { sort: "name", type__ne: "group3" };
    let cursor: string;
    beforeAll(async () => {
      const page = await list({ ...listing, limit: 7 });
      expect(page.status).toBe(200);
      cursor = page.body.next_cursor as string;
      expect(typeof cursor).toBe("string");
    });

    it("passed back with the same filters and sort continues the listing", async () => {
      const next = await list({ ...listing, limit: 7, cursor });
      expect(next.status).toBe(200);
      const expected = sortLocally(
        groups.filter((g) => g.type !== "group3"),
        "name",
      );
      expect(next.body.items.map((g: Group) => g.id)).toEqual(expected.slice(7, 14).map((g) => g.id));
    });

    it("of GET /sites is a 400 naming cursor on GET /groups", async () => {
      const sites = await api.GET("/sites", { params: { query: { limit: 1 } } });
      expect(typeof sites.body.next_cursor).toBe("string");
      expectInvalid(await list({ cursor: sites.body.next_cursor as string }), "cursor");
      expectInvalid(await list({ limit: 1, cursor: sites.body.next_cursor as string }), "cursor");
    });

    it("of GET /groups is a 400 naming cursor on GET /sites", async () => {
      const plain = await api.GET("/groups", { params: { query: { limit: 1 } } });
      expect(typeof plain.body.next_cursor).toBe("string");
      expectInvalid(
        await api.GET("/sites", { params: { query: { limit: 1, cursor: plain.body.next_cursor ?? undefined } } }),
        "cursor",
      );
    });

    it.each<[string, GroupQuery]>([
      ["another filter value", { sort: "name", type__ne: "group1" }],
      ["no filter", { sort: "name" }],
      ["a filter more", { ...listing, name__contains: "a" }],
      ["another sort", { ...listing, sort: "id" }],
      ["the other direction", { ...listing, sort: "-name" }],
    ])("reused with %s is a 400 naming cursor", async (_, query) => {
      expectInvalid(await list({ ...query, limit: 7, cursor }), "cursor");
    });

    it.each(["garbage", "a.b", "%00", "x".repeat(2000)])("garbage is a 400 naming cursor: %j", async (garbage) => {
      expectInvalid(await list({ ...listing, cursor: garbage }), "cursor");
    });

    it("that is empty is a 400 naming cursor", async () => {
      expectInvalid(await api.GET("/groups", { params: { query: { cursor: "" } } }), "cursor");
    });
  });

  describe("a PATCHed group", () => {
    it("is listed under its new name and type, in name order and by the filters", async () => {
      const renamed = groups[9] as Group;
      const response = await api.PATCH("/groups/{id}", {
        params: { path: { id: renamed.id } },
        body: { name: "AAA renamed", type: "group2" },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      groups = groups.map((g) => (g.id === renamed.id ? (response.body as Group) : g));
      const firstByName = await list({ sort: "name", limit: 1 });
      expect(firstByName.body.items).toEqual([response.body]);
      expect((await list({ name: "AAA renamed" })).body.items).toEqual([response.body]);
      expect((await list({ name: renamed.name, limit: 100 })).body.items).not.toContainEqual(
        expect.objectContaining({ id: renamed.id }),
      );
      await expectListing(
        { type: "group2" },
        "-name",
        groups.filter((g) => g.type === "group2"),
      );
      await expectListing(
        { type__ne: "group2" },
        "name",
        groups.filter((g) => g.type !== "group2"),
      );
    });
  });

  describe("a deleted group", () => {
    it("leaves every listing and every filter", async () => {
      const doomed = groups[7] as Group;
      expect(doomed.parent_group_ids).toEqual([first.id]);
      expect((await api.DELETE("/groups/{id}", { params: { path: { id: doomed.id } } })).status).toBe(204);
      const queries: Query[] = [{}, { sort: "name" }, { parent_group_id: first.id }, { name: doomed.name }];
      for (const query of queries) {
        const response = await list({ ...query, limit: 100 });
        expect(response.body.items.map((g: Group) => g.id)).not.toContain(doomed.id);
      }
      const remaining = groups.filter((g) => g.id !== doomed.id);
      expect((await pageThrough({ sort: "-name" })).map((g) => g.id)).toEqual(
        sortLocally(remaining, "-name").map((g) => g.id),
      );
    });
  });
});
