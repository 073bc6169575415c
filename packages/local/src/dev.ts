/**
 * `pnpm dev`: the API on http://localhost:$PORT over DynamoDB Local (in memory) with demo data.
 *   PORT               port to listen on (3000)
 *   HOST               address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface)
 *   CORS_ORIGINS       origins a browser page may call from (comma-separated), as a stage's corsOrigins
 *   SEED=false         start with an empty database
 *   DYNAMODB_ENDPOINT  use this DynamoDB (LocalStack, a shared DynamoDB Local) instead of starting one
 *   TABLE_NAME         table to use or create (sites-and-groups-dev)
 *   AUTH=on            the routes need tokens of a local user pool, as in AWS (`pnpm token` prints one)
 *   --admin, or DYNAMODB_ADMIN=true   also serve dynamodb-admin (a DynamoDB browser) over the
 *                      same database, on DYNAMODB_ADMIN_PORT (8001)
 * The docs are at /docs (Swagger UI) and /openapi.json, routes of the manifest like the others.
 * Both stream processors run over the table's stream (./stream.ts), each with its own runner as
 * each has its own mapping in AWS: the events one (GET /events lists changes) and the rollups one
 * (what lies below each group, and its totals).
 */
import type { Server } from "node:http";
import net from "node:net";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createServices, RECORDS, tableDefinition } from "@sites-groups/core";
import { routes } from "@sites-groups/functions/routes";
import { createLocalIssuer, SCOPES } from "./auth.ts";
import { devConfig } from "./config.ts";
import { seedDemoData } from "./demo-data.ts";
import { clearDevState, writeDevState } from "./dev-state.ts";
import {
  endpointProblem,
  ensureTable,
  localClient,
  type RunningDynamoDb,
  startDynamoDbLocal,
} from "./dynamodb-local.ts";
import { createGateway, TOKEN_PATH } from "./gateway.ts";
import { stopWithParents } from "./lifecycle.ts";
import { type StreamRunner, startStreamRunner } from "./stream.ts";

let dynamodb: RunningDynamoDb | undefined;
let events: StreamRunner | undefined;
let rollups: StreamRunner | undefined;
let adminServer: Server | undefined;
let stopping = false;
let listeningPort: number | undefined;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (listeningPort !== undefined) clearDevState(listeningPort);
  adminServer?.close();
  await events?.stop();
  await rollups?.stop();
  await dynamodb?.stop();
  process.exit(code);
}

/**
 * Fails before anything starts when another program holds the port, with what to do about it,
 * instead of a bare EADDRINUSE after DynamoDB Local has started and the demo data is seeded.
 */
function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE" && error.code !== "EACCES") return reject(error);
      const reason = error.code === "EADDRINUSE" ? "is already in use" : "needs privileges this user lacks";
      reject(
        new Error(
          `Port ${port} ${reason}, so ${what} cannot listen there (is another \`pnpm dev\` running?).\n` +
            `Stop the program that holds it, or choose another port: ${variable}=${port + 1} pnpm dev`,
        ),
      );
    });
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** dynamodb-admin (a DynamoDB browser) over the same database, loaded only when asked for. */
async function startAdmin(endpoint: string, adminPort: number): Promise<Server> {
  const { createServer } = await import("dynamodb-admin");
  const app = createServer({ dynamoDbClient: localClient(endpoint) });
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(adminPort, "localhost", () => resolve(server));
    server.once("error", reject);
  });
}
stopWithParents(() => void stop(0));

/** No site is listed: one item read from the sites' id index. */
async function isEmpty(context: ReturnType<typeof createServices>, table: string): Promise<boolean> {
  const { listPartition, lists } = RECORDS.site;
  const { Items } = await context.db.client.send(
    new QueryCommand({
      TableName: table,
      IndexName: lists.id.index,
      KeyConditionExpression: "#pk = :site",
      ExpressionAttributeNames: { "#pk": tableDefinition.indexes[lists.id.index].partitionKey },
      ExpressionAttributeValues: { ":site": listPartition },
      Limit: 1,
    }),
  );
  return (Items ?? []).length === 0;
}

/** The guarded resources, as a reader says them: "/sites, /groups and /events". */
function guardedResources(): string {
  const names = [...new Set(routes.filter((r) => r.scope !== "public").map((r) => `/${r.path.split("/")[1]}`))];
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "no route");
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const EVERY_INTERFACE = new Set(["0.0.0.0", "::"]);

