import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { tableDefinition as t } from "../table.ts";

const SERVICE = "sg";
const none = "none" as const;

/** A key field holding a fixed prefix and the value our code computed (see keys.ts), cased as is. */
function key<F extends string>(field: string, attribute: F, prefix = "") {
  return { field, composite: [attribute] as [F], template: `${prefix}\${${attribute}}`, casing: none };
}
function constant(field: string, value: string) {
  return { field, composite: [] as [], template: value, casing: none };
}
const keyAttribute = { type: "string", hidden: true, required: true } as const;

/**
 * The entities, made anew for each database: ElectroDB binds an entity to the client and table
 * of the service that joins it, so shared instances would make two contexts write to one table.
 */
function defineEntities() {
  /**
   * A site. The country's own fields live in `details`, so a new country changes no entity.
   * `gsi*` attributes are the sort keys of the list indexes, computed in sites/store.ts.
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
      deleting: { type: "boolean" },
      version: { type: "number", required: true },
      created_at: { type: "string", required: true },
      updated_at: { type: "string", required: true },
      k_id: keyAttribute,
      k_name: keyAttribute,
      k_date: keyAttribute,
      k_power: keyAttribute,
    },
    indexes: {
      record: { pk: key(t.partitionKey, "k_id", "site#"), sk: constant(t.sortKey, "site") },
      byId: {
        index: "gsi1",
        pk: constant(t.indexes.gsi1.partitionKey, "site"),
        sk: key(t.indexes.gsi1.sortKey, "k_id"),
      },
      byName: {
        index: "gsi2",
        pk: constant(t.indexes.gsi2.partitionKey, "site"),
        sk: key(t.indexes.gsi2.sortKey, "k_name"),
      },
      byDate: {
        index: "gsi3",
        pk: constant(t.indexes.gsi3.partitionKey, "site"),
        sk: key(t.indexes.gsi3.sortKey, "k_date"),
      },
      byPower: {
        index: "gsi4",
        pk: constant(t.indexes.gsi4.partitionKey, "site"),
        sk: key(t.indexes.gsi4.sortKey, "k_power"),
      },
    },
  });

  /**
   * A group. Its id sets mirror the edge items below so that a read needs no extra request;
   * every write that changes them also increments `version`, on which PATCH and DELETE condition.
   * `deleting` marks a group whose delete spans several transactions (see groups/service.ts).
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
      deleting: { type: "boolean" },
      version: { type: "number", required: true },
      created_at: { type: "string", required: true },
      updated_at: { type: "string", required: true },
      k_id: keyAttribute,
      k_name: keyAttribute,
    },
    indexes: {
      record: { pk: key(t.partitionKey, "k_id", "group#"), sk: constant(t.sortKey, "group") },
      byId: {
        index: "gsi1",
        pk: constant(t.indexes.gsi1.partitionKey, "group"),
        sk: key(t.indexes.gsi1.sortKey, "k_id"),
      },
      byName: {
        index: "gsi2",
        pk: constant(t.indexes.gsi2.partitionKey, "group"),
        sk: key(t.indexes.gsi2.sortKey, "k_name"),
      },
    },
  });

  /** site ∈ group. Main key from the group's side, gsi1 from the site's side. */
  const membership = new Entity({
    model: { service: SERVICE, entity: "membership", version: "1" },
    attributes: {
      group_id: { type: "number", required: true },
      site_id: { type: "number", required: true },
      k_group: keyAttribute,
      k_site: keyAttribute,
    },
    indexes: {
      record: { pk: key(t.partitionKey, "k_group", "group#"), sk: key(t.sortKey, "k_site", "site#") },
      bySite: {
        index: "gsi1",
        pk: key(t.indexes.gsi1.partitionKey, "k_site", "site#"),
        sk: key(t.indexes.gsi1.sortKey, "k_group", "group#"),
      },
    },
  });

  /** child ∈ parent. Main key from the parent's side, gsi1 from the child's side. */
  const nesting = new Entity({
    model: { service: SERVICE, entity: "nesting", version: "1" },
    attributes: {
      parent_id: { type: "number", required: true },
      child_id: { type: "number", required: true },
      k_parent: keyAttribute,
      k_child: keyAttribute,
    },
    indexes: {
      record: { pk: key(t.partitionKey, "k_parent", "group#"), sk: key(t.sortKey, "k_child", "child#") },
      byChild: {
        index: "gsi1",
        pk: key(t.indexes.gsi1.partitionKey, "k_child", "child#"),
        sk: key(t.indexes.gsi1.sortKey, "k_parent", "parent#"),
      },
    },
  });

  /**
   * The version of the nesting graph. Every write that adds a nesting edge conditions on the
   * version it checked for cycles and increments it, so edge additions serialize (see README).
   */
  const graph = new Entity({
    model: { service: SERVICE, entity: "graph", version: "1" },
    attributes: {
      name: { type: "string", required: true },
      version: { type: "number", required: true, default: 0 },
    },
    indexes: {
      record: { pk: key(t.partitionKey, "name", "graph#"), sk: constant(t.sortKey, "version") },
    },
  });

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
  const counter = new Entity({
    model: { service: SERVICE, entity: "counter", version: "1" },
    attributes: {
      name: { type: "string", required: true },
      value: { type: "number", required: true, default: 0 },
    },
    indexes: {
      record: { pk: key(t.partitionKey, "name", "counter#"), sk: constant(t.sortKey, "counter") },
    },
  });

  return { site, group, membership, nesting, graph, claim, counter };
}

export function createDatabase(client: DynamoDBDocumentClient, table: string) {
  const service = new Service(defineEntities(), { client, table });
  return { client, table, service, entities: service.entities };
}

export type Database = ReturnType<typeof createDatabase>;
