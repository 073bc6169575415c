/**
 * How every site, group and edge item is keyed (docs/design.md, "Data model"), written once:
 * the ElectroDB entities (entities.ts) are built from this layout, and so are the list paths
 * (lists/), the sort keys an item stores (`listKeys`), the indexes a tombstone leaves
 * (db/deletion.ts), the kind of a changed item (events/changes.ts), and, through the `./table`
 * export, the route manifest's index grants and the stack's stream filter. Pure data and
 * functions: the CDK app loads it without the services.
 *
 * The encodings are order-preserving: a list sorted by a field is a Query on the index whose sort
 * key is `encode(value) + SEPARATOR + padded id`, so ties fall to the id in the same direction as
 * the field.
 */
import type { IndexName } from "./table.ts";

/** Below every character a stored value may hold (names refuse control characters). */
export const SEPARATOR = "\u0001";
/** The character right after SEPARATOR: `encode(v) + AFTER` is above every key of value v. */
export const AFTER_SEPARATOR = "\u0002";

export const ID_WIDTH = 16;
/** Above every padded id (ids are at most 2^53 − 1, 16 digits). */
export const ABOVE_EVERY_ID = "9".repeat(ID_WIDTH);

export function encodeId(id: number): string {
  return String(id).padStart(ID_WIDTH, "0");
}

/**
 * A float64 as 16 hex digits whose string order is the numeric order: flip the sign bit of
 * positives, every bit of negatives (-0 is written as 0).
 */
export function encodeNumber(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value);
  let bits = view.getBigUint64(0);
  bits = bits >> 63n ? ~bits & 0xffff_ffff_ffff_ffffn : bits | (1n << 63n);
  return bits.toString(16).padStart(16, "0");
}

export function encodeName(name: string): string {
  return name.toLowerCase();
}

/** The sort key of an item in a value-sorted index. */
export function sortKey(encodedValue: string, id: number): string {
  return `${encodedValue}${SEPARATOR}${encodeId(id)}`;
}

/** The entities whose items are records with an id: a site, a group. */
export type RecordEntity = "site" | "group";

/** A list index of a record: a sort of its listing. */
export interface ListIndex {
  index: IndexName;
  /** The record's attribute (`*_key`, see `listKeys`) that is the index's sort key. */
  attribute: string;
  /** The encoding of the field's value before the id; none for `id`, whose key is the padded id alone. */
  encode?: (value: string | number) => string;
}

const byId = { index: "gsi1", attribute: "id_key" } as const satisfies ListIndex;
const byName = {
  index: "gsi2",
  attribute: "name_key",
  encode: (value: string | number) => encodeName(String(value)),
} as const satisfies ListIndex;

/**
 * The records: each item is `<prefix><id16>` / `sortKey`; in each of its list indexes, keyed by
 * the sort field's name, the partition is the constant `listPartition` and the sort key the
 * `attribute`. A record's edges live in its partition of the table (see EDGES).
 */
export const RECORDS = {
  site: {
    prefix: "site#",
    sortKey: "site",
    listPartition: "site",
    lists: {
      id: byId,
      name: byName,
      installation_date: { index: "gsi3", attribute: "date_key", encode: String },
      max_power_megawatt: {
        index: "gsi4",
        attribute: "power_key",
        encode: (value: string | number) => encodeNumber(Number(value)),
      },
    },
  },
  group: { prefix: "group#", sortKey: "group", listPartition: "group", lists: { id: byId, name: byName } },
} as const satisfies Record<
  RecordEntity,
  { prefix: string; sortKey: string; listPartition: string; lists: Record<string, ListIndex> }
>;

/** The list indexes of a record, by sort. */
export type Lists<E extends RecordEntity> = (typeof RECORDS)[E]["lists"];
/** The `*_key` attribute of a list index. */
export type KeyAttributeOf<L> = L extends { attribute: infer A extends string } ? A : never;
/** The `*_key` attributes of a record's list indexes. */
export type ListKeyAttribute<E extends RecordEntity> = KeyAttributeOf<Lists<E>[keyof Lists<E>]>;

/** The indexes that list a record, in the order of its sorts (the tombstone leaves all of them). */
export function listIndexNames(entity: RecordEntity): IndexName[] {
  return Object.values(RECORDS[entity].lists).map((list: ListIndex) => list.index);
}

