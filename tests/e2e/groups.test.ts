import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { expectProblem, RFC3339_UTC } from "./fixtures.ts";
import { expectRefusedOn, type Group, groupHelpers, MISSING } from "./group-fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
const { createGroup, createSite, readGroup, readSite, listAll, everything } = groupHelpers(() => api);

const GROUP_KEYS = [
  "id",
  "name",
  "type",
  "site_ids",
  "child_group_ids",
  "parent_group_ids",
  "created_at",
  "updated_at",
].sort();

/** A 400 VALIDATION_FAILED whose errors[] name exactly these fields (an element path `site_ids.0` names `site_ids`). */
function expectInvalidFields(response: Reply, ...fields: string[]) {
  const problem = expectProblem(response, 400, "VALIDATION_FAILED");
  expect(Array.isArray(problem.errors), "errors[] is present").toBe(true);
  const named = problem.errors?.map((e: { path: string }) => e.path.split(".")[0]);
  expect([...new Set(named)].sort()).toEqual([...fields].sort());
  for (const field of fields) expect(problem.detail).toContain(field);
  return problem;
}

describe("POST /groups", () => {
  it("answers 201 with a Location of /groups/{id} and the group, which GET /groups/{id} returns unchanged", async () => {
    const before = Date.now();
    const response = await api.POST("/groups", { body: { name: "North", type: "group2" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(response.headers.get("location")).toBe(`/groups/${response.body.id}`);
    expect(response.body).toMatchObject({
      name: "North",
      type: "group2",
      site_ids: [],
      child_group_ids: [],
      parent_group_ids: [],
    });
    expect(Object.keys(response.body).sort()).toEqual(GROUP_KEYS);
    expect(Number.isInteger(response.body.id)).toBe(true);
    expect(response.body.id).toBeGreaterThanOrEqual(1);
    for (const stamp of [response.body.created_at, response.body.updated_at]) {
      expect(stamp).toMatch(RFC3339_UTC);
      expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(stamp)).toBeLessThanOrEqual(Date.now() + 1000);
    }

    const read = await api.raw("GET", response.headers.get("location") as string);
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(read.body).toEqual(response.body);
  });

  it.each(["group1", "group2", "group3"] as const)("accepts type %s", async (type) => {
    expect((await createGroup({ type })).type).toBe(type);
  });

  it("always shows site_ids, child_group_ids and parent_group_ids, as [] when the request left them out or sent them empty", async () => {
    for (const group of [await createGroup(), await createGroup({ site_ids: [], child_group_ids: [] })]) {
      expect(group).toMatchObject({ site_ids: [], child_group_ids: [], parent_group_ids: [] });
      expect(await readGroup(group.id)).toEqual(group);
    }
  });

  it("trims the name and counts its 200 characters after trimming", async () => {
    expect((await createGroup({ name: `  ${"g".repeat(200)}  ` })).name).toBe("g".repeat(200));
    expect((await createGroup({ name: "  Sud  " })).name).toBe("Sud");
  });

  it("assigns a larger id to each new group and never reuses the id of a deleted one", async () => {
    const first = await createGroup();
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: first.id } } })).status).toBe(204);
    const second = await createGroup();
    expect(second.id).toBeGreaterThan(first.id);
  });

  describe("refuses a bad body with 400 VALIDATION_FAILED naming each bad field, and writes nothing", () => {
    it.each<[string, unknown, string[]]>([
      ["no type", { name: "A" }, ["type"]],
      ["no name", { type: "group1" }, ["name"]],
      ["an empty object", {}, ["name", "type"]],
      ['type "group4"', { name: "A", type: "group4" }, ["type"]],
      ['type "Group1" (types are lower-case)', { name: "A", type: "Group1" }, ["type"]],
      ["type null", { name: "A", type: null }, ["type"]],
      ["an empty name", { name: "", type: "group1" }, ["name"]],
      ["a name of spaces only", { name: "    ", type: "group1" }, ["name"]],
      ["a name of 201 characters", { name: "n".repeat(201), type: "group1" }, ["name"]],
      ["a name that is a number", { name: 42, type: "group1" }, ["name"]],
      ["an unknown field", { name: "A", type: "group1", colour: "red" }, ["colour"]],
      [
        "parent_group_ids, which is read-only",
        { name: "A", type: "group1", parent_group_ids: [] },
        ["parent_group_ids"],
      ],
      ["id, which is read-only", { name: "A", type: "group1", id: 7 }, ["id"]],
      [
        "created_at and updated_at, which are read-only",
        { name: "A", type: "group1", created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" },
        ["created_at", "updated_at"],
      ],
      ["site_ids that is a number, not an array", { name: "A", type: "group1", site_ids: 1 }, ["site_ids"]],
      ["site_ids that is a string", { name: "A", type: "group1", site_ids: "1,2" }, ["site_ids"]],
      ["site_ids null", { name: "A", type: "group1", site_ids: null }, ["site_ids"]],
      ["site_ids holding 0", { name: "A", type: "group1", site_ids: [0] }, ["site_ids"]],
      ["site_ids holding -2", { name: "A", type: "group1", site_ids: [-2] }, ["site_ids"]],
      ["site_ids holding 1.5", { name: "A", type: "group1", site_ids: [1.5] }, ["site_ids"]],
      ['site_ids holding "1"', { name: "A", type: "group1", site_ids: ["1"] }, ["site_ids"]],
      ["site_ids repeating an id", { name: "A", type: "group1", site_ids: [3, 3] }, ["site_ids"]],
      [
        "child_group_ids that is an object",
        { name: "A", type: "group1", child_group_ids: { 1: true } },
        ["child_group_ids"],
      ],
      ["child_group_ids holding 0", { name: "A", type: "group1", child_group_ids: [0] }, ["child_group_ids"]],
      [
        "child_group_ids repeating an id",
        { name: "A", type: "group1", child_group_ids: [2, 5, 2] },
        ["child_group_ids"],
      ],
      [
        "several bad fields at once",
        { name: "", type: "group4", site_ids: [0], colour: 1 },
        ["name", "type", "site_ids", "colour"],
      ],
    ])("%s", async (_, body, fields) => {
      const before = await everything();
      expectInvalidFields(await api.raw("POST", "/groups", body), ...fields);
      expect(await everything()).toEqual(before);
    });

    it.each([
      ["malformed JSON", '{"name": "A", "type": '],
      ["an array", JSON.stringify([{ name: "A", type: "group1" }])],
      ["a string", JSON.stringify("A")],
      ["null", "null"],
    ])("a body that is %s", async (_, raw) => {
      const before = await everything();
      expectProblem(await api.raw("POST", "/groups", raw), 400, "VALIDATION_FAILED");
      expect(await everything()).toEqual(before);
    });
  });

  describe("site_ids and child_group_ids link the new group at both ends", () => {
    it("site_ids: the group lists the sites in ascending order, and each site lists the group in group_ids", async () => {
      const [a, b, c] = [await createSite(), await createSite(), await createSite()];
      const group = await createGroup({ site_ids: [c.id, a.id] });
      expect(group.site_ids).toEqual([a.id, c.id]);
      expect(await readGroup(group.id)).toEqual(group);
      expect((await readSite(a.id)).group_ids).toEqual([group.id]);
      expect((await readSite(c.id)).group_ids).toEqual([group.id]);
      expect((await readSite(b.id)).group_ids).toEqual([]);
    });

    it("child_group_ids: the group lists its children in ascending order, and each child lists it in parent_group_ids", async () => {
      const [x, y] = [await createGroup(), await createGroup()];
      const parent = await createGroup({ type: "group2", child_group_ids: [y.id, x.id] });
      expect(parent.child_group_ids).toEqual([x.id, y.id]);
      expect(parent.parent_group_ids).toEqual([]);
      expect(await readGroup(parent.id)).toEqual(parent);
      expect((await readGroup(x.id)).parent_group_ids).toEqual([parent.id]);
      expect((await readGroup(y.id)).parent_group_ids).toEqual([parent.id]);
    });

    it("both at once, and a site or a child may already belong to other groups", async () => {
      const site = await createSite();
      const child = await createGroup();
      const first = await createGroup({ site_ids: [site.id], child_group_ids: [child.id] });
      const second = await createGroup({ type: "group2", site_ids: [site.id], child_group_ids: [child.id] });
      expect(second).toMatchObject({ site_ids: [site.id], child_group_ids: [child.id], parent_group_ids: [] });
      expect((await readSite(site.id)).group_ids).toEqual([first.id, second.id]);
      expect((await readGroup(child.id)).parent_group_ids).toEqual([first.id, second.id]);
    });

    it("a group3 may hold child groups", async () => {
      const child = await createGroup();
      const group3 = await createGroup({ type: "group3", child_group_ids: [child.id] });
      expect(group3.child_group_ids).toEqual([child.id]);
      expect((await readGroup(child.id)).parent_group_ids).toEqual([group3.id]);
    });
  });

  describe("refuses ids that do not exist with 422 UNKNOWN_REFERENCE naming the field, and writes nothing", () => {
    it("in site_ids, even beside sites that exist", async () => {
      const site = await createSite();
      const before = await everything();
      const problem = expectRefusedOn(
        await api.POST("/groups", { body: { name: "A", type: "group1", site_ids: [site.id, MISSING] } }),
        "UNKNOWN_REFERENCE",
        "site_ids",
      );
      expect(problem.detail).toContain(String(MISSING));
      expect(await everything()).toEqual(before);
    });

    it("in site_ids: a site that was deleted", async () => {
      const site = await createSite();
      expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);
      const before = await everything();
      expectRefusedOn(
        await api.POST("/groups", { body: { name: "A", type: "group1", site_ids: [site.id] } }),
        "UNKNOWN_REFERENCE",
        "site_ids",
      );
      expect(await everything()).toEqual(before);
    });

    it("in child_group_ids, even beside groups that exist", async () => {
      const child = await createGroup();
      const before = await everything();
      const problem = expectRefusedOn(
        await api.POST("/groups", { body: { name: "A", type: "group1", child_group_ids: [MISSING, child.id] } }),
        "UNKNOWN_REFERENCE",
        "child_group_ids",
      );
      expect(problem.detail).toContain(String(MISSING));
      expect(await everything()).toEqual(before);
    });

    it("in child_group_ids: a group that was deleted", async () => {
      const child = await createGroup();
      expect((await api.DELETE("/groups/{id}", { params: { path: { id: child.id } } })).status).toBe(204);
      const before = await everything();
      expectRefusedOn(
        await api.POST("/groups", { body: { name: "A", type: "group1", child_group_ids: [child.id] } }),
        "UNKNOWN_REFERENCE",
        "child_group_ids",
      );
      expect(await everything()).toEqual(before);
    });
  });

  it("refuses a group3 created with sites with 422 GROUP3_CANNOT_HOLD_SITES, and writes nothing", async () => {
    const site = await createSite();
    const before = await everything();
    expectProblem(
      await api.POST("/groups", { body: { name: "A", type: "group3", site_ids: [site.id] } }),
      422,
      "GROUP3_CANNOT_HOLD_SITES",
    );
    expect(await everything()).toEqual(before);
  });
});

