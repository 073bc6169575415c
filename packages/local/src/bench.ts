/**
 * `pnpm bench`: what each operation of the API costs, at two table sizes. Not a test (nothing is
 * asserted; tests/integration/request-counts.test.ts asserts the request counts).
 *
 * The parent process starts its own DynamoDB Local, then runs one child per size (`--size N`,
 * a table of its own: the functions keep one services object per process, as a Lambda container
 * does). A child bulk-loads N sites and 0.4 N groups (bulk-data.ts), then calls every route's
 * handler in process with API Gateway events, counting through SDK middleware on the handlers'
 * client: the requests, the items DynamoDB read (Query: ScannedCount; GetItem, BatchGetItem:
 * items found) and the consumed capacity (ReturnConsumedCapacity=TOTAL set on every command:
 * RRU, and WRU with the index writes). Each list is measured twice: through the planner, and
 * through the sort's index alone (the path before the planner, "before"). Reads are repeated,
 * each call interleaved with a raw GetItem of one site on the same DynamoDB, for medians.
 * Prints Markdown (docs/bench.md holds a run).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { Services } from "@sites-groups/core";
import type { RouteDefinition } from "@sites-groups/functions/routes";
import type { HierarchyRow } from "./bench-hierarchy.ts";
import type { ProxyHandler } from "./gateway.ts";

const RUNS = 11;
const SIZES = [1000, 20000];

interface Row {
  operation: string;
  requests: number;
  read: number;
  returned: number;
  rru: number;
  wru: number;
  ms?: number;
  before?: { requests: number; read: number; rru: number };
}
interface SizeResult {
  size: number;
  groups: number;
  seedSeconds: number;
  rows: Row[];
  hierarchy: HierarchyRow[];
  getItemMs: number;
}

type Database = Services["db"];

/** A handler's JSON answer: a created resource's `id`, or a list page's `items`. */
interface Answer {
  id: number;
  items?: unknown[];
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** What the tally reads of a command's output. */
interface CountedOutput {
  ScannedCount?: number;
  Item?: unknown;
  Responses?: Record<string, unknown[]> | unknown[];
  ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
}

/** Counts every command the handlers' client sends: requests, items read, consumed capacity. */
function tallyCommands(db: Database) {
  const tally = { requests: 0, read: 0, rru: 0, wru: 0 };
  const reset = () => Object.assign(tally, { requests: 0, read: 0, rru: 0, wru: 0 });
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      // a refused write (a failed condition, a cancelled transaction) is a request too: the SDK
      // throws it, with no capacity in the error to add
      tally.requests++;
      const result = await next(args);
      const output = result.output as CountedOutput;
      if (typeof output.ScannedCount === "number") tally.read += output.ScannedCount;
      else if (output.Item) tally.read += 1;
      else if (output.Responses && !Array.isArray(output.Responses)) {
        for (const items of Object.values(output.Responses)) tally.read += items.length;
      }
      const capacity = output.ConsumedCapacity;
      for (const c of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
        const units = c.CapacityUnits ?? 0;
        const reads = c.ReadCapacityUnits ?? 0;
        const writes = c.WriteCapacityUnits ?? 0;
        if (reads || writes) {
          tally.rru += reads;
          tally.wru += writes;
        } else if (/Get|Query|Scan/.test(String(context.commandName))) tally.rru += units;
        else tally.wru += units;
      }
      return result;
    },
    { step: "initialize", name: "benchTally" },
  );
  return { tally, reset };
}

