import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { type Context, type Country, createContext } from "@sites-groups/core";
import { ensureTable } from "@sites-groups/local/dynamodb-local";
import { afterAll, inject } from "vitest";

export interface TestDatabase {
  endpoint: string;
  table: string;
  context: Context;
  /** Names of the DynamoDB commands sent since the last `reset()`, e.g. "GetItem". */
  requests: { names: string[]; reset(): void };
  /** Every item of the table, raw: for checkers only, request paths never scan. */
  scanAll(): Promise<Record<string, unknown>[]>;
}

/**
 * A fresh table on the run's DynamoDB Local, for this test file alone (files run in parallel),
 * deleted after the file. Every request through its client is counted.
 */
export async function createTestDatabase(options: { countries?: readonly Country[] } = {}): Promise<TestDatabase> {
  const endpoint = inject("dynamodbEndpoint");
  const table = `test-${randomUUID()}`;
  await ensureTable(endpoint, table);
  const base = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const names: string[] = [];
  base.middlewareStack.add(
    (next, context) => async (args) => {
      names.push(String(context.commandName).replace(/Command$/, ""));
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
  const client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const context = createContext({ table, client, ...(options.countries ? { countries: options.countries } : {}) });
  afterAll(async () => {
    await base.send(new DeleteTableCommand({ TableName: table }));
    base.destroy();
  });
  return {
    endpoint,
    table,
    context,
    requests: {
      names,
      reset: () => {
        names.length = 0;
      },
    },
    async scanAll() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}
