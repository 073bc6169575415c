import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("pnpm dev without Java", () => {
  it("exits with a message naming both ways out: a JRE 17+, or DYNAMODB_ENDPOINT", () => {
    // a PATH holding node and nothing else
    const bin = mkdtempSync(join(tmpdir(), "no-java-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const run = spawnSync(join(bin, "node"), ["--import", "tsx", "packages/local/src/dev.ts"], {
      cwd: root,
      env: { PATH: bin, HOME: process.env.HOME ?? "/tmp", SEED: "false" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Java 17");
    expect(run.stderr).toContain("DYNAMODB_ENDPOINT=http://localhost:4566");
    expect(run.stdout).not.toContain("API ready");
  });
});
