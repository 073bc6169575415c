/**
 * CORS preflights on the local gateway (`CORS_ORIGINS=… pnpm dev`), answered as the stage's
 * `defaultCorsPreflightOptions` answer them in AWS: aws-cdk-lib's mock integration on every
 * resource, a 204 with `preflightHeaders` (which infra/test/access.test.ts holds against the
 * synthesized template), no token needed, no function called.
 */
import type { AddressInfo } from "node:net";
import { CORS_ALLOW_HEADERS, CORS_MAX_AGE_SECONDS, corsAllowMethods } from "@sites-groups/functions/commons/cors";
import { routes } from "@sites-groups/functions/routes";
import { createLocalIssuer } from "@sites-groups/local/auth";
import { createGateway, type GatewayOptions } from "@sites-groups/local/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const APP = "http://localhost:5173";
const ADMIN = "http://127.0.0.1:4200";

async function serve(options: Omit<GatewayOptions, "routes" | "load">): Promise<string> {
  const server = createGateway({
    routes,
    ...options,
    // a preflight never reaches a function
    load: () => Promise.reject(new Error("a handler was called")),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let withCors: string;
let withoutCors: string;
beforeAll(async () => {
  [withCors, withoutCors] = await Promise.all([
    serve({ corsOrigins: [APP, ADMIN], auth: await createLocalIssuer() }),
    serve({}),
  ]);
});

const preflight = (base: string, path: string, origin?: string) =>
  fetch(base + path, {
    method: "OPTIONS",
    headers: {
      ...(origin ? { origin } : {}),
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type,idempotency-key",
    },
  });

describe("a CORS preflight on the local gateway", () => {
  it("answers 204 with the stage's headers and no body, without a token", async () => {
    const answer = await preflight(withCors, "/sites", APP);
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe("");
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      "access-control-allow-origin": APP,
      "access-control-allow-methods": corsAllowMethods(routes).join(","),
      "access-control-allow-headers": CORS_ALLOW_HEADERS.join(","),
      "access-control-max-age": String(CORS_MAX_AGE_SECONDS),
      vary: "Origin",
    });
    expect(corsAllowMethods(routes).sort()).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
    expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("names the request's origin when it is another configured one, else the first, as the mock's template does", async () => {
    const origin = async (value?: string) =>
      (await preflight(withCors, "/groups/7", value)).headers.get("access-control-allow-origin");
    expect(await origin(ADMIN)).toBe(ADMIN);
    expect(await origin(APP)).toBe(APP);
    // not configured: the first origin, which the browser then refuses for that page
    expect(await origin("https://evil.example")).toBe(APP);
    expect(await origin(undefined)).toBe(APP);
  });

  it.each([
    "/",
    "/sites",
    "/sites/1",
    "/groups",
    "/groups/1",
    "/groups/1/sites",
    "/groups/1/sites/2",
    "/groups/1/groups",
    "/groups/1/groups/2",
    "/events",
    "/docs",
    "/docs/swagger-ui.css",
    "/openapi.json",
    "/sites/",
  ])("answers on every resource: %s", async (path) => {
    expect((await preflight(withCors, path, APP)).status).toBe(204);
  });

  it.each(["/nowhere", "/sites/1/more", "/groups/1/members"])(
    "is a 404 problem on %s, which is no resource",
    async (path) => {
      const answer = await preflight(withCors, path, APP);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ code: "NOT_FOUND" });
    },
  );

  it("is a 404 problem without CORS_ORIGINS, as a stage without corsOrigins has no OPTIONS method", async () => {
    const answer = await preflight(withoutCors, "/sites", APP);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(await answer.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