/** Calls a route's handler in process with the event the local gateway would send it. */
async function handlerCaller(routes: readonly RouteDefinition[]) {
  const { lambdaContext, loadHandler, proxyEvent } = await import("./gateway.ts");
  const handlers = new Map<RouteDefinition, ProxyHandler>();
  for (const route of routes) handlers.set(route, await loadHandler(route));
  const patterns = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
    names: [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
  }));
  let requestNumber = 0;
  return async (
    method: string,
    path: string,
    body?: unknown,
    query: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<Answer | undefined> => {
    const found = patterns.find((p) => p.route.method === method && p.pattern.test(path));
    const handler = found && handlers.get(found.route);
    if (!found || !handler) throw new Error(`no route ${method} ${path}`);
    const values = found.pattern.exec(path)?.slice(1) ?? [];
    const requestId = `bench-${++requestNumber}`;
    const event = proxyEvent({
      route: found.route,
      method,
      path,
      query: Object.entries(query),
      headers: [["content-type", "application/json"], ...Object.entries(headers)],
      pathParameters: Object.fromEntries(found.names.map((n, i) => [n, values[i] as string])),
      body: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
      authorizer: null,
      sourceIp: "127.0.0.1",
      stage: "bench",
      requestId,
    });
    const result = await handler(event, lambdaContext(found.route, requestId));
    if (result.statusCode >= 300) throw new Error(`${method} ${path}: ${result.statusCode} ${result.body}`);
    return result.body ? JSON.parse(result.body) : undefined;
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The child's measuring kit: calls, the tally, the rows, and the raw GetItem each repeated read is set against. */
async function benchContext(size: number) {
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  // the handlers' cursor secret, as the local gateway makes one
  process.env.CURSOR_KEY ||= randomBytes(32).toString("base64url");
  const { services } = await import("@sites-groups/functions/commons/context");
  const { routes } = await import("@sites-groups/functions/routes");
  const { ensureTable, localClient } = await import("./dynamodb-local.ts");
  const { bulkData } = await import("./bulk-data.ts");
  const { addHierarchyShape } = await import("./bench-hierarchy.ts");
  const core = await import("@sites-groups/core");
  const endpoint = process.env.DYNAMODB_ENDPOINT as string;
  // no stream: nothing reads it here (the rollups processor is given its records), and DynamoDB Local is
  // many times slower on every write to a table with one
  await ensureTable(endpoint, process.env.TABLE_NAME as string, { stream: false });
  const db = services().db;
  const { tally, reset } = tallyCommands(db);

  const data = bulkData(size, Math.round(size * 0.4));
  const shape = addHierarchyShape(data);
  const seedStart = Date.now();
  await core.bulkLoad(db, services().registry, data, 16);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const call = await handlerCaller(routes);

  const raw = localClient(endpoint);
  const siteKey = db.entities.site.get({ id_key: "0000000000000042" }).params().Key as Record<string, string>;
  const rawGet = () =>
    raw.send(
      new GetItemCommand({
        TableName: db.table,
        Key: { pk: { S: siteKey.pk as string }, sk: { S: siteKey.sk as string } },
      }),
    );
  const rawTimes: number[] = [];
  const rows: Row[] = [];

  /** Runs an operation once, its tally a row; with `repeat`, RUNS times more, interleaved with a raw GetItem. */
  async function measure<T>(operation: string, run: () => Promise<T>, repeat = false): Promise<T> {
    reset();
    const result = await run();
    const items = (result as { items?: unknown } | undefined)?.items;
    const returned = Array.isArray(items) ? items.length : result && typeof result === "object" ? 1 : 0;
    const row: Row = { operation, ...tally, returned };
    if (repeat) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let start = performance.now();
        await run();
        times.push(performance.now() - start);
        start = performance.now();
        await rawGet();
        rawTimes.push(performance.now() - start);
      }
      row.ms = median(times);
    }
    rows.push(row);
    return result;
  }

  return { core, services, db, raw, data, shape, seedSeconds, tally, reset, call, measure, rows, rawTimes };
}

type Bench = Awaited<ReturnType<typeof benchContext>>;

