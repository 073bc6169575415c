import { createHash } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "../db/entities.ts";
import { isConditionFailed } from "../db/errors.ts";
import { tableDefinition } from "../db/table.ts";
import { type Change, type CloudEvent, EVENT_RETENTION_DAYS } from "./event.ts";

/**
 * Events live in the table, one item each (API.md "Events"; docs/events.md):
 * - `pk = event#<id>`, `sk = event`: found by id (`after=`), and written once: the put conditions on
 *   the key not existing, so a redelivered stream record stores nothing twice;
 * - a position `<time>#<counter>#<id>`, strictly increasing within one processor, as the sort key of
 *   three list indexes: all events (gsi1), by subject (gsi2), by type (gsi3);
 * - `event`, the CloudEvent as JSON, returned as is by `GET /events`;
 * - `expiration`, the table's TTL attribute: DynamoDB deletes the item some time after 30 days.
 */
export const EVENT_KEY_PREFIX = "event#";
const SORT = "event";

/** An index partition of events, its items in position order. */
export interface EventPartition {
  index: "gsi1" | "gsi2" | "gsi3";
  value: string;
}

/** The index partitions of events: all, one subject, one type. */
export const eventPartitions = {
  all: { index: "gsi1", value: "event" } as EventPartition,
  subject: (subject: string): EventPartition => ({ index: "gsi2", value: `event#subject#${subject}` }),
  type: (type: string): EventPartition => ({ index: "gsi3", value: `event#type#${type}` }),
};

/** The id of the event a stream record makes: the same record, the same id. */
export function eventIdOf(streamEventId: string): string {
  return createHash("sha256").update(streamEventId).digest("hex").slice(0, 32);
}

function eventKey(id: string) {
  return { [tableDefinition.partitionKey]: `${EVENT_KEY_PREFIX}${id}`, [tableDefinition.sortKey]: SORT };
}

/**
 * Positions that increase strictly in the order they are taken: the time in milliseconds, then a
 * counter for the events of one millisecond (the clock may also stand still or step back a little).
 */
export function createPositions(now: () => Date = () => new Date()) {
  let last = "";
  let counter = 0;
  return (id: string): { time: string; position: string } => {
    let time = now().toISOString();
    if (time <= last) time = last;
    counter = time === last ? counter + 1 : 0;
    last = time;
    return { time, position: `${time}#${String(counter).padStart(4, "0")}#${id}` };
  };
}

export type Positions = ReturnType<typeof createPositions>;

/**
 * Stores the event of one stream record unless it is stored already, and answers the event as
 * stored (the first store's, with its time, when the record comes again).
 */
export async function storeEvent(
  db: Database,
  positions: Positions,
  { streamEventId, change, source }: { streamEventId: string; change: Change; source: string },
): Promise<{ event: CloudEvent; stored: boolean }> {
  const id = eventIdOf(streamEventId);
  const { time, position } = positions(id);
  const event: CloudEvent = {
    specversion: "1.0",
    id,
    source,
    type: change.type,
    time,
    subject: change.subject,
    datacontenttype: "application/json",
    data: change.data,
  };
  const { indexes, timeToLiveAttribute } = tableDefinition;
  const partitions = [
    eventPartitions.all,
    eventPartitions.subject(change.subject),
    eventPartitions.type(change.type),
  ] as const;
  const item: Record<string, unknown> = {
    ...eventKey(id),
    event: JSON.stringify(event),
    [timeToLiveAttribute]: Math.floor(Date.parse(time) / 1000) + EVENT_RETENTION_DAYS * 86_400,
  };
  for (const partition of partitions) {
    const keys = indexes[partition.index];
    item[keys.partitionKey] = partition.value;
    item[keys.sortKey] = position;
  }
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.table,
        Item: item,
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": tableDefinition.partitionKey },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return { event, stored: true };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    // the item as stored: in wire format on the exception (the document client leaves it so)
    const old = (error as { Item?: Record<string, unknown> }).Item?.event;
    const body = typeof old === "string" ? old : (old as { S?: unknown } | undefined)?.S;
    if (typeof body !== "string") throw new Error(`event ${id} is stored without its body`);
    return { event: JSON.parse(body) as CloudEvent, stored: false };
  }
}

/** The stored item of an event (its position, for `after=`), or undefined. */
export async function readEventItem(db: Database, id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.client.send(new GetCommand({ TableName: db.table, Key: eventKey(id) }));
  return Item;
}
