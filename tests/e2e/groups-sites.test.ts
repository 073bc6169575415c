import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply, Schemas } from "../support/client.ts";
import { frenchSite, freshDay, italianSite } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";
import { expectRefusedOn, type Group, groupHelpers, MISSING, type Site } from "./group-fixtures.ts";
import { SITE_SORT_KEYS, sortLocally, sortsOf } from "./paging.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
const { createGroup, createSite, readGroup, readSite } = groupHelpers(() => api);

/** What the API says of these groups: a refused write leaves them as they were. */
const groupsNow = (groups: Group[]) => Promise.all(groups.map((g) => readGroup(g.id)));

/** The ids of the sites of one installation day, as the list says: none when a create was refused. */
async function sitesOn(day: string): Promise<number[]> {
  const response = await api.GET("/sites", { params: { query: { installation_date: day, limit: 100 } } });
  expect(response.status).toBe(200);
  return response.body.items.map((s: Site) => s.id);
}

describe("POST /sites with group_ids", () => {
  it("links the site at both ends: group_ids ascending, and each group lists the site", async () => {
    const [g1, g2, g3] = [await createGroup(), await createGroup({ type: "group2" }), await createGroup()];
    const site = await createSite({ group_ids: [g2.id, g1.id] });
    expect(site.group_ids).toEqual([g1.id, g2.id]);
    expect(await readSite(site.id)).toEqual(site);
    expect((await readGroup(g1.id)).site_ids).toEqual([site.id]);
    expect((await readGroup(g2.id)).site_ids).toEqual([site.id]);
    expect((await readGroup(g3.id)).site_ids).toEqual([]);
  });

  it("links an Italian site too", async () => {
    const group = await createGroup();
    const site = await create(api, "/sites", italianSite({ group_ids: [group.id] }));
    expect((await readGroup(group.id)).site_ids).toEqual([site.id]);
  });

  it("refuses a group3 with 422 GROUP3_CANNOT_HOLD_SITES on group_ids, and writes nothing", async () => {
    const [plain, group3] = [await createGroup(), await createGroup({ type: "group3" })];
    const day = freshDay();
    expectRefusedOn(
      await api.POST("/sites", { body: frenchSite({ installation_date: day, group_ids: [plain.id, group3.id] }) }),
      "GROUP3_CANNOT_HOLD_SITES",
      "group_ids",
    );
    expect(await sitesOn(day)).toEqual([]);
    expect(await groupsNow([plain, group3])).toEqual([plain, group3]);
    // the French day was not taken either
    await createSite({ installation_date: day });
  });

  it("refuses a group that does not exist with 422 UNKNOWN_REFERENCE on group_ids, and writes nothing", async () => {
    const group = await createGroup();
    const day = freshDay();
    const problem = expectRefusedOn(
      await api.POST("/sites", { body: frenchSite({ installation_date: day, group_ids: [group.id, MISSING] }) }),
      "UNKNOWN_REFERENCE",
      "group_ids",
    );
    expect(problem.detail).toContain(String(MISSING));
    expect(await sitesOn(day)).toEqual([]);
    expect(await groupsNow([group])).toEqual([group]);
  });

  it("refuses a group that was deleted with 422 UNKNOWN_REFERENCE on group_ids", async () => {
    const group = await createGroup();
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } })).status).toBe(204);
    const day = freshDay();
    expectRefusedOn(
      await api.POST("/sites", { body: frenchSite({ installation_date: day, group_ids: [group.id] }) }),
      "UNKNOWN_REFERENCE",
      "group_ids",
    );
    expect(await sitesOn(day)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["not an array", 3],
    ["holding 0", [0]],
    ["repeating an id", [4, 4]],
  ])("refuses group_ids %s with a 400", async (_, groupIds) => {
    const day = freshDay();
    const problem = expectProblem(
      await api.raw("POST", "/sites", frenchSite({ installation_date: day, group_ids: groupIds })),
      400,
      "VALIDATION_FAILED",
    );
    expect(problem.errors?.every((e) => e.path.split(".")[0] === "group_ids")).toBe(true);
    expect(await sitesOn(day)).toEqual([]);
  });
});

