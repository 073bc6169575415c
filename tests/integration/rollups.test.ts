/**
 * The rollups processor (core rollups/processor.ts) over the records of real writes: after each kind
 * of change — a link, an unlink, a nest, an un-nest, a PATCH of a totalled field, a site's and a
 * group's delete, a long delete — what it maintains equals what is computed from scratch by walking
 * the groups, whatever the order of the records across items, handled twice, or at once; and the
 * rebuild reports and repairs what was broken by hand, while writes go on.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { aGroup, frenchSite, italianSite } from "../support/fixtures.ts";
import { expectHierarchyMatches, expectSummariesMatch, scratchOf } from "../support/hierarchy.ts";
import { recordKeeper, startTestRunner } from "../support/processed-events.ts";
import { seeded, shuffled } from "../support/random.ts";

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

/** `count` results of `make`, 4 at a time. */
async function fewAtATime<T>(count: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i += 4)
    made.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, make))));
  return made;
}

async function maintain(records: readonly DynamoDBRecord[]) {
  const result = await db.context.hierarchy.maintain(records);
  expect(result.batchItemFailures).toEqual([]);
  return result.stats;
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

  it("a long delete (a group holding 52 sites) and a site in 52 groups, 20 of them below one group", async () => {
    const { groups, sites } = db.context;
    // a few writes at a time, and the links 10 at a time: DynamoDB Local with a stream is slow on
    // many writes at once and on large transactions
    const ids = (await fewAtATime(52, () => sites.create(frenchSite()))).map((s) => s.id);
    const fifty = (await fewAtATime(52, () => groups.create(aGroup()))).map((g) => g.id);
    const busy = await sites.create(italianSite());
    const big = await groups.create(aGroup());
    for (let n = 10; n < 60; n += 10) {
      await groups.update(big.id, { site_ids: ids.slice(0, n) });
      await sites.update(busy.id, { group_ids: fifty.slice(0, n) });
    }
    await groups.create(aGroup({ child_group_ids: [big.id, ...fifty.slice(0, 20)] }));
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
  }, 120_000); // the deletes are long ones: DynamoDB Local with a stream takes seconds per 99-item transaction
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
    const twice = shuffled([...records, ...records], seeded(42));
    const batches: DynamoDBRecord[][] = [];
    for (let i = 0; i < twice.length; i += 7) batches.push(twice.slice(i, i + 7));
    await Promise.all(batches.map((batch) => maintain(batch)));
    await expectHierarchyMatches(db);
  });
});

describe("the rebuild", () => {
  const rollups = () => db.context.db.rollupsTable;

  it("reports every difference without writing, repairs them all, and is safe while writes go on", async () => {
    const { groups, sites } = db.context;
    const top = await groups.create(aGroup());
    const below = await groups.create(aGroup());
    const lone = await groups.create(aGroup());
    const a = await sites.create(frenchSite({ group_ids: [below.id] }));
    const b = await sites.create(italianSite({ group_ids: [below.id] }));
    await groups.addChild(top.id, below.id);
    await maintain(await newRecords());
    await expectHierarchyMatches(db);

    const pad = (id: number) => String(id).padStart(16, "0");
    // a summary that drifted, a below item lost, a stray one (site b below lone), a ledger that
    // forgot a group, one gone
    await db.context.db.client.send(
      new UpdateCommand({
        TableName: rollups(),
        Key: { pk: `rollup#summary#${pad(top.id)}`, sk: "summary" },
        UpdateExpression: "ADD #n :three",
        ExpressionAttributeNames: { "#n": "n|*" },
        ExpressionAttributeValues: { ":three": 3 },
      }),
    );
    await db.context.db.client.send(
      new DeleteCommand({ TableName: rollups(), Key: { pk: `rollup#below#${pad(top.id)}`, sk: `site#${pad(a.id)}` } }),
    );
    await db.context.db.client.send(
      new PutCommand({
        TableName: rollups(),
        Item: {
          pk: `rollup#below#${pad(lone.id)}`,
          sk: `site#${pad(b.id)}`,
          above_id: lone.id,
          below_id: b.id,
          kind: "site",
        },
      }),
    );
    await db.context.db.client.send(
      new UpdateCommand({
        TableName: rollups(),
        Key: { pk: `rollup#site#${pad(b.id)}`, sk: "ledger" },
        UpdateExpression: "DELETE #up :top",
        ExpressionAttributeNames: { "#up": "up" },
        ExpressionAttributeValues: { ":top": new Set([top.id]) },
      }),
    );
    await db.context.db.client.send(
      new DeleteCommand({ TableName: rollups(), Key: { pk: `rollup#group#${pad(below.id)}`, sk: "ledger" } }),
    );
    // and a group written before the root index existed: no key of it
    await db.context.db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: `group#${pad(lone.id)}`, sk: "group" },
        UpdateExpression: "REMOVE root_key, gsi3pk, gsi3sk",
      }),
    );

    const before = await db.scanAll(rollups());
    const differences = await db.context.hierarchy.check();
    expect(await db.scanAll(rollups())).toEqual(before);
    const subjects = new Set(differences.map((d) => d.subject));
    for (const subject of [
      `group ${top.id}`,
      `site ${a.id}`,
      `site ${b.id}`,
      `group ${below.id}`,
      `group ${lone.id}`,
    ]) {
      expect(subjects, JSON.stringify(differences)).toContain(subject);
    }

    // the repair while writes and their processing go on
    const writes = (async () => {
      for (let i = 0; i < 5; i++) {
        const site = await sites.create(frenchSite({ group_ids: [below.id] }));
        await groups.addSite(lone.id, site.id);
        await maintain(await newRecords());
      }
    })();
    const report = await db.context.hierarchy.rebuild();
    await writes;
    expect(report.differences.length).toBeGreaterThanOrEqual(5);
    expect(report.repaired?.summaries).toBeGreaterThan(0);
    expect(report.repaired?.roots).toBe(1);
    await maintain(await newRecords());
    await expectHierarchyMatches(db);
  });
});
