/**
 * Every function as Lambda will run it: the bundle the stack built loads in a fresh Node process
 * and answers a request, as prod runs it and with dev's `--enable-source-maps`. How long that
 * takes is `pnpm bench:cold`'s to print (infra/bench/cold-start.ts), not a test's to assert.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type RouteDefinition, routes } from "@sites-groups/functions/routes";
import { beforeAll, describe, expect, it } from "vitest";
import { probe } from "../bench/probe.ts";
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