describe("PATCH /sites/{id} with group_ids", () => {
  it("replaces the set at both ends: removed groups lose the site, added ones gain it, kept ones keep it", async () => {
    const [a, b, c] = [await createGroup(), await createGroup(), await createGroup({ type: "group2" })];
    const site = await createSite({ group_ids: [a.id, b.id] });
    const response = await api.PATCH("/sites/{id}", {
      params: { path: { id: site.id } },
      body: { group_ids: [c.id, b.id] },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.group_ids).toEqual([b.id, c.id]);
    expect(await readSite(site.id)).toEqual(response.body);
    expect((await readGroup(a.id)).site_ids).toEqual([]);
    expect((await readGroup(b.id)).site_ids).toEqual([site.id]);
    expect((await readGroup(c.id)).site_ids).toEqual([site.id]);
  });

  it("[] takes the site out of every group, which keep their other sites", async () => {
    const [a, b] = [await createGroup(), await createGroup()];
    const other = await createSite({ group_ids: [a.id] });
    const site = await createSite({ group_ids: [a.id, b.id] });
    expect(
      (await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [] } })).body.group_ids,
    ).toEqual([]);
    expect((await readGroup(a.id)).site_ids).toEqual([other.id]);
    expect((await readGroup(b.id)).site_ids).toEqual([]);
  });

  it("a PATCH without group_ids keeps the site in its groups", async () => {
    const group = await createGroup();
    const site = await createSite({ group_ids: [group.id] });
    const response = await api.PATCH("/sites/{id}", {
      params: { path: { id: site.id } },
      body: { name: "Renamed", max_power_megawatt: 20 },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.group_ids).toEqual([group.id]);
    expect((await readGroup(group.id)).site_ids).toEqual([site.id]);
  });

  it("refuses a group3 with 422 GROUP3_CANNOT_HOLD_SITES on group_ids, and changes nothing", async () => {
    const [plain, group3] = [await createGroup(), await createGroup({ type: "group3" })];
    const site = await createSite({ group_ids: [plain.id] });
    const groups = await groupsNow([plain, group3]);
    expectRefusedOn(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [group3.id] } }),
      "GROUP3_CANNOT_HOLD_SITES",
      "group_ids",
    );
    expect(await readSite(site.id)).toEqual(site);
    expect(await groupsNow([plain, group3])).toEqual(groups);
  });

  it("refuses a group that does not exist with 422 UNKNOWN_REFERENCE on group_ids, and changes nothing", async () => {
    const [a, b] = [await createGroup(), await createGroup()];
    const site = await createSite({ group_ids: [a.id] });
    const groups = await groupsNow([a, b]);
    expectRefusedOn(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [b.id, MISSING] } }),
      "UNKNOWN_REFERENCE",
      "group_ids",
    );
    expect(await readSite(site.id)).toEqual(site);
    expect(await groupsNow([a, b])).toEqual(groups);
  });
});

describe("DELETE /sites/{id}", () => {
  it("removes the site from every group that held it, and deletes none of them", async () => {
    const [a, b, untouched] = [await createGroup(), await createGroup({ type: "group2" }), await createGroup()];
    const other = await createSite({ group_ids: [a.id] });
    const site = await createSite({ group_ids: [a.id, b.id] });
    expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);
    expectProblem(await api.GET("/sites/{id}", { params: { path: { id: site.id } } }), 404, "NOT_FOUND");
    expect((await readGroup(a.id)).site_ids).toEqual([other.id]);
    expect((await readGroup(b.id)).site_ids).toEqual([]);
    expect((await readGroup(untouched.id)).site_ids).toEqual([]);
    expect((await readSite(other.id)).group_ids).toEqual([a.id]);
  });

  it("leaves no membership behind: the deleted site cannot be removed from its former group", async () => {
    const group = await createGroup();
    const site = await createSite({ group_ids: [group.id] });
    expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);
    expectProblem(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
    expect((await api.GET("/sites", { params: { query: { group_id: group.id } } })).body).toEqual({
      items: [],
      next_cursor: null,
    });
  });
});