describe("GET, PATCH and DELETE /groups/{id}", () => {
  it.each(["GET", "PATCH", "DELETE"])("%s of an id that does not exist is a 404 NOT_FOUND", async (method) => {
    const problem = expectProblem(
      await api.raw(method, `/groups/${MISSING}`, method === "PATCH" ? { name: "B" } : undefined),
      404,
      "NOT_FOUND",
    );
    expect(problem.detail).toContain(String(MISSING));
  });

  it.each(["GET", "PATCH", "DELETE"])("%s of a deleted group is a 404 NOT_FOUND", async (method) => {
    const group = await createGroup();
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } })).status).toBe(204);
    expectProblem(
      await api.raw(method, `/groups/${group.id}`, method === "PATCH" ? { name: "B" } : undefined),
      404,
      "NOT_FOUND",
    );
  });

  describe.each(["GET", "PATCH", "DELETE"])(
    "%s of an id that is not a positive integer is a 400 naming id",
    (method) => {
      it.each(["abc", "0", "-3", "1.5", "1e3", "%20"])("/groups/%s", async (id) => {
        expectInvalidFields(
          await api.raw(method, `/groups/${id}`, method === "PATCH" ? { name: "B" } : undefined),
          "id",
        );
      });
    },
  );
});

describe("A route under /groups that does not exist is a 404 NOT_FOUND problem", () => {
  it.each([
    ["PUT", "/groups"],
    ["DELETE", "/groups"],
    ["PUT", "/groups/1"],
    ["POST", "/groups/1"],
    ["GET", "/groups/1/sites"],
    ["GET", "/groups/1/sites/2"],
    ["POST", "/groups/1/sites/2"],
    ["PATCH", "/groups/1/groups/2"],
    ["GET", "/groups/1/children"],
    ["PUT", "/groups/1/parents/2"],
  ])("%s %s", async (method, route) => {
    expectProblem(await api.raw(method, route), 404, "NOT_FOUND");
  });
});

