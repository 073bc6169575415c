/**
 * The one definition of the DynamoDB table: key attributes and secondary indexes.
 * Read by the CDK stack, the dev server and the tests, so the three cannot disagree.
 *
 * Every secondary index is overloaded: each entity decides what its items put in
 * `gsiNpk` / `gsiNsk` (the layout is `db/keys.ts`). Items that leave an index's keys unset are
 * simply absent from it (sparse indexes).
 *
 * `timeToLiveAttribute`: DynamoDB deletes an item some time after the epoch second this attribute
 * holds. Only the idempotency records of `POST /sites` and `POST /groups` (24 hours after their
 * request; functions/src/commons/idempotency.ts) and the change events (30 days; events/store.ts)
 * have it, no site, group or link does.
 *
 * `stream`: the table's change stream, which the events are made from (events/changes.ts): both
 * images of every changed item.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  timeToLiveAttribute: "expiration",
  stream: "NEW_AND_OLD_IMAGES",
  indexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    gsi4: { partitionKey: "gsi4pk", sortKey: "gsi4sk" },
  },
} as const;

export type IndexName = keyof typeof tableDefinition.indexes;

/**
 * What the route manifest and the CDK app read of the key layout (they load this module, not the
 * services): the indexes each listing queries, and the partitions of the items that make events.
 */
export { listIndexNames, RECORD_PARTITION_PREFIXES, ROOT_INDEX } from "./keys.ts";

/**
 * The table of the hierarchy's maintained items (db/keys.ts `ROLLUPS`: below items, ledgers,
 * summaries), beside the main one and named after it. It has no stream: its writes are no
 * change of the API, so they make no event, never invoke a processor, and never sit in the main
 * stream's shards ahead of the API's own changes (a nest writes thousands of them). `gsi1` reads
 * the below items from the other direction (what an item is below). Only gone items' ledgers carry
 * `expiration`.
 */
export const rollupsTableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  timeToLiveAttribute: "expiration",
  indexes: { gsi1: tableDefinition.indexes.gsi1 },
} as const;

export const rollupsTableName = (table: string) => `${table}-rollups`;

type Definition = typeof tableDefinition | typeof rollupsTableDefinition;

/** The attribute names of every key (all strings), in table order. */
export function keyAttributeNames(definition: Definition = tableDefinition): string[] {
  const names: string[] = [definition.partitionKey, definition.sortKey];
  for (const index of Object.values(definition.indexes)) {
    names.push(index.partitionKey, index.sortKey);
  }
  return names;
}

/** The input of `UpdateTimeToLiveCommand` for this definition (CreateTable cannot set it). */
export function timeToLiveInput(tableName: string, definition: Definition = tableDefinition) {
  return {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
  };
}

/**
 * The input of `CreateTableCommand` for a definition (the main table's by default): on-demand, its
 * stream if it has one, every index projecting all.
 */
export function createTableInput(tableName: string, definition: Definition = tableDefinition) {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    ...("stream" in definition
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream } }
      : {}),
    AttributeDefinitions: keyAttributeNames(definition).map((AttributeName) => ({
      AttributeName,
      AttributeType: "S" as const,
    })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: "HASH" as const },
      { AttributeName: definition.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: Object.entries(definition.indexes).map(([IndexName, keys]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: keys.partitionKey, KeyType: "HASH" as const },
        { AttributeName: keys.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}