describe("GET /sites?group_id=N lists the sites directly in group N", () => {
  /** 30 sites; the group holds every other one, 15 in all; its child group holds three more. */
  let group: Group;
  let inGroup: Site[];
  let inChildOnly: Site[];
  const NAMES = ["beta", "Alpha", "alpha", "Gamma", "delta", "Beta"];

  beforeAll(async () => {
    group = await createGroup({ type: "group2" });
    const child = await createGroup();
    expect(
      (await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: group.id, child_id: child.id } } }))
        .status,
    ).toBe(204);
    const sites: Site[] = [];
    for (let start = 0; start < 30; start += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, k) => {
          const i = start + k;
          const groupIds = i % 2 === 0 ? [group.id] : i % 5 === 1 ? [child.id] : [];
          return createSite({ name: NAMES[i % NAMES.length], max_power_megawatt: 10 + (i % 4), group_ids: groupIds });
        }),
      );
      sites.push(...batch);
    }
    inGroup = sites.filter((s) => s.group_ids.includes(group.id)).sort((a, b) => a.id - b.id);
    inChildOnly = sites.filter((s) => s.group_ids.includes(child.id));
    expect(inGroup).toHaveLength(15);
    expect(inChildOnly).toHaveLength(3);
  });

  it.each(sortsOf(SITE_SORT_KEYS))(
    "sort=%s, by pages of 4: full pages, next_cursor null on the last one only, each site once in order",
    async (sort) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; ; page++) {
        expect(page).toBeLessThan(10);
        const response: Reply<Schemas["SitePage"]> = await api.GET("/sites", {
          params: { query: { group_id: group.id, sort, limit: 4, ...(cursor ? { cursor } : {}) } },
        });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        ids.push(...response.body.items.map((s) => s.id));
        cursor = response.body.next_cursor;
        if (cursor === null) {
          expect(response.body.items).toHaveLength(3);
          break;
        }
        expect(response.body.items).toHaveLength(4);
      }
      expect(ids).toEqual(sortLocally(inGroup, sort, SITE_SORT_KEYS).map((s) => s.id));
    },
  );

  it("shows each site as GET /sites/{id} does, not the sites of its child groups", async () => {
    const response = await api.GET("/sites", { params: { query: { group_id: group.id, limit: 100 } } });
    expect(response.body.next_cursor).toBeNull();
    expect(response.body.items).toEqual(await Promise.all(inGroup.map((s) => readSite(s.id))));
    const listed = response.body.items.map((s: Site) => s.id);
    for (const site of inChildOnly) expect(listed).not.toContain(site.id);
  });

  it("combines with other filters", async () => {
    const response = await api.GET("/sites", {
      params: { query: { group_id: group.id, name__startswith: "AL", limit: 100 } },
    });
    expect(response.body.items.map((s: Site) => s.id)).toEqual(
      inGroup.filter((s) => s.name.toLowerCase().startsWith("al")).map((s) => s.id),
    );
  });

  it("is an empty page for a group holding no site, and for a group3", async () => {
    for (const empty of [await createGroup(), await createGroup({ type: "group3" })]) {
      expect((await api.GET("/sites", { params: { query: { group_id: empty.id } } })).body).toEqual({
        items: [],
        next_cursor: null,
      });
    }
  });

  it.each([
    ["group_id=abc", "group_id"],
    ["group_id=0", "group_id"],
    ["group_id__in=1,2", "group_id__in"],
    ["group_id__ne=1", "group_id__ne"],
  ])("%s is a 400 naming %s", async (query, parameter) => {
    expectInvalid(await api.raw("GET", `/sites?${query}`), parameter);
  });
});
