/**
 * The maintained items as stored (keys.ts): reading ledgers and summaries, and the raw
 * transaction items a recompute writes. A summary changes only by `ADD`s (commutative, exact),
 * always in the transaction that changes what its group holds, and never while a rebuild holds it
 * (`frozen_until`, rebuild.ts).
 */
import { batchGetItems, type TransactItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { belowItem, type Placed, rollupKeys } from "./keys.ts";
import { type Ledger, type LedgerState, ledgerAttributes, ledgerOf } from "./ledger.ts";
import type { Delta } from "./totals.ts";

/** A ledger or summary of an item that is gone is kept this long (seconds), then expires (TTL). */
const GONE_TTL_SECONDS = 86_400;

/** The summary attributes beside the totals. */
export const SUMMARY_FIELDS = {
  /** Every change of the summary adds 1: a rebuild's repair knows whether it raced one. */
  revision: "rev",
  asOfEvent: "as_of_event",
  asOfTime: "as_of_time",
  /** While a rebuild repairs the summary: until when (epoch ms) recomputes leave it alone. */
  frozenUntil: "frozen_until",
} as const;

/** An item's key in the maps of a recompute. */
export const ledgerKey = (kind: Placed, id: number) => `${kind}#${id}`;

/** The ledgers of these items (strongly consistent), by `kind#id`. */
export async function readLedgers(
  db: Database,
  items: readonly { kind: Placed; id: number }[],
): Promise<Map<string, Ledger>> {
  const found = await batchGetItems(
    db,
    items.map((item) => rollupKeys.ledger(item.kind, item.id)),
    { consistent: true, table: db.rollupsTable },
  );
  const byKey = new Map(found.map((item) => [`${item.pk}`, item]));
  return new Map(
    items.map(({ kind, id }) => [
      ledgerKey(kind, id),
      ledgerOf(kind, id, byKey.get(rollupKeys.ledger(kind, id).pk as string)),
    ]),
  );
}

/**
 * The ledger's new state, conditioned on the version it had (or on none existing). An item that
 * is gone and below nothing keeps its ledger a day (a recompute still in flight then fails its
 * condition instead of writing anew), then it expires.
 */
export function ledgerWrite(
  db: Database,
  ledger: Ledger,
  after: LedgerState,
  version: number | undefined,
  { gone, now }: { gone: boolean; now: Date },
): TransactItem {
  const expires = gone && after.up.size === 0;
  return {
    Put: {
      TableName: db.rollupsTable,
      Item: {
        ...rollupKeys.ledger(ledger.kind, ledger.id),
        version: (version ?? 0) + 1,
        ...ledgerAttributes(after),
        ...(expires ? { expiration: Math.floor(now.getTime() / 1000) + GONE_TTL_SECONDS } : {}),
      },
      ConditionExpression: version === undefined ? "attribute_not_exists(#pk)" : "#version = :version",
      ExpressionAttributeNames: version === undefined ? { "#pk": "pk" } : { "#version": "version" },
      ...(version === undefined ? {} : { ExpressionAttributeValues: { ":version": version } }),
    },
  };
}

export function belowWrite(
  db: Database,
  group: number,
  kind: Placed,
  id: number,
  write: "put" | "delete",
): TransactItem {
  if (write === "put") return { Put: { TableName: db.rollupsTable, Item: belowItem(group, kind, id) } };
  return { Delete: { TableName: db.rollupsTable, Key: rollupKeys.below(group, kind, id) } };
}

/**
 * The event whose processing changes a summary: it becomes the summary's `as_of` (a rebuild folds
 * in no event, and leaves `as_of` as it was).
 */
export interface Origin {
  eventId?: string;
  /** Its place in the batch that brought it: a later record wins a tie. */
  order: number;
}

/** `ADD`s a delta to a group's summary and names the event it folds in, unless a rebuild holds it. */
export function summaryWrite(db: Database, group: number, delta: Delta, origin: Origin, now: Date): TransactItem {
  const names: Record<string, string> = {
    "#rev": SUMMARY_FIELDS.revision,
    "#frozen": SUMMARY_FIELDS.frozenUntil,
    "#group": "group_id",
    ...(origin.eventId ? { "#event": SUMMARY_FIELDS.asOfEvent, "#time": SUMMARY_FIELDS.asOfTime } : {}),
  };
  const values: Record<string, unknown> = { ":one": 1, ":now": now.getTime(), ":group": group };
  const sets = ["#group = :group"];
  if (origin.eventId) {
    Object.assign(values, { ":event": origin.eventId, ":time": now.toISOString() });
    sets.push("#event = :event", "#time = :time");
  }
  const adds = ["#rev :one"];
  let n = 0;
  for (const [attribute, amount] of delta) {
    names[`#a${n}`] = attribute;
    values[`:a${n}`] = amount;
    adds.push(`#a${n} :a${n}`);
    n++;
  }
  return {
    Update: {
      TableName: db.rollupsTable,
      Key: rollupKeys.summary(group),
      UpdateExpression: `ADD ${adds.join(", ")} SET ${sets.join(", ")}`,
      ConditionExpression: "attribute_not_exists(#frozen) OR #frozen < :now",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The summaries of these groups, as stored (absent for a group with nothing ever below it). */
export async function readSummaries(db: Database, groups: readonly number[], consistent = false) {
  const items = await batchGetItems(
    db,
    [...new Set(groups)].map((g) => rollupKeys.summary(g)),
    { consistent, table: db.rollupsTable },
  );
  return new Map(items.map((item) => [Number(item.group_id), item]));
}
