/**
 * `pnpm bench:events`: the lag from a write's answer to the moment its event is listed on
 * `GET /events`, over 1,000 writes (issue 13's closing note). Not a test, not part of `pnpm test`.
 *
 * Like `pnpm dev`, it starts its own DynamoDB Local, the local gateway over the route handlers and
 * the stream runner feeding the stream processor. Then it writes over HTTP, one write every
 * WRITE_EVERY_MS (Italian and French site creates, site renames, group creates, site-to-group
 * links: each makes exactly one event), while one follower polls `GET /events?after=<last id>`
 * every POLL_MS and matches each listed event to its write by type and subject. The lag of a write
 * is the time from its answer to the answer of the poll that first lists its event: the stream
 * runner's poll (100 ms), the processor, plus up to one follower poll, and the settle time
 * (EVENTS_SETTLE_MS: 0 as under `pnpm dev`; `EVENTS_SETTLE_MS=1000 pnpm bench:events` measures
 * AWS's 1 s). The floor printed beside it is the round trip of `GET /events` itself, measured on
 * the same polls.
 *
 * Then the cost of the stored event items: each is put again into a scratch table of the same
 * definition with ReturnConsumedCapacity=TOTAL (DynamoDB Local's arithmetic), and computed from the
 * item size: ceil(size / 1 KB) WRU for the table and as much for each index that holds it (gsi1,
 * gsi2, gsi3, all projecting ALL).
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { cpus, totalmem } from "node:os";
import { type AttributeValue, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { type CloudEvent, EVENT_KEY_PREFIX, SETTLE_MS, tableDefinition } from "@sites-groups/core";
import { eventReader } from "./events-follow.ts";

const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
const WRITE_EVERY_MS = 50;
const POLL_MS = 25;

process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.CURSOR_KEY ||= randomBytes(32).toString("base64url");
process.env.AUTH_MODE = "open";
// as pnpm dev (packages/local/src/dev.ts): one processor storing in order needs no settle time
process.env.EVENTS_SETTLE_MS ??= "0";
const SETTLE = Number(process.env.EVENTS_SETTLE_MS);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;

interface Pending {
  kind: string;
  answeredAt: number;
}

/** DynamoDB's item size: attribute names and values in UTF-8 bytes (numbers: about 1 byte per 2 digits + 1). */
function itemSize(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name);
    if (value.S !== undefined) size += Buffer.byteLength(value.S);
    else if (value.N !== undefined) size += Math.ceil(value.N.replace(/^-|\.|^0+/g, "").length / 2) + 1;
    else size += Buffer.byteLength(JSON.stringify(value));
  }
  return size;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(0);
  return `${f(sorted[0] as number)} | ${f(percentile(sorted, 50))} | ${f(percentile(sorted, 95))} | ${f(percentile(sorted, 99))} | ${f(sorted.at(-1) as number)}`;
}

