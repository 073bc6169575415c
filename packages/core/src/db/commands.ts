/**
 * Every raw AWS SDK command of the package, beside the ElectroDB entities: what the entities do
 * not express (a page of a Query with our own key conditions, the tombstone that removes index
 * keys) or a transaction item sent on its own. Services never build SDK commands themselves.
 */

import { randomUUID } from "node:crypto";
import {
  BatchGetCommand,
  DeleteCommand,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { ServiceUnavailableError } from "../errors/domain.ts";
import type { Database } from "./entities.ts";
import { isConditionFailed } from "./errors.ts";
import { AGAIN, retry } from "./retry.ts";

export type RawItem = Record<string, NativeAttributeValue>;
export type StartKey = Record<string, string>;

/** One Query call: its items and the key to resume after, if the listing goes on. */
export async function queryPage(
  db: Database,
  input: QueryCommandInput,
): Promise<{ items: RawItem[]; lastKey: StartKey | undefined }> {
  const result = await db.client.send(new QueryCommand(input));
  return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey as StartKey | undefined };
}

/**
 * Every item of a table, one Scan page (1 MB) after another: for operators' tools (the rollups'
 * rebuild), never for a request. `consistent` reads every page strongly consistently.
 */
export async function scanTable(db: Database, table: string, consistent = false): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: StartKey | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({ TableName: table, ConsistentRead: consistent, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey as StartKey | undefined;
  } while (start);
  return items;
}

/** BatchGetItem takes at most this many keys per call. */
export const BATCH_GET_KEYS = 100;
/** Tries of a BatchGetItem whose keys come back unprocessed (a throttled read). */
const BATCH_ATTEMPTS = 5;

/**
 * The items of these keys of a table (the main one unless `table`; in no particular order; a
 * missing item is simply absent; each key once): one BatchGetItem per 100 keys, sent at once.
 * Eventually consistent unless `consistent` (the nesting walk reads the versions its transaction
 * conditions on; the rollups processor reads the graph and its ledgers). Keys DynamoDB answers as
 * unprocessed (a partly throttled read) are asked again with backoff, then it is a 503.
 */
export async function batchGetItems(
  db: Database,
  keys: readonly Record<string, string>[],
  { consistent = false, table = db.table }: { consistent?: boolean; table?: string } = {},
): Promise<RawItem[]> {
  const chunks: Record<string, string>[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_KEYS) chunks.push(keys.slice(i, i + BATCH_GET_KEYS));
  const exhausted = () => new ServiceUnavailableError("the database is throttling reads");
  const consistency = consistent ? { ConsistentRead: true } : {};
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const found: RawItem[] = [];
      let pending = chunk;
      await retry({ attempts: BATCH_ATTEMPTS, exhausted }, async () => {
        const result = await db.client.send(
          new BatchGetCommand({ RequestItems: { [table]: { ...consistency, Keys: pending } } }),
        );
        found.push(...(result.Responses?.[table] ?? []));
        pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, string>[];
        return pending.length > 0 ? AGAIN : undefined;
      });
      return found;
    }),
  );
  return pages.flat();
}

/**
 * Marks an item as being deleted, if it is still at `version`: sets `deleting`, increments the
 * version and removes the given key attributes (the item leaves those indexes).
 */
export async function writeTombstone(
  db: Database,
  key: Record<string, string>,
  removedAttributes: readonly string[],
  version: number,
): Promise<void> {
  await db.client.send(
    new UpdateCommand({
      TableName: db.table,
      Key: key,
      UpdateExpression: `SET #deleting = :yes, #version = #version + :one REMOVE ${removedAttributes.join(", ")}`,
      ConditionExpression: "#version = :version",
      ExpressionAttributeNames: { "#deleting": "deleting", "#version": "version" },
      ExpressionAttributeValues: { ":yes": true, ":one": 1, ":version": version },
    }),
  );
}

/**
 * Sends one item of a transaction (as ElectroDB's `.commit()` builds it) as the single write it
 * describes: a conditional PutItem, UpdateItem or DeleteItem costs half a transaction. A failed
 * condition resolves to `{ refused }` with the item as it was (null when absent or not asked for).
 */
export async function writeAlone(
  db: Database,
  transactItem: Record<string, any>,
): Promise<"done" | { refused: RawItem | null }> {
  try {
    if (transactItem.Put) await db.client.send(new PutCommand(transactItem.Put));
    else if (transactItem.Update) await db.client.send(new UpdateCommand(transactItem.Update));
    else if (transactItem.Delete) await db.client.send(new DeleteCommand(transactItem.Delete));
    else throw new Error(`cannot write alone: ${Object.keys(transactItem).join(", ")}`);
    return "done";
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const old = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
    return { refused: old ? unmarshall(old) : null };
  }
}

/** One item of a TransactWriteItems, in the document client's form. */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Sends raw items as one TransactWriteItems (with a fresh `ClientRequestToken`: the SDK's own
 * retries of a call that timed out resend it, and DynamoDB applies it once). Answers "done", or
 * the cancellation reason of each item ("None" for the items that were not the cause).
 */
export async function transactWrite(db: Database, items: readonly TransactItem[]): Promise<"done" | string[]> {
  try {
    await db.client.send(new TransactWriteCommand({ TransactItems: [...items], ClientRequestToken: randomUUID() }));
    return "done";
  } catch (error) {
    const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as { name?: string }).name !== "TransactionCanceledException" || !reasons) throw error;
    return reasons.map((reason) => reason.Code ?? "None");
  }
}
