/**
 * What every answer carries and what every body must say of itself: `X-Content-Type-Options:
 * nosniff` and `Cache-Control: no-store` on 2xx and problem answers alike, a Content-Security-
 * Policy on the docs page that allows only its own files, and 415 for a body that is not JSON.
 */
import { describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { aGroup, italianSite } from "../support/fixtures.ts";

const api = await startTestApi();

const send = (method: string, path: string, body?: string, contentType?: string) =>
  fetch(api.url + path, {
    method,
    ...(body !== undefined ? { body } : {}),
    headers: contentType ? { "content-type": contentType } : {},
  });

function expectSafeHeaders(response: Response, what: string) {
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("cache-control"), what).toBe("no-store");
}

describe("every answer", () => {
  it("carries nosniff and no-store, successes and problems alike", async () => {
    const created = await send("POST", "/sites", JSON.stringify(italianSite()), "application/json");
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const answers: [string, Response][] = [
      ["POST /sites", created],
      ["GET /sites", await send("GET", "/sites")],
      ["GET /sites/{id}", await send("GET", `/sites/${id}`)],
      ["DELETE /sites/{id}", await send("DELETE", `/sites/${id}`)],
      ["404", await send("GET", "/sites/424242")],
      ["400", await send("GET", "/sites?colour=red")],
      ["unknown route", await send("GET", "/nowhere")],
      ["/openapi.json", await send("GET", "/openapi.json")],
      ["/docs", await send("GET", "/docs")],
      ["/docs/swagger-ui.css", await send("GET", "/docs/swagger-ui.css")],
    ];
    for (const [what, response] of answers) expectSafeHeaders(response, what);
  });
});

describe("the docs page", () => {
  it("allows only its own scripts and styles, runs no inline script, and cannot be framed", async () => {
    const page = await send("GET", "/docs");
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    expect(html.match(/<script[^>]*>/g)?.every((tag) => tag.includes(" src="))).toBe(true);
    const init = await send("GET", "/docs/swagger-init.js");
    expect(init.status).toBe(200);
    expect(init.headers.get("content-type")).toMatch(/^text\/javascript/);
  });
});

describe("a body that does not say it is JSON", () => {
  it.each([
    ["text/plain, as a form-free cross-origin page sends it", "text/plain;charset=UTF-8"],
    ["a form", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["JSON's cousin", "application/jsonp"],
    ["no Content-Type", undefined],
  ])("%s: 415 UNSUPPORTED_MEDIA_TYPE, nothing written", async (_, type) => {
    const before = await api.db.scanAll();
    for (const [method, path, body] of [
      ["POST", "/sites", italianSite()],
      ["POST", "/groups", aGroup()],
    ] as const) {
      const response = await send(method, path, JSON.stringify(body), type);
      expect(response.status, `${method} ${path}`).toBe(415);
      expect(await response.json()).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
      expectSafeHeaders(response, `${method} ${path}`);
    }
    expect(await api.db.scanAll()).toEqual(before);
  });

  it("application/json with a charset, in any case, is JSON", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON"]) {
      expect((await send("POST", "/groups", JSON.stringify(aGroup()), type)).status, type).toBe(201);
    }
  });
});