describe("PATCH /groups/{id}", () => {
  it("replaces the name and the type, keeps the rest, and answers with the group GET returns", async () => {
    const site = await createSite();
    const child = await createGroup();
    const group = await createGroup({ name: "Before", site_ids: [site.id], child_group_ids: [child.id] });
    const current = await readGroup(group.id);
    const response = await api.PATCH("/groups/{id}", {
      params: { path: { id: group.id } },
      body: { name: "  After ", type: "group2" },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(response.body).toMatchObject({
      ...current,
      name: "After",
      type: "group2",
      updated_at: expect.stringMatching(RFC3339_UTC),
    });
    expect(Date.parse(response.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(current.updated_at));
    expect(await readGroup(group.id)).toEqual(response.body);
  });

  it("changes only the fields present", async () => {
    const group = await createGroup({ name: "Kept", type: "group2" });
    expect(
      (await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { type: "group1" } })).body,
    ).toMatchObject({
      name: "Kept",
      type: "group1",
    });
    expect(
      (await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { name: "Renamed" } })).body,
    ).toMatchObject({
      name: "Renamed",
      type: "group1",
    });
  });

  it("with an empty body leaves the group as it is", async () => {
    const group = await createGroup();
    const response = await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: {} });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(group);
  });

  describe("refuses a bad body with 400 VALIDATION_FAILED naming each bad field, and changes nothing", () => {
    it.each<[string, unknown, string[]]>([
      ['type "group4"', { type: "group4" }, ["type"]],
      ["type null", { type: null }, ["type"]],
      ["an empty name", { name: "" }, ["name"]],
      ["a name of 201 characters", { name: "x".repeat(201) }, ["name"]],
      ["parent_group_ids, which is read-only", { parent_group_ids: [] }, ["parent_group_ids"]],
      ["id, which is read-only", { id: 1 }, ["id"]],
      ["updated_at, which is read-only", { updated_at: "2024-01-01T00:00:00Z" }, ["updated_at"]],
      ["an unknown field", { colour: "red" }, ["colour"]],
      ["site_ids that is not an array", { site_ids: 4 }, ["site_ids"]],
      ["site_ids holding 0", { site_ids: [0] }, ["site_ids"]],
      ["site_ids repeating an id", { site_ids: [1, 1] }, ["site_ids"]],
      ["child_group_ids that is not an array", { child_group_ids: "2" }, ["child_group_ids"]],
      ["child_group_ids repeating an id", { child_group_ids: [2, 2] }, ["child_group_ids"]],
    ])("%s", async (_, body, fields) => {
      const parent = await createGroup();
      const group = await createGroup();
      expect(
        (await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: parent.id, child_id: group.id } } }))
          .status,
      ).toBe(204);
      const before = await everything();
      expectInvalidFields(await api.raw("PATCH", `/groups/${group.id}`, body), ...fields);
      expect(await everything()).toEqual(before);
    });

    it("a body that is not an object", async () => {
      const group = await createGroup();
      expectProblem(await api.raw("PATCH", `/groups/${group.id}`, "[]"), 400, "VALIDATION_FAILED");
      expectProblem(await api.raw("PATCH", `/groups/${group.id}`, "{"), 400, "VALIDATION_FAILED");
      expect(await readGroup(group.id)).toEqual(group);
    });
  });

  describe("site_ids is the new set of sites, kept at both ends", () => {
    it("removed sites lose the group from group_ids, added ones gain it, kept ones keep it", async () => {
      const [a, b, c] = [await createSite(), await createSite(), await createSite()];
      const group = await createGroup({ site_ids: [a.id, b.id] });
      const response = await api.PATCH("/groups/{id}", {
        params: { path: { id: group.id } },
        body: { site_ids: [c.id, b.id] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.site_ids).toEqual([b.id, c.id]);
      expect(await readGroup(group.id)).toEqual(response.body);
      expect((await readSite(a.id)).group_ids).toEqual([]);
      expect((await readSite(b.id)).group_ids).toEqual([group.id]);
      expect((await readSite(c.id)).group_ids).toEqual([group.id]);
    });

    it("[] empties the group and leaves the sites in their other groups", async () => {
      const site = await createSite();
      const other = await createGroup({ site_ids: [site.id] });
      const group = await createGroup({ site_ids: [site.id] });
      expect(
        (await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { site_ids: [] } })).body.site_ids,
      ).toEqual([]);
      expect((await readSite(site.id)).group_ids).toEqual([other.id]);
      expect((await readGroup(other.id)).site_ids).toEqual([site.id]);
    });

    it("refuses ids that do not exist with 422 UNKNOWN_REFERENCE on site_ids, and changes nothing", async () => {
      const [a, b] = [await createSite(), await createSite()];
      const group = await createGroup({ site_ids: [a.id] });
      const before = await everything();
      const problem = expectRefusedOn(
        await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { site_ids: [b.id, MISSING] } }),
        "UNKNOWN_REFERENCE",
        "site_ids",
      );
      expect(problem.detail).toContain(String(MISSING));
      expect(await everything()).toEqual(before);
    });

    it("refuses sites in a group3 with 422 GROUP3_CANNOT_HOLD_SITES, and changes nothing", async () => {
      const site = await createSite();
      const group = await createGroup({ type: "group3" });
      const before = await everything();
      expectProblem(
        await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { site_ids: [site.id] } }),
        422,
        "GROUP3_CANNOT_HOLD_SITES",
      );
      expect(await everything()).toEqual(before);
    });
  });

  describe("type group3", () => {
    it("is refused with 422 GROUP3_CANNOT_HOLD_SITES on a group holding sites, and nothing changes", async () => {
      const site = await createSite();
      const group = await createGroup({ type: "group2", site_ids: [site.id] });
      const before = await everything();
      expectProblem(
        await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { type: "group3" } }),
        422,
        "GROUP3_CANNOT_HOLD_SITES",
      );
      expect(await everything()).toEqual(before);
      expect((await readGroup(group.id)).type).toBe("group2");
    });

    it("is accepted on a group holding no site, even one holding groups", async () => {
      const child = await createGroup();
      const group = await createGroup({ child_group_ids: [child.id] });
      expect(
        (await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { type: "group3" } })).body,
      ).toMatchObject({
        type: "group3",
        child_group_ids: [child.id],
      });
    });

    it("is accepted together with site_ids [], which empties the group in the same write", async () => {
      const site = await createSite();
      const group = await createGroup({ site_ids: [site.id] });
      const response = await api.PATCH("/groups/{id}", {
        params: { path: { id: group.id } },
        body: { type: "group3", site_ids: [] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ type: "group3", site_ids: [] });
      expect((await readSite(site.id)).group_ids).toEqual([]);
    });
  });

  describe("child_group_ids is the new set of children, kept at both ends", () => {
    it("removed children lose the group from parent_group_ids, added ones gain it, kept ones keep it", async () => {
      const [x, y, z] = [await createGroup(), await createGroup(), await createGroup()];
      const group = await createGroup({ child_group_ids: [x.id, y.id] });
      const response = await api.PATCH("/groups/{id}", {
        params: { path: { id: group.id } },
        body: { child_group_ids: [z.id, y.id] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.child_group_ids).toEqual([y.id, z.id]);
      expect(await readGroup(group.id)).toEqual(response.body);
      expect((await readGroup(x.id)).parent_group_ids).toEqual([]);
      expect((await readGroup(y.id)).parent_group_ids).toEqual([group.id]);
      expect((await readGroup(z.id)).parent_group_ids).toEqual([group.id]);
    });

    it("[] un-nests every child and deletes none", async () => {
      const [x, y] = [await createGroup(), await createGroup()];
      const group = await createGroup({ child_group_ids: [x.id, y.id] });
      expect(
        (await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { child_group_ids: [] } })).body
          .child_group_ids,
      ).toEqual([]);
      expect((await readGroup(x.id)).parent_group_ids).toEqual([]);
      expect((await readGroup(y.id)).parent_group_ids).toEqual([]);
    });

    it("may add a group already inside the group through another one (no cycle: A⊃B⊃C, then A⊃C)", async () => {
      const c = await createGroup();
      const b = await createGroup({ child_group_ids: [c.id] });
      const a = await createGroup({ child_group_ids: [b.id] });
      const response = await api.PATCH("/groups/{id}", {
        params: { path: { id: a.id } },
        body: { child_group_ids: [b.id, c.id] },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect((await readGroup(c.id)).parent_group_ids).toEqual([a.id, b.id].sort((m, n) => m - n));
    });

    it("refuses the group itself with 422 GROUP_CYCLE, and changes nothing", async () => {
      const group = await createGroup();
      const before = await everything();
      expectRefusedOn(
        await api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { child_group_ids: [group.id] } }),
        "GROUP_CYCLE",
        "child_group_ids",
      );
      expect(await everything()).toEqual(before);
    });

    it("refuses its parent with 422 GROUP_CYCLE, and changes nothing", async () => {
      const other = await createGroup();
      const child = await createGroup();
      const parent = await createGroup({ child_group_ids: [child.id] });
      const before = await everything();
      expectRefusedOn(
        await api.PATCH("/groups/{id}", {
          params: { path: { id: child.id } },
          body: { child_group_ids: [other.id, parent.id] },
        }),
        "GROUP_CYCLE",
        "child_group_ids",
      );
      expect(await everything()).toEqual(before);
    });

    it("refuses an ancestor two levels up with 422 GROUP_CYCLE, and changes nothing", async () => {
      const c = await createGroup();
      const b = await createGroup({ child_group_ids: [c.id] });
      const a = await createGroup({ child_group_ids: [b.id] });
      const before = await everything();
      expectRefusedOn(
        await api.PATCH("/groups/{id}", { params: { path: { id: c.id } }, body: { child_group_ids: [a.id] } }),
        "GROUP_CYCLE",
        "child_group_ids",
      );
      expect(await everything()).toEqual(before);
    });

    it("refuses ids that do not exist with 422 UNKNOWN_REFERENCE on child_group_ids, and changes nothing", async () => {
      const child = await createGroup();
      const group = await createGroup();
      const before = await everything();
      const problem = expectRefusedOn(
        await api.PATCH("/groups/{id}", {
          params: { path: { id: group.id } },
          body: { child_group_ids: [child.id, MISSING] },
        }),
        "UNKNOWN_REFERENCE",
        "child_group_ids",
      );
      expect(problem.detail).toContain(String(MISSING));
      expect(await everything()).toEqual(before);
    });
  });
});

