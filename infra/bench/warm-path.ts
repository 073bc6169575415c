/**
 * `pnpm bench:warm`: what a warm invocation of `GET /sites/{id}` and of `POST /sites` spends beyond
 * its DynamoDB calls. Not a test (nothing is asserted).
 *
 * It starts its own DynamoDB Local and calls the two handlers in process, as a warm Lambda
 * container does (one services object, one client), each call interleaved with a raw GetItem of
 * the same site through a bare DynamoDBClient on the same DynamoDB: the ratio of the medians is the
 * figure to compare between runs, since the machine's load weighs on both alike. An SDK middleware
 * on the handlers' client times each invocation's DynamoDB calls, so that the rest, the handler's
 * own time (middleware stack, validation, marshalling, ElectroDB), is printed beside them.
 * `--profile FILE` also writes a CPU profile of the handler calls alone (Chrome DevTools' format).
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { tableDefinition } from "@sites-groups/core";
import { routes } from "@sites-groups/functions/routes";
import { localClient, startDynamoDbLocal } from "@sites-groups/local/dynamodb-local";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { requestOf, seed } from "./requests.ts";

const { values: options } = parseArgs({
  options: { calls: { type: "string", default: "2000" }, profile: { type: "string" } },
});
const CALLS = Number(options.calls);
const TABLE = "bench-warm";

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const context = {
  awsRequestId: "bench-warm",
  functionName: "bench-warm",
  getRemainingTimeInMillis: () => 10_000,
} as Context;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Measured {
  label: string;
  handler: number[];
  dynamodb: number[];
  raw: number[];
}

async function main() {
  // Node 20 would warn, once, that the SDK's next releases need Node 22
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  process.env.CURSOR_KEY ||= randomBytes(32).toString("base64url");
  const dynamo = await startDynamoDbLocal();
  try {
    process.env.TABLE_NAME = TABLE;
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.AWS_REGION ||= "eu-west-3";
    const seeded = await seed(dynamo.endpoint, TABLE);
    const { services } = await import("@sites-groups/functions/commons/context");
    const { db } = services();
    // the time each invocation spends in its DynamoDB calls (send to answer, retries included)
    let inDynamoDb = 0;
    db.client.middlewareStack.add(
      (next) => async (args) => {
        const start = performance.now();
        try {
          return await next(args);
        } finally {
          inDynamoDb += performance.now() - start;
        }
      },
      { step: "initialize", name: "benchWarmTimer", priority: "high" },
    );
    const raw = localClient(dynamo.endpoint);
    const { partitionKey, sortKey } = tableDefinition;
    const key = {
      [partitionKey]: { S: String(seeded.siteKey[partitionKey]) },
      [sortKey]: { S: String(seeded.siteKey[sortKey]) },
    };
    const rawGet = () => raw.send(new GetItemCommand({ TableName: TABLE, Key: key }));
    const handlerOf = async (name: string) => {
      const route = routes.find((r) => r.name === name)!;
      const { handler } = (await import(`@sites-groups/functions/${route.handler}`)) as { handler: Handler };
      const event = requestOf(route, seeded);
      return () => handler(event, context);
    };

    const runs: [string, () => Promise<APIGatewayProxyResult>][] = [
      ["GET /sites/{id}", await handlerOf("GetSite")],
      ["POST /sites", await handlerOf("CreateSite")],
    ];
    const session = options.profile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post("Profiler.enable");
    }
    const results: Measured[] = [];
    for (const [label, run] of runs) {
      const measured: Measured = { label, handler: [], dynamodb: [], raw: [] };
      // warm-up: JIT, connections, the services object
      for (let i = 0; i < 50; i++) await run();
      if (session) await session.post("Profiler.start");
      for (let i = 0; i < CALLS; i++) {
        inDynamoDb = 0;
        let start = performance.now();
        const answer = await run();
        measured.handler.push(performance.now() - start);
        measured.dynamodb.push(inDynamoDb);
        if (answer.statusCode >= 300) throw new Error(`${label}: ${answer.statusCode} ${answer.body}`);
        start = performance.now();
        await rawGet();
        measured.raw.push(performance.now() - start);
      }
      if (session) {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(`${options.profile}.${label.split(" ")[0]!.toLowerCase()}.cpuprofile`, JSON.stringify(profile));
      }
      results.push(measured);
    }
    raw.destroy();
    print(results);
  } finally {
    await dynamo.stop();
  }
}

function print(results: Measured[]) {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus()[0]?.model ?? "unknown CPU"} ` +
      `(${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0]!.toFixed(1)}), ` +
      `Node ${process.version}, DynamoDB Local; ${CALLS} warm calls of each handler in process, each followed by a raw GetItem of the same site.`,
    "",
    "| handler | median | × raw GetItem | its DynamoDB calls (median) | the rest: handler's own (median of call − its DynamoDB time) | raw GetItem (median) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { label, handler, dynamodb, raw } of results) {
    const own = handler.map((value, i) => value - dynamodb[i]!);
    lines.push(
      `| ${label} | ${ms(median(handler))} | ${(median(handler) / median(raw)).toFixed(2)}× | ${ms(median(dynamodb))} | ${ms(median(own))} | ${ms(median(raw))} |`,
    );
  }
  console.log(lines.join("\n"));
}

await main();
