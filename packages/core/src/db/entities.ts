import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import {
  EDGE_INDEX,
  EDGE_PARTITION,
  EDGES,
  type EdgeEnd,
  type EdgeKind,
  type KeyAttributeOf,
  type Lists,
  NAMED_ITEMS,
  RECORDS,
  type RecordEntity,
  ROOT_INDEX,
} from "./keys.ts";
import { type IndexName, rollupsTableName, tableDefinition as t } from "./table.ts";

const SERVICE = "sg";
const none = "none" as const;

/** A key field holding a fixed prefix and the value our code computed (see keys.ts), cased as is. */
function key<F extends string>(field: string, attribute: F, prefix = "") {
  return { field, composite: [attribute] as [F], template: `${prefix}\${${attribute}}`, casing: none };
}
function constant(field: string, value: string) {
  return { field, composite: [] as [], template: value, casing: none };
}
/**
 * An `*_key` attribute: the encoded value (keys.ts: padded id, lower-cased name, ordered number)
 * that the key fields (`pk`, `sk`, `gsi*`) are made of. Stored, never returned.
 */
const keyAttribute = { type: "string", hidden: true, required: true } as const;

/**
 * The item of an edge between `from` (always a group) and `to`, keyed as keys.ts `EDGES` says: its
 * main key in the group's own partition, EDGE_INDEX from the `to` side, so both ends can list
 * their edges.
 */
function edgeEntity<F extends string, T extends string>(
  entity: EdgeKind,
  { from, to }: { from: EdgeEnd & { end: F }; to: EdgeEnd & { end: T } },
) {
  const fromKey = `${from.end}_key` as const;
  const toKey = `${to.end}_key` as const;
  const id = { type: "number", required: true } as const;
  return new Entity({
    model: { service: SERVICE, entity, version: "1" },
    attributes: {
      [`${from.end}_id`]: id,
      [`${to.end}_id`]: id,
      [fromKey]: keyAttribute,
      [toKey]: keyAttribute,
    } as Record<`${F | T}_id` | `${F | T}_key`, typeof id | typeof keyAttribute>,
    indexes: {
      record: { pk: key(t.partitionKey, fromKey, EDGE_PARTITION), sk: key(t.sortKey, toKey, to.prefix) },
      [`by${to.end[0]?.toUpperCase()}${to.end.slice(1)}`]: {
        index: EDGE_INDEX,
        pk: key(t.indexes[EDGE_INDEX].partitionKey, toKey, to.prefix),
        sk: key(t.indexes[EDGE_INDEX].sortKey, fromKey, from.prefix),
      },
    },
  });
}

/**
 * The attributes of a record (a site, a group): the version every write increments, the
 * tombstone mark of a delete in progress (db/deletion.ts), and the keys of its id and its name.
 */
const recordAttributes = {
  deleting: { type: "boolean" },
  version: { type: "number", required: true },
  created_at: { type: "string", required: true },
  updated_at: { type: "string", required: true },
  id_key: keyAttribute,
  name_key: keyAttribute,
} as const;

/** A record's item by id, and one list index per sort (named after the sort), as keys.ts `RECORDS` says. */
function recordIndexes<E extends RecordEntity>(entity: E) {
  const { prefix, sortKey, listPartition, lists } = RECORDS[entity];
  const listIndexes = Object.fromEntries(
    Object.entries(lists).map(([sort, { index, attribute }]) => [
      sort,
      {
        index,
        pk: constant(t.indexes[index].partitionKey, listPartition),
        sk: key(t.indexes[index].sortKey, attribute),
      },
    ]),
  ) as {
    [S in keyof Lists<E>]: {
      index: IndexName;
      pk: ReturnType<typeof constant>;
      sk: ReturnType<typeof key<KeyAttributeOf<Lists<E>[S]>>>;
    };
  };
  return { record: { pk: key(t.partitionKey, "id_key", prefix), sk: constant(t.sortKey, sortKey) }, ...listIndexes };
}

/** The key of an item found by its `name` attribute, as keys.ts `NAMED_ITEMS` says. */
function namedKey<N extends string>(item: keyof typeof NAMED_ITEMS, attribute: N) {
  const { prefix, sortKey } = NAMED_ITEMS[item];
  return { record: { pk: key(t.partitionKey, attribute, prefix), sk: constant(t.sortKey, sortKey) } };
}

/** An item found by its name, holding one number that starts at 0. */
function namedNumber<N extends string>(entity: keyof typeof NAMED_ITEMS, attribute: N) {
  const name = { type: "string", required: true } as const;
  const value = { type: "number", required: true, default: 0 } as const;
  return new Entity({
    model: { service: SERVICE, entity, version: "1" },
    attributes: { name, [attribute]: value } as { name: typeof name } & Record<N, typeof value>,
    indexes: namedKey(entity, "name"),
  });
}

