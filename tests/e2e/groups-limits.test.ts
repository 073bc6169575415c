import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { frenchSite, freshDay } from "../support/fixtures.ts";
import { expectProblem } from "./fixtures.ts";
import { expectNoContent, type Group, groupHelpers, type Site } from "./group-fixtures.ts";

/**
 * One atomic write is one DynamoDB transaction of at most 100 items. Writes that need more are
 * refused whole (422 TOO_MANY_CHANGES); the one-link routes always fit, and a delete that needs
 * more is done in several steps by the server.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
const { createGroup, createSite, readGroup, listAll, everything } = groupHelpers(() => api);

const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Makes `count` items, ten at a time, and returns them in id order. */
async function inBatches<T extends { id: number }>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let start = 0; start < count; start += 10) {
    const size = Math.min(10, count - start);
    made.push(...(await Promise.all(Array.from({ length: size }, (_, k) => make(start + k)))));
  }
  return made.sort((a, b) => a.id - b.id);
}

/** 422 TOO_MANY_CHANGES, whose detail names the limit of one atomic write. */
function expectTooManyChanges(response: Reply) {
  const problem = expectProblem(response, 422, "TOO_MANY_CHANGES");
  expect(problem.detail).toMatch(/\b100\b/);
  return problem;
}

/** Links the sites to the group one PUT at a time. */
async function putEach(group: Group, sites: Site[]) {
  for (const site of sites)
    expectNoContent(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      { checkBody: false },
    );
}

let sites: Site[];
const ids = (list: { id: number }[]) => list.map((item) => item.id);

beforeAll(async () => {
  sites = await inBatches(120, () => createSite());
});

describe("A write that does not fit one transaction is refused whole with 422 TOO_MANY_CHANGES", () => {
  it("POST /groups with 60 site_ids, and nothing is written", async () => {
    const before = await everything();
    expectTooManyChanges(
      await api.POST("/groups", { body: { name: "Too big", type: "group1", site_ids: ids(sites.slice(0, 60)) } }),
    );
    expect(await everything()).toEqual(before);
  });

  it("POST /groups with 60 child_group_ids, and nothing is written", async () => {
    const children = await inBatches(60, () => createGroup({ name: "Child" }));
    const before = await everything();
    expectTooManyChanges(
      await api.POST("/groups", { body: { name: "Too big", type: "group2", child_group_ids: ids(children) } }),
    );
    expect(await everything()).toEqual(before);
  });

  it("PATCH /groups/{id} adding 60 sites at once, and nothing changes", async () => {
    const group = await createGroup({ site_ids: ids(sites.slice(0, 2)) });
    const before = await everything();
    expectTooManyChanges(
      await api.PATCH("/groups/{id}", {
        params: { path: { id: group.id } },
        body: { site_ids: ids(sites.slice(0, 62)) },
      }),
    );
    expect(await everything()).toEqual(before);
  });

  it("PATCH /groups/{id} swapping 30 sites for 30 others, and nothing changes", async () => {
    const group = await createGroup({ site_ids: ids(sites.slice(0, 30)) });
    const before = await everything();
    expectTooManyChanges(
      await api.PATCH("/groups/{id}", {
        params: { path: { id: group.id } },
        body: { site_ids: ids(sites.slice(30, 60)) },
      }),
    );
    expect(await everything()).toEqual(before);
  });

  it("POST /sites with 60 group_ids, and nothing is written", async () => {
    const groups = await inBatches(60, () => createGroup({ name: "Holder" }));
    const day = freshDay();
    const before = await everything();
    expectTooManyChanges(
      await api.POST("/sites", { body: frenchSite({ installation_date: day, group_ids: ids(groups) }) }),
    );
    expect(await everything()).toEqual(before);
    // the French day was not taken either
    await createSite({ installation_date: day });
  });

  it("PATCH /sites/{id} with 60 group_ids, and nothing changes", async () => {
    const groups = await inBatches(60, () => createGroup({ name: "Holder" }));
    const site = await createSite();
    const before = await everything();
    expectTooManyChanges(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: ids(groups) } }),
    );
    expect(await everything()).toEqual(before);
  });

  it("but a group created with 40 sites fits, and is linked at both ends", async () => {
    const group = await createGroup({ site_ids: ids(sites.slice(0, 40)) });
    expect(group.site_ids).toEqual(ids(sites.slice(0, 40)));
    const listed = await listAll("/sites", { group_id: group.id });
    expect(ids(listed)).toEqual(ids(sites.slice(0, 40)));
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } })).status).toBe(204);
  });
});

