/**
 * The rollups processor (core rollups/processor.ts) over the records of real writes: after each kind
 * of change — a link, an unlink, a nest, an un-nest, a PATCH of a totalled field, a site's and a
 * group's delete, a long delete — what it maintains equals what is computed from scratch by walking
 * the groups, whatever the order of the records across items, handled twice, or at once.
 */
import type { DynamoDBRecord } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { aGroup, frenchSite, italianSite } from "../support/fixtures.ts";
import { expectHierarchyMatches, expectSummariesMatch, scratchOf } from "../support/hierarchy.ts";
import { recordKeeper, startTestRunner } from "../support/processed-events.ts";

let db: TestDatabase;
let keeper: ReturnType<typeof recordKeeper>;
let runner: Awaited<ReturnType<typeof startTestRunner>>;
/** How many of the kept records were handed to the processor. */
let handled = 0;

beforeAll(async () => {
  db = await createTestDatabase({ stream: true });
  keeper = recordKeeper();
  runner = await startTestRunner(db, keeper.handler);
});

/** The stream records of the writes since the last call. */
async function newRecords(): Promise<DynamoDBRecord[]> {
  await runner.caughtUp();
  const fresh = keeper.records.slice(handled);
  handled = keeper.records.length;
  return fresh;
}

async function maintain(records: readonly DynamoDBRecord[]) {
  const result = await db.context.hierarchy.maintain(records);
  expect(result.batchItemFailures).toEqual([]);
  return result.stats;
}

/** mulberry32, for shuffles that replay. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("after each kind of change, the maintained items equal the hierarchy from scratch", () => {
  it("a site joining B while B is nested under A ends the same whichever record comes first", async () => {
    const { groups, sites } = db.context;
    for (const order of ["site first", "nesting first"] as const) {
      const a = await groups.create(aGroup());
      const b = await groups.create(aGroup());
      const site = await sites.create(frenchSite());
      await maintain(await newRecords());
      await groups.addSite(b.id, site.id);
      await groups.addChild(a.id, b.id);
      const records = await newRecords();
      const isNesting = (r: DynamoDBRecord) => String(r.dynamodb?.Keys?.sk?.S).startsWith("child#");
      const [first, second] =
        order === "site first"
          ? [records.filter((r) => !isNesting(r)), records.filter(isNesting)]
          : [records.filter(isNesting), records.filter((r) => !isNesting(r))];
      await maintain(first);
      await maintain(second);
      const summary = await db.context.hierarchy.summary(a.id);
      expect(summary.sites.count, order).toBe(1);
      expect(summary.groups_below, order).toBe(1);
    }
    await expectHierarchyMatches(db);
  });

  it("links, nests, PATCHes, un-nests, unlinks and deletes, each folded in as it comes", async () => {
    const { groups, sites } = db.context;
    const top = await groups.create(aGroup({ type: "group1" }));
    const middle = await groups.create(aGroup({ type: "group2" }));
    const other = await groups.create(aGroup({ type: "group2" }));
    const leaf = await groups.create(aGroup({ type: "group2" }));
    const fr = await sites.create(frenchSite({ max_power_megawatt: 12.5, group_ids: [leaf.id] }));
    const it = await sites.create(italianSite({ max_power_megawatt: 3, group_ids: [leaf.id, other.id] }));
    const writes: Array<() => Promise<unknown>> = [
      () => groups.addChild(top.id, middle.id),
      () => groups.addChild(middle.id, leaf.id),
      () => groups.addChild(top.id, other.id),
      () => sites.update(fr.id, { max_power_megawatt: 20.25, min_power_megawatt: 0.5 }),
      () => sites.update(it.id, { efficiency: 0.5, installation_date: "2030-06-01" }),
      () => sites.update(fr.id, { name: "renamed only" }),
      () => groups.update(other.id, { child_group_ids: [leaf.id] }),
      () => groups.removeChild(middle.id, leaf.id),
      () => groups.removeSite(other.id, it.id),
      () => sites.remove(fr.id),
      () => groups.remove(other.id),
    ];
    for (const write of writes) {
      await write();
      await maintain(await newRecords());
      await expectSummariesMatch(db, await scratchOf(db));
    }
    await expectHierarchyMatches(db);
  });

  it("a long delete (a group holding 60 sites, below two groups) and a site in 55 groups", async () => {
    const { groups, sites } = db.context;
    const parent = await groups.create(aGroup());
    const big = await groups.create(aGroup());
    await groups.addChild(parent.id, big.id);
    const many = await Promise.all(Array.from({ length: 60 }, () => sites.create(frenchSite())));
    for (const site of many) await groups.addSite(big.id, site.id);
    const fifty = await Promise.all(Array.from({ length: 55 }, () => groups.create(aGroup())));
    const busy = await sites.create(italianSite());
    for (const g of fifty) await groups.addSite(g.id, busy.id);
    for (const g of fifty.slice(0, 20)) await groups.addChild(parent.id, g.id);
    await maintain(await newRecords());
    await expectHierarchyMatches(db);

    await sites.update(busy.id, { max_power_megawatt: 9.75 });
    await maintain(await newRecords());
    await expectHierarchyMatches(db);

    await groups.remove(big.id);
    await sites.remove(busy.id);
    const records = await newRecords();
    expect(records.length).toBeGreaterThan(120);
    await maintain(records);
    await expectHierarchyMatches(db);
  });
});

describe("the order, repetition and concurrency of the records change nothing", () => {
  it("every record of a run of writes, shuffled across items, handled twice, in concurrent batches", async () => {
    const { groups, sites } = db.context;
    const made = await Promise.all(Array.from({ length: 6 }, () => groups.create(aGroup())));
    const ids = made.map((g) => g.id);
    const some = await Promise.all(
      Array.from({ length: 8 }, (_, i) => sites.create(i % 2 ? italianSite() : frenchSite())),
    );
    const pairs: Array<() => Promise<unknown>> = [
      () => groups.addChild(ids[0] as number, ids[1] as number),
      () => groups.addChild(ids[1] as number, ids[2] as number),
      () => groups.addChild(ids[0] as number, ids[3] as number),
      () => groups.addChild(ids[3] as number, ids[2] as number),
      ...some.map((s, i) => () => groups.addSite(ids[(i % 4) + 2] as number, s.id)),
      () => sites.update((some[0] as { id: number }).id, { max_power_megawatt: 77 }),
      () => groups.removeChild(ids[1] as number, ids[2] as number),
      () => groups.addChild(ids[4] as number, ids[0] as number),
      () => groups.removeChild(ids[4] as number, ids[0] as number),
      () => groups.addChild(ids[4] as number, ids[0] as number),
      () => sites.remove((some[1] as { id: number }).id),
      () => groups.remove(ids[3] as number),
    ];
    for (const write of pairs) await write();
    const records = await newRecords();
    const twice = shuffled([...records, ...records], 42);
    const batches: DynamoDBRecord[][] = [];
    for (let i = 0; i < twice.length; i += 7) batches.push(twice.slice(i, i + 7));
    await Promise.all(batches.map((batch) => maintain(batch)));
    await expectHierarchyMatches(db);
  });
});
