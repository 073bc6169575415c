/**
 * GET /openapi.json, GET /docs and GET /docs/{asset} over HTTP, through the same emulator and
 * handler modules as every other route (so they are deployed too), checked by the contract.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { docsPage } from "@sites-groups/functions/docs/ui";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Problem } from "../support/client.ts";
import { servedDocument } from "../support/openapi-document.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

const swaggerFile = (name: string) =>
  readFileSync(
    createRequire(import.meta.resolve("@sites-groups/functions/docs/ui")).resolve(`swagger-ui-dist/${name}`),
    "utf8",
  );

describe("documentation routes", () => {
  it("GET /openapi.json serves the generated document", async () => {
    const response = await api.GET("/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    // this file's server runs open, as `pnpm dev` without AUTH=on: its document says so
    expect(response.body).toEqual(JSON.parse(JSON.stringify(servedDocument({ access: { mode: "open" } }))));
  });

  it("GET /docs is Swagger UI whose every URL is relative (no CDN, works under a stage path)", async () => {
    const response = await api.raw("GET", "/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.body).toContain('id="swagger-ui"');
    expect(response.body).toContain('src="./docs/swagger-init.js?v=');
    expect((await api.raw("GET", "/docs/swagger-init.js")).body).toContain("validatorUrl: null");
    expect(response.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(response.body).toContain('href="./docs/swagger-ui.css?v=');
    expect(response.body).toContain('"./openapi.json"');
    // with a final slash the same files are one level up
    expect(docsPage("/docs/", "1")).toContain('src="./swagger-ui-bundle.js?v=1"');
    expect(docsPage("/docs/", "1")).toContain('"../openapi.json"');
  });

  it("GET /docs/{asset} serves the swagger-ui-dist files, and only those", async () => {
    const js = await api.raw("GET", "/docs/swagger-ui-bundle.js?v=1");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.body).toBe(swaggerFile("swagger-ui-bundle.js"));
    const css = await api.raw("GET", "/docs/swagger-ui.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    for (const name of ["index.html", "package.json", "..%2Fpackage.json", "swagger-ui.js.map"]) {
      const missing = await api.raw("GET", `/docs/${name}`);
      expect(missing.status).toBe(404);
      expect((missing.body as Problem).code).toBe("NOT_FOUND");
    }
  });

  it("keeps the data handlers light: none of them imports the documentation", () => {
    for (const handler of ["sites/create", "sites/list", "groups/create", "groups/list"]) {
      const source = readFileSync(new URL(`../../functions/src/${handler}.ts`, import.meta.url), "utf8");
      expect(source).not.toMatch(/docs\/|swagger|openapi/);
    }
  });
});
