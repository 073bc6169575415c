/**
 * `GET /groups/{id}/summary`: the group's maintained totals, in a constant number of reads: one
 * BatchGetItem of the group (for the 404) and its summary, then, when the summary names the event
 * it last folded in, one GetItem of that event for its time.
 */
import type { CountryRegistry } from "../countries/registry.ts";
import { batchGetItems, type RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { encodeId } from "../db/keys.ts";
import { notFound } from "../errors/domain.ts";
import type { CloudEvent } from "../events/event.ts";
import { readEventItem } from "../events/store.ts";
import { rollupKeys } from "./keys.ts";
import { SUMMARY_FIELDS } from "./store.ts";
import { representSummary, type SummaryRepresentation, summaryNumbers } from "./totals.ts";

/** The event's time as `GET /events` gives it; the time it was folded in once the event has expired. */
async function asOfOf(db: Database, summary: RawItem | undefined): Promise<SummaryRepresentation["as_of"]> {
  const eventId = summary?.[SUMMARY_FIELDS.asOfEvent];
  if (typeof eventId !== "string") return null;
  const stored = await readEventItem(db, eventId);
  const time = typeof stored?.event === "string" ? (JSON.parse(stored.event) as CloudEvent).time : undefined;
  return { event_id: eventId, time: time ?? String(summary?.[SUMMARY_FIELDS.asOfTime]) };
}

export async function readSummary(db: Database, registry: CountryRegistry, id: number): Promise<SummaryRepresentation> {
  const groupKey = db.entities.group.get({ id_key: encodeId(id) }).params().Key as Record<string, string>;
  const summaryKey = rollupKeys.summary(id);
  const [[group], [summary]] = await Promise.all([
    batchGetItems(db, [groupKey]),
    batchGetItems(db, [summaryKey], { table: db.rollupsTable }),
  ]);
  if (!group || group.deleting === true) throw notFound(`group ${id}`);
  return representSummary(registry, id, summaryNumbers(summary), await asOfOf(db, summary));
}
