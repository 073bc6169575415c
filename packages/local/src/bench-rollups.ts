/**
 * `pnpm bench:rollups`: the lag from a write's answer to the moment a group's summary reflects it,
 * over 1,000 writes (issue 21's closing note), as `pnpm dev` runs: its own DynamoDB Local, the
 * local gateway over the route handlers, and both stream processors on runners of their own. Not
 * a test, not part of `pnpm test`.
 *
 * Three groups nested top ⊃ middle ⊃ leaf. Each write puts one more site below the top, one write
 * every WRITE_EVERY_MS: half of them create a site in the leaf (`POST /sites` with `group_ids`),
 * half link a site made beforehand to the leaf (`PUT /groups/{id}/sites/{site_id}`). One follower
 * polls `GET /groups/{top}/summary` every POLL_MS; the summary reflects write n once its count of
 * sites below reaches n (the runner hands the records on in order, one shard). The lag of a write
 * is the time from its answer to the answer of the first poll that shows it: the stream runner's
 * poll (100 ms), the processor's recompute, plus up to one follower poll, whose own round trip is
 * printed as the floor.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";

const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
const WRITE_EVERY_MS = 50;
const POLL_MS = 25;

process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.CURSOR_KEY ||= randomBytes(32).toString("base64url");
process.env.AUTH_MODE = "open";
process.env.EVENTS_SETTLE_MS ??= "0";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(0);
  return `${f(sorted[0] as number)} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 95))} | ${f(percentile(sorted, 99))} | ${f(sorted.at(-1) as number)}`;
}

const DAY_MS = 86_400_000;
/** A French site on its own day (one French site per day), or an Italian one on a Saturday. */
function siteBody(n: number, groupIds: number[]) {
  const common = {
    name: `Lag ${n}`,
    max_power_megawatt: (n % 50) + 0.5,
    min_power_megawatt: 0.25,
    group_ids: groupIds,
  };
  if (n % 2 === 0) {
    const day = new Date(Date.UTC(2001, 0, 1) + n * DAY_MS).toISOString().slice(0, 10);
    return { ...common, country: "fr", installation_date: day, useful_energy_at_1_megawatt: 3 };
  }
  return { ...common, country: "it", installation_date: "2024-05-04", efficiency: 0.5 };
}

async function main() {
  const { startDynamoDbLocal, ensureTable } = await import("./dynamodb-local.ts");
  const dynamo = await startDynamoDbLocal();
  const table = "bench-rollups";
  await ensureTable(dynamo.endpoint, table);
  process.env.TABLE_NAME = table;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  const { routes } = await import("@sites-groups/functions/routes");
  const { createGateway } = await import("./gateway.ts");
  const { startStreamRunner } = await import("./stream.ts");
  const events = await import("@sites-groups/functions/events/process");
  const rollups = await import("@sites-groups/functions/rollups/process");
  const runners = [
    await startStreamRunner({ endpoint: dynamo.endpoint, table, handler: events.handler }),
    await startStreamRunner({
      endpoint: dynamo.endpoint,
      table,
      handler: (event) => rollups.handler(event),
      name: "rollups",
    }),
  ];
  const server = createGateway({ routes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function send(method: string, path: string, body?: unknown): Promise<{ id: number }> {
    const response = await fetch(api + path, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : { id: 0 };
  }

  const leaf = await send("POST", "/groups", { name: "Leaf", type: "group2" });
  const middle = await send("POST", "/groups", { name: "Middle", type: "group1", child_group_ids: [leaf.id] });
  const top = await send("POST", "/groups", { name: "Top", type: "group1", child_group_ids: [middle.id] });
  const loose: number[] = [];
  for (let n = 0; n < WRITES / 2; n++) loose.push((await send("POST", "/sites", siteBody(2 * n + 1, []))).id);
  for (const runner of runners) await runner.caughtUp();

  const answered: number[] = [];
  const lags: number[] = [];
  const roundTrips: number[] = [];
  let writing = true;
  const follower = (async () => {
    while (writing || lags.length < answered.length) {
      const asked = performance.now();
      const summary = (await (await fetch(`${api}/groups/${top.id}/summary`)).json()) as { sites: { count: number } };
      const at = performance.now();
      roundTrips.push(at - asked);
      while (lags.length < Math.min(summary.sites.count, answered.length)) {
        lags.push(at - (answered[lags.length] as number));
      }
      await sleep(POLL_MS);
    }
  })();
  for (let n = 0; n < WRITES; n++) {
    const started = performance.now();
    if (n % 2 === 0) await send("POST", "/sites", siteBody(2 * n + 2, [leaf.id]));
    else await send("PUT", `/groups/${leaf.id}/sites/${loose[(n - 1) / 2]}`);
    answered.push(performance.now());
    await sleep(Math.max(0, WRITE_EVERY_MS - (performance.now() - started)));
  }
  writing = false;
  await follower;

  console.log(
    `${WRITES} writes (one every ${WRITE_EVERY_MS} ms), each putting one more site below a group two levels up; ` +
      `${cpus().length} cores, Node ${process.version}, DynamoDB Local.\n`,
  );
  console.log("| ms | min | median | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|");
  console.log(`| write answered → its summary reflects it | ${stats(lags)} |`);
  console.log(`| floor: GET /groups/{id}/summary round trip | ${stats(roundTrips)} |`);
  server.close();
  for (const runner of runners) await runner.stop();
  await dynamo.stop();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
