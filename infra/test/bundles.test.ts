/**
 * Every function as Lambda will run it: the bundle the stack built loads in a fresh Node process
 * and answers a request, as prod runs it and with dev's `--enable-source-maps`. How long that
 * takes is `pnpm bench:cold`'s to print (infra/bench/cold-start.ts), not a test's to assert.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RouteDefinition, rollupsProcessor, routes, streamProcessor } from "@sites-groups/functions/routes";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { probe } from "../bench/probe.ts";
import { esbuildOptions, REPO_ROOT } from "../lib/functions.ts";
import { logicalIdOf, type Synthesized, synthesize } from "./synth.ts";

/** The probe's environment: DYNAMODB_ENDPOINT points at a closed port, so nothing leaves the machine. */
const PROBE_ENV = {
  PATH: process.env.PATH ?? "",
  TABLE_NAME: "probe-table",
  DYNAMODB_ENDPOINT: "http://127.0.0.1:9",
  AWS_REGION: "eu-west-3",
  AWS_ACCESS_KEY_ID: "probe",
  AWS_SECRET_ACCESS_KEY: "probe",
  AWS_LAMBDA_FUNCTION_NAME: "probe",
  POWERTOOLS_LOG_LEVEL: "SILENT",
  POWERTOOLS_METRICS_DISABLED: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

const run = (file: string, event: object, sourceMaps = true) => probe(file, { env: PROBE_ENV, sourceMaps, event });

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
beforeAll(() => {
  synthesized = synthesize({ stage: "dev" });
}, 180_000);

describe("every function's bundle", () => {
  it("loads in a fresh Node process and answers a request", () => {
    for (const route of routes) {
      const fn = synthesized.stack.functions.get(route.name)!;
      const file = path.join(synthesized.bundleDir(logicalIdOf(synthesized.stack, fn)), "index.mjs");
      // as prod runs it (no source maps: the same code, without the map comment) and as dev does
      for (const sourceMaps of [false, true]) {
        const { status } = run(file, sampleEvent(route), sourceMaps);
        expect(status, `${route.name} answered`).toBeGreaterThanOrEqual(200);
        expect(status, `${route.name} answered without a fault`).toBeLessThan(500);
      }
    }
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
        const answer = run(path.join(dir, "index.mjs"), { ...event, pathParameters: { [name]: served } });
        expect(answer.status, `${route.name} serves ${served}`).toBe(200);
      }
    }
  }, 60_000);
});

/**
 * What a bundle holds, by esbuild's metafile of the same build as the stack's (functions.ts
 * `esbuildOptions`; the test checks that the code is the same, byte for byte), and what of it
 * runs at module init: what the entry reaches through static imports and requires, not through
 * an `import()` that a request makes.
 */
interface BundleMeta {
  /** The bundle as prod ships it (no source-map comment), in bytes. */
  bytes: number;
  /** Every input file. */
  inputs: Set<string>;
  /** The input files module init evaluates. */
  atInit: Set<string>;
}

async function bundleMeta(handler: string, shipped: string): Promise<BundleMeta> {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), "bundle-meta-")), "index.mjs");
  const { metafile } = await build({
    ...esbuildOptions(true),
    entryPoints: [path.join(REPO_ROOT, "functions/src", `${handler}.ts`)],
    absWorkingDir: REPO_ROOT,
    outfile,
    metafile: true,
  });
  const withoutMap = (code: string) => code.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, "\n");
  const code = withoutMap(readFileSync(outfile, "utf8"));
  expect(code === withoutMap(readFileSync(shipped, "utf8")), `${handler}: the stack's bundle is this build's`).toBe(
    true,
  );
  const output = Object.values((metafile as Metafile).outputs).find((o) => o.entryPoint)!;
  return {
    bytes: Buffer.byteLength(code),
    inputs: new Set(Object.keys(output.inputs)),
    atInit: evaluatedAtInit(metafile!, output.entryPoint!),
  };
}

function evaluatedAtInit(metafile: Metafile, entry: string): Set<string> {
  const reached = new Set<string>();
  const next = [entry];
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    for (const { path: imported, kind, external } of metafile.inputs[file]?.imports ?? []) {
      if (!external && kind !== "dynamic-import") next.push(imported);
    }
  }
  return reached;
}

/** The package an input file belongs to (`@scope/name`), or undefined for the repository's own code. */
const packageOf = (file: string) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];

/**
 * What no function evaluates at module init: the Tracer and the X-Ray SDK, which the first sampled
 * invocation loads (commons/tracing.ts).
 */
const NOT_AT_INIT = ["aws-xray-sdk-core", "cls-hooked"];
const TRACER_CLASS = /@aws-lambda-powertools\/tracer\/lib\/esm\/Tracer\.js$/;

/**
 * Each bundle's budget in KB, as prod ships it: the size `pnpm bench:cold` printed on 2026-12-02
 * (docs/operations.md) and about 2% more. A function that reads or writes the table (every route
 * with a table, both stream processors: 899–921 KB) holds the SDK, ElectroDB, Powertools, zod and
 * core; the docs and explorer functions hold none of these. A bundle that grows past its budget
 * adds to every cold start of its function: measure it with bench:cold, then raise the budget here.
 */
const DATA_BUDGET_KB = 940;
const TABLELESS_BUDGET_KB: Record<string, number> = {
  GetOpenApiDocument: 305,
  GetDocs: 205,
  GetDocsAsset: 205,
  GetExplorer: 205,
  GetExplorerAsset: 205,
};

describe("what each bundle loads at init, and its size", () => {
  const functions = [...routes, streamProcessor, rollupsProcessor].map((fn) => ({
    name: fn.name,
    handler: fn.handler,
  }));
  const metas = new Map<string, BundleMeta>();
  beforeAll(async () => {
    const dirOf = (name: string) =>
      synthesized.bundleDir(
        logicalIdOf(
          synthesized.stack,
          name === streamProcessor.name
            ? synthesized.stack.events.processor
            : name === rollupsProcessor.name
              ? synthesized.stack.rollups.processor
              : synthesized.stack.functions.get(name)!,
        ),
      );
    for (const { name, handler } of functions)
      metas.set(name, await bundleMeta(handler, path.join(dirOf(name), "index.mjs")));
  }, 120_000);

  it("leaves the Tracer and the X-Ray SDK to the first sampled invocation", () => {
    for (const { name } of functions) {
      const { inputs, atInit } = metas.get(name)!;
      const early = [...atInit].filter(
        (file) => NOT_AT_INIT.includes(packageOf(file) ?? "") || TRACER_CLASS.test(file),
      );
      expect(early, `${name} evaluates at init`).toEqual([]);
      // the check can fail: they are in every data bundle, for the request that loads them
      if (name in TABLELESS_BUDGET_KB) continue;
      const lazy = new Set([...inputs].filter((file) => !atInit.has(file)).map((file) => packageOf(file)));
      for (const pkg of NOT_AT_INIT) expect(lazy.has(pkg), `${name} holds ${pkg}`).toBe(true);
    }
  });

  it("keeps every bundle within its budget", () => {
    for (const { name } of functions) {
      const kb = metas.get(name)!.bytes / 1024;
      expect(kb, `${name}: ${kb.toFixed(0)} KB`).toBeLessThanOrEqual(TABLELESS_BUDGET_KB[name] ?? DATA_BUDGET_KB);
    }
  });
});
