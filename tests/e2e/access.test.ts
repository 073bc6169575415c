/**
 * Access as API.md's "Access: who may call what" says, over HTTP as `AUTH=on pnpm dev` serves it:
 * the local gateway authenticates like the stage's Cognito authorizer, the functions check each
 * route's scope. Every bad token is a 401, a read token on a write route a 403, and a refused
 * request writes nothing; the right token gets its 200/201; the docs stay public.
 */
import type { AddressInfo } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import { createLocalIssuer, type LocalIssuer } from "@sites-groups/local/auth";
import { createGateway, TOKEN_PATH } from "@sites-groups/local/gateway";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { aGroup, italianSite } from "../support/fixtures.ts";

let db: TestDatabase;
let pool: LocalIssuer;
let url: string;
let ids: { site: number; group: number; child: number };

beforeAll(async () => {
  db = await createTestDatabase();
  vi.stubEnv("TABLE_NAME", db.table);
  vi.stubEnv("DYNAMODB_ENDPOINT", db.endpoint);
  vi.stubEnv("AUTH_MODE", "cognito");
  pool = await createLocalIssuer();
  const server = createGateway({ routes, auth: pool });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const write = await pool.issue(["write"]);
  const site = await call("POST", "/sites", write, italianSite());
  const group = await call("POST", "/groups", write, aGroup({ site_ids: [site.body.id] }));
  const child = await call("POST", "/groups", write, aGroup());
  ids = { site: site.body.id, group: group.body.id, child: child.body.id };
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Answer = { status: number; headers: Headers; body: any };

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Each guarded route with a path and a body that would succeed with the right token. */
function guardedRequests(): { method: string; path: string; scope: string; body?: unknown }[] {
  const concrete = (path: string) =>
    path
      .replace("{id}", String(ids.group))
      .replace("{site_id}", String(ids.site))
      .replace("{child_id}", String(ids.child));
  return routes
    .filter((route) => route.scope !== "public")
    .map((route) => {
      const path = route.path.startsWith("/sites/{id}")
        ? route.path.replace("{id}", String(ids.site))
        : concrete(route.path);
      const body =
        route.method === "POST"
          ? route.path === "/sites"
            ? italianSite()
            : aGroup()
          : route.method === "PATCH"
            ? { name: "Renamed" }
            : undefined;
      return { method: route.method, path, scope: route.scope, ...(body ? { body } : {}) };
    });
}

/** RFC 6750: a bare `Bearer` challenge when no token came, `invalid_token` when the one that came was refused. */
function expectUnauthenticated(answer: Answer, what: string, challenge: string) {
  expect(answer.status, what).toBe(401);
  expect(answer.headers.get("content-type"), what).toBe("application/problem+json");
  expect(answer.headers.get("www-authenticate"), what).toBe(challenge);
  expect(answer.body, what).toMatchObject({ status: 401, code: "UNAUTHENTICATED", title: "Unauthenticated" });
}

describe("a request without a valid token", () => {
  const bad: [string, () => Promise<string | undefined>][] = [
    ["no token", async () => undefined],
    ["a malformed token", async () => "not.a.jwt"],
    ["an expired token", () => pool.issue(["write"], -5)],
    ["another pool's token", async () => (await createLocalIssuer()).issue(["write"])],
    // the same signature bytes, base64 padding added: one token has one spelling
    ["the pool's own token with its signature padded", async () => `${await pool.issue(["write"])}==`],
    [
      "a token with alg none",
      async () => {
        const [, payload] = (await pool.issue(["write"])).split(".");
        return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
      },
    ],
    [
      "a token of the wrong issuer, signed by a key of its own",
      async () => {
        const { privateKey } = await (await import("jose")).generateKeyPair("RS256");
        return new SignJWT({ token_use: "access", scope: "sites-groups/write", client_id: pool.credentials.clientId })
          .setProtectedHeader({ alg: "RS256", kid: "x" })
          .setIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other")
          .setExpirationTime("1h")
          .sign(privateKey);
      },
    ],
  ];

  it.each(bad)("%s: 401 on every guarded route, and nothing is written", async (_, token) => {
    const before = await db.scanAll();
    const value = await token();
    const challenge = value === undefined ? "Bearer" : 'Bearer error="invalid_token"';
    for (const request of guardedRequests()) {
      const answer = await call(request.method, request.path, value, request.body);
      expectUnauthenticated(answer, `${request.method} ${request.path}`, challenge);
    }
    expect(await db.scanAll()).toEqual(before);
  });
});

describe("a read token", () => {
  it("reads every GET route", async () => {
    const read = await pool.issue(["read"]);
    for (const request of guardedRequests().filter((r) => r.scope === "read")) {
      expect((await call(request.method, request.path, read)).status, request.path).toBe(200);
    }
  });

  it("is refused with 403 on every write route, and nothing is written", async () => {
    const read = await pool.issue(["read"]);
    const before = await db.scanAll();
    const writes = guardedRequests().filter((r) => r.scope === "write");
    expect(writes).toHaveLength(routes.filter((route) => route.scope === "write").length);
    for (const request of writes) {
      const answer = await call(request.method, request.path, read, request.body);
      const what = `${request.method} ${request.path}`;
      expect(answer.status, what).toBe(403);
      expect(answer.body, what).toMatchObject({ status: 403, code: "FORBIDDEN" });
      expect(answer.body.detail, what).toContain("sites-groups/write");
      expect(answer.headers.get("www-authenticate"), what).toBe(
        'Bearer error="insufficient_scope", scope="sites-groups/write"',
      );
    }
    expect(await db.scanAll()).toEqual(before);
  });
});

describe("a write token", () => {
  it("writes and may also read", async () => {
    const write = await pool.issue(["write"]);
    const created = await call("POST", "/sites", write, italianSite());
    expect(created.status).toBe(201);
    expect((await call("GET", `/sites/${created.body.id}`, write)).status).toBe(200);
    expect((await call("PATCH", `/sites/${created.body.id}`, write, { name: "Moved" })).body.name).toBe("Moved");
    expect((await call("DELETE", `/sites/${created.body.id}`, write)).status).toBe(204);
  });
});

describe("the docs and the token endpoint", () => {
  it("serve /openapi.json and /docs without a token", async () => {
    expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${url}/docs`)).status).toBe(200);
    expect((await fetch(`${url}/docs/swagger-init.js`)).status).toBe(200);
  });

  it("grant a token for the client's credentials (client-credentials grant), and only for them", async () => {
    const { clientId, clientSecret } = pool.credentials;
    const grant = (secret: string, scope: string) =>
      fetch(url + TOKEN_PATH, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
        },
        body: new URLSearchParams({ grant_type: "client_credentials", scope }),
      });
    const granted = await grant(clientSecret, "sites-groups/read");
    expect(granted.status).toBe(200);
    const { access_token, token_type } = (await granted.json()) as { access_token: string; token_type: string };
    expect(token_type).toBe("Bearer");
    expect((await call("GET", "/sites", access_token)).status).toBe(200);
    expect((await call("POST", "/groups", access_token, aGroup())).status).toBe(403);
    expect((await grant(`${clientSecret}x`, "sites-groups/read")).status).toBe(401);
    expect((await grant(clientSecret, "sites-groups/admin")).status).toBe(400);
  });

  it("describe the security scheme and each operation's scope", async () => {
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as {
      components: { securitySchemes: Record<string, { flows?: { clientCredentials: { tokenUrl: string } } }> };
      paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>;
    };
    expect(document.components.securitySchemes.oauth2?.flows?.clientCredentials.tokenUrl).toBe("/oauth2/token");
    expect(document.paths["/sites"]?.get?.security).toEqual([
      { oauth2: ["sites-groups/read"] },
      { oauth2: ["sites-groups/write"] },
      { bearer: [] },
    ]);
    expect(document.paths["/sites"]?.post?.security).toEqual([{ oauth2: ["sites-groups/write"] }, { bearer: [] }]);
    expect(document.paths["/sites"]?.post?.responses).toHaveProperty("403");
    expect(document.paths["/docs"]?.get?.security).toEqual([]);
  });
});
