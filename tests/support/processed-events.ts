/**
 * The stream processor over a test table: the local stream runner (packages/local/src/stream.ts)
 * reading the table's stream on the run's DynamoDB Local, and the events it stored, read straight
 * from the table (`GET /events` waits for its 1 s settle horizon; the tests of the mapping do not).
 */
import {
  type ChangeRecord,
  type CloudEvent,
  createPositions,
  EVENT_KEY_PREFIX,
  type ProcessorDependencies,
  processRecords,
  tableDefinition,
} from "@sites-groups/core";
import { type StreamHandler, type StreamRunner, startStreamRunner } from "@sites-groups/local/stream";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll } from "vitest";
import type { TestDatabase } from "./database.ts";

/** A stored event with its position (the sort key of every event index). */
export interface StoredEvent {
  event: CloudEvent;
  position: string;
}

/** Every event stored in the table, in position order. */
export async function storedEvents(db: TestDatabase): Promise<StoredEvent[]> {
  const positionKey = tableDefinition.indexes.gsi1.sortKey;
  return (await db.scanAll())
    .filter((item) => String(item[tableDefinition.partitionKey]).startsWith(EVENT_KEY_PREFIX))
    .map((item) => ({ event: JSON.parse(String(item.event)) as CloudEvent, position: String(item[positionKey]) }))
    .sort((a, b) => (a.position < b.position ? -1 : 1));
}

/** A stream runner over the test table, fast (short polls and backoff), stopped after the file. */
export async function startTestRunner(
  db: TestDatabase,
  handler: StreamHandler,
  options: { retries?: number; batchSize?: number; log?: (line: string) => void } = {},
): Promise<StreamRunner> {
  const runner = await startStreamRunner({
    endpoint: db.endpoint,
    table: db.table,
    handler,
    pollMs: 25, // short, for fast tests, but not a busy loop on the run's one DynamoDB Local
    backoffMs: 1,
    log: options.log ?? (() => {}),
    ...options,
  });
  afterAll(() => runner.stop());
  return runner;
}

/**
 * Follows the events a test's writes make: `next()` waits until the runner has handed on every
 * record written so far, then answers the events stored since the previous call, in order.
 */
export function eventFollower(db: TestDatabase, runner: StreamRunner) {
  const seen = new Set<string>();
  return async function next(): Promise<CloudEvent[]> {
    await runner.caughtUp();
    const fresh = (await storedEvents(db)).filter((s) => !seen.has(s.event.id));
    for (const s of fresh) seen.add(s.event.id);
    return fresh.map((s) => s.event);
  };
}

/** A handler that only keeps the records it is handed (to hand them to a processor later, as a test likes). */
export function recordKeeper() {
  const records: DynamoDBRecord[] = [];
  const handler: StreamHandler = async (event) => {
    records.push(...event.Records);
    return { batchItemFailures: [] };
  };
  return { records, handler };
}

/** The processor of core (events/processor.ts) over the test table, without a bus unless given one. */
export function processorOf(db: TestDatabase, options: Partial<ProcessorDependencies> = {}) {
  const deps: ProcessorDependencies = {
    db: db.context.db,
    reader: db.context.events.reader,
    positions: createPositions(),
    source: "sites-and-groups/test",
    ...options,
  };
  const process = (records: readonly ChangeRecord[]) => processRecords(records, deps);
  const handler: StreamHandler = async (event) => ({
    batchItemFailures: (await process(event.Records)).batchItemFailures,
  });
  return { process, handler };
}

/** The records of the writes `write` makes, as the stream runner hands them on, from the stream's start. */
export async function recordsOf(db: TestDatabase, write: () => Promise<unknown>): Promise<DynamoDBRecord[]> {
  const keeper = recordKeeper();
  const runner = await startTestRunner(db, keeper.handler);
  await write();
  await runner.caughtUp();
  await runner.stop();
  return keeper.records;
}
