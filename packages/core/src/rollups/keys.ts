/**
 * The keys of the maintained items (docs/design.md, "The hierarchy"), in the rollups table (db/
 * table.ts), which has no stream: they make no event and never invoke the processor that writes
 * them. Every partition key starts with `rollup#` all the same, so that no key of them could ever
 * be taken for a site's or a group's (whose `site#` and `group#` the stream filters pass).
 */
import { encodeId } from "../db/keys.ts";
import { rollupsTableDefinition } from "../db/table.ts";

export const ROLLUP_KEY_PREFIX = "rollup#";

/** What is below a group: a site or a group. */
export type Placed = "site" | "group";

/** The table key of an item. */
export type TableKey = Record<string, string>;

const { partitionKey: pk, sortKey: sk } = rollupsTableDefinition;
const byAbove = rollupsTableDefinition.indexes.gsi1;

/** A group's partition of below items: a Query in it lists what is below, in id order. */
export const belowPartition = (group: number) => `${ROLLUP_KEY_PREFIX}below#${encodeId(group)}`;
/** The sort key prefix of the below items of one kind in a group's partition. */
export const belowPrefix = (kind: Placed) => `${kind}#`;
/** An item's partition of gsi1: the below items naming the groups it is below, in their id order. */
export const abovePartition = (kind: Placed, id: number) => `${ROLLUP_KEY_PREFIX}above#${kind}#${encodeId(id)}`;
/** The gsi1 sort key prefix of the groups an item is below. */
export const ABOVE_PREFIX = "group#";

export const rollupKeys = {
  /** "`id` (a site or group) is below `group`". */
  below: (group: number, kind: Placed, id: number): TableKey => ({
    [pk]: belowPartition(group),
    [sk]: `${belowPrefix(kind)}${encodeId(id)}`,
  }),
  /** What the below items of an item say, as applied. */
  ledger: (kind: Placed, id: number): TableKey => ({
    [pk]: `${ROLLUP_KEY_PREFIX}${kind}#${encodeId(id)}`,
    [sk]: "ledger",
  }),
  /** A group's totals. */
  summary: (group: number): TableKey => ({ [pk]: `${ROLLUP_KEY_PREFIX}summary#${encodeId(group)}`, [sk]: "summary" }),
};

/** The attributes of a below item holding the group's id and the id of what is below it. */
export const BELOW_IDS = { above: "above_id", below: "below_id" } as const;

/** The whole below item: its key, both ids, and its gsi1 keys (the other direction). */
export function belowItem(group: number, kind: Placed, id: number): Record<string, string | number> {
  return {
    ...rollupKeys.below(group, kind, id),
    [byAbove.partitionKey]: abovePartition(kind, id),
    [byAbove.sortKey]: `${ABOVE_PREFIX}${encodeId(group)}`,
    [BELOW_IDS.above]: group,
    [BELOW_IDS.below]: id,
    kind,
  };
}