/** The reads: one item, every list's filters and sorts (each through the planner and "before"), the hierarchy's. */
async function measureReads({ core, services, db, data, shape, tally, reset, call, measure, rows }: Bench) {
  const { SHAPE, UNIQUE_NAME } = await import("./bulk-data.ts");
  const [siteSpec, groupSpec] = [core.siteListSpec(services().registry), core.groupListSpec];
  async function list(resource: "sites" | "groups", label: string, query: Record<string, string>) {
    await measure(`GET /${resource} ${label}`, () => call("GET", `/${resource}`, undefined, query), true);
    const spec = resource === "sites" ? siteSpec : groupSpec;
    reset();
    await core.readList(db, services().cursors, spec, core.parseListRequest(spec, query), core.sortIndexOnly);
    (rows.at(-1) as Row).before = { requests: tally.requests, read: tally.read, rru: tally.rru };
  }

  const holder = data.sites.reduce((a, b) => (b.group_ids.length > a.group_ids.length ? b : a));
  await measure("GET /sites/{id}", () => call("GET", "/sites/42"), true);
  await measure("GET /groups/{id}", () => call("GET", `/groups/${SHAPE.thirty}`), true);
  await list("sites", "(default: id, limit 20)", {});
  for (const sort of ["-id", "name", "installation_date", "-max_power_megawatt"]) {
    await list("sites", `sort=${sort}`, { sort });
  }
  await list("sites", "limit=100", { limit: "100" });
  await list("sites", "group_id (4 sites)", { group_id: String(SHAPE.small) });
  await list("sites", "group_id (30 sites) sort=name", { group_id: String(SHAPE.thirty), sort: "name" });
  await list("sites", "group_id (half the table)", { group_id: String(SHAPE.half) });
  await list("sites", "group_id (half the table) sort=name", { group_id: String(SHAPE.half), sort: "name" });
  await list("sites", "group_id (empty group)", { group_id: String(SHAPE.empty) });
  await list("sites", "id__in=5,700,17", { id__in: "5,700,17" });
  await list("sites", "name=<a repeated name>", { name: "Site 42" });
  await list("sites", "name=<unique>", { name: UNIQUE_NAME });
  await list("sites", "installation_date=<day>", { installation_date: "2016-01-01" });
  await list("sites", "installation_date__gte sort=installation_date", {
    installation_date__gte: "2020-01-01",
    sort: "installation_date",
  });
  await list("sites", "country=fr (half)", { country: "fr" });
  await list("sites", "max_power_megawatt__gt=96 (1 in 97)", { max_power_megawatt__gt: "96" });
  await list("sites", "name__contains=42", { name__contains: "42" });
  await list("sites", "name__contains=<no match>", { name__contains: "no such name" });
  await list("groups", "(default)", {});
  await list("groups", "sort=name", { sort: "name" });
  await list("groups", "type=group3", { type: "group3" });
  await list("groups", `site_id (${holder.group_ids.length} groups)`, { site_id: String(holder.id) });
  await list("groups", "parent_group_id (35 children)", { parent_group_id: String(SHAPE.parent) });
  await list("groups", "name=<a repeated name>", { name: "Group 7" });
  // the hierarchy's: the maintained below items (no path before them to compare with), the root index
  const hierarchyList = (resource: "sites" | "groups", label: string, query: Record<string, string>) =>
    measure(`GET /${resource} ${label}`, () => call("GET", `/${resource}`, undefined, query), true);
  await hierarchyList("sites", "within_group_id (half the table)", { within_group_id: String(SHAPE.half) });
  await hierarchyList("sites", "within_group_id (half the table) sort=name", {
    within_group_id: String(SHAPE.half),
    sort: "name",
  });
  await hierarchyList("sites", `within_group_id (${shape.sitesBelowHolder.toLocaleString("en")} sites) sort=-name`, {
    within_group_id: String(shape.holder),
    sort: "-name",
  });
  await hierarchyList("groups", "within_group_id (10 groups below)", { within_group_id: String(shape.top) });
  await hierarchyList("groups", "contains_site_id (a site in 50 groups)", { contains_site_id: String(shape.busy) });
  await hierarchyList("groups", "contains_group_id (10 groups above)", { contains_group_id: String(shape.parent) });
  await hierarchyList("groups", "root=true", { root: "true" });
  await hierarchyList("groups", "root=false", { root: "false" });
  await measure(
    "GET /groups/{id}/summary (half the table below)",
    () => call("GET", `/groups/${SHAPE.half}/summary`),
    true,
  );
  await measure("GET /groups/{id}/tree (a chain of 11)", () => call("GET", `/groups/${shape.top}/tree`), true);
}

