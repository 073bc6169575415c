/**
 * What the two lag benchmarks share (`pnpm bench:events`, bench-events.ts, and `pnpm bench:rollups`,
 * bench-rollups.ts): the settings of `pnpm dev` without access control, the stack they run (their
 * own DynamoDB Local, the local gateway over the route handlers, stream runners), JSON writes over
 * HTTP and the percentiles they print.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { StreamHandler, StreamRunner } from "./stream.ts";

process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.CURSOR_KEY ||= randomBytes(32).toString("base64url");
process.env.AUTH_MODE = "open";
// as pnpm dev (packages/local/src/dev.ts): one processor storing in order needs no settle time
process.env.EVENTS_SETTLE_MS ??= "0";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;

/** Min, median, p95, p99 and max in whole ms, as cells of a Markdown row. */
export function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(0);
  return `${f(sorted[0] as number)} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 95))} | ${f(percentile(sorted, 99))} | ${f(sorted.at(-1) as number)}`;
}

/** The processors to run, each on its own stream runner: the `events` one, and the `rollups` one if asked. */
type Processors = "events" | "events and rollups";

/** Starts DynamoDB Local with the table, the stream runners and the gateway on a free port. */
export async function startLagStack(table: string, processors: Processors) {
  const { startDynamoDbLocal, ensureTable } = await import("./dynamodb-local.ts");
  const dynamo = await startDynamoDbLocal();
  await ensureTable(dynamo.endpoint, table);
  process.env.TABLE_NAME = table;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  const { routes } = await import("@sites-groups/functions/routes");
  const { createGateway } = await import("./gateway.ts");
  const { startStreamRunner } = await import("./stream.ts");
  const events = await import("@sites-groups/functions/events/process");
  const runners: StreamRunner[] = [
    await startStreamRunner({ endpoint: dynamo.endpoint, table, handler: events.handler }),
  ];
  if (processors === "events and rollups") {
    const rollups = await import("@sites-groups/functions/rollups/process");
    const handler: StreamHandler = (event) => rollups.handler(event);
    runners.push(await startStreamRunner({ endpoint: dynamo.endpoint, table, handler, name: "rollups" }));
  }
  const server = createGateway({ routes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A JSON request; the answer's body, `{ id: 0 }` when it has none (a 204). */
  async function send(method: string, path: string, body?: unknown): Promise<{ id: number }> {
    const response = await fetch(api + path, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : { id: 0 };
  }

  async function stop() {
    server.close();
    for (const runner of runners) await runner.stop();
    await dynamo.stop();
  }
  return { endpoint: dynamo.endpoint, api, runners, send, stop };
}