/**
 * The entities, made anew for each database: ElectroDB binds an entity to the client and table
 * of the service that joins it, so shared instances would make two databases write to one table.
 */
function defineEntities() {
  /**
   * A site. The country's own fields live in `details`, so a new country changes no entity.
   * The `*_key` attributes (keys.ts `listKeys`) make its key and the sort keys of its list indexes.
   */
  const site = new Entity({
    model: { service: SERVICE, entity: "site", version: "1" },
    attributes: {
      id: { type: "number", required: true },
      country: { type: "string", required: true },
      name: { type: "string", required: true },
      name_lower: { type: "string", required: true, hidden: true },
      installation_date: { type: "string", required: true },
      max_power_megawatt: { type: "number", required: true },
      min_power_megawatt: { type: "number", required: true },
      details: { type: "any", required: true },
      group_ids: { type: "set", items: "number" },
      ...recordAttributes,
      date_key: keyAttribute,
      power_key: keyAttribute,
    },
    indexes: recordIndexes("site"),
  });

  /**
   * A group. Its id sets mirror the edge items below so that a read needs no extra request;
   * every write that changes them also increments `version`, on which PATCH and DELETE condition.
   * `deleting` marks a group whose delete spans several transactions (see db/deletion.ts); the
   * `*_key` attributes come from keys.ts `listKeys`.
   */
  const group = new Entity({
    model: { service: SERVICE, entity: "group", version: "1" },
    attributes: {
      id: { type: "number", required: true },
      name: { type: "string", required: true },
      name_lower: { type: "string", required: true, hidden: true },
      type: { type: ["group1", "group2", "group3"] as const, required: true },
      site_ids: { type: "set", items: "number" },
      child_group_ids: { type: "set", items: "number" },
      parent_group_ids: { type: "set", items: "number" },
      ...recordAttributes,
      root_key: keyAttribute,
    },
    indexes: {
      ...recordIndexes("group"),
      // `root=true|false` (keys.ts ROOT_INDEX), kept by every write of parent_group_ids
      byRoot: {
        index: ROOT_INDEX,
        pk: key(t.indexes[ROOT_INDEX].partitionKey, "root_key"),
        sk: key(t.indexes[ROOT_INDEX].sortKey, "id_key"),
      },
    },
  });

  /** site ∈ group. Main key from the group's side, EDGE_INDEX (`bySite`) from the site's side. */
  const membership = edgeEntity("membership", EDGES.membership);

  /** child ∈ parent. Main key from the parent's side, EDGE_INDEX (`byChild`) from the child's side. */
  const nesting = edgeEntity("nesting", EDGES.nesting);

  /**
   * A unique key held by one site (France: `fr-day#2024-05-01`). Written with
   * `attribute_not_exists` in the same transaction as the site, so two sites never hold it.
   */
  const claim = new Entity({
    model: { service: SERVICE, entity: "claim", version: "1" },
    attributes: {
      key: { type: "string", required: true },
      site_id: { type: "number", required: true },
    },
    indexes: namedKey("claim", "key"),
  });

  /** Id counters, one per entity type, incremented atomically with ADD: ids are never reused. */
  const counter = namedNumber("counter", "value");

  /**
   * The record of an `Idempotency-Key` (idempotency/record.ts): its in-flight mark, then, in the
   * change's own transaction, the answer it remembers. `expiration` is the table's TTL attribute.
   */
  const idempotency = new Entity({
    model: { service: SERVICE, entity: "idempotency", version: "1" },
    attributes: {
      hash: keyAttribute,
      status: { type: ["INPROGRESS", "COMPLETED"] as const, required: true },
      owner: { type: "string", required: true },
      request_id: { type: "string" },
      lease: { type: "number", required: true },
      validation: { type: "string", required: true },
      answer: { type: "any" },
      expiration: { type: "number", required: true },
    },
    indexes: {
      record: { pk: key(t.partitionKey, "hash", "idempotency#"), sk: constant(t.sortKey, "idempotency") },
    },
  });

  return { site, group, membership, nesting, claim, counter, idempotency };
}

/** The services' view of the database: the main table (ElectroDB's entities) and the rollups table beside it. */
export function createDatabase(client: DynamoDBDocumentClient, table: string) {
  const service = new Service(defineEntities(), { client, table });
  return { client, table, rollupsTable: rollupsTableName(table), service, entities: service.entities };
}

export type Database = ReturnType<typeof createDatabase>;
