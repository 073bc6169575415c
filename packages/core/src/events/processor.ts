import type { Database } from "../db/entities.ts";
import type { ChangeReader, ChangeRecord } from "./changes.ts";
import type { CloudEvent } from "./event.ts";
import { type Positions, storeEvent } from "./store.ts";

/** A record the processor could not handle: Lambda redelivers the batch from it (partial batch response). */
export interface BatchFailure {
  itemIdentifier: string;
}

export interface ProcessorDependencies {
  db: Database;
  reader: ChangeReader;
  positions: Positions;
  /** `sites-and-groups/<stage>`. */
  source: string;
  /**
   * Puts events on the bus, in order; answers the ids it could not put (absent: no bus, locally).
   * Throws when the bus could not be reached at all.
   */
  publish?: (events: CloudEvent[]) => Promise<string[]>;
  /** Told of each record that fails, with why (the handler logs it). */
  onFailure?: (record: ChangeRecord, error: unknown) => void;
}

/**
 * Turns a batch of stream records into stored events, in order, then puts them on the bus.
 *
 * The records are worked through in order and the first one that fails stops the batch: a later
 * record is never stored before an earlier one of the same subject (a site's records come from one
 * item, a group's from items of one partition key, which the stream keeps in order). The answer
 * names the failed record (`batchItemFailures`): Lambda sends the batch again from it, the records
 * already stored store nothing twice (their ids come from the records), and after the mapping's
 * retries a record that keeps failing goes to the dead-letter queue.
 *
 * An event whose bus entry failed fails its record too, so it is stored once and put on the bus at
 * least once.
 */
export async function processRecords(
  records: readonly ChangeRecord[],
  { db, reader, positions, source, publish, onFailure }: ProcessorDependencies,
): Promise<{ batchItemFailures: BatchFailure[]; events: CloudEvent[] }> {
  const done: { event: CloudEvent; record: ChangeRecord }[] = [];
  let failed: ChangeRecord | undefined;
  for (const record of records) {
    try {
      const change = reader.changeOf(record);
      if (!change) continue;
      const streamEventId = record.eventID;
      if (!streamEventId) throw new Error("the record has no eventID");
      const { event } = await storeEvent(db, positions, { streamEventId, change, source });
      done.push({ event, record });
    } catch (error) {
      onFailure?.(record, error);
      failed = record;
      break;
    }
  }

  let published = done;
  if (publish && done.length > 0) {
    let unpublished: Set<string>;
    try {
      unpublished = new Set(await publish(done.map((d) => d.event)));
    } catch (error) {
      onFailure?.(done[0]?.record ?? {}, error);
      unpublished = new Set(done.map((d) => d.event.id));
    }
    const first = done.findIndex((d) => unpublished.has(d.event.id));
    if (first >= 0) {
      published = done.slice(0, first);
      failed = done[first]?.record;
    }
  }

  const sequence = failed?.dynamodb?.SequenceNumber;
  if (failed && !sequence) throw new Error("a record failed and has no sequence number to report");
  return {
    batchItemFailures: sequence ? [{ itemIdentifier: sequence }] : [],
    events: published.map((d) => d.event),
  };
}
