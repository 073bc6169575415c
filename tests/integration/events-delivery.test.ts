/**
 * The stream processor (core events/processor.ts) against what Lambda's event source mapping and
 * the local stream runner do to it: batches delivered again, split differently, an older batch
 * after a newer one (each event stored once, same id, same position, listed once); poison records
 * (a malformed item, an unregistered country) that go to the dead-letter list after the bounded
 * retries without blocking the records behind them; and the handler's partial batch response.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { type ChangeRecord, eventIdOf, SETTLE_MS } from "@sites-groups/core";
import type { DynamoDBRecord } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../support/clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { aGroup, frenchSite, italianSite } from "../support/fixtures.ts";
import { processorOf, recordsOf, startTestRunner, storedEvents } from "../support/processed-events.ts";

/** Some writes of every kind: sites, groups, links, updates, deletes. */
async function someWrites(db: TestDatabase) {
  const { sites, groups } = db.context;
  const group = await groups.create(aGroup({ type: "group2" }));
  const a = await sites.create(frenchSite({ group_ids: [group.id] }));
  const b = await sites.create(italianSite());
  await sites.update(a.id, { name: "A renamed" });
  await groups.addSite(group.id, b.id);
  const child = await groups.create(aGroup({ type: "group3" }));
  await groups.addChild(group.id, child.id);
  await sites.remove(a.id);
  await groups.update(group.id, { name: "Renamed group" });
  return { group, a, b, child };
}

/** The ids of the events the records make, in record order: one per record that makes a change. */
const expectedIds = (db: TestDatabase, records: readonly ChangeRecord[]) =>
  records.filter((r) => db.context.events.reader.changeOf(r)).map((r) => eventIdOf(String(r.eventID)));

const sequence = (record: ChangeRecord | undefined) => String(record?.dynamodb?.SequenceNumber);

/** A site item that is no site: the stream gives it to the processor like any other. */
async function putRaw(db: TestDatabase, item: Record<string, unknown>) {
  await db.context.db.client.send(new PutCommand({ TableName: db.table, Item: item }));
}

describe("redelivery and out-of-order batches", () => {
  const clock = testClock();
  let db: TestDatabase;
  let older: DynamoDBRecord[];
  let newer: DynamoDBRecord[];

  beforeAll(async () => {
    db = await createTestDatabase({ stream: true, now: clock.now });
    older = await recordsOf(db, () => someWrites(db));
    newer = await recordsOf(db, () => someWrites(db));
    newer = newer.slice(older.length); // a new runner reads the stream from its start again
  });

  it("stores one event per change, its id derived from the stream record's eventID", async () => {
    const { process } = processorOf(db);
    const first = await process(older);
    const second = await process(newer);
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    const ids = [...expectedIds(db, older), ...expectedIds(db, newer)];
    expect(ids.length).toBeGreaterThan(20);
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(ids);
    expect((await storedEvents(db)).map((s) => s.event.id)).toEqual(ids);
  });

  it("the same batches again, split otherwise, an older one after a newer one: nothing stored twice, nothing moved", async () => {
    const before = await storedEvents(db);
    // another container: its own positions, which must not matter for what is stored already
    const { process } = processorOf(db);
    const again = await process(older);
    expect(again.batchItemFailures).toEqual([]);
    // the same events as stored, with their first time: what a redelivery puts on the bus again
    const byId = new Map(before.map((s) => [s.event.id, s.event]));
    expect(again.events).toEqual(again.events.map((e) => byId.get(e.id)));
    expect(again.events).toHaveLength(expectedIds(db, older).length);

    for (let i = 0; i < newer.length; i += 3) await process(newer.slice(i, i + 3));
    await process(newer.slice(5));
    await process(older.slice(2, 9));
    await process([...older, ...newer]);
    expect(await storedEvents(db)).toEqual(before);
  });

  it("GET /events lists each event exactly once, in the order of the stream", async () => {
    // every event was stored by the tests before: by the services' clock, their settle time is over
    clock.advance(SETTLE_MS);
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await db.context.events.list({ limit: "7", ...(cursor ? { cursor } : {}) });
      listed.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(listed).toEqual([...expectedIds(db, older), ...expectedIds(db, newer)]);
  });
});