describe("The one-link routes always fit: a group of 120 sites, linked one PUT at a time", () => {
  let big: Group;

  beforeAll(async () => {
    big = await createGroup({ name: "Big" });
    await putEach(big, sites);
  });

  it("holds the 120 sites, ascending, and each site lists it", async () => {
    expect((await readGroup(big.id)).site_ids).toEqual(ids(sites));
    const listed = await listAll("/sites", { group_id: big.id });
    expect(ids(listed)).toEqual(ids(sites));
    for (const site of listed) expect(site.group_ids).toContain(big.id);
  });

  it("takes a PUT of a site it already holds (204, still 120) and a DELETE of one link", async () => {
    const site = sites[57] as Site;
    expect(
      (await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: big.id, site_id: site.id } } })).status,
    ).toBe(204);
    expect((await readGroup(big.id)).site_ids).toHaveLength(120);
    expect(
      (await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: big.id, site_id: site.id } } })).status,
    ).toBe(204);
    expect((await readGroup(big.id)).site_ids).toEqual(ids(sites).filter((id) => id !== site.id));
    expect(
      (await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: big.id, site_id: site.id } } })).status,
    ).toBe(204);
    expect((await readGroup(big.id)).site_ids).toEqual(ids(sites));
  });

  let children: Group[];
  let parents: Group[];

  it("takes 20 child groups and 20 parent groups besides, one PUT at a time", async () => {
    children = await inBatches(20, () => createGroup({ name: "Child" }));
    parents = await inBatches(20, () => createGroup({ name: "Parent" }));
    for (const child of children)
      expectNoContent(
        await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: big.id, child_id: child.id } } }),
        { checkBody: false },
      );
    for (const parent of parents)
      expectNoContent(
        await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: parent.id, child_id: big.id } } }),
        { checkBody: false },
      );
    expect(await readGroup(big.id)).toMatchObject({
      site_ids: ids(sites),
      child_group_ids: ids(children),
      parent_group_ids: ids(parents),
    });
  });

  it("takes a PATCH of its name, which changes no link", async () => {
    const response = await api.PATCH("/groups/{id}", {
      params: { path: { id: big.id } },
      body: { name: "Big, renamed" },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({
      name: "Big, renamed",
      site_ids: ids(sites),
      child_group_ids: ids(children),
      parent_group_ids: ids(parents),
    });
  });

  it("can be deleted, with all its links in every direction, and nothing it pointed at", async () => {
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: big.id } } })).status).toBe(204);

    expectProblem(await api.GET("/groups/{id}", { params: { path: { id: big.id } } }), 404, "NOT_FOUND");
    const sitesAfter = await listAll("/sites");
    for (const site of sitesAfter) expect(site.group_ids).not.toContain(big.id);
    expect(ids(sitesAfter)).toEqual(expect.arrayContaining(ids(sites)));
    for (const group of await listAll("/groups")) {
      expect(group.child_group_ids).not.toContain(big.id);
      expect(group.parent_group_ids).not.toContain(big.id);
    }
    for (const child of children) expect((await readGroup(child.id)).parent_group_ids).toEqual([]);
    for (const parent of parents) expect((await readGroup(parent.id)).child_group_ids).toEqual([]);
  });
});

describe("Deletes that need more than one transaction", () => {
  it("DELETE /groups/{id} of a group holding 60 sites: 204, and no site lists it afterwards", async () => {
    const group = await createGroup({ name: "Sixty" });
    const other = await createGroup({ name: "Other" });
    await putEach(group, sites.slice(0, 60));
    await putEach(other, sites.slice(50, 70));
    expect((await readGroup(group.id)).site_ids).toEqual(ids(sites.slice(0, 60)));

    expect((await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } })).status).toBe(204);

    expectProblem(await api.GET("/groups/{id}", { params: { path: { id: group.id } } }), 404, "NOT_FOUND");
    expect(
      (await api.GET("/groups", { params: { query: { site_id: sites[0]?.id, limit: 100 } } })).body.items.map(
        (g) => g.id,
      ),
    ).not.toContain(group.id);
    const after = await listAll("/sites");
    for (const site of after) expect(site.group_ids).not.toContain(group.id);
    expect(ids(after)).toEqual(expect.arrayContaining(ids(sites)));
    expect((await readGroup(other.id)).site_ids).toEqual(ids(sites.slice(50, 70)));
    expect(ascending(ids(await listAll("/sites", { group_id: other.id })))).toEqual(ids(sites.slice(50, 70)));
  });

  it("DELETE /sites/{id} of a site in 60 groups: 204, and no group lists it afterwards", async () => {
    const site = await createSite();
    const groups = await inBatches(60, () => createGroup({ name: "Holder" }));
    for (const group of groups)
      expectNoContent(
        await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
        { checkBody: false },
      );
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body.group_ids).toEqual(ids(groups));

    expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);

    expectProblem(await api.GET("/sites/{id}", { params: { path: { id: site.id } } }), 404, "NOT_FOUND");
    const after = await Promise.all(groups.map((g) => readGroup(g.id)));
    for (const group of after) expect(group.site_ids).not.toContain(site.id);
  });
});