async function main() {
  const { startDynamoDbLocal, ensureTable, localClient } = await import("./dynamodb-local.ts");
  const dynamo = await startDynamoDbLocal();
  const table = "bench-events";
  await ensureTable(dynamo.endpoint, table);
  process.env.TABLE_NAME = table;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  const { routes } = await import("@sites-groups/functions/routes");
  const { createGateway } = await import("./gateway.ts");
  const { startStreamRunner } = await import("./stream.ts");
  const { handler } = await import("@sites-groups/functions/events/process");
  const runner = await startStreamRunner({ endpoint: dynamo.endpoint, table, handler });
  const server = createGateway({ routes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function write(method: string, path: string, body?: unknown): Promise<{ id?: number }> {
    const response = await fetch(api + path, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : {};
  }

  // what each write is waiting for: "type subject" → writes in order
  const pending = new Map<string, Pending[]>();
  const lags = new Map<string, number[]>();
  const roundTrips: number[] = [];
  let matched = 0;
  let unexpected = 0;
  function expect(type: string, subject: string, kind: string, answeredAt: number) {
    const key = `${type} ${subject}`;
    if (!pending.has(key)) pending.set(key, []);
    pending.get(key)?.push({ kind, answeredAt });
  }
  function listed(event: CloudEvent, at: number) {
    const key = `${event.type} ${event.subject}`;
    const write = pending.get(key)?.shift();
    if (!write) {
      unexpected++;
      return;
    }
    matched++;
    for (const kind of [write.kind, "all"]) {
      if (!lags.has(kind)) lags.set(kind, []);
      lags.get(kind)?.push(at - write.answeredAt);
    }
  }

  // the follower: every POLL_MS, the events after the last one seen (following next_cursor)
  const reader = eventReader(api);
  let after: string | undefined;
  let following = true;
  let deadline = Number.POSITIVE_INFINITY;
  const follower = (async () => {
    while (following || matched < WRITES) {
      let answer = await (async () => {
        const start = performance.now();
        const page = await reader.page({ ...(after ? { after } : {}) });
        roundTrips.push(performance.now() - start);
        return page;
      })();
      const at = performance.now();
      for (;;) {
        for (const event of answer.items) {
          listed(event, at);
          after = event.id;
        }
        if (!answer.next_cursor) break;
        answer = await reader.page({ cursor: answer.next_cursor });
      }
      if (!following && performance.now() > deadline) break;
      await sleep(POLL_MS);
    }
  })();

  // the writes, one every WRITE_EVERY_MS
  const sites: number[] = [];
  const groups: number[] = [];
  const linked = new Set<string>();
  const italian = {
    country: "it",
    installation_date: "2030-01-05",
    max_power_megawatt: 10,
    min_power_megawatt: 1,
    efficiency: 0.5,
  };
  const french = { country: "fr", max_power_megawatt: 10, min_power_megawatt: 1, useful_energy_at_1_megawatt: 3 };
  const day = (n: number) => new Date(Date.UTC(2040, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const started = performance.now();
  for (let i = 0; i < WRITES; i++) {
    const due = started + i * WRITE_EVERY_MS;
    if (performance.now() < due) await sleep(due - performance.now());
    const slot = i % 10;
    if (sites.length < 2 || groups.length < 1 || slot < 3) {
      // creates: sites (it, fr with its day lock) and, one write in ten, a group
      if (groups.length < 1 || slot === 2) {
        const { id } = await write("POST", "/groups", { name: `Bench group ${i}`, type: "group1" });
        expect("group.created", `groups/${id}`, "POST /groups", performance.now());
        groups.push(id as number);
      } else {
        const body =
          slot === 0 ? { ...italian, name: `Site ${i}` } : { ...french, name: `Site ${i}`, installation_date: day(i) };
        const { id } = await write("POST", "/sites", body);
        expect("site.created", `sites/${id}`, `POST /sites (${body.country})`, performance.now());
        sites.push(id as number);
      }
    } else if (slot < 7) {
      const id = sites[(i * 7) % sites.length] as number;
      await write("PATCH", `/sites/${id}`, { name: `Renamed ${i}` });
      expect("site.updated", `sites/${id}`, "PATCH /sites/{id}", performance.now());
    } else {
      // a link not made yet: the first free pair from a position that moves with i
      const free = (k: number) => {
        const site = sites[(i * 13 + k) % sites.length] as number;
        const group = groups[(i * 3 + Math.floor(k / sites.length)) % groups.length] as number;
        return { site, group };
      };
      let k = 0;
      while (k < sites.length * groups.length && linked.has(`${free(k).group}/${free(k).site}`)) k++;
      const { site, group } = free(k);
      if (linked.has(`${group}/${site}`)) throw new Error("no unlinked pair left");
      linked.add(`${group}/${site}`);
      await write("PUT", `/groups/${group}/sites/${site}`);
      expect("group.site_added", `groups/${group}`, "PUT /groups/{id}/sites/{site_id}", performance.now());
    }
  }
  const writeSeconds = (performance.now() - started) / 1000;
  following = false;
  deadline = performance.now() + 10_000;
  await follower;
  const missing = [...pending.values()].reduce((n, list) => n + list.length, 0);

  // the event items' write cost
  const client = localClient(dynamo.endpoint);
  await ensureTable(dynamo.endpoint, "bench-events-scratch");
  const costs = new Map<string, { sizes: number[]; local: number[]; computed: number[] }>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: "begins_with(#pk, :event)",
        ExpressionAttributeNames: { "#pk": tableDefinition.partitionKey },
        ExpressionAttributeValues: { ":event": { S: EVENT_KEY_PREFIX } },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const type = (JSON.parse(item.event?.S as string) as CloudEvent).type;
      const put = await client.send(
        new PutItemCommand({ TableName: "bench-events-scratch", Item: item, ReturnConsumedCapacity: "TOTAL" }),
      );
      const size = itemSize(item);
      const indexes = Object.values(tableDefinition.indexes).filter((index) => item[index.partitionKey]).length;
      const cost = costs.get(type) ?? { sizes: [], local: [], computed: [] };
      cost.sizes.push(size);
      cost.local.push(put.ConsumedCapacity?.CapacityUnits ?? Number.NaN);
      cost.computed.push(Math.ceil(size / 1024) * (1 + indexes));
      costs.set(type, cost);
    }
    start = page.LastEvaluatedKey;
  } while (start);

  client.destroy();
  server.close();
  await runner.stop();
  await dynamo.stop();

  const range = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[0] === sorted.at(-1) ? String(sorted[0]) : `${sorted[0]}–${sorted.at(-1)}`;
  };
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}.`,
    "",
    `${WRITES} writes over HTTP in ${writeSeconds.toFixed(1)} s (one every ${WRITE_EVERY_MS} ms), follower polling every ${POLL_MS} ms; ${matched} events matched to their write, ${missing} missing, ${unexpected} unexpected. Settle time (EVENTS_SETTLE_MS): ${SETTLE} ms (AWS: ${SETTLE_MS} ms).`,
    "",
    "| ms | writes | min | median | p95 | p99 | max |",
    "|---|---:|---:|---:|---:|---:|---:|",
    `| lag, write answered → listed on GET /events | ${lags.get("all")?.length ?? 0} | ${stats(lags.get("all") ?? [0])} |`,
    ...[...lags.entries()]
      .filter(([kind]) => kind !== "all")
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, values]) => `| … ${kind} | ${values.length} | ${stats(values)} |`),
    `| floor: GET /events round trip (${roundTrips.length} polls) | | ${stats(roundTrips)} |`,
    "",
    "| event type | events | item bytes | WRU (DynamoDB Local) | WRU (computed: ⌈bytes / 1 KB⌉ × (table + indexes)) |",
    "|---|---:|---:|---:|---:|",
    ...[...costs.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([type, c]) => `| ${type} | ${c.sizes.length} | ${range(c.sizes)} | ${range(c.local)} | ${range(c.computed)} |`,
      ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (missing > 0 || unexpected > 0) process.exitCode = 1;
}

await main();
