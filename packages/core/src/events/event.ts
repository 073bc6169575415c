/**
 * The change events of API.md "Events": one CloudEvents 1.0 event per committed change, made from
 * the table's stream (events/changes.ts), stored once in the table (events/store.ts), listed by
 * `GET /events` (events/list.ts) and put on the stage's EventBridge bus.
 */

/** Every event type, in the order of API.md's table. */
export const EVENT_TYPES = [
  "site.created",
  "site.updated",
  "site.deleted",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.site_added",
  "group.site_removed",
  "group.child_added",
  "group.child_removed",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What changed, before it is an event: its type, its subject (`sites/12`) and its data. */
export interface Change {
  type: EventType;
  subject: string;
  data: Record<string, unknown>;
}

/** A change as a CloudEvents 1.0 event (JSON format). */
export interface CloudEvent extends Change {
  specversion: "1.0";
  /** 32 lower-case hex digits, derived from the stream record: the same record, the same id. */
  id: string;
  /** `sites-and-groups/<stage>`. */
  source: string;
  /** When the change was recorded as an event (RFC 3339, UTC, milliseconds). */
  time: string;
  datacontenttype: "application/json";
}

/** The source of every event of a stage. */
export function eventSource(stage: string): string {
  return `sites-and-groups/${stage}`;
}

/** `sites/12`, `groups/3`: the path of the resource an event is about. */
export const SUBJECT = /^(sites|groups)\/[1-9]\d{0,15}$/;
/** An event id. */
export const EVENT_ID = /^[0-9a-f]{32}$/;

/** How long events are kept and listed. */
export const EVENT_RETENTION_DAYS = 30;
