import { randomBytes, randomUUID } from "node:crypto";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { type Country, createServices, rollupsTableName, type Services } from "@sites-groups/core";
import { ensureTable } from "@sites-groups/local/dynamodb-local";
import { afterAll, inject } from "vitest";

export interface TestDatabase {
  endpoint: string;
  table: string;
  context: Services;
  /** Names of the DynamoDB commands sent since the last `reset()`, e.g. "GetItem". */
  requests: { names: string[]; reset(): void };
  /**
   * Makes the next matching request fail before it is sent, once `after` matching ones went
   * through, with an error of that name (default "InjectedFault", which nothing retries).
   */
  failRequest(name: string, after?: number, errorName?: string): void;
  /** Every item of the table (or of another, the rollups table), raw: for checkers only, request paths never scan. */
  scanAll(tableName?: string): Promise<Record<string, unknown>[]>;
}

/**
 * A fresh table on the run's DynamoDB Local, for this test file alone (files run in parallel),
 * deleted after the file. Every request through its client is counted. `now` is the services'
 * clock (./clock.ts `testClock`; default the real one).
 */
export async function createTestDatabase(
  options: { countries?: readonly Country[]; stream?: boolean; now?: () => Date; endpoint?: string } = {},
): Promise<TestDatabase> {
  // the run's DynamoDB Local, unless the file started its own (one it pauses)
  const endpoint = options.endpoint ?? inject("dynamodbEndpoint");
  // every test process makes its own cursor secret, as `pnpm dev` does; none is in the source
  process.env.CURSOR_KEY ??= randomBytes(32).toString("base64url");
  const table = `test-${randomUUID()}`;
  // the change stream only for the files that run the stream processor: DynamoDB Local keeps every
  // table's stream records, which slows the whole shared run
  await ensureTable(endpoint, table, { stream: options.stream === true });
  const base = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const names: string[] = [];
  let fault: { name: string; after: number; errorName: string } | undefined;
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, "");
      if (fault?.name === name && fault.after-- <= 0) {
        const errorName = fault.errorName;
        fault = undefined;
        throw Object.assign(new Error(`injected fault in ${name}`), { name: errorName });
      }
      names.push(name);
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
  const client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const context = createServices({
    table,
    client,
    ...(options.countries ? { countries: options.countries } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  afterAll(async () => {
    await base.send(new DeleteTableCommand({ TableName: table }));
    await base.send(new DeleteTableCommand({ TableName: rollupsTableName(table) }));
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
    failRequest(name, after = 0, errorName = "InjectedFault") {
      fault = { name, after, errorName };
    },
    async scanAll(tableName = table) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}
