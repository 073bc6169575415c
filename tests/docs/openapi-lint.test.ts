/**
 * The served document as third-party tools read it: linted with Redocly's `recommended` rules
 * (the rules `redocly lint` applies), offline, from the document the API serves (`servedDocument()`).
 * Errors fail the suite; warnings are printed, to be read.
 */
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { servedDocument } from "../support/openapi-document.ts";

const document = servedDocument();

async function lint(source: unknown) {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({
    source: JSON.stringify(source),
    absoluteRef: "/openapi.json",
    config,
  });
  const format = (p: (typeof problems)[number]) =>
    `${p.severity} ${p.ruleId}: ${p.message} (${p.location.map((l) => l.pointer).join(", ")})`;
  return {
    errors: problems.filter((p) => p.severity === "error").map(format),
    warnings: problems.filter((p) => p.severity === "warn").map(format),
  };
}

describe("the OpenAPI document, linted", () => {
  it("has no error under Redocly's recommended rules", async () => {
    const { errors, warnings } = await lint(document);
    if (warnings.length > 0) console.warn(`${warnings.length} lint warnings:\n${warnings.join("\n")}`);
    expect(errors).toEqual([]);
  });

  it("declares no jsonSchemaDialect (Prism skips body validation with it) and security on every operation", () => {
    expect(document).not.toHaveProperty("jsonSchemaDialect");
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const pages = path.startsWith("/docs") || path.startsWith("/explorer") || path === "/openapi.json";
        const expected = pages ? 0 : 1;
        expect(Math.min(operation.security?.length ?? -1, 1), `${method} ${path}`).toBe(expected);
      }
    }
    expect(document.info).toMatchObject({ license: { name: expect.any(String) }, contact: expect.any(Object) });
  });

  it("describes every operation", () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.description, `${method} ${path}`).toMatch(/\w/);
      }
    }
  });

  it("mentions no file its readers do not have", () => {
    expect(JSON.stringify(document)).not.toMatch(/API\.md|README|DESIGN\.md|\.\.\/shared/);
  });

  it("catches what it is there to catch", async () => {
    const broken = structuredClone(document) as Record<string, any>;
    broken.paths["/sites"].get.operationId = "CreateSite";
    expect((await lint(broken)).errors.join("\n")).toMatch(/operation-operationId-unique/);
  });
});
