/**
 * `GET /groups/{id}/tree` (API.md "The hierarchy"): read from the group items themselves, so no
 * stream processor is needed here (`sites_below` is 0 without one). Breadth-first, children
 * ascending by id; a group reached by several paths expanded where it is nearest the root and
 * `repeated` elsewhere; `depth` levels below the group; at most 1,000 nodes, then `truncated`.
 *
 *   R ⊃ X, Y, W;  X ⊃ Z;  Y ⊃ Z;  Z ⊃ W   (X holds 2 sites, Z 1)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Group, Schemas } from "../support/client.ts";
import { frenchSite } from "../support/fixtures.ts";
import { create, expectStatus } from "../support/replies.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";

type Node = Schemas["GroupTree"];

let api: TestApi;
let r: Group;
let x: Group;
let y: Group;
let z: Group;
let w: Group;

beforeAll(async () => {
  api = await startTestApi();
  const sites = [await create(api, "/sites", frenchSite()), await create(api, "/sites", frenchSite())];
  w = await create(api, "/groups", { name: "W", type: "group3" });
  z = await create(api, "/groups", {
    name: "Z",
    type: "group2",
    site_ids: [sites[0]?.id as number],
    child_group_ids: [w.id],
  });
  x = await create(api, "/groups", {
    name: "X",
    type: "group1",
    site_ids: sites.map((s) => s.id),
    child_group_ids: [z.id],
  });
  y = await create(api, "/groups", { name: "Y", type: "group1", child_group_ids: [z.id] });
  r = await create(api, "/groups", { name: "R", type: "group3", child_group_ids: [y.id, w.id, x.id] });
});

async function tree(id: number, depth?: number): Promise<Node> {
  const query = depth === undefined ? {} : { depth };
  return expectStatus(await api.GET("/groups/{id}/tree", { params: { path: { id }, query } }), 200);
}

const shape = (node: Node): unknown =>
  node.repeated
    ? `${node.name} (repeated)`
    : { [node.name]: node.children === undefined ? "…" : node.children.map(shape) };

describe("GET /groups/{id}/tree", () => {
  it("expands breadth-first, children ascending, each group where it is nearest the root", async () => {
    const top = await tree(r.id);
    // W is a child of R (level 1) and of Z (level 3): expanded under R, repeated under Z;
    // Z is reached under X and Y (level 2), X first in id order
    expect(shape(top)).toEqual({ R: [{ W: [] }, { X: [{ Z: ["W (repeated)"] }] }, { Y: ["Z (repeated)"] }] });
    expect(top.children?.map((c) => c.id)).toEqual([w.id, x.id, y.id].sort((a, b) => a - b));
    const byName = Object.fromEntries((top.children ?? []).map((c) => [c.name, c]));
    expect(shape(byName.X as Node)).toEqual({ X: [{ Z: ["W (repeated)"] }] });
    expect(shape(byName.Y as Node)).toEqual({ Y: ["Z (repeated)"] });
    expect(shape(byName.W as Node)).toEqual({ W: [] });
    expect(byName.X).toMatchObject({ id: x.id, type: "group1", site_count: 2, sites_below: 0 });
    expect(byName.Y?.children?.[0]).toEqual({ id: z.id, name: "Z", type: "group2", repeated: true });
    expect(top).toMatchObject({ id: r.id, name: "R", type: "group3", site_count: 0 });
  });

  it("shows depth levels below the group: the last level without children", async () => {
    expect(shape(await tree(r.id, 1))).toEqual({ R: [{ W: "…" }, { X: "…" }, { Y: "…" }] });
    expect(shape(await tree(x.id, 1))).toEqual({ X: [{ Z: "…" }] });
    expect(shape(await tree(x.id, 2))).toEqual({ X: [{ Z: [{ W: "…" }] }] });
    expect(shape(await tree(w.id))).toEqual({ W: [] });
  });

  it("stops at 1,000 nodes, repeated ones included: what would not fit is truncated, without children", async () => {
    const leaves: Group[] = [];
    for (let i = 0; i < 31; i++) leaves.push(await create(api, "/groups", { name: `Leaf ${i}`, type: "group1" }));
    const middles: Group[] = [];
    for (let i = 0; i < 32; i++) {
      middles.push(
        await create(api, "/groups", { name: `Middle ${i}`, type: "group1", child_group_ids: leaves.map((l) => l.id) }),
      );
    }
    const top = await create(api, "/groups", {
      name: "Top",
      type: "group1",
      child_group_ids: middles.map((m) => m.id),
    });
    const answer = await tree(top.id);
    const count = (node: Node): number => 1 + (node.children ?? []).reduce((n, child) => n + count(child), 0);
    // 1 + 32 + 31 × 31 = 994 nodes fit; the last middle's 31 children would make 1,025
    expect(count(answer)).toBe(994);
    const last = answer.children?.at(-1) as Node;
    expect(last).toMatchObject({ name: "Middle 31", truncated: true });
    expect(last).not.toHaveProperty("children");
    expect(answer.children?.filter((c) => c.truncated)).toHaveLength(1);
    // the leaves, first reached under the first middle, are expanded there (they have no children)
    expect(answer.children?.[0]?.children?.every((leaf) => Array.isArray(leaf.children))).toBe(true);
    expect(answer.children?.[1]?.children?.every((leaf) => leaf.repeated)).toBe(true);
  });

  it("is a 404 for a group that does not exist; a bad depth or another parameter is a 400 naming it", async () => {
    expectProblem(await api.raw("GET", "/groups/999999/tree"), 404, "NOT_FOUND");
    for (const depth of ["0", "17", "abc", "1.5"]) {
      expectInvalid(await api.raw("GET", `/groups/${r.id}/tree?depth=${depth}`), "depth");
    }
    expectInvalid(await api.raw("GET", `/groups/${r.id}/tree?levels=2`), "levels");
  });
});
