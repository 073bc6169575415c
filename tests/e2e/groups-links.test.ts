import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";
import { expectNoContent, type Group, groupHelpers, MISSING, type Site } from "./group-fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
const { createGroup, createSite, readGroup, readSite } = groupHelpers(() => api);

const nest = (parent: Group, child: Group) =>
  api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: parent.id, child_id: child.id } } });
const unnest = (parent: Group, child: Group) =>
  api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: { id: parent.id, child_id: child.id } } });

/** What the API says of these groups and sites: a refused write leaves it as it was. */
async function stateOf(groups: Group[], sites: Site[] = []) {
  return {
    groups: await Promise.all(groups.map((g) => readGroup(g.id))),
    sites: await Promise.all(sites.map((s) => readSite(s.id))),
  };
}

describe("PUT /groups/{id}/sites/{site_id} adds one site to one group", () => {
  it("answers 204; the group lists the site and the site lists the group", async () => {
    const group = await createGroup();
    const site = await createSite();
    expectNoContent(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expect((await readGroup(group.id)).site_ids).toEqual([site.id]);
    expect((await readSite(site.id)).group_ids).toEqual([group.id]);
  });

  it("is idempotent: a second PUT is a 204 too and the site is listed once at each end", async () => {
    const group = await createGroup();
    const site = await createSite();
    expectNoContent(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expectNoContent(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expect((await readGroup(group.id)).site_ids).toEqual([site.id]);
    expect((await readSite(site.id)).group_ids).toEqual([group.id]);
  });

  it("keeps both lists ascending whatever the order of the PUTs", async () => {
    const [g1, g2] = [await createGroup(), await createGroup({ type: "group2" })];
    const [s1, s2, s3] = [await createSite(), await createSite(), await createSite()];
    for (const site of [s3, s1, s2])
      expectNoContent(
        await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: g1.id, site_id: site.id } } }),
      );
    expectNoContent(await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: g2.id, site_id: s1.id } } }));
    expect((await readGroup(g1.id)).site_ids).toEqual([s1.id, s2.id, s3.id]);
    expect((await readSite(s1.id)).group_ids).toEqual([g1.id, g2.id]);
  });

  it("is a 404 NOT_FOUND for a group that does not exist, and the site is unchanged", async () => {
    const site = await createSite();
    expectProblem(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: MISSING, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
    expect(await readSite(site.id)).toEqual(site);
  });

  it("is a 404 NOT_FOUND for a site that does not exist, and the group is unchanged", async () => {
    const group = await createGroup();
    expectProblem(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: MISSING } } }),
      404,
      "NOT_FOUND",
    );
    expect(await readGroup(group.id)).toEqual(group);
  });

  it("is a 404 NOT_FOUND for a site that was deleted", async () => {
    const group = await createGroup();
    const site = await createSite();
    expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);
    expectProblem(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
    expect(await readGroup(group.id)).toEqual(group);
  });

  it("is a 422 GROUP3_CANNOT_HOLD_SITES for a group3, and neither end changes", async () => {
    const group = await createGroup({ type: "group3" });
    const site = await createSite();
    expectProblem(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      422,
      "GROUP3_CANNOT_HOLD_SITES",
    );
    expect(await stateOf([group], [site])).toEqual({ groups: [group], sites: [site] });
  });

  it.each([
    ["abc", "1", "id"],
    ["0", "1", "id"],
    ["1", "x", "site_id"],
    ["1", "-1", "site_id"],
  ])("with /groups/%s/sites/%s is a 400 naming %s", async (id, siteId, name) => {
    expectInvalid(await api.raw("PUT", `/groups/${id}/sites/${siteId}`), name);
  });
});

