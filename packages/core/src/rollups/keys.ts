/**
 * The maintained items' keys (db/keys.ts `ROLLUPS`) under the rollups table's attribute names.
 */
import { encodeId, type LinkPath, type Placed, ROLLUPS } from "../db/keys.ts";
import { rollupsTableDefinition } from "../db/table.ts";

export { type Placed, ROLLUP_KEY_PREFIX } from "../db/keys.ts";

/** The table key of an item. */
export type TableKey = Record<string, string>;

const { partitionKey: pk, sortKey: sk } = rollupsTableDefinition;
const byAbove = rollupsTableDefinition.indexes.gsi1;

export const { belowPartition, belowPrefix, abovePartition } = ROLLUPS;
export const ABOVE_PREFIX = ROLLUPS.abovePrefix;

export const rollupKeys = {
  /** "`id` (a site or group) is below `group`". */
  below: (group: number, kind: Placed, id: number): TableKey => ({
    [pk]: belowPartition(group),
    [sk]: `${belowPrefix(kind)}${encodeId(id)}`,
  }),
  /** What the below items of an item say, as applied. */
  ledger: (kind: Placed, id: number): TableKey => ({
    [pk]: ROLLUPS.ledgerPartition(kind, id),
    [sk]: ROLLUPS.ledgerSortKey,
  }),
  /** A group's totals. */
  summary: (group: number): TableKey => ({ [pk]: ROLLUPS.summaryPartition(group), [sk]: ROLLUPS.summarySortKey }),
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

/** `within_group_id` as a link: the below items of the kind listed in the group's partition. */
export function belowLink(kind: Placed): LinkPath {
  return {
    table: "rollups",
    partition: (group) => belowPartition(Number(group)),
    prefix: belowPrefix(kind),
    idAttribute: BELOW_IDS.below,
    member: (group, listed) => rollupKeys.below(group, kind, listed),
  };
}

/** `contains_<kind>_id` as a link: the below items of that item on gsi1, naming the groups above. */
export function aboveLink(kind: Placed): LinkPath {
  return {
    table: "rollups",
    index: "gsi1",
    partition: (id) => abovePartition(kind, Number(id)),
    prefix: ABOVE_PREFIX,
    idAttribute: BELOW_IDS.above,
    member: (id, listed) => rollupKeys.below(listed, kind, id),
  };
}