/** The writes, once each. */
async function measureWrites({ call, measure }: Bench) {
  const { SHAPE } = await import("./bulk-data.ts");
  const created = (answer: Answer | undefined) => {
    if (!answer) throw new Error("a create answered no body");
    return answer;
  };
  const french = {
    country: "fr",
    name: "Bench site",
    installation_date: "2030-01-01",
    max_power_megawatt: 10,
    min_power_megawatt: 1,
    useful_energy_at_1_megawatt: 3,
  };
  const italian = { ...french, country: "it", installation_date: "2030-01-05", efficiency: 0.5 };
  delete (italian as Record<string, unknown>).useful_energy_at_1_megawatt;
  const fr = created(await measure("POST /sites (fr: day lock)", () => call("POST", "/sites", french)));
  const it = created(await measure("POST /sites (it)", () => call("POST", "/sites", italian)));
  // with an Idempotency-Key: its record is claimed, then committed in the create's transaction
  const keyed = (name: string, key: string, path: string, body: unknown) =>
    measure(name, () => call("POST", path, body, {}, { "idempotency-key": key }));
  const keyedItalian = { ...italian, installation_date: "2030-01-12" };
  await keyed("POST /sites (it, Idempotency-Key)", "bench-it", "/sites", keyedItalian);
  await keyed("POST /sites (it, Idempotency-Key) again: the replay", "bench-it", "/sites", keyedItalian);
  await keyed("POST /sites (fr, Idempotency-Key)", "bench-fr", "/sites", {
    ...french,
    installation_date: "2030-01-03",
  });
  await keyed("POST /groups (Idempotency-Key)", "bench-group", "/groups", {
    name: "Bench keyed group",
    type: "group1",
  });
  await measure("POST /sites (it, 1 group)", () => call("POST", "/sites", { ...italian, group_ids: [SHAPE.thirty] }));
  await measure("PATCH /sites/{id} (name)", () => call("PATCH", `/sites/${it.id}`, { name: "Renamed" }));
  await measure("PATCH /sites/{id} (fr day moves)", () =>
    call("PATCH", `/sites/${fr.id}`, { installation_date: "2030-01-02" }),
  );
  const g = created(
    await measure("POST /groups", () => call("POST", "/groups", { name: "Bench group", type: "group1" })),
  );
  const g2 = created(
    await measure("POST /groups (2 sites, 1 child)", () =>
      call("POST", "/groups", { name: "Bench group 2", type: "group1", site_ids: [1, 3], child_group_ids: [g.id] }),
    ),
  );
  await measure("PATCH /groups/{id} (name)", () => call("PATCH", `/groups/${g.id}`, { name: "Renamed group" }));
  await measure("PUT /groups/{id}/sites/{site_id}", () => call("PUT", `/groups/${g.id}/sites/${it.id}`));
  await measure("DELETE /groups/{id}/sites/{site_id}", () => call("DELETE", `/groups/${g.id}/sites/${it.id}`));
  const g3 = created(await call("POST", "/groups", { name: "Bench group 3", type: "group2" }));
  await measure("PUT /groups/{id}/groups/{child_id}", () => call("PUT", `/groups/${g3.id}/groups/${g.id}`));
  await measure("DELETE /groups/{id}/groups/{child_id}", () => call("DELETE", `/groups/${g3.id}/groups/${g.id}`));
  await measure("DELETE /sites/{id} (fr)", () => call("DELETE", `/sites/${fr.id}`));
  await measure("DELETE /groups/{id} (2 sites, 1 child)", () => call("DELETE", `/groups/${g2.id}`));
  await measure("DELETE /groups/{id}", () => call("DELETE", `/groups/${g.id}`));
}

/** The rollups processor, given the stream record of each worst-case change. */
async function measureHierarchy({ services, db, raw, shape, tally, reset, call }: Bench): Promise<HierarchyRow[]> {
  const { streamRecord, wireItem } = await import("./bench-hierarchy.ts");
  const hierarchy: HierarchyRow[] = [];
  async function fold(change: string, record: ReturnType<typeof streamRecord>) {
    reset();
    const start = performance.now();
    const { stats, batchItemFailures } = await services().hierarchy.maintain([record]);
    if (batchItemFailures.length > 0) throw new Error(`the rollups processor failed on: ${change}`);
    hierarchy.push({
      change,
      stats,
      requests: tally.requests,
      seconds: (performance.now() - start) / 1000,
    });
  }
  const pad = (id: number) => String(id).padStart(16, "0");
  const busyKey = db.entities.site.get({ id_key: pad(shape.busy) }).params().Key as Record<string, string>;
  const unpatched = await wireItem(raw, db.table, busyKey);
  await call("PATCH", `/sites/${shape.busy}`, { max_power_megawatt: 77.25, min_power_megawatt: 7 });
  await fold(
    "PATCH of the power of a site directly in 50 groups",
    streamRecord(busyKey, unpatched, await wireItem(raw, db.table, busyKey)),
  );
  const nestKey = db.entities.nesting.get({ parent_key: pad(shape.parent), child_key: pad(shape.holder) }).params()
    .Key as Record<string, string>;
  const pairs = `${(shape.sitesBelowHolder + 1).toLocaleString("en")} items × 11 groups`;
  await call("PUT", `/groups/${shape.parent}/groups/${shape.holder}`);
  const nesting = await wireItem(raw, db.table, nestKey);
  await fold(
    `nest a group holding ${shape.sitesBelowHolder.toLocaleString("en")} sites under one with 10 groups above (${pairs})`,
    streamRecord(nestKey, undefined, nesting),
  );
  await fold("the same record delivered again", streamRecord(nestKey, undefined, nesting));
  await call("DELETE", `/groups/${shape.parent}/groups/${shape.holder}`);
  await fold(`un-nest it (${pairs})`, streamRecord(nestKey, nesting, undefined));
  const joinKey = db.entities.membership.get({ group_key: pad(shape.parent), site_key: pad(1) }).params().Key as Record<
    string,
    string
  >;
  await call("PUT", `/groups/${shape.parent}/sites/1`);
  await fold(
    "a site joins a group with 10 groups above",
    streamRecord(joinKey, undefined, await wireItem(raw, db.table, joinKey)),
  );
  return hierarchy;
}

