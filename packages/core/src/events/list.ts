import { queryPage, type RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { tableDefinition } from "../db/table.ts";
import { type FieldError, validationFailed } from "../errors/domain.ts";
import { type Cursors, fingerprint } from "../lists/cursor.ts";
import { MAX_IN_VALUES } from "../lists/parse.ts";
import { DEFAULT_LIMIT, MAX_LIMIT, type Page } from "../lists/spec.ts";
import { type CloudEvent, EVENT_ID, EVENT_RETENTION_DAYS, EVENT_TYPES, type EventType, SUBJECT } from "./event.ts";
import { type EventPartition, eventPartitions, readEventItem } from "./store.ts";

/**
 * How long after it is stored an event is listed, in AWS: concurrent processors (one per stream
 * shard) and the indexes' propagation finish within it, so an event never appears behind a
 * position a reader has already passed, and following `next_cursor` or `after` misses nothing.
 * Where one processor stores every event in order and the indexes are written with the item
 * (`pnpm dev` over DynamoDB Local), nothing can land behind a read position: it is 0 there.
 */
export const SETTLE_MS = 1000;

/** The query parameters of `GET /events`. */
const EVENT_PARAMETERS = ["limit", "cursor", "type", "type__in", "type__startswith", "subject", "after"] as const;

export interface EventListRequest {
  limit: number;
  cursor?: string;
  /** The types asked for; undefined: every type. */
  types?: EventType[];
  subject?: string;
  after?: string;
}

const INTEGER = /^[1-9]\d*$/;
const POSITION = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#\d{4}#[0-9a-f]{32}$/;

function typeOf(raw: string, path: string, errors: FieldError[]): EventType | undefined {
  if ((EVENT_TYPES as readonly string[]).includes(raw)) return raw as EventType;
  errors.push({ path, message: `${JSON.stringify(raw)}: not one of: ${EVENT_TYPES.join(", ")}` });
  return undefined;
}

/** Reads the query of `GET /events`; everything wrong at once, each error naming its parameter. */
export function parseEventListRequest(
  query: Record<string, string | undefined>,
  repeated: readonly string[] = [],
): EventListRequest {
  const errors: FieldError[] = [];
  for (const name of repeated) errors.push({ path: name, message: "must be given once" });
  const request: EventListRequest = { limit: DEFAULT_LIMIT };
  const typeParameters = ["type", "type__in", "type__startswith"].filter((p) => query[p] !== undefined);
  if (typeParameters.length > 1) {
    errors.push({ path: typeParameters[1] ?? "type", message: `give one of ${typeParameters.join(", ")}` });
  }
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    switch (name) {
      case "limit":
        if (!INTEGER.test(raw) || Number(raw) > MAX_LIMIT) {
          errors.push({ path: name, message: `must be an integer from 1 to ${MAX_LIMIT}` });
        } else request.limit = Number(raw);
        break;
      case "cursor":
        if (raw === "") errors.push({ path: name, message: "must not be empty" });
        else request.cursor = raw;
        break;
      case "type": {
        const type = typeOf(raw, name, errors);
        if (type) request.types = [type];
        break;
      }
      case "type__in": {
        const parts = raw.split(",");
        if (parts.length > MAX_IN_VALUES) errors.push({ path: name, message: `takes at most ${MAX_IN_VALUES} values` });
        const types = parts.map((part) => typeOf(part, name, errors));
        if (types.every(Boolean)) request.types = [...new Set(types as EventType[])];
        break;
      }
      case "type__startswith":
        request.types = EVENT_TYPES.filter((type) => type.startsWith(raw));
        break;
      case "subject":
        if (!SUBJECT.test(raw)) errors.push({ path: name, message: "must be sites/{id} or groups/{id}" });
        else request.subject = raw;
        break;
      case "after":
        if (!EVENT_ID.test(raw)) errors.push({ path: name, message: "must be an event id (32 hexadecimal digits)" });
        else request.after = raw;
        break;
      default:
        errors.push({ path: name, message: `unknown parameter; GET /events takes ${EVENT_PARAMETERS.join(", ")}` });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  return request;
}

const DAY_MS = 86_400_000;

/**
 * A page of events, oldest first: those stored within the last 30 days and at least `settleMs`
 * ago, after the cursor or `after`, of the types and subject asked for.
 *
 * Each page reads in proportion to its size: with a subject, the subject's partition of gsi2
 * (a type filter then applies to the subject's own events); with types, one Query per type on
 * gsi3 (at most `limit + 1` each), merged in position order; otherwise gsi1, all events in order.
 */
export async function listEvents(
  db: Database,
  cursors: Cursors,
  request: EventListRequest,
  { now = new Date(), settleMs = SETTLE_MS }: { now?: Date; settleMs?: number } = {},
): Promise<Page<CloudEvent>> {
  const listing = fingerprint(["events", request.types ?? null, request.subject ?? null, request.after ?? null]);
  if (request.types?.length === 0) return { items: [], next_cursor: null };

  const oldest = new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY_MS).toISOString();
  const newest = new Date(now.getTime() - settleMs).toISOString();
  let from = oldest;
  if (request.cursor) {
    const start = await cursors.open(request.cursor, {
      listing,
      keyNames: ["p"],
      accepts: (key) => POSITION.test(key.p ?? ""),
    });
    from = start.p as string;
  } else if (request.after) {
    const item = await readEventItem(db, request.after);
    const position = item?.[tableDefinition.indexes.gsi1.sortKey];
    if (typeof position !== "string" || position < oldest) {
      throw validationFailed([
        { path: "after", message: `no event has this id in the last ${EVENT_RETENTION_DAYS} days` },
      ]);
    }
    from = position;
  }
  // positions start with their time: `from` itself (a position) is excluded by the suffix, a bare
  // time is below every position of that millisecond; `newest` is below every position of its own
  const lower = from.length > oldest.length ? `${from}~` : from;
  if (lower > newest) return { items: [], next_cursor: null };

  const partitions = request.subject
    ? [eventPartitions.subject(request.subject)]
    : request.types
      ? request.types.map((type) => eventPartitions.type(type))
      : [eventPartitions.all];
  const wanted = request.subject ? request.types : undefined;
  const pages = await Promise.all(
    partitions.map((partition) => readPartition(db, partition, lower, newest, request.limit + 1, wanted)),
  );
  const merged = pages.flat().sort((a, b) => (a.position < b.position ? -1 : 1));
  const items = merged.slice(0, request.limit);
  const last = items.at(-1);
  const more = merged.length > request.limit && last;
  return {
    items: items.map((i) => i.event),
    next_cursor: more ? await cursors.seal(listing, { p: last.position }) : null,
  };
}

interface Listed {
  position: string;
  event: CloudEvent;
}

/** Up to `count` events of one index partition between the bounds, of the wanted types if given. */
async function readPartition(
  db: Database,
  partition: EventPartition,
  lower: string,
  upper: string,
  count: number,
  wanted?: readonly EventType[],
): Promise<Listed[]> {
  const keys = tableDefinition.indexes[partition.index];
  const found: Listed[] = [];
  let start: Record<string, string> | undefined;
  do {
    const { items, lastKey } = await queryPage(db, {
      TableName: db.table,
      IndexName: partition.index,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :lower AND :upper",
      ExpressionAttributeNames: { "#pk": keys.partitionKey, "#sk": keys.sortKey },
      ExpressionAttributeValues: { ":pk": partition.value, ":lower": lower, ":upper": upper },
      Limit: count - found.length,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    for (const item of items) {
      const event = JSON.parse(String((item as RawItem).event)) as CloudEvent;
      if (!wanted || wanted.includes(event.type)) found.push({ position: String(item[keys.sortKey]), event });
    }
    start = lastKey;
  } while (start && found.length < count);
  return found;
}
