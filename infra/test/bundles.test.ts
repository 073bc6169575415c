/**
 * Every function as Lambda will run it: the bundle the stack built loads in a fresh Node process
 * and answers a request. Its size and module-init time (as prod runs it, and with dev's
 * `--enable-source-maps`) are printed beside the floor of DESIGN.md (a bundle holding the
 * DynamoDB DocumentClient alone): figures to read, not timed assertions.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RouteDefinition, routes } from "@sites-groups/functions/routes";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLING, REPO_ROOT } from "../lib/api-stack.ts";
import { logicalIdOf, type Synthesized, synthesize } from "./synth.ts";

interface Run {
  initMs: number;
  firstInvokeMs?: number;
  status?: number;
  rssMb: number;
  heapMb: number;
}

/**
 * Imports the bundle in a new process (as the Lambda runtime does at init), then invokes its
 * handler once with `event`. DYNAMODB_ENDPOINT points at a closed port: nothing leaves the machine.
 */
const PROBE = `
const started = performance.now();
const mod = await import(process.argv[1]);
const initMs = performance.now() - started;
let firstInvokeMs, status;
if (process.argv[2]) {
  const t = performance.now();
  const response = await mod.handler(JSON.parse(process.argv[2]), { functionName: "probe", awsRequestId: "probe-request" });
  firstInvokeMs = performance.now() - t;
  status = response.statusCode;
}
const m = process.memoryUsage();
console.log(JSON.stringify({ initMs, firstInvokeMs, status, rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20 }));
`;

function probe(file: string, event?: object, sourceMaps = true): Run {
  const out = execFileSync(
    process.execPath,
    [
      ...(sourceMaps ? ["--enable-source-maps"] : []),
      "--input-type=module",
      "-e",
      PROBE,
      file,
      event ? JSON.stringify(event) : "",
    ],
    {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        TABLE_NAME: "probe-table",
        DYNAMODB_ENDPOINT: "http://127.0.0.1:9",
        AWS_REGION: "eu-west-3",
        AWS_ACCESS_KEY_ID: "probe",
        AWS_SECRET_ACCESS_KEY: "probe",
        AWS_LAMBDA_FUNCTION_NAME: "probe",
        POWERTOOLS_LOG_LEVEL: "SILENT",
        POWERTOOLS_METRICS_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as Run;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** Init times: the fastest of 5 fresh processes, the one least disturbed by whatever else the machine runs. */
const RUNS = [0, 1, 2, 3, 4];
const fastest = (values: number[]) => Math.min(...values);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** A request each route answers without its table: a bad id, or an empty body. */
function sampleEvent(route: (typeof routes)[number]) {
  const path = route.path.replace(/\{\w+\}/g, "0");
  const hasBody = route.method === "POST" || route.method === "PATCH";
  return {
    resource: route.path,
    path,
    httpMethod: route.method,
    headers: { "content-type": "application/json" },
    multiValueHeaders: {},
    // lists refuse limit=0 before any read
    queryStringParameters: route.path.includes("{") ? null : { limit: "0" },
    multiValueQueryStringParameters: route.path.includes("{") ? null : { limit: ["0"] },
    pathParameters: Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "0"])),
    stageVariables: null,
    requestContext: { requestId: "probe-request", stage: "probe", httpMethod: route.method, path },
    body: hasBody ? "{}" : null,
    isBase64Encoded: false,
  };
}