describe("DELETE /groups/{id}/sites/{site_id} removes one site from one group", () => {
  it("answers 204; neither end lists the other any more, and both still exist", async () => {
    const site = await createSite();
    const other = await createGroup({ site_ids: [site.id] });
    const group = await createGroup({ site_ids: [site.id] });
    expectNoContent(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expect((await readGroup(group.id)).site_ids).toEqual([]);
    expect((await readSite(site.id)).group_ids).toEqual([other.id]);
    expect((await readGroup(other.id)).site_ids).toEqual([site.id]);
  });

  it("a second time is a 404 NOT_FOUND: the site is no longer in the group", async () => {
    const site = await createSite();
    const group = await createGroup({ site_ids: [site.id] });
    expectNoContent(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expectProblem(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
  });

  it("is a 404 NOT_FOUND for a site that was never in the group, which changes nothing", async () => {
    const site = await createSite();
    const other = await createSite();
    const group = await createGroup({ site_ids: [other.id] });
    const before = await stateOf([group], [site, other]);
    expectProblem(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
    expect(await stateOf([group], [site, other])).toEqual(before);
  });

  it("is a 404 NOT_FOUND for a group or a site that does not exist", async () => {
    const site = await createSite();
    const group = await createGroup();
    expectProblem(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: MISSING, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: MISSING } } }),
      404,
      "NOT_FOUND",
    );
  });

  it("after it, the site can be added again", async () => {
    const site = await createSite();
    const group = await createGroup({ site_ids: [site.id] });
    expectNoContent(
      await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expectNoContent(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
    );
    expect((await readGroup(group.id)).site_ids).toEqual([site.id]);
    expect((await readSite(site.id)).group_ids).toEqual([group.id]);
  });

  it.each([
    ["abc", "1", "id"],
    ["1", "0", "site_id"],
  ])("with /groups/%s/sites/%s is a 400 naming %s", async (id, siteId, name) => {
    expectInvalid(await api.raw("DELETE", `/groups/${id}/sites/${siteId}`), name);
  });
});

describe("PUT /groups/{id}/groups/{child_id} nests one group in another", () => {
  it("answers 204; the parent lists the child and the child lists the parent", async () => {
    const [parent, child] = [await createGroup(), await createGroup()];
    expectNoContent(await nest(parent, child));
    expect((await readGroup(parent.id)).child_group_ids).toEqual([child.id]);
    expect((await readGroup(child.id)).parent_group_ids).toEqual([parent.id]);
  });

  it("is idempotent: a second PUT is a 204 too and the child is listed once at each end", async () => {
    const [parent, child] = [await createGroup(), await createGroup()];
    expectNoContent(await nest(parent, child));
    expectNoContent(await nest(parent, child));
    expect((await readGroup(parent.id)).child_group_ids).toEqual([child.id]);
    expect((await readGroup(child.id)).parent_group_ids).toEqual([parent.id]);
  });

  it("nests group3 groups like any other: a group3 may contain groups and be contained", async () => {
    const [top, middle, bottom] = [
      await createGroup({ type: "group3" }),
      await createGroup({ type: "group3" }),
      await createGroup({ type: "group2" }),
    ];
    expectNoContent(await nest(top, middle));
    expectNoContent(await nest(middle, bottom));
    expect((await readGroup(middle.id)).parent_group_ids).toEqual([top.id]);
    expect((await readGroup(middle.id)).child_group_ids).toEqual([bottom.id]);
  });

  it("allows a diamond (A⊃B, A⊃C, B⊃D, C⊃D) and a shortcut to a descendant (A⊃D): none is a cycle", async () => {
    const [a, b, c, d] = [await createGroup(), await createGroup(), await createGroup(), await createGroup()];
    for (const [parent, child] of [
      [a, b],
      [a, c],
      [b, d],
      [c, d],
      [a, d],
    ] as const) {
      expectNoContent(await nest(parent, child));
    }
    expect((await readGroup(d.id)).parent_group_ids).toEqual([a.id, b.id, c.id]);
    expect((await readGroup(a.id)).child_group_ids).toEqual([b.id, c.id, d.id]);
  });

  describe("refuses a cycle with 422 GROUP_CYCLE, and nothing changes", () => {
    it("a group in itself", async () => {
      const group = await createGroup();
      expectProblem(await nest(group, group), 422, "GROUP_CYCLE");
      expect(await readGroup(group.id)).toEqual(group);
    });

    it("two groups in each other: A⊃B, then B⊃A", async () => {
      const [a, b] = [await createGroup(), await createGroup()];
      expectNoContent(await nest(a, b));
      const before = await stateOf([a, b]);
      expectProblem(await nest(b, a), 422, "GROUP_CYCLE");
      expect(await stateOf([a, b])).toEqual(before);
    });

    it("a longer loop: A⊃B⊃C, then C⊃A (and C⊃B)", async () => {
      const [a, b, c] = [await createGroup(), await createGroup(), await createGroup()];
      expectNoContent(await nest(a, b));
      expectNoContent(await nest(b, c));
      const before = await stateOf([a, b, c]);
      expectProblem(await nest(c, a), 422, "GROUP_CYCLE");
      expectProblem(await nest(c, b), 422, "GROUP_CYCLE");
      expect(await stateOf([a, b, c])).toEqual(before);
    });

    it("a loop through one of several parents: A⊃C, B⊃C, D⊃B, then C⊃D", async () => {
      const [a, b, c, d] = [await createGroup(), await createGroup(), await createGroup(), await createGroup()];
      for (const [parent, child] of [
        [a, c],
        [b, c],
        [d, b],
      ] as const) {
        expectNoContent(await nest(parent, child));
      }
      const before = await stateOf([a, b, c, d]);
      expectProblem(await nest(c, d), 422, "GROUP_CYCLE");
      expect(await stateOf([a, b, c, d])).toEqual(before);
    });

    it("a loop made by a PATCH then closed by a PUT: A.child_group_ids = [B], then B⊃A", async () => {
      const [a, b] = [await createGroup(), await createGroup()];
      expect(
        (await api.PATCH("/groups/{id}", { params: { path: { id: a.id } }, body: { child_group_ids: [b.id] } })).status,
      ).toBe(200);
      expectProblem(await nest(b, a), 422, "GROUP_CYCLE");
    });
  });

  it("once the loop is undone, the nesting it blocked is allowed: A⊃B, un-nest, then B⊃A", async () => {
    const [a, b] = [await createGroup(), await createGroup()];
    expectNoContent(await nest(a, b));
    expectNoContent(await unnest(a, b));
    expectNoContent(await nest(b, a));
    expect((await readGroup(a.id)).parent_group_ids).toEqual([b.id]);
    expect((await readGroup(b.id)).parent_group_ids).toEqual([]);
  });

  it("is a 404 NOT_FOUND for a parent or a child that does not exist, and nothing changes", async () => {
    const group = await createGroup();
    expectProblem(
      await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: MISSING, child_id: group.id } } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(
      await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: group.id, child_id: MISSING } } }),
      404,
      "NOT_FOUND",
    );
    expect(await readGroup(group.id)).toEqual(group);
  });

  it("is a 404 NOT_FOUND for a child that was deleted", async () => {
    const [parent, child] = [await createGroup(), await createGroup()];
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: child.id } } })).status).toBe(204);
    expectProblem(await nest(parent, child), 404, "NOT_FOUND");
    expect(await readGroup(parent.id)).toEqual(parent);
  });

  it.each([
    ["abc", "1", "id"],
    ["1", "0", "child_id"],
    ["1", "two", "child_id"],
  ])("with /groups/%s/groups/%s is a 400 naming %s", async (id, childId, name) => {
    expectInvalid(await api.raw("PUT", `/groups/${id}/groups/${childId}`), name);
  });
});

