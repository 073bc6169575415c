import { expect } from "vitest";
import type { TestApi } from "./api.ts";
import type { Reply, Schemas } from "./client.ts";

export type ChangeEvent = Schemas["Event"];
type Fields = Record<string, unknown>;

/** Every item of a listing, following `next_cursor` from the first page. */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<Reply<{ items: T[]; next_cursor: string | null }>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const reply = await page(cursor);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    items.push(...reply.body.items);
    cursor = reply.body.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

/** Every event `GET /events` lists now, oldest first, in pages of 100. */
export function readAllEvents(api: TestApi): Promise<ChangeEvent[]> {
  return allPages((cursor) => api.GET("/events", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
}

/** The model events rebuild: sites and groups by id (own fields only), and the two link relations. */
export interface ReplayedModel {
  sites: Map<number, Fields>;
  groups: Map<number, Fields>;
  /** `group_id→site_id`. */
  memberships: Set<string>;
  /** `parent_id→child_id`. */
  nestings: Set<string>;
}

/** The id sets of a representation (links, rebuilt from link events) and what a link moves (`updated_at`). */
const LINK_FIELDS = ["group_ids", "site_ids", "child_group_ids", "parent_group_ids", "updated_at"];

/** A representation without what links move, nor an update's `changed`. */
export function ownFields(representation: Fields): Fields {
  const own = { ...representation };
  for (const name of [...LINK_FIELDS, "changed"]) delete own[name];
  return own;
}

export const pair = (from: number, to: number) => `${from}→${to}`;

/**
 * Replays events, in the order given, into an empty model.
 *
 * Order-safe under the only order the stream guarantees, the order per item (per subject for a
 * site's or group's own events):
 * - a site or group is set by its own `*.created`/`*.updated` and removed by its own `*.deleted`,
 *   all made by the one item in the order of its writes, so the last of them wins, as it did in
 *   the table;
 * - a link pair is added and removed only by the events of its own link item (in the order of that
 *   item's writes), never by a deletion of either end: the deletion removes its links with link
 *   items of their own, each making its `*_removed`. So a link event placed before or after the
 *   `site.deleted` of its site (different subjects, no order between them) ends in the same set.
 * No event depends on another item's state, so any interleaving of the per-item sequences rebuilds
 * the same model.
 */
export function replay(events: readonly ChangeEvent[]): ReplayedModel {
  const model: ReplayedModel = { sites: new Map(), groups: new Map(), memberships: new Set(), nestings: new Set() };
  for (const event of events) {
    const data = event.data as Fields;
    const link = data as { group_id: number; site_id: number; child_group_id: number };
    switch (event.type) {
      case "site.created":
      case "site.updated":
        model.sites.set(data.id as number, ownFields(data));
        break;
      case "site.deleted":
        model.sites.delete(data.id as number);
        break;
      case "group.created":
      case "group.updated":
        model.groups.set(data.id as number, ownFields(data));
        break;
      case "group.deleted":
        model.groups.delete(data.id as number);
        break;
      case "group.site_added":
        model.memberships.add(pair(link.group_id, link.site_id));
        break;
      case "group.site_removed":
        model.memberships.delete(pair(link.group_id, link.site_id));
        break;
      case "group.child_added":
        model.nestings.add(pair(link.group_id, link.child_group_id));
        break;
      case "group.child_removed":
        model.nestings.delete(pair(link.group_id, link.child_group_id));
        break;
      default:
        throw new Error(`unknown event type ${JSON.stringify((event as { type: unknown }).type)}`);
    }
  }
  return model;
}
