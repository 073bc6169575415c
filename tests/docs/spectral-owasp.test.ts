/**
 * The document under Spectral's OWASP API Security ruleset (`@stoplight/spectral-cli` with
 * `@stoplight/spectral-owasp-ruleset`), as a consumer's security review runs it: no finding,
 * errors and warnings alike, except of the rules docs/api.md lists as not applicable, each with
 * its reason; and each rule listed there still fires, so the list cannot go stale. The counts by
 * rule are printed.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedDocument } from "../support/openapi-document.ts";

const require = createRequire(import.meta.url);
const SPECTRAL = join(require.resolve("@stoplight/spectral-cli/package.json"), "..", "dist", "index.js");
const API_MD = fileURLToPath(new URL("../../docs/api.md", import.meta.url));

interface Finding {
  code: string;
  severity: 0 | 1 | 2 | 3;
  path: string[];
  message: string;
}

/** The rules docs/api.md's "Spectral's OWASP ruleset" section names as not applicable: each `owasp:…` in it. */
function notApplicable(): string[] {
  const text = readFileSync(API_MD, "utf8");
  const section = /### Spectral's OWASP ruleset\n([\s\S]*?)(?=\n#{2,3} )/.exec(text)?.[1] ?? "";
  return [...section.matchAll(/`(owasp:[\w:-]+)`/g)].map((match) => match[1] as string);
}

const dir = mkdtempSync(join(tmpdir(), "spectral-"));
let findings: Finding[];

beforeAll(async () => {
  const document = join(dir, "openapi.json");
  const ruleset = join(dir, ".spectral.yaml");
  writeFileSync(document, JSON.stringify(servedDocument()));
  // the ruleset package resolved from here, as `extends` in a project's .spectral.yaml would
  writeFileSync(ruleset, `extends: [${JSON.stringify(require.resolve("@stoplight/spectral-owasp-ruleset"))}]\n`);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SPECTRAL, "lint", document, "--ruleset", ruleset, "--format", "json", "--quiet", "--fail-severity", "hint"],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "[]" }));
  findings = JSON.parse(stdout || "[]") as Finding[];
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
  console.log(
    `Spectral OWASP: ${findings.length} findings\n${[...counts].map(([code, n]) => `  ${n}\t${code}`).join("\n")}`,
  );
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the document under Spectral's OWASP ruleset", () => {
  it("has no finding but of the rules docs/api.md lists as not applicable", () => {
    const listed = notApplicable();
    expect(listed.length).toBeGreaterThan(0);
    const others = findings.filter((finding) => !listed.includes(finding.code));
    expect(others.map((f) => `${f.code} at ${f.path.join(".")}: ${f.message}`)).toEqual([]);
  });

  it("still finds something for each rule listed as not applicable", () => {
    const found = new Set(findings.map((finding) => finding.code));
    expect(notApplicable().filter((code) => !found.has(code))).toEqual([]);
  });
});