describe("DELETE /groups/{id}/groups/{child_id} un-nests one group", () => {
  it("answers 204; neither lists the other any more, and both still exist", async () => {
    const [parent, child, sibling] = [await createGroup(), await createGroup(), await createGroup()];
    expectNoContent(await nest(parent, child));
    expectNoContent(await nest(parent, sibling));
    expectNoContent(await unnest(parent, child));
    expect((await readGroup(parent.id)).child_group_ids).toEqual([sibling.id]);
    expect((await readGroup(child.id)).parent_group_ids).toEqual([]);
  });

  it("a second time is a 404 NOT_FOUND: the child is no longer nested there", async () => {
    const [parent, child] = [await createGroup(), await createGroup()];
    expectNoContent(await nest(parent, child));
    expectNoContent(await unnest(parent, child));
    expectProblem(await unnest(parent, child), 404, "NOT_FOUND");
  });

  it("is a 404 NOT_FOUND the wrong way round (the parent is not nested in its child), which changes nothing", async () => {
    const [parent, child] = [await createGroup(), await createGroup()];
    expectNoContent(await nest(parent, child));
    const before = await stateOf([parent, child]);
    expectProblem(await unnest(child, parent), 404, "NOT_FOUND");
    expect(await stateOf([parent, child])).toEqual(before);
  });

  it("is a 404 NOT_FOUND for a group and itself, since no group is nested in itself", async () => {
    const group = await createGroup();
    expectProblem(await unnest(group, group), 404, "NOT_FOUND");
    expect(await readGroup(group.id)).toEqual(group);
  });

  it("is a 404 NOT_FOUND for a grandchild, which is not nested directly", async () => {
    const [a, b, c] = [await createGroup(), await createGroup(), await createGroup()];
    expectNoContent(await nest(a, b));
    expectNoContent(await nest(b, c));
    expectProblem(await unnest(a, c), 404, "NOT_FOUND");
  });

  it("is a 404 NOT_FOUND for a parent or a child that does not exist", async () => {
    const group = await createGroup();
    expectProblem(
      await api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: { id: MISSING, child_id: group.id } } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(
      await api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: { id: group.id, child_id: MISSING } } }),
      404,
      "NOT_FOUND",
    );
  });

  it.each([
    ["x", "1", "id"],
    ["1", "1.5", "child_id"],
  ])("with /groups/%s/groups/%s is a 400 naming %s", async (id, childId, name) => {
    expectInvalid(await api.raw("DELETE", `/groups/${id}/groups/${childId}`), name);
  });
});