async function child(size: number): Promise<SizeResult> {
  const bench = await benchContext(size);
  await measureReads(bench);
  await measureWrites(bench);
  const hierarchy = await measureHierarchy(bench);
  bench.raw.destroy();
  const { data, seedSeconds, rows, rawTimes } = bench;
  return { size, groups: data.groups.length, seedSeconds, rows, hierarchy, getItemMs: median(rawTimes) };
}

const round = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

function markdown(results: SizeResult[], hierarchyMarkdown: (rows: readonly HierarchyRow[]) => string[]): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}, DynamoDB Local ${javaVersion()}.`,
    "",
    "Columns: DynamoDB requests; items read by DynamoDB per item returned (Query: scanned items; GetItem/BatchGetItem: items found); read and write request units from ReturnConsumedCapacity=TOTAL (index writes included; DynamoDB Local's arithmetic); for reads, the median of " +
      `${RUNS} in-process handler calls and its ratio to a raw GetItem of one site on the same DynamoDB, interleaved; for lists, "before": the same request through the sort's index alone (the path before the planner).`,
  ];
  for (const result of results) {
    lines.push(
      "",
      `### ${result.size.toLocaleString("en")} sites, ${result.groups.toLocaleString("en")} groups`,
      "",
      `Bulk load: ${round(result.seedSeconds)} s. Raw GetItem median: ${result.getItemMs.toFixed(2)} ms.`,
      "",
      "| operation | requests | read / returned | RRU | WRU | median ms (× GetItem) | before: requests | before: read / returned | before: RRU |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const row of result.rows) {
      const perItem = (read: number) => (row.returned > 0 ? round(read / row.returned, 2) : `${read} / 0`);
      lines.push(
        `| ${row.operation.replace(/\|/g, "\\|")} | ${row.requests} | ${perItem(row.read)} | ${round(row.rru)} | ${round(row.wru)} | ${
          row.ms === undefined ? "" : `${row.ms.toFixed(2)} (${(row.ms / result.getItemMs).toFixed(2)}×)`
        } | ${row.before?.requests ?? ""} | ${row.before ? perItem(row.before.read) : ""} | ${row.before ? round(row.before.rru) : ""} |`,
      );
    }
    lines.push("", ...hierarchyMarkdown(result.hierarchy));
  }
  return lines.join("\n");
}

function javaVersion(): string {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  return `on ${(probe.stderr || probe.stdout || "").split("\n")[0]?.trim() || "an unknown Java"}`;
}

async function parent() {
  const { startDynamoDbLocal } = await import("./dynamodb-local.ts");
  // DYNAMODB_ENDPOINT: a DynamoDB Local already running (warm, as on a busy machine it had better be)
  const external = process.env.DYNAMODB_ENDPOINT;
  const dynamo = external ? { endpoint: external, stop: async () => {} } : await startDynamoDbLocal();
  const stamp = Date.now().toString(36);
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      process.stderr.write(`bench: ${size} sites…\n`);
      const output = await new Promise<string>((resolve, reject) => {
        const run = spawn(
          process.execPath,
          [...process.execArgv, fileURLToPath(import.meta.url), "--size", String(size)],
          {
            env: { ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: `bench-${size}-${stamp}` },
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        let out = "";
        run.stdout.on("data", (chunk) => {
          out += chunk;
        });
        run.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`bench child exited ${code}`))));
      });
      results.push(JSON.parse(output.trim().split("\n").at(-1) as string));
    }
  } finally {
    await dynamo.stop();
  }
  const { hierarchyMarkdown } = await import("./bench-hierarchy.ts");
  process.stdout.write(`${markdown(results, hierarchyMarkdown)}\n`);
}

const sizeAt = process.argv.indexOf("--size");
if (sizeAt > 0) {
  child(Number(process.argv[sizeAt + 1])).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  await parent();
}
