/**
 * The 16-level nesting limit (422 NESTING_TOO_DEEP) and the nesting scheme without a global
 * version item, against DynamoDB Local: the limit holds for every write that nests (PUT, POST,
 * PATCH), under concurrency, and nestings of unrelated groups do not conflict with each other.
 */
import type { Group } from "@sites-groups/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { expectConsistent, longestChain } from "../support/invariants.ts";
import { outcome } from "../support/outcome.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

let count = 0;
const group = () => db.context.groups.create({ name: `G${count++}`, type: "group1" });

/** `length` groups, each inside the previous one; returned top first. */
async function chain(length: number): Promise<Group[]> {
  const groups = await Promise.all(Array.from({ length }, group));
  for (let i = 0; i + 1 < groups.length; i++) await db.context.groups.addChild(groups[i]!.id, groups[i + 1]!.id);
  return groups;
}

const top = (c: Group[]) => c[0]!.id;
const bottom = (c: Group[]) => c[c.length - 1]!.id;

async function chainLength() {
  const { nestings } = await expectConsistent(db);
  return longestChain(nestings as { parent_id: number; child_id: number }[]);
}

describe("nesting depth", () => {
  it("a chain of 16 is allowed; a 17th group above or below it is NESTING_TOO_DEEP naming the field", async () => {
    const c = await chain(16);
    const extra = await group();
    await expect(db.context.groups.addChild(extra.id, top(c))).rejects.toMatchObject({
      code: "NESTING_TOO_DEEP",
      errors: [{ path: "child_id" }],
    });
    await expect(db.context.groups.addChild(bottom(c), extra.id)).rejects.toMatchObject({
      code: "NESTING_TOO_DEEP",
    });
    await expect(db.context.groups.update(extra.id, { child_group_ids: [top(c)] })).rejects.toMatchObject({
      code: "NESTING_TOO_DEEP",
      errors: [{ path: "child_group_ids" }],
    });
    await expect(
      db.context.groups.create({ name: "Over", type: "group1", child_group_ids: [top(c)] }),
    ).rejects.toMatchObject({ code: "NESTING_TOO_DEEP", errors: [{ path: "child_group_ids" }] });
    // nothing was written
    expect((await db.context.groups.get(extra.id)).child_group_ids).toEqual([]);
    expect((await db.context.groups.get(top(c))).parent_group_ids).toEqual([]);
  });

  it("joining two chains counts the groups above the parent and below the child (8 + 8 fits, 8 + 9 does not)", async () => {
    const [a, b, c] = await Promise.all([chain(8), chain(8), chain(9)]);
    await expect(db.context.groups.addChild(bottom(a!), top(c!))).rejects.toMatchObject({ code: "NESTING_TOO_DEEP" });
    await db.context.groups.addChild(bottom(a!), top(b!));
    // a second, shorter path does not change the longest chain
    await db.context.groups.addChild(top(a!), top(b!));
    expect(await chainLength()).toBe(16);
  });

  it("a cycle is still refused first (GROUP_CYCLE), inside a chain", async () => {
    const c = await chain(4);
    await expect(db.context.groups.addChild(bottom(c), top(c))).rejects.toMatchObject({ code: "GROUP_CYCLE" });
  });
});

describe("depth races", () => {
  const ALLOWED = ["OK", "NESTING_TOO_DEEP", "SERVICE_UNAVAILABLE"];

  it("17 groups linked into one chain by 16 simultaneous nestings never make a chain of 17", async () => {
    for (let round = 0; round < 3; round++) {
      const groups = await Promise.all(Array.from({ length: 17 }, group));
      const outcomes = await Promise.all(
        groups.slice(1).map((g, i) => outcome(db.context.groups.addChild(groups[i]!.id, g.id))),
      );
      for (const o of outcomes) expect(ALLOWED).toContain(o);
      expect(outcomes.filter((o) => o === "OK").length).toBeLessThan(16);
      expect(await chainLength()).toBeLessThanOrEqual(16);
    }
  });

  it("groups added above and below one chain at once: never more than 16 in a chain", async () => {
    for (let round = 0; round < 3; round++) {
      const middle = await chain(8);
      const below = await Promise.all(Array.from({ length: 6 }, () => chain(8)));
      const above = await Promise.all(Array.from({ length: 6 }, group));
      // each alone fits (8 + 8 = 16, 1 + 8 = 9); one from each side together would make 17
      const outcomes = await Promise.all([
        ...below.map((c) => outcome(db.context.groups.addChild(bottom(middle), top(c)))),
        ...above.map((g) => outcome(db.context.groups.addChild(g.id, top(middle)))),
      ]);
      for (const o of outcomes) expect(ALLOWED).toContain(o);
      expect(outcomes.filter((o) => o === "OK").length).toBeGreaterThan(0);
      expect(await chainLength()).toBeLessThanOrEqual(16);
    }
  });
});

describe("unrelated nestings", () => {
  it("50 simultaneous nestings of unrelated groups all succeed: none waits on another", async () => {
    const pairs = await Promise.all(Array.from({ length: 50 }, async () => [await group(), await group()] as const));
    const outcomes = await Promise.all(pairs.map(([p, c]) => outcome(db.context.groups.addChild(p.id, c.id))));
    expect(outcomes.filter((o) => o !== "OK")).toEqual([]);
    await expectConsistent(db);
  });
});