describe("The rules hold under concurrency", () => {
  it("of A⊃B and B⊃A sent together, exactly one succeeds and the other is a 422 GROUP_CYCLE", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await createGroup(), await createGroup()];
      const [ab, ba] = await Promise.all([nest(a, b), nest(b, a)]);
      const statuses = [ab.status, ba.status].sort();
      expect(statuses, JSON.stringify([ab.body, ba.body])).toEqual([204, 422]);
      for (const refused of [ab, ba].filter((r) => r.status === 422)) expectProblem(refused, 422, "GROUP_CYCLE");
      const [readA, readB] = [await readGroup(a.id), await readGroup(b.id)];
      if (ab.status === 204) {
        expect([readA.child_group_ids, readA.parent_group_ids]).toEqual([[b.id], []]);
        expect([readB.child_group_ids, readB.parent_group_ids]).toEqual([[], [a.id]]);
      } else {
        expect([readB.child_group_ids, readB.parent_group_ids]).toEqual([[a.id], []]);
        expect([readA.child_group_ids, readA.parent_group_ids]).toEqual([[], [b.id]]);
      }
    }
  });

  it("of A⊃B, B⊃C and C⊃A sent together, exactly two succeed and the third is a 422 GROUP_CYCLE", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b, c] = [await createGroup(), await createGroup(), await createGroup()];
      const responses = await Promise.all([nest(a, b), nest(b, c), nest(c, a)]);
      for (const response of responses) {
        if (response.status !== 204) expectProblem(response, 422, "GROUP_CYCLE");
      }
      expect(responses.filter((r) => r.status === 204)).toHaveLength(2);
      const edges = (await stateOf([a, b, c])).groups.reduce((n, g) => n + g.child_group_ids.length, 0);
      expect(edges).toBe(2);
    }
  });

  it("ten sites added to one group at once all get in, and none is lost", async () => {
    const group = await createGroup();
    const sites = await Promise.all(Array.from({ length: 10 }, () => createSite()));
    const responses = await Promise.all(
      sites.map((s) => api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: s.id } } })),
    );
    for (const response of responses) expectNoContent(response);
    expect((await readGroup(group.id)).site_ids).toEqual(sites.map((s) => s.id).sort((a, b) => a - b));
    for (const site of sites) expect((await readSite(site.id)).group_ids).toEqual([group.id]);
  });

  it("one site added to ten groups at once is in all ten, and lists them all", async () => {
    const site = await createSite();
    const groups = await Promise.all(Array.from({ length: 10 }, () => createGroup()));
    const responses = await Promise.all(
      groups.map((g) => api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: g.id, site_id: site.id } } })),
    );
    for (const response of responses) expectNoContent(response);
    expect((await readSite(site.id)).group_ids).toEqual(groups.map((g) => g.id).sort((a, b) => a - b));
  });

  it("of a site added to a group and the group turned into group3 together, exactly one succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      const group = await createGroup();
      const site = await createSite();
      const [link, retype] = await Promise.all([
        api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
        api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { type: "group3" } }),
      ]);
      const outcome = [link.status, retype.status];
      const after = await readGroup(group.id);
      if (link.status === 204) {
        expect(outcome, JSON.stringify(retype.body)).toEqual([204, 422]);
        expectProblem(retype, 422, "GROUP3_CANNOT_HOLD_SITES");
        expect(after).toMatchObject({ type: "group1", site_ids: [site.id] });
        expect((await readSite(site.id)).group_ids).toEqual([group.id]);
      } else {
        expect(outcome, JSON.stringify(link.body)).toEqual([422, 200]);
        expectProblem(link, 422, "GROUP3_CANNOT_HOLD_SITES");
        expect(after).toMatchObject({ type: "group3", site_ids: [] });
        expect((await readSite(site.id)).group_ids).toEqual([]);
      }
    }
  });

  it("of A.child_group_ids = [B] by PATCH and B⊃A by PUT sent together, exactly one succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await createGroup(), await createGroup()];
      const [patch, put] = await Promise.all([
        api.PATCH("/groups/{id}", { params: { path: { id: a.id } }, body: { child_group_ids: [b.id] } }),
        nest(b, a),
      ]);
      const outcome = [patch.status, put.status];
      expect(
        [
          [200, 422],
          [422, 204],
        ],
        JSON.stringify([patch.body, put.body]),
      ).toContainEqual(outcome);
      expectProblem(outcome[0] === 422 ? patch : put, 422, "GROUP_CYCLE");
      const edges = (await stateOf([a, b])).groups.reduce((n, g) => n + g.child_group_ids.length, 0);
      expect(edges).toBe(1);
    }
  });

  it("a group deleted while a site is being added to it leaves no site pointing at it", async () => {
    for (let round = 0; round < 5; round++) {
      const [kept, added] = [await createSite(), await createSite()];
      const group = await createGroup({ site_ids: [kept.id] });
      const [deleted, link] = await Promise.all([
        api.DELETE("/groups/{id}", { params: { path: { id: group.id } } }),
        api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: added.id } } }),
      ]);
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
      if (link.status !== 204) expectProblem(link, 404, "NOT_FOUND");
      expectProblem(await api.GET("/groups/{id}", { params: { path: { id: group.id } } }), 404, "NOT_FOUND");
      expect((await readSite(kept.id)).group_ids).toEqual([]);
      expect((await readSite(added.id)).group_ids).toEqual([]);
    }
  });

  it("a site deleted while it is being added to a group leaves no group pointing at it", async () => {
    for (let round = 0; round < 5; round++) {
      const site = await createSite();
      const [holder, joined] = [await createGroup({ site_ids: [site.id] }), await createGroup()];
      const [deleted, link] = await Promise.all([
        api.DELETE("/sites/{id}", { params: { path: { id: site.id } } }),
        api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: joined.id, site_id: site.id } } }),
      ]);
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
      if (link.status !== 204) expectProblem(link, 404, "NOT_FOUND");
      expect((await readGroup(holder.id)).site_ids).toEqual([]);
      expect((await readGroup(joined.id)).site_ids).toEqual([]);
    }
  });

  it("a group deleted while it is being nested leaves no group pointing at it", async () => {
    for (let round = 0; round < 5; round++) {
      const [parent, child, other] = [await createGroup(), await createGroup(), await createGroup()];
      expectNoContent(await nest(parent, child));
      const [deleted, asParent, asChild] = await Promise.all([
        api.DELETE("/groups/{id}", { params: { path: { id: child.id } } }),
        api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: child.id, child_id: other.id } } }),
        api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: other.id, child_id: child.id } } }),
      ]);
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
      // a nesting refused because the opposite one committed first (while the child still
      // existed) is a cycle at that moment; any other refusal is the delete's 404
      for (const [link, opposite] of [
        [asParent, asChild],
        [asChild, asParent],
      ] as const) {
        if (link.status === 204) continue;
        if (opposite.status === 204 && link.status === 422) expectProblem(link, 422, "GROUP_CYCLE");
        else expectProblem(link, 404, "NOT_FOUND");
      }
      expect(await readGroup(parent.id)).toMatchObject({ child_group_ids: [], parent_group_ids: [] });
      expect(await readGroup(other.id)).toMatchObject({ child_group_ids: [], parent_group_ids: [] });
    }
  });
});
