import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { CountryRegistry } from "../countries/registry.ts";
import type { Database } from "../db/entities.ts";
import { kindOfKey } from "../db/keys.ts";
import { tableDefinition } from "../db/table.ts";
import { representGroup } from "../groups/group.ts";
import { fromItem as groupFromItem } from "../groups/store.ts";
import { representSite, writableFields } from "../sites/site.ts";
import { type StoredSite, fromItem as siteFromItem } from "../sites/store.ts";
import type { Change, EventType } from "./event.ts";

/** A stream record as DynamoDB Streams gives it (and Lambda passes it on), images in wire format. */
export interface ChangeRecord {
  eventID?: string;
  eventName?: "INSERT" | "MODIFY" | "REMOVE" | (string & {});
  dynamodb?: {
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
  };
}

/** A record the processor cannot turn into its event: malformed, or of an unknown kind of item. */
export class UnreadableRecord extends Error {
  override readonly name = "UnreadableRecord";
}

type Image = Record<string, unknown>;

/** The kind of item a key is (db/keys.ts), or undefined for what makes no event. */
function kindOf(keys: Image) {
  const { [tableDefinition.partitionKey]: pk, [tableDefinition.sortKey]: sk } = keys;
  if (typeof pk !== "string" || typeof sk !== "string") return undefined;
  return kindOfKey(pk, sk);
}

function image(raw: Record<string, unknown> | undefined, what: string): Image {
  if (!raw) throw new UnreadableRecord(`the record has no ${what}`);
  try {
    return unmarshall(raw as Record<string, AttributeValue>, { wrapNumbers: false });
  } catch (error) {
    throw new UnreadableRecord(`its ${what} is not a DynamoDB image: ${error}`);
  }
}

const positive = (value: unknown, what: string): number => {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new UnreadableRecord(`${what} is not an id: ${JSON.stringify(value)}`);
  }
  return value;
};

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  names.delete("group_ids");
  return [...names].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
}

/** created / updated / deleted of a record (site or group). */
function recordChange<R>(
  entity: "site" | "group",
  record: ChangeRecord,
  read: (item: Image) => R & { id: number },
  represent: (r: R) => Record<string, unknown>,
  own: (r: R) => Record<string, unknown>,
): Change | undefined {
  const subject = (id: number) => `${entity}s/${id}`;
  const type = (what: "created" | "updated" | "deleted") => `${entity}.${what}` as EventType;
  const change = (what: "created" | "updated" | "deleted", r: R & { id: number }, extra = {}): Change => ({
    type: type(what),
    subject: subject(r.id),
    data: { ...represent(r), ...extra },
  });
  switch (record.eventName) {
    case "INSERT":
      return change("created", read(image(record.dynamodb?.NewImage, "new image")));
    case "MODIFY": {
      const oldImage = image(record.dynamodb?.OldImage, "old image");
      const newImage = image(record.dynamodb?.NewImage, "new image");
      // a long delete's progress on its tombstone: announced when the tombstone was made
      if (oldImage.deleting === true) return undefined;
      const before = read(oldImage);
      if (newImage.deleting === true) return change("deleted", before);
      const after = read(newImage);
      const changed = changedFields(own(before), own(after));
      return changed.length > 0 ? change("updated", after, { changed }) : undefined;
    }
    case "REMOVE": {
      const oldImage = image(record.dynamodb?.OldImage, "old image");
      return oldImage.deleting === true ? undefined : change("deleted", read(oldImage));
    }
    default:
      throw new UnreadableRecord(`unknown event name ${JSON.stringify(record.eventName)}`);
  }
}

/** Each kind of link's events: the ids its item holds, and the group's event data. */
const LINK_EVENTS = {
  membership: {
    from: "group_id",
    to: "site_id",
    dataTo: "site_id",
    added: "group.site_added",
    removed: "group.site_removed",
  },
  nesting: {
    from: "parent_id",
    to: "child_id",
    dataTo: "child_group_id",
    added: "group.child_added",
    removed: "group.child_removed",
  },
} as const;

/** added / removed of a link; rewriting a link that is there (MODIFY) changes nothing. */
function linkChange(kind: "membership" | "nesting", record: ChangeRecord): Change | undefined {
  const added = record.eventName === "INSERT";
  if (record.eventName === "MODIFY") return undefined;
  if (!added && record.eventName !== "REMOVE") {
    throw new UnreadableRecord(`unknown event name ${JSON.stringify(record.eventName)}`);
  }
  const item = image(added ? record.dynamodb?.NewImage : record.dynamodb?.OldImage, added ? "new image" : "old image");
  const link = LINK_EVENTS[kind];
  const fromId = positive(item[link.from], `the ${kind}'s ${link.from}`);
  const toId = positive(item[link.to], `the ${kind}'s ${link.to}`);
  return {
    type: added ? link.added : link.removed,
    subject: `groups/${fromId}`,
    data: { group_id: fromId, [link.dataTo]: toId },
  };
}

/**
 * Turns stream records into the changes of API.md "Events". One record makes at most one change:
 * a record's item alone says what happened (records of one transaction reach the stream separately,
 * in any order across items), so each kind of item owns its events:
 * - a site or group item: created, updated (own fields only: a link moving `group_ids` is not an
 *   update), deleted (when it becomes a tombstone, or is removed without having been one);
 * - a membership or nesting item: the link's added/removed event.
 * Nothing else (claims, counters, idempotency records, the events themselves) makes an event.
 */
export function createChangeReader(db: Database, registry: CountryRegistry) {
  function site(item: Image) {
    const { data } = db.entities.site.parse({ Item: item });
    const stored: StoredSite | null = data;
    if (!stored) throw new UnreadableRecord("the site item does not parse");
    positive(stored.id, "the site's id");
    if (typeof stored.country !== "string" || !registry.get(stored.country)) {
      throw new UnreadableRecord(`the site's country ${JSON.stringify(stored.country)} is not registered`);
    }
    if (typeof stored.name !== "string" || typeof stored.updated_at !== "string") {
      throw new UnreadableRecord("the site item lacks its fields");
    }
    return siteFromItem(stored);
  }

  function group(item: Image) {
    const { data } = db.entities.group.parse({ Item: item });
    const stored = data;
    if (!stored) throw new UnreadableRecord("the group item does not parse");
    positive(stored.id, "the group's id");
    if (typeof stored.name !== "string" || typeof stored.type !== "string") {
      throw new UnreadableRecord("the group item lacks its fields");
    }
    return groupFromItem(stored);
  }

  return {
    /** The change a record makes, or undefined; throws `UnreadableRecord` for a record it cannot read. */
    changeOf(record: ChangeRecord): Change | undefined {
      const keys = image(record.dynamodb?.Keys, "keys");
      const kind = kindOf(keys);
      if (!kind) return undefined;
      if (kind === "site") {
        return recordChange("site", record, site, representSite, (s) => {
          const { group_ids: _, ...fields } = writableFields(s);
          return fields;
        });
      }
      if (kind === "group") {
        return recordChange("group", record, group, representGroup, (g) => ({ name: g.name, type: g.type }));
      }
      return linkChange(kind, record);
    },
  };
}

export type ChangeReader = ReturnType<typeof createChangeReader>;
