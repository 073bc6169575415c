/**
 * The stream processor's Lambda handler (src/events/process.ts) with a bus: each stored event put
 * on the stage's EventBridge bus (mocked) as API.md "Events" and docs/design.md say, 10 entries per
 * PutEvents, and what a failed entry or a failed call does (its record fails and comes again, with
 * the same event). The table is real: a test table on the run's DynamoDB Local, the records come
 * from its stream.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { type CloudEvent, EVENT_KEY_PREFIX, eventIdOf } from "@sites-groups/core";
import type { DynamoDBRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/database.ts";
import { aGroup, frenchSite, italianSite } from "../../tests/support/fixtures.ts";
import { recordsOf, storedEvents } from "../../tests/support/processed-events.ts";
import { handler } from "../src/events/process.ts";

const bus = mockClient(EventBridgeClient);
const BUS = "sites-and-groups-test";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ stream: true });
  process.env.TABLE_NAME = db.table;
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  process.env.EVENT_BUS_NAME = BUS;
  process.env.STAGE = "test";
  process.env.AWS_REGION = "eu-west-3";
});
afterEach(() => bus.reset());

/** The bus accepts every entry; `refuse` says which entries (by their index in the call) fail. */
function acceptEntries(refuse: (entry: PutEventsRequestEntry, index: number, call: number) => boolean = () => false) {
  let call = 0;
  bus.on(PutEventsCommand).callsFake(({ Entries = [] }: { Entries?: PutEventsRequestEntry[] }) => {
    const results = Entries.map((entry, i) =>
      refuse(entry, i, call)
        ? { ErrorCode: "InternalFailure", ErrorMessage: "try again" }
        : { EventId: `bus-${call}-${i}` },
    );
    call += 1;
    return { FailedEntryCount: results.filter((r) => "ErrorCode" in r).length, Entries: results };
  });
}

const entriesPut = () => bus.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries ?? []);
const detail = (entry: PutEventsRequestEntry | undefined) => JSON.parse(String(entry?.Detail)) as CloudEvent;
const madeBy = (records: DynamoDBRecord[], event: CloudEvent) =>
  records.find((r) => r.eventID && eventIdOf(r.eventID) === event.id);

/**
 * The records of some writes, not those of earlier tests, and not the events' own items (the
 * mapping's filter criteria keep those from the processor in AWS).
 */
const seen = new Set<string>();
async function newRecords(write: () => Promise<unknown>): Promise<DynamoDBRecord[]> {
  const records = (await recordsOf(db, write)).filter((r) => {
    const sequence = String(r.dynamodb?.SequenceNumber);
    const fresh = !seen.has(sequence);
    seen.add(sequence);
    return fresh && !r.dynamodb?.Keys?.pk?.S?.startsWith(EVENT_KEY_PREFIX);
  });
  return records;
}

describe("the processor with a bus", () => {
  it("puts every stored event on the bus, in order, 10 entries per call, the CloudEvent as the detail", async () => {
    const records = await newRecords(async () => {
      const group = await db.context.groups.create(aGroup({ type: "group2" }));
      for (let i = 0; i < 6; i += 1) await db.context.sites.create(frenchSite({ group_ids: [group.id] }));
      await db.context.groups.update(group.id, { name: "Six sites" });
    });
    acceptEntries();

    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });

    const stored = (await storedEvents(db)).map((s) => s.event);
    expect(stored).toHaveLength(1 + 6 * 2 + 1);
    const calls = entriesPut();
    expect(calls.map((entries) => entries.length)).toEqual([10, 4]);
    expect(calls.flat()).toEqual(
      stored.map((event) =>
        expect.objectContaining({
          EventBusName: BUS,
          Source: "sites-and-groups/test",
          DetailType: event.type,
          Detail: JSON.stringify(event),
        }),
      ),
    );
    expect(detail(calls[0]?.[0])).toMatchObject({ source: "sites-and-groups/test", type: "group.created" });
  });

  it("a failed entry fails its record; the redelivery from it puts the same event (same id and time) again", async () => {
    const records = await newRecords(async () => {
      for (let i = 0; i < 4; i += 1) await db.context.sites.create(italianSite());
    });
    acceptEntries((_entry, index, call) => call === 0 && index === 2);

    const result = await handler({ Records: records });

    const [first] = entriesPut();
    const refused = detail(first?.[2]);
    const record = madeBy(records, refused);
    expect(record).toBeDefined();
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record?.dynamodb?.SequenceNumber }] });

    // Lambda sends the batch again from the reported record: the same event goes on the bus again
    bus.reset();
    acceptEntries();
    const again = await handler({ Records: records.slice(records.indexOf(record as DynamoDBRecord)) });
    expect(again).toEqual({ batchItemFailures: [] });
    const [retried] = entriesPut();
    expect(retried?.[0]?.Detail).toBe(first?.[2]?.Detail);
    expect(detail(retried?.[0])).toMatchObject({ id: refused.id, time: refused.time });
    // and the events after it too (at least once on the bus), the same as the first time
    expect(retried?.map((e) => e.Detail)).toEqual(first?.slice(2).map((e) => e.Detail));
  });

  it("a PutEvents that throws fails the first record of the batch that made an event", async () => {
    const records = await newRecords(() => db.context.sites.create(frenchSite()));
    // a site's records start with its id counter's, which makes no event
    expect(db.context.events.reader.changeOf(records[0] as DynamoDBRecord)).toBeUndefined();
    const eventful = records.find((r) => db.context.events.reader.changeOf(r));
    bus.on(PutEventsCommand).rejects(Object.assign(new Error("bus unreachable"), { name: "InternalException" }));

    const result = await handler({ Records: records });

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: eventful?.dynamodb?.SequenceNumber }] });
    expect(eventful).not.toBe(records[0]);
    // stored all the same: the redelivery stores nothing twice and puts it on the bus
    bus.reset();
    acceptEntries();
    expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
    const stored = (await storedEvents(db)).map((s) => s.event);
    expect(entriesPut().flat().map(detail)).toEqual([stored.at(-1)]);
    expect(madeBy(records, stored.at(-1) as CloudEvent)).toBe(eventful);
  });
});