let synthesized: Synthesized;
let floor: { bytes: number; initMs: number; mappedInitMs: number };
beforeAll(async () => {
  synthesized = synthesize({ stage: "dev" });
  // The floor: the DocumentClient alone, bundled with the functions' options.
  const dir = mkdtempSync(path.join(tmpdir(), "floor-"));
  const outfile = path.join(dir, "index.mjs");
  await build({
    stdin: {
      contents:
        'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\n' +
        'import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";\n' +
        "const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n" +
        "export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });\n",
      resolveDir: path.join(REPO_ROOT, "packages/core"),
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: true,
    sourcesContent: false,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    outfile,
    logLevel: "error",
  });
  floor = {
    bytes: statSync(outfile).size,
    initMs: fastest(RUNS.map(() => probe(outfile, undefined, false).initMs)),
    mappedInitMs: fastest(RUNS.map(() => probe(outfile).initMs)),
  };
}, 180_000);

describe("every function's bundle", () => {
  it("loads in a fresh Node process and answers a request", () => {
    const rows: string[] = [];
    for (const route of routes) {
      const fn = synthesized.stack.functions.get(route.name)!;
      const file = path.join(synthesized.bundleDir(logicalIdOf(synthesized.stack, fn)), "index.mjs");
      // as prod runs it (no source maps: the same code, without the map comment) and as dev does
      const runs = RUNS.map(() => probe(file, sampleEvent(route), false));
      const mapped = RUNS.map(() => probe(file, sampleEvent(route)));
      for (const run of [...runs, ...mapped]) {
        expect(run.status, `${route.name} answered`).toBeGreaterThanOrEqual(200);
        expect(run.status, `${route.name} answered without a fault`).toBeLessThan(500);
      }
      const init = fastest(runs.map((r) => r.initMs));
      const mappedInit = fastest(mapped.map((r) => r.initMs));
      const invoke = median(runs.map((r) => r.firstInvokeMs ?? 0));
      const rss = Math.max(...runs.map((r) => r.rssMb));
      rows.push(
        `| ${route.method} ${route.path} | ${kb(statSync(file).size)} | ${(statSync(file).size / floor.bytes).toFixed(2)}× | ${init.toFixed(0)} ms | ${(init / floor.initMs).toFixed(2)}× | ${mappedInit.toFixed(0)} ms | ${invoke.toFixed(0)} ms | ${rss.toFixed(0)} MB | ${runs[0]!.status} |`,
      );
    }
    console.log(
      [
        `\nBundles (esbuild, minified, ESM, AWS SDK included), Node ${process.versions.node}, init: fastest of ${RUNS.length} fresh processes, first invoke: median:`,
        "| route | bundle | × floor | module init (prod) | × floor | init with source maps (dev) | first invoke | RSS | status |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        `| floor: DocumentClient only | ${kb(floor.bytes)} | 1× | ${floor.initMs.toFixed(0)} ms | 1× | ${floor.mappedInitMs.toFixed(0)} ms | — | — | — |`,
        ...rows,
      ].join("\n"),
    );
  }, 180_000);
});

describe("the docs functions' bundles", () => {
  /** Packages a bundle was built from, read from its source map (dev keeps one). */
  const packagesOf = (route: (typeof routes)[number]) => {
    const dir = synthesized.bundleDir(logicalIdOf(synthesized.stack, synthesized.stack.functions.get(route.name)!));
    const map = JSON.parse(readFileSync(path.join(dir, "index.mjs.map"), "utf8")) as { sources: string[] };
    return new Set(
      map.sources.flatMap((source) => {
        const found = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source.replace(/\\/g, "/"));
        return found ? [found[1]!] : [];
      }),
    );
  };
  // (aws-xray-sdk-core, under the Tracer, brings one small @smithy helper: not the SDK)
  const heavy = (name: string) => name.startsWith("@aws-sdk/") || name === "@smithy/core" || name === "electrodb";

  it("hold no AWS SDK and no ElectroDB: they touch no table", () => {
    const docs = routes.filter((route) => !("table" in route));
    expect(docs.map((r) => r.name).sort()).toEqual([
      "GetDocs",
      "GetDocsAsset",
      "GetExplorer",
      "GetExplorerAsset",
      "GetOpenApiDocument",
    ]);
    for (const route of docs) expect([...packagesOf(route)].filter(heavy), route.name).toEqual([]);
    // the check can fail: a data route's bundle has both
    const data = [...packagesOf(routes.find((r) => r.name === "GetSite")!)];
    expect(data).toContain("electrodb");
    expect(data).toContain("@aws-sdk/client-dynamodb");
  });
});

describe("files handlers read at run time", () => {
  it("are shipped beside the bundle, where the handler's require finds them", () => {
    for (const route of routes) {
      const files: readonly string[] = (route as RouteDefinition).files ?? [];
      const dir = synthesized.bundleDir(logicalIdOf(synthesized.stack, synthesized.stack.functions.get(route.name)!));
      for (const file of files) expect(existsSync(path.join(dir, "node_modules", file)), file).toBe(true);
      // a path parameter naming one of those files is answered from it
      const served = files.map((f) => path.basename(f)).find((f) => f !== "package.json");
      if (served && route.path.includes("{")) {
        const event = sampleEvent(route);
        const name = Object.keys(event.pathParameters)[0]!;
        const run = probe(path.join(dir, "index.mjs"), { ...event, pathParameters: { [name]: served } });
        expect(run.status, `${route.name} serves ${served}`).toBe(200);
      }
    }
  }, 60_000);
});