describe("poison records", () => {
  it("the processor stops at the first record it cannot read and names exactly it; the rest comes again", async () => {
    const db = await createTestDatabase({ stream: true });
    let poison = "";
    const records = await recordsOf(db, async () => {
      await db.context.sites.create(frenchSite());
      poison = `site#${900_001}`;
      await putRaw(db, { pk: poison, sk: "site", garbage: true });
      await db.context.sites.create(italianSite());
    });
    const at = records.findIndex((r) => r.dynamodb?.Keys?.pk?.S === poison);
    expect(at).toBeGreaterThan(0);
    const failures: unknown[] = [];
    const { process } = processorOf(db, { onFailure: (_record, error) => failures.push(error) });

    const result = await process(records);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: sequence(records[at]) }]);
    expect(failures).toEqual([expect.objectContaining({ name: "UnreadableRecord" })]);
    const before = expectedIds(db, records.slice(0, at));
    expect(result.events.map((e) => e.id)).toEqual(before);
    // nothing after the failed record is stored: the redelivery from it keeps the order
    expect((await storedEvents(db)).map((s) => s.event.id)).toEqual(before);

    // from the record after it (as the mapping does once the poison is dead-lettered), the rest
    const rest = await process(records.slice(at + 1));
    expect(rest.batchItemFailures).toEqual([]);
    expect((await storedEvents(db)).map((s) => s.event.id)).toEqual([
      ...before,
      ...expectedIds(db, records.slice(at + 1)),
    ]);
  });

  it("with the stream runner, each poison record is dead-lettered after the retries and the shard moves on, in order", async () => {
    const db = await createTestDatabase({ stream: true });
    const { sites } = db.context;
    const a = await sites.create(frenchSite());
    await putRaw(db, { pk: "site#900001", sk: "site", name: 12, country: "??" });
    await sites.update(a.id, { name: "After the first poison" });
    const b = await sites.create(italianSite());
    // a well-formed site item of a country no module registers
    const stored = (await db.scanAll()).find((i) => i.sk === "site" && i.id === b.id) as Record<string, unknown>;
    await putRaw(db, { ...stored, pk: "site#900002", id: 900_002, country: "zz" });
    await sites.create(frenchSite());
    await sites.remove(b.id);

    const handed = new Map<string, DynamoDBRecord>();
    const { handler } = processorOf(db);
    const calls: DynamoDBRecord[][] = [];
    const lines: string[] = [];
    // started after the writes, it reads them from the stream's start: the poisons sit inside a batch
    const runner = await startTestRunner(
      db,
      async (event) => {
        calls.push(event.Records);
        for (const record of event.Records) handed.set(sequence(record), record);
        return handler(event);
      },
      { retries: 2, log: (line) => lines.push(line) },
    );
    await runner.caughtUp();

    expect(runner.deadLetters.map((d) => d.keys?.pk)).toEqual([{ S: "site#900001" }, { S: "site#900002" }]);
    expect(runner.deadLetters.map((d) => d.reason)).toEqual([
      "the processor reported it failed",
      "the processor reported it failed",
    ]);
    expect(lines).toHaveLength(2);
    // each poison failed a batch it was inside, then `retries` batches that start with it, then was never handed on again
    for (const pk of ["site#900001", "site#900002"]) {
      const at = calls.map((batch) => batch.findIndex((r) => r.dynamodb?.Keys?.pk?.S === pk));
      const first = at.indexOf(0);
      expect(at[first - 1]).toBeGreaterThan(0);
      expect(at.slice(first)).toEqual([0, 0, ...at.slice(first + 2).map(() => -1)]);
    }
    const good = [...handed.values()].filter(
      (r) => !["site#900001", "site#900002"].includes(String(r.dynamodb?.Keys?.pk?.S)),
    );
    const events = (await storedEvents(db)).map((s) => s.event);
    expect(events.map((e) => e.id)).toEqual(expectedIds(db, good));
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ["site.created", `sites/${a.id}`],
      ["site.updated", `sites/${a.id}`],
      ["site.created", `sites/${b.id}`],
      ["site.created", expect.stringMatching(/^sites\//)],
      ["site.deleted", `sites/${b.id}`],
    ]);
  });

  it("a batch that throws is bisected by the runner down to the record that throws, which is dead-lettered", async () => {
    const db = await createTestDatabase({ stream: true });
    for (let i = 0; i < 6; i += 1) await db.context.sites.create(italianSite());
    await putRaw(db, { pk: "site#900003", sk: "site", garbage: true });
    for (let i = 0; i < 5; i += 1) await db.context.sites.create(italianSite());

    const { handler } = processorOf(db);
    const batches: DynamoDBRecord[][] = [];
    const isPoison = (r: DynamoDBRecord) => r.dynamodb?.Keys?.pk?.S === "site#900003";
    const runner = await startTestRunner(
      db,
      async (event) => {
        batches.push(event.Records);
        // a function error (a crash, a timeout) rather than a partial batch response
        if (event.Records.some(isPoison)) throw new Error("the function failed");
        return handler(event);
      },
      { retries: 1 },
    );
    await runner.caughtUp();

    const all = batches[0] ?? [];
    expect(all.some(isPoison)).toBe(true);
    // halves, then halves of the half holding the poison, down to the poison alone (tried twice)
    const poisoned = batches.filter((b) => b.some(isPoison)).map((b) => b.length);
    expect(poisoned[0]).toBe(all.length);
    expect(poisoned.slice(-2)).toEqual([1, 1]);
    for (let i = 1; i < poisoned.length - 1; i += 1) {
      const whole = poisoned[i - 1] as number;
      expect([Math.ceil(whole / 2), whole - Math.ceil(whole / 2)]).toContain(poisoned[i]);
    }
    expect(runner.deadLetters).toEqual([
      expect.objectContaining({
        sequenceNumber: sequence(all.find(isPoison)),
        reason: "the processor threw: the function failed",
      }),
    ]);
    const handed = new Map(batches.flat().map((r) => [sequence(r), r]));
    expect((await storedEvents(db)).map((s) => s.event.id)).toEqual(
      expectedIds(
        db,
        [...handed.values()].filter((r) => !isPoison(r)),
      ),
    );
  });
});