describe("A group that was PATCHed takes and loses links like any other", () => {
  /** A group whose name and type were changed, holding one site and one child. */
  async function patchedGroup() {
    const site = await createSite();
    const child = await createGroup();
    const group = await createGroup({ site_ids: [site.id], child_group_ids: [child.id] });
    const response = await api.PATCH("/groups/{id}", {
      params: { path: { id: group.id } },
      body: { name: "Renamed", type: "group2" },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return { group: response.body as Group, site, child };
  }

  it("PUT /groups/{id}/sites/{site_id} adds a site to it", async () => {
    const { group, site } = await patchedGroup();
    const added = await createSite();
    const response = await api.PUT("/groups/{id}/sites/{site_id}", {
      params: { path: { id: group.id, site_id: added.id } },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(204);
    expect((await readGroup(group.id)).site_ids).toEqual([site.id, added.id]);
    expect((await readSite(added.id)).group_ids).toEqual([group.id]);
  });

  it("DELETE /groups/{id}/sites/{site_id} removes a site from it", async () => {
    const { group, site } = await patchedGroup();
    const response = await api.DELETE("/groups/{id}/sites/{site_id}", {
      params: { path: { id: group.id, site_id: site.id } },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(204);
    expect((await readGroup(group.id)).site_ids).toEqual([]);
    expect((await readSite(site.id)).group_ids).toEqual([]);
  });

  it("PUT /groups/{id}/groups/{child_id} nests a group in it, and it in another group", async () => {
    const { group, child } = await patchedGroup();
    const [added, parent] = [await createGroup(), await createGroup()];
    const nested = await api.PUT("/groups/{id}/groups/{child_id}", {
      params: { path: { id: group.id, child_id: added.id } },
    });
    expect(nested.status, JSON.stringify(nested.body)).toBe(204);
    const nesting = await api.PUT("/groups/{id}/groups/{child_id}", {
      params: { path: { id: parent.id, child_id: group.id } },
    });
    expect(nesting.status, JSON.stringify(nesting.body)).toBe(204);
    expect(await readGroup(group.id)).toMatchObject({
      child_group_ids: [child.id, added.id],
      parent_group_ids: [parent.id],
    });
  });

  it("DELETE /groups/{id}/groups/{child_id} un-nests its child", async () => {
    const { group, child } = await patchedGroup();
    const response = await api.DELETE("/groups/{id}/groups/{child_id}", {
      params: { path: { id: group.id, child_id: child.id } },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(204);
    expect((await readGroup(child.id)).parent_group_ids).toEqual([]);
  });

  it("POST /sites and PATCH /sites/{id} with its id in group_ids add sites to it", async () => {
    const { group, site } = await patchedGroup();
    const created = await createSite({ group_ids: [group.id] });
    const moved = await createSite();
    const patched = await api.PATCH("/sites/{id}", {
      params: { path: { id: moved.id } },
      body: { group_ids: [group.id] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await readGroup(group.id)).site_ids).toEqual([site.id, created.id, moved.id]);
  });

  it("POST /groups with its id in child_group_ids nests it", async () => {
    const { group } = await patchedGroup();
    const parent = await createGroup({ name: "Parent", type: "group1", child_group_ids: [group.id] });
    expect((await readGroup(group.id)).parent_group_ids).toEqual([parent.id]);
  });
});

describe("DELETE /groups/{id}", () => {
  it("answers 204 with no body; the group is gone from GET and from the list", async () => {
    const group = await createGroup();
    const response = await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } });
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expectProblem(await api.GET("/groups/{id}", { params: { path: { id: group.id } } }), 404, "NOT_FOUND");
    expect((await listAll("/groups")).map((g) => (g as Group).id)).not.toContain(group.id);
    expectProblem(await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } }), 404, "NOT_FOUND");
  });

  it("removes its links in every direction and the ids others keep of it, but deletes no site and no other group", async () => {
    const [s1, s2] = [await createSite(), await createSite()];
    const [c1, c2] = [await createGroup(), await createGroup()];
    const group = await createGroup({ site_ids: [s1.id, s2.id], child_group_ids: [c1.id, c2.id] });
    const sibling = await createGroup();
    const parent = await createGroup({ child_group_ids: [group.id, sibling.id] });
    const otherHolder = await createGroup({ site_ids: [s1.id], child_group_ids: [c1.id] });
    expect((await readGroup(group.id)).parent_group_ids).toEqual([parent.id]);

    expect((await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } })).status).toBe(204);

    expectProblem(await api.GET("/groups/{id}", { params: { path: { id: group.id } } }), 404, "NOT_FOUND");
    expect((await readSite(s1.id)).group_ids).toEqual([otherHolder.id]);
    expect((await readSite(s2.id)).group_ids).toEqual([]);
    expect((await readGroup(c1.id)).parent_group_ids).toEqual([otherHolder.id]);
    expect((await readGroup(c2.id)).parent_group_ids).toEqual([]);
    expect((await readGroup(parent.id)).child_group_ids).toEqual([sibling.id]);
    expect((await readGroup(sibling.id)).parent_group_ids).toEqual([parent.id]);
    expect((await readGroup(otherHolder.id)).site_ids).toEqual([s1.id]);
  });

  it("leaves no link to revive: the former members can no longer be linked to it", async () => {
    const site = await createSite();
    const child = await createGroup();
    const group = await createGroup({ site_ids: [site.id] });
    expect((await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } })).status).toBe(204);
    expectProblem(
      await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group.id, site_id: site.id } } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(
      await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: group.id, child_id: child.id } } }),
      404,
      "NOT_FOUND",
    );
    expectRefusedOn(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [group.id] } }),
      "UNKNOWN_REFERENCE",
      "group_ids",
    );
    expect((await readSite(site.id)).group_ids).toEqual([]);
    expect((await readGroup(child.id)).parent_group_ids).toEqual([]);
  });
});