/** The URL to print and to call: localhost wherever the server also listens on this machine's loopback. */
function baseUrl(host: string, port: number): string {
  if (LOOPBACK.has(host) || EVERY_INTERFACE.has(host)) return `http://localhost:${port}`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function reach(host: string, port: number): string {
  if (LOOPBACK.has(host)) return `Listening on ${host}:${port}: this machine only (HOST=0.0.0.0 opens it to others)`;
  if (EVERY_INTERFACE.has(host)) return `Listening on every interface (HOST=${host}): other machines can reach it`;
  return `Listening on ${host}:${port} (HOST=${host})`;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const bad = error.code === "ENOTFOUND" || error.code === "EADDRNOTAVAIL" || error.code === "EAI_AGAIN";
      reject(
        bad ? new Error(`HOST=${host} is not an address of this machine (${error.code}): try HOST=127.0.0.1`) : error,
      );
    });
    server.listen(port, host, resolve);
  });
}

async function main() {
  const config = devConfig();
  const { port, host, table, seed, admin, adminPort } = config;
  await assertPortFree(port, "the API", "PORT");
  if (admin) await assertPortFree(adminPort, "dynamodb-admin", "DYNAMODB_ADMIN_PORT");
  let endpoint = config.endpoint;
  if (endpoint) {
    const problem = await endpointProblem(endpoint, "DYNAMODB_ENDPOINT");
    if (problem) throw new Error(problem);
  } else {
    dynamodb = await startDynamoDbLocal();
    endpoint = dynamodb.endpoint;
  }
  const created = await ensureTable(endpoint, table);
  console.log(`DynamoDB at ${endpoint}, table ${table} (${created})`);
  // what the stack sets on the functions
  process.env.TABLE_NAME = table;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.AUTH_MODE = config.auth ? "cognito" : "open";
  // one processor stores every event in order, and DynamoDB Local writes the indexes with the
  // item: nothing can land behind a position GET /events has listed, so no settle time is needed
  process.env.EVENTS_SETTLE_MS = "0";
  // No TOKEN_URL: the document's token URL stays `/oauth2/token`, on whichever host the page was
  // opened from (localhost or 127.0.0.1), so Swagger UI's Authorize is a same-origin request.

  // the stream processors the stack deploys, fed by the table's stream as Lambda's mappings feed them
  const { handler } = await import("@sites-groups/functions/events/process");
  events = await startStreamRunner({ endpoint, table, handler });
  const maintain = await import("@sites-groups/functions/rollups/process");
  rollups = await startStreamRunner({ endpoint, table, handler: (event) => maintain.handler(event), name: "rollups" });

  const context = createServices({ table, endpoint });
  if (seed && (await isEmpty(context, table))) {
    const { sites, groups } = await seedDemoData(context);
    console.log(`Demo data: ${sites} sites, ${groups} groups`);
  }

  if (admin) {
    adminServer = await startAdmin(endpoint, adminPort);
    console.log(`DynamoDB admin at http://localhost:${adminPort} (table ${table})`);
  }

  const auth = config.auth ? await createLocalIssuer() : undefined;
  const server = createGateway({ routes, corsOrigins: config.corsOrigins, ...(auth ? { auth } : {}) });
  await listen(server, host, port);
  const api = baseUrl(host, port);
  const probe = await fetch(`${api}/sites?limit=1`, {
    headers: auth ? { authorization: `Bearer ${await auth.issue(["read"])}` } : {},
  });
  if (probe.status !== 200) throw new Error(`the API answered ${probe.status} to its first request`);
  listeningPort = port;
  writeDevState({
    endpoint,
    table,
    api,
    port,
    pid: process.pid,
    ...(auth ? { auth: { tokenUrl: `${api}${TOKEN_PATH}`, ...auth.credentials } } : {}),
  });
  console.log(reach(host, port));
  if (config.corsOrigins.length > 0) console.log(`CORS: pages of ${config.corsOrigins.join(", ")} may call the API`);
  if (auth) {
    console.log(
      `Access: AUTH=on, ${guardedResources()} need a bearer token (${SCOPES.read} for reads, ${SCOPES.write} for writes)`,
    );
    console.log(`Tokens: \`pnpm token [--scope read|write]\`, or the client-credentials grant at ${api}${TOKEN_PATH}`);
    console.log("Swagger UI's Authorize: the client id and secret of `pnpm token --client`");
  } else {
    console.log("Access: open, no token needed (AUTH=on pnpm dev enforces the deployed stages' rules)");
  }
  console.log(
    `Events: every change is on ${api}/events within 2 s (the stream processor runs here); \`pnpm events\` follows them`,
  );
  console.log(`Docs at ${api}/docs (OpenAPI: ${api}/openapi.json)`);
  console.log(`API ready at ${api}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