/**
 * The values of a record's `*_key` attributes, from which ElectroDB makes its keys: the padded
 * id (its item's key and its id index's sort key) and, for every other sort, the encoded value
 * then the id.
 */
export function listKeys<E extends RecordEntity>(
  entity: E,
  record: { id: number } & Record<keyof Lists<E>, string | number>,
): Record<ListKeyAttribute<E>, string> {
  const lists: Record<string, ListIndex> = RECORDS[entity].lists;
  const values: Record<string, string | number> = record;
  return Object.fromEntries(
    Object.entries(lists).map(([field, list]) => {
      const value = values[field];
      if (!list.encode) return [list.attribute, encodeId(record.id)];
      if (value === undefined) throw new Error(`${entity} ${record.id} has no ${field}`);
      return [list.attribute, sortKey(list.encode(value), record.id)];
    }),
  ) as Record<ListKeyAttribute<E>, string>;
}

/** One end of an edge. */
export interface EdgeEnd {
  /** Its name: the edge item holds `<end>_id` and `<end>_key`. */
  end: string;
  /** The prefix of its key in the edge's keys. */
  prefix: string;
}

/** The index that reads an edge from its `to` end. */
export const EDGE_INDEX = "gsi1" satisfies IndexName;

/**
 * The edges, from a group (`from`) to what it holds (`to`). An edge's item is in the group's
 * partition of the table (`group#<from16>`, sort key `to.prefix + <to16>`); on EDGE_INDEX its
 * partition is `to.prefix + <to16>` and its sort key `from.prefix + <from16>`, so both ends list
 * their edges in the other end's id order.
 */
export const EDGES = {
  /** site ∈ group */
  membership: { from: { end: "group", prefix: "group#" }, to: { end: "site", prefix: "site#" } },
  /** child ∈ parent */
  nesting: { from: { end: "parent", prefix: "parent#" }, to: { end: "child", prefix: "child#" } },
} as const satisfies Record<string, { from: EdgeEnd; to: EdgeEnd }>;

export type EdgeKind = keyof typeof EDGES;

/** The prefix of the table partition of the edges from a group: its own record's partition. */
export const EDGE_PARTITION = RECORDS.group.prefix;

/**
 * Where the edges of one item are, read from one end, in the other end's id order: a partition
 * (of the table, or of EDGE_INDEX), the sort keys `prefix + <id16>` of the ids listed. The same
 * shape serves the maintained below items (rollups/keys.ts `belowLink`, `aboveLink`) and the root
 * index (`ROOT_LINK`).
 */
export interface LinkPath {
  /** The maintained items' table (db/table.ts, the rollups table); absent: the main table. */
  table?: "rollups";
  /** Absent: the table's own key. */
  index?: IndexName;
  /** The partition key of the edges of the filter's value (an id, or `root`'s `true`/`false`). */
  partition: (value: string | number) => string;
  /** The sort key's prefix before the listed item's padded id. */
  prefix: string;
  /** The edge item's attribute that holds the listed item's id. */
  idAttribute: string;
  /** For a maintained filter: the key of the item that says the listed item matches `value`. */
  member?: (value: number, listed: number) => Record<string, string>;
}

/** The edges of a group, in its partition of the table: the ids at their `to` end. */
export function edgesFrom(kind: EdgeKind): LinkPath {
  const { to } = EDGES[kind];
  return { partition: (id) => EDGE_PARTITION + encodeId(Number(id)), prefix: to.prefix, idAttribute: `${to.end}_id` };
}

/** The edges of the item at their `to` end, on EDGE_INDEX: the ids at their `from` end. */
export function edgesTo(kind: EdgeKind): LinkPath {
  const { from, to } = EDGES[kind];
  return {
    index: EDGE_INDEX,
    partition: (id) => to.prefix + encodeId(Number(id)),
    prefix: from.prefix,
    idAttribute: `${from.end}_id`,
  };
}

/**
 * The items found by a name: a claim `claim#<key>` / `claim` (France: `claim#fr-day#<date>`), the
 * id counter of an entity `counter#<entity>` / `counter`.
 */
