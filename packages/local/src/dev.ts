/**
 * `pnpm dev`: the API on http://localhost:$PORT over DynamoDB Local (in memory) with demo data.
 *   PORT               port to listen on (3000)
 *   SEED=false         start with an empty database
 *   DYNAMODB_ENDPOINT  use this DynamoDB (LocalStack, a shared DynamoDB Local) instead of starting one
 *   TABLE_NAME         table to use or create (sites-and-groups-dev)
 *   --admin, or DYNAMODB_ADMIN=true   also serve dynamodb-admin (a DynamoDB browser) over the
 *                      same database, on DYNAMODB_ADMIN_PORT (8001)
 * The docs are at /docs (Swagger UI) and /openapi.json, routes of the manifest like the others.
 */
import type { Server } from "node:http";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createServices, tableDefinition } from "@sites-groups/core";
import { routes } from "@sites-groups/functions/routes";
import { seedDemoData } from "./demo-data.ts";
import { clearDevState, writeDevState } from "./dev-state.ts";
import { ensureTable, localClient, type RunningDynamoDb, startDynamoDbLocal } from "./dynamodb-local.ts";
import { createGateway } from "./gateway.ts";
import { stopWithParents } from "./lifecycle.ts";

const port = Number(process.env.PORT ?? 3000);
const table = process.env.TABLE_NAME ?? "sites-and-groups-dev";
const seed = process.env.SEED !== "false";
const admin = process.argv.includes("--admin") || process.env.DYNAMODB_ADMIN === "true";
const adminPort = Number(process.env.DYNAMODB_ADMIN_PORT ?? 8001);

let dynamodb: RunningDynamoDb | undefined;
let adminServer: Server | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  clearDevState();
  adminServer?.close();
  await dynamodb?.stop();
  process.exit(code);
}

/** dynamodb-admin (a DynamoDB browser) over the same database, loaded only when asked for. */
async function startAdmin(endpoint: string): Promise<Server> {
  const { createServer } = await import("dynamodb-admin");
  const app = createServer({ dynamoDbClient: localClient(endpoint) });
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(adminPort, "localhost", () => resolve(server));
    server.once("error", reject);
  });
}
stopWithParents(() => void stop(0));

async function isEmpty(context: ReturnType<typeof createServices>): Promise<boolean> {
  const index = tableDefinition.indexes.gsi1;
  const { Items } = await context.db.client.send(
    new QueryCommand({
      TableName: table,
      IndexName: "gsi1",
      KeyConditionExpression: "#pk = :site",
      ExpressionAttributeNames: { "#pk": index.partitionKey },
      ExpressionAttributeValues: { ":site": "site" },
      Limit: 1,
    }),
  );
  return (Items ?? []).length === 0;
}

async function main() {
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamodb = await startDynamoDbLocal();
    endpoint = dynamodb.endpoint;
  }
  const created = await ensureTable(endpoint, table);
  console.log(`DynamoDB at ${endpoint}, table ${table} (${created})`);
  process.env.TABLE_NAME = table;
  process.env.DYNAMODB_ENDPOINT = endpoint;

  const context = createServices({ table, endpoint });
  if (seed && (await isEmpty(context))) {
    const { sites, groups } = await seedDemoData(context);
    console.log(`Demo data: ${sites} sites, ${groups} groups`);
  }

  if (admin) {
    adminServer = await startAdmin(endpoint);
    console.log(`DynamoDB admin at http://localhost:${adminPort} (table ${table})`);
  }

  const server = createGateway({ routes });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  const probe = await fetch(`http://localhost:${port}/sites?limit=1`);
  if (probe.status !== 200) throw new Error(`the API answered ${probe.status} to its first request`);
  writeDevState({ endpoint, table, api: `http://localhost:${port}`, pid: process.pid });
  console.log(`Docs at http://localhost:${port}/docs (OpenAPI: http://localhost:${port}/openapi.json)`);
  console.log(`API ready at http://localhost:${port}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
