/**
 * Prism's validating proxy (`@stoplight/prism-cli`) in front of the API as `AUTH=on pnpm dev`
 * serves it (the gateway emulator over this file's table), reading the served document: a
 * request of every route, both spellings of each `__in` filter, a merge-patch `PATCH`, and the
 * error cases. Prism reports what it finds wrong in the `sl-violations` header of each answer it
 * passes on (and in its log): a valid request must get none — no wrong rejection — and no answer
 * may break the document; an invalid request may only be flagged where it is invalid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { type RouteDefinition, routes } from "@sites-groups/functions/routes";
import { createLocalIssuer, type LocalIssuer } from "@sites-groups/local/auth";
import { freePort } from "@sites-groups/local/dynamodb-local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { aGroup, frenchSite, freshWeekday, italianSite } from "../support/fixtures.ts";

const require = createRequire(import.meta.url);
const PRISM = require.resolve("@stoplight/prism-cli/dist/index.js");

interface Violation {
  location: string[];
  severity: string;
  code?: string;
  message: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  violations: Violation[];
}

let api: TestApi;
let pool: LocalIssuer;
let prism: ChildProcess;
let proxy: string;
let log = "";
let write: string;
let read: string;
/** The route each request through Prism was for, by `METHOD path-template`. */
const exercised = new Set<string>();