export const NAMED_ITEMS = {
  claim: { prefix: "claim#", sortKey: "claim" },
  counter: { prefix: "counter#", sortKey: "counter" },
} as const;

/**
 * The root index of groups (`root=true|false`): a group's `root_key`, its partition there, says
 * whether it has a parent; its sort key is the padded id (`id_key`), so both partitions page in id
 * order. Every write of `parent_group_ids` keeps it (records/edges.ts); a tombstone leaves it like
 * the list indexes.
 */
export const ROOT_INDEX = "gsi3" satisfies IndexName;
export const ROOT_GROUP_KEYS = { root: "group#root", nested: "group#nested" } as const;

/** The root index partition of a group with these parents. */
export const rootKeyOf = (parents: readonly number[]) =>
  parents.length > 0 ? ROOT_GROUP_KEYS.nested : ROOT_GROUP_KEYS.root;

/** `root=true|false` as a link: the root index partition of the value, in id order. */
export const ROOT_LINK: LinkPath = {
  index: ROOT_INDEX,
  partition: (value) => (value === "true" ? ROOT_GROUP_KEYS.root : ROOT_GROUP_KEYS.nested),
  prefix: "",
  idAttribute: "id",
};

/**
 * The hierarchy's maintained items (docs/design.md, "The hierarchy"), in the rollups table
 * (db/table.ts), which has no stream: they make no event and never invoke the processor that
 * writes them. Every partition key starts with `rollup#` all the same, so that no key of them
 * could ever be taken for a site's or a group's (whose `site#` and `group#` the stream filters
 * pass). rollups/keys.ts puts these strings under the table's attribute names.
 *
 * - below item "X (a site or group) is below group A": `rollup#below#<A16>` / `<kind>#<X16>`; on
 *   the table's gsi1 `rollup#above#<kind>#<X16>` / `group#<A16>` (what X is below, in id order);
 * - ledger of X (what its below items say, as applied): `rollup#<kind>#<X16>` / `ledger`;
 * - summary of A (its totals): `rollup#summary#<A16>` / `summary`.
 */
export const ROLLUP_KEY_PREFIX = "rollup#";

/** What is below a group: a site or a group. */
export type Placed = "site" | "group";

export const ROLLUPS = {
  /** A group's partition of below items: a Query in it lists what is below, in id order. */
  belowPartition: (group: number) => `${ROLLUP_KEY_PREFIX}below#${encodeId(group)}`,
  /** The sort key prefix of the below items of one kind in a group's partition. */
  belowPrefix: (kind: Placed) => `${kind}#`,
  /** An item's partition of gsi1: the below items naming the groups it is below, in their id order. */
  abovePartition: (kind: Placed, id: number) => `${ROLLUP_KEY_PREFIX}above#${kind}#${encodeId(id)}`,
  /** The gsi1 sort key prefix of the groups an item is below. */
  abovePrefix: "group#",
  ledgerPartition: (kind: Placed, id: number) => `${ROLLUP_KEY_PREFIX}${kind}#${encodeId(id)}`,
  ledgerSortKey: "ledger",
  summaryPartition: (group: number) => `${ROLLUP_KEY_PREFIX}summary#${encodeId(group)}`,
  summarySortKey: "summary",
} as const;

/** The names of a layout above, typed (Object.keys types them as strings). */
const namesOf = <T extends object>(layout: T) => Object.keys(layout) as (keyof T & string)[];

/** The partition-key prefixes of every record and edge item (an edge is in its group's partition). */
export const RECORD_PARTITION_PREFIXES = namesOf(RECORDS).map((entity) => RECORDS[entity].prefix);

/**
 * What an item is, from its table key: a record, an edge, or undefined for the other items
 * (claims, counters, idempotency records, events).
 */
export function kindOfKey(pk: string, sk: string): RecordEntity | EdgeKind | undefined {
  const entity = namesOf(RECORDS).find((name) => pk.startsWith(RECORDS[name].prefix));
  if (entity === undefined) return undefined;
  if (sk === RECORDS[entity].sortKey) return entity;
  if (!pk.startsWith(EDGE_PARTITION)) return undefined;
  return namesOf(EDGES).find((kind) => sk.startsWith(EDGES[kind].to.prefix));
}
