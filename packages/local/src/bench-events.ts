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
import { cpus, totalmem } from "node:os";
import { type AttributeValue, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { type CloudEvent, EVENT_KEY_PREFIX, SETTLE_MS, tableDefinition } from "@sites-groups/core";
import { sleep, startLagStack, stats } from "./bench-lag.ts";
import { eventReader } from "./events-follow.ts";

const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
const WRITE_EVERY_MS = 50;
const POLL_MS = 25;
const SETTLE = Number(process.env.EVENTS_SETTLE_MS);

type Send = (method: string, path: string, body?: unknown) => Promise<{ id: number }>;

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

/** Each write's expected event, matched to the first listing of it: the lags, per kind of write and in all. */
function eventMatcher() {
  // what each write is waiting for: "type subject" → writes in order
  const pending = new Map<string, { kind: string; answeredAt: number }[]>();
  const lags = new Map<string, number[]>();
  const counts = { matched: 0, unexpected: 0 };
  return {
    lags,
    counts,
    missing: () => [...pending.values()].reduce((n, list) => n + list.length, 0),
    expect(type: string, subject: string, kind: string, answeredAt: number) {
      const key = `${type} ${subject}`;
      if (!pending.has(key)) pending.set(key, []);
      pending.get(key)?.push({ kind, answeredAt });
    },
    listed(event: CloudEvent, at: number) {
      const write = pending.get(`${event.type} ${event.subject}`)?.shift();
      if (!write) {
        counts.unexpected++;
        return;
      }
      counts.matched++;
      for (const kind of [write.kind, "all"]) {
        if (!lags.has(kind)) lags.set(kind, []);
        lags.get(kind)?.push(at - write.answeredAt);
      }
    },
  };
}

type Matcher = ReturnType<typeof eventMatcher>;

/** The follower: every POLL_MS, the events after the last one seen (following next_cursor), until `stop`. */
function follow(api: string, matcher: Matcher) {
  const reader = eventReader(api);
  const roundTrips: number[] = [];
  let after: string | undefined;
  let following = true;
  let deadline = Number.POSITIVE_INFINITY;
  const done = (async () => {
    while (following || matcher.counts.matched < WRITES) {
      const start = performance.now();
      let answer = await reader.page({ ...(after ? { after } : {}) });
      roundTrips.push(performance.now() - start);
      const at = performance.now();
      for (;;) {
        for (const event of answer.items) {
          matcher.listed(event, at);
          after = event.id;
        }
        if (!answer.next_cursor) break;
        answer = await reader.page({ cursor: answer.next_cursor });
      }
      if (!following && performance.now() > deadline) break;
      await sleep(POLL_MS);
    }
  })();
  /** Stops once every write is matched, or 10 s after the call. */
  async function stop() {
    following = false;
    deadline = performance.now() + 10_000;
    await done;
  }
  return { roundTrips, stop };
}

/** The writes, one every WRITE_EVERY_MS, each expecting its event; the seconds they took. */
async function runWrites(send: Send, matcher: Matcher): Promise<number> {
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
        const { id } = await send("POST", "/groups", { name: `Bench group ${i}`, type: "group1" });
        matcher.expect("group.created", `groups/${id}`, "POST /groups", performance.now());
        groups.push(id);
      } else {
        const body =
          slot === 0 ? { ...italian, name: `Site ${i}` } : { ...french, name: `Site ${i}`, installation_date: day(i) };
        const { id } = await send("POST", "/sites", body);
        matcher.expect("site.created", `sites/${id}`, `POST /sites (${body.country})`, performance.now());
        sites.push(id);
      }
    } else if (slot < 7) {
      const id = sites[(i * 7) % sites.length] as number;
      await send("PATCH", `/sites/${id}`, { name: `Renamed ${i}` });
      matcher.expect("site.updated", `sites/${id}`, "PATCH /sites/{id}", performance.now());
    } else {
      const { site, group } = unlinkedPair(sites, groups, linked, i);
      linked.add(`${group}/${site}`);
      await send("PUT", `/groups/${group}/sites/${site}`);
      matcher.expect("group.site_added", `groups/${group}`, "PUT /groups/{id}/sites/{site_id}", performance.now());
    }
  }
  return (performance.now() - started) / 1000;
}

/** A link not made yet: the first free pair from a position that moves with i. */
function unlinkedPair(sites: number[], groups: number[], linked: Set<string>, i: number) {
  const free = (k: number) => {
    const site = sites[(i * 13 + k) % sites.length] as number;
    const group = groups[(i * 3 + Math.floor(k / sites.length)) % groups.length] as number;
    return { site, group };
  };
  let k = 0;
  while (k < sites.length * groups.length && linked.has(`${free(k).group}/${free(k).site}`)) k++;
  const pair = free(k);
  if (linked.has(`${pair.group}/${pair.site}`)) throw new Error("no unlinked pair left");
  return pair;
}

interface Cost {
  sizes: number[];
  local: number[];
  computed: number[];
}

/** The event items' write cost, per event type: each put again into a scratch table. */
async function eventCosts(endpoint: string, table: string): Promise<Map<string, Cost>> {
  const { ensureTable, localClient } = await import("./dynamodb-local.ts");
  const client = localClient(endpoint);
  await ensureTable(endpoint, "bench-events-scratch");
  const costs = new Map<string, Cost>();
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
  return costs;
}

interface Measured {
  writeSeconds: number;
  missing: number;
  matcher: Matcher;
  roundTrips: number[];
  costs: Map<string, Cost>;
}

function report({ writeSeconds, missing, matcher, roundTrips, costs }: Measured): string[] {
  const { lags, counts } = matcher;
  const range = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[0] === sorted.at(-1) ? String(sorted[0]) : `${sorted[0]}–${sorted.at(-1)}`;
  };
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}.`,
    "",
    `${WRITES} writes over HTTP in ${writeSeconds.toFixed(1)} s (one every ${WRITE_EVERY_MS} ms), follower polling every ${POLL_MS} ms; ${counts.matched} events matched to their write, ${missing} missing, ${counts.unexpected} unexpected. Settle time (EVENTS_SETTLE_MS): ${SETTLE} ms (AWS: ${SETTLE_MS} ms).`,
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
}

async function main() {
  const table = "bench-events";
  const stack = await startLagStack(table, "events");
  const matcher = eventMatcher();
  const follower = follow(stack.api, matcher);
  const writeSeconds = await runWrites(stack.send, matcher);
  await follower.stop();
  const missing = matcher.missing();
  const costs = await eventCosts(stack.endpoint, table);
  await stack.stop();
  process.stdout.write(
    `${report({ writeSeconds, missing, matcher, roundTrips: follower.roundTrips, costs }).join("\n")}\n`,
  );
  if (missing > 0 || matcher.counts.unexpected > 0) process.exitCode = 1;
}

await main();