beforeAll(async () => {
  vi.stubEnv("AUTH_MODE", "cognito");
  pool = await createLocalIssuer();
  api = await startTestApi({ auth: pool });
  [write, read] = await Promise.all([pool.issue(["write"]), pool.issue(["read"])]);
  const port = await freePort();
  // --cors=false: Prism passes every request and header on as they are, instead of answering CORS itself
  prism = spawn(
    process.execPath,
    [PRISM, "proxy", `${api.url}/openapi.json`, api.url, "--port", String(port), "--cors=false"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  prism.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  prism.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  const deadline = Date.now() + 120_000;
  while (!log.includes("Prism is listening")) {
    if (prism.exitCode !== null) throw new Error(`Prism exited ${prism.exitCode}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`Prism did not listen within 120 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  proxy = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(() => {
  prism?.kill();
  vi.unstubAllEnvs();
});

/** The route template a concrete path is for. */
function templateOf(method: string, path: string): string | undefined {
  const pathname = path.split("?")[0] as string;
  const route = (routes as readonly RouteDefinition[]).find(
    (r) => r.method === method && new RegExp(`^${r.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(pathname),
  );
  return route && `${route.method} ${route.path}`;
}

/** A request through Prism; the body as JSON unless a string, a write token unless told. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? write : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(proxy + path, {
    method,
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const template = templateOf(method, path);
  if (template) exercised.add(template);
  return {
    status: response.status,
    headers: response.headers,
    body: text && type.includes("json") ? JSON.parse(text) : text,
    violations: JSON.parse(response.headers.get("sl-violations") ?? "[]") as Violation[],
  };
}

const where = (violations: Violation[]) => violations.map((v) => `${v.location.join(".")}: ${v.message}`);

/** A valid request: the answer expected, and nothing Prism finds wrong on either side. */
async function valid(method: string, path: string, status: number, options?: Parameters<typeof call>[2]) {
  const answer = await call(method, path, options);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status);
  expect(where(answer.violations), `${method} ${path}`).toEqual([]);
  return answer;
}

/** An invalid request: its status and code, no violation of the answer, request violations only where given. */
async function invalid(
  method: string,
  path: string,
  status: number,
  code: string,
  flagged: string[],
  options?: Parameters<typeof call>[2],
) {
  const answer = await call(method, path, options);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status);
  expect(answer.body.code, `${method} ${path}`).toBe(code);
  expect(where(answer.violations.filter((v) => v.location[0] !== "request")), `${method} ${path}`).toEqual([]);
  const requestViolations = [...new Set(answer.violations.map((v) => v.location.join(".")))];
  expect(requestViolations.sort(), `${method} ${path}`).toEqual([...flagged].sort());
  return answer;
}

describe("Prism's validating proxy in front of the API", () => {
  let site: number;
  let french: number;
  let group: number;
  let child: number;

  it("passes a request of every route, and finds nothing wrong with any answer", async () => {
    site = (await valid("POST", "/sites", 201, { body: italianSite() })).body.id;
    french = (
      await valid("POST", "/sites", 201, { body: frenchSite(), headers: { "idempotency-key": crypto.randomUUID() } })
    ).body.id;
    await valid("GET", `/sites/${site}`, 200, { token: read });
    const etag = (await valid("GET", `/sites/${french}`, 200)).headers.get("etag") as string;
    await valid("GET", `/sites/${french}`, 304, { headers: { "if-none-match": etag } });
    await valid("PATCH", `/sites/${french}`, 200, { body: { name: "Renamed" }, headers: { "if-match": etag } });
    await valid("GET", "/sites?sort=-installation_date&limit=5", 200, { token: read });
    const taken = (await call("GET", `/sites/${french}`)).body.installation_date;
    const items = [
      italianSite(),
      frenchSite({ installation_date: taken }),
      italianSite({ installation_date: freshWeekday() }),
    ];
    const mixed = await valid("POST", "/sites/batch", 200, {
      body: { items },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(mixed.body.results.map((r: { status: number }) => r.status)).toEqual([201, 409, 422]);
    group = (await valid("POST", "/groups", 201, { body: aGroup({ site_ids: [site] }) })).body.id;
    child = (await valid("POST", "/groups", 201, { body: aGroup({ type: "group3" }) })).body.id;
    await valid("GET", `/groups/${group}`, 200);
    await valid("PATCH", `/groups/${group}`, 200, { body: { name: "Renamed group" } });
    await valid("GET", "/groups?sort=name", 200);
    await valid("PUT", `/groups/${group}/sites/${french}`, 204);
    await valid("DELETE", `/groups/${group}/sites/${french}`, 204);
    await valid("PUT", `/groups/${group}/groups/${child}`, 204);
    await valid("GET", `/groups/${group}/summary`, 200, { token: read });
    await valid("GET", `/groups/${group}/tree?depth=2`, 200, { token: read });
    await valid("GET", `/sites?within_group_id=${group}`, 200, { token: read });
    await valid("GET", `/groups?contains_group_id=${child}&root=true`, 200, { token: read });
    await valid("GET", `/groups?contains_site_id=${site}&sort=name`, 200, { token: read });
    await valid("DELETE", `/groups/${group}/groups/${child}`, 204);
    await valid("GET", "/events?limit=3", 200, { token: read });
    await valid("GET", "/openapi.json", 200, { token: null });
    await valid("GET", "/docs", 200, { token: null });
    await valid("GET", "/docs/swagger-init.js", 200, { token: null });
    await valid("GET", "/explorer", 200, { token: null });
    await valid("GET", "/explorer/explorer.js", 200, { token: null });
    await valid("DELETE", `/groups/${child}`, 204);
    const doomed = (await valid("POST", "/sites", 201, { body: italianSite() })).body.id;
    await valid("DELETE", `/sites/${doomed}`, 204);
  });

  it("accepts both spellings of every __in filter: comma-separated and repeated", async () => {
    const sites = (await valid("GET", `/sites?id__in=${site},${french}`, 200)).body.items;
    expect(sites.map((s: { id: number }) => s.id).sort()).toEqual([site, french].sort());
    expect((await valid("GET", `/sites?id__in=${site}&id__in=${french}`, 200)).body.items).toEqual(sites);
    const countries = (await valid("GET", "/sites?country__in=fr,it", 200)).body.items;
    expect((await valid("GET", "/sites?country__in=fr&country__in=it", 200)).body.items).toEqual(countries);
    expect(countries.length).toBeGreaterThanOrEqual(2);
    const groups = (await valid("GET", "/groups?type__in=group1,group3", 200)).body.items;
    expect((await valid("GET", "/groups?type__in=group1&type__in=group3", 200)).body.items).toEqual(groups);
    expect((await valid("GET", `/groups?id__in=${group},${child}`, 200)).body.items).toHaveLength(1);
    const events = (await valid("GET", "/events?type__in=site.created,group.created&limit=100", 200)).body.items;
    expect(
      (await valid("GET", "/events?type__in=site.created&type__in=group.created&limit=100", 200)).body.items,
    ).toEqual(events);
  });

  it("passes a PATCH sent as application/merge-patch+json", async () => {
    const patched = await valid("PATCH", `/sites/${site}`, 200, {
      body: { name: "Merge-patched" },
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(patched.body.name).toBe("Merge-patched");
    await valid("PATCH", `/groups/${group}`, 200, {
      body: { name: "Merge-patched group" },
      headers: { "content-type": "application/merge-patch+json" },
    });
  });

  it("answers each error as documented, flagging only what is wrong in the request", async () => {
    await invalid("GET", "/sites/abc", 400, "VALIDATION_FAILED", ["request.path.id"]);
    await invalid("GET", "/sites/424242", 404, "NOT_FOUND", []);
    await invalid("GET", "/groups/424242/summary", 404, "NOT_FOUND", []);
    await invalid("GET", `/groups/${group}/tree?depth=0`, 400, "VALIDATION_FAILED", ["request.query.depth"]);
    await invalid("GET", "/groups?root=maybe", 400, "VALIDATION_FAILED", ["request.query.root"]);
    await invalid("GET", "/sites?dry_run=true", 400, "VALIDATION_FAILED", []);
    await invalid("PATCH", `/sites/${site}?dry_run=true`, 400, "VALIDATION_FAILED", [], { body: { name: "No" } });
    expect((await call("GET", `/sites/${site}`)).body.name).toBe("Merge-patched");
    await invalid("GET", "/sites?country__in=fr,de", 400, "VALIDATION_FAILED", ["request.query.country__in.0"]);
    await invalid("GET", "/sites?id__in=1,x", 400, "VALIDATION_FAILED", ["request.query.id__in.0"]);
    await invalid("GET", "/sites?limit=500", 400, "VALIDATION_FAILED", ["request.query.limit"]);
    const day = (await call("GET", `/sites/${french}`)).body.installation_date;
    await invalid("POST", "/sites", 409, "FRENCH_SITE_DAY_TAKEN", [], { body: frenchSite({ installation_date: day }) });
    await invalid("POST", "/sites", 422, "ITALIAN_SITE_NOT_ON_WEEKEND", [], {
      body: italianSite({ installation_date: freshWeekday() }),
    });
    await invalid("POST", "/groups", 422, "UNKNOWN_REFERENCE", [], { body: aGroup({ site_ids: [424242] }) });
    await invalid("PUT", `/groups/${child}/sites/${site}`, 404, "NOT_FOUND", []);
    // Prism flags the media type on the request as a whole
    await invalid("POST", "/groups", 415, "UNSUPPORTED_MEDIA_TYPE", ["request"], {
      body: "name=North",
      headers: { "content-type": "text/plain" },
    });
    await invalid("PATCH", `/sites/${site}`, 412, "PRECONDITION_FAILED", [], {
      body: { name: "Stale" },
      headers: { "if-match": '"0"' },
    });
    const key = crypto.randomUUID();
    const body = aGroup();
    await valid("POST", "/groups", 201, { body, headers: { "idempotency-key": key } });
    const replay = await valid("POST", "/groups", 201, { body, headers: { "idempotency-key": key } });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    await invalid("POST", "/groups", 422, "IDEMPOTENCY_KEY_REUSED", [], {
      body: aGroup({ name: "Another body" }),
      headers: { "idempotency-key": key },
    });
    await invalid("GET", "/sites", 401, "UNAUTHENTICATED", ["request"], { token: null });
    await invalid("GET", "/sites", 401, "UNAUTHENTICATED", [], { token: "not.a.jwt" });
    const forbidden = await invalid("POST", "/groups", 403, "FORBIDDEN", [], { body: aGroup(), token: read });
    expect(forbidden.headers.get("www-authenticate")).toBe(
      'Bearer error="insufficient_scope", scope="sites-groups/write"',
    );
  });

  it("went through every route", () => {
    const all = (routes as readonly RouteDefinition[]).map((route) => `${route.method} ${route.path}`);
    expect(all.filter((route) => !exercised.has(route))).toEqual([]);
  });

  it("logged no violation of an answer", () => {
    expect(log.split("\n").filter((line) => /Violation: response/.test(line))).toEqual([]);
  });
});
