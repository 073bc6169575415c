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
export { listIndexNames, RECORD_PARTITION_PREFIXES } from "./keys.ts";

/** The attribute names of every key (all strings), in table order. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const index of Object.values(tableDefinition.indexes)) {
    names.push(index.partitionKey, index.sortKey);
  }
  return names;
}

/** The input of `UpdateTimeToLiveCommand` for this definition (CreateTable cannot set it). */
export function timeToLiveInput(tableName: string) {
  return {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
  };
}

/** The input of `CreateTableCommand` for this definition: on-demand, its stream, every index projecting all. */
export function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream },
    AttributeDefinitions: keyAttributeNames().map((AttributeName) => ({
      AttributeName,
      AttributeType: "S" as const,
    })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: "HASH" as const },
      { AttributeName: tableDefinition.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: Object.entries(tableDefinition.indexes).map(([IndexName, keys]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: keys.partitionKey, KeyType: "HASH" as const },
        { AttributeName: keys.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}
