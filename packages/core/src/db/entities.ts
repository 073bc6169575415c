import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { rollupsTableName, tableDefinition as t } from "./table.ts";

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

interface EdgeEnd<N extends string> {
  /** The end's name: the edge item holds `${end}_id` (a number) and `${end}_key`. */
  end: N;
  /** The prefix of this end's key in the edge's keys. */
  prefix: string;
}

/**
 * The item of an edge between `from` (always a group) and `to`: its main key in the group's own
 * partition (`group#` + from, sort `to.prefix` + to), gsi1 from the `to` side (partition
 * `to.prefix` + to, sort `from.prefix` + from), so both ends can list their edges.
 */
function edgeEntity<F extends string, T extends string>(entity: string, from: EdgeEnd<F>, to: EdgeEnd<T>) {
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
      record: { pk: key(t.partitionKey, fromKey, "group#"), sk: key(t.sortKey, toKey, to.prefix) },
      [`by${to.end[0]?.toUpperCase()}${to.end.slice(1)}`]: {
        index: "gsi1",
        pk: key(t.indexes.gsi1.partitionKey, toKey, to.prefix),
        sk: key(t.indexes.gsi1.sortKey, fromKey, from.prefix),
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

/** A record's item by id, and its list indexes by id (gsi1) and by name (gsi2), in partition `entity`. */
function recordIndexes<E extends string>(entity: E) {
  return {
    record: { pk: key(t.partitionKey, "id_key", `${entity}#`), sk: constant(t.sortKey, entity) },
    byId: {
      index: "gsi1",
      pk: constant(t.indexes.gsi1.partitionKey, entity),
      sk: key(t.indexes.gsi1.sortKey, "id_key"),
    },
    byName: {
      index: "gsi2",
      pk: constant(t.indexes.gsi2.partitionKey, entity),
      sk: key(t.indexes.gsi2.sortKey, "name_key"),
    },
  } as const;
}

/** An item found by its name (partition `${entity}#name`), holding one number that starts at 0. */
function namedNumber<N extends string>(entity: string, attribute: N, sortKey: string) {
  const name = { type: "string", required: true } as const;
  const value = { type: "number", required: true, default: 0 } as const;
  return new Entity({
    model: { service: SERVICE, entity, version: "1" },
    attributes: { name, [attribute]: value } as { name: typeof name } & Record<N, typeof value>,
    indexes: {
      record: { pk: key(t.partitionKey, "name", `${entity}#`), sk: constant(t.sortKey, sortKey) },
    },
  });
}

/**
 * The entities, made anew for each database: ElectroDB binds an entity to the client and table
 * of the service that joins it, so shared instances would make two databases write to one table.
 */
function defineEntities() {
  /**
   * A site. The country's own fields live in `details`, so a new country changes no entity.
   * The `*_key` attributes, computed in sites/store.ts, make the sort keys of the list indexes.
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
    indexes: {
      ...recordIndexes("site"),
      byDate: {
        index: "gsi3",
        pk: constant(t.indexes.gsi3.partitionKey, "site"),
        sk: key(t.indexes.gsi3.sortKey, "date_key"),
      },
      byPower: {
        index: "gsi4",
        pk: constant(t.indexes.gsi4.partitionKey, "site"),
        sk: key(t.indexes.gsi4.sortKey, "power_key"),
      },
    },
  });

  /**
   * A group. Its id sets mirror the edge items below so that a read needs no extra request;
   * every write that changes them also increments `version`, on which PATCH and DELETE condition.
   * `deleting` marks a group whose delete spans several transactions (see db/deletion.ts); the
   * `*_key` attributes are computed in groups/store.ts.
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
      // `root=true|false` (db/keys.ts ROOT_GROUP_KEYS), kept by every write of parent_group_ids
      byRoot: {
        index: "gsi3",
        pk: key(t.indexes.gsi3.partitionKey, "root_key"),
        sk: key(t.indexes.gsi3.sortKey, "id_key"),
      },
    },
  });

  /** site ∈ group. Main key from the group's side, gsi1 (`bySite`) from the site's side. */
  const membership = edgeEntity("membership", { end: "group", prefix: "group#" }, { end: "site", prefix: "site#" });

  /** child ∈ parent. Main key from the parent's side, gsi1 (`byChild`) from the child's side. */
  const nesting = edgeEntity("nesting", { end: "parent", prefix: "parent#" }, { end: "child", prefix: "child#" });

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
    indexes: {
      record: { pk: key(t.partitionKey, "key", "claim#"), sk: constant(t.sortKey, "claim") },
    },
  });

  /** Id counters, one per entity type, incremented atomically with ADD: ids are never reused. */
  const counter = namedNumber("counter", "value", "counter");

  return { site, group, membership, nesting, claim, counter };
}

/** The services' view of the database: the main table (ElectroDB's entities) and the rollups table beside it. */
export function createDatabase(client: DynamoDBDocumentClient, table: string) {
  const service = new Service(defineEntities(), { client, table });
  return { client, table, rollupsTable: rollupsTableName(table), service, entities: service.entities };
}

export type Database = ReturnType<typeof createDatabase>;
