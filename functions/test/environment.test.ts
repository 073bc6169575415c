/** Configuration is read in one place per package: commons/environment.ts here, lib/app.ts in infra. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function readers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .filter((file) => readFileSync(path.join(dir, file), "utf8").includes("process.env"))
    .map((file) => file.replaceAll("\\", "/"));
}

describe("process.env", () => {
  it("is read by one module of functions/src and one of infra/lib", () => {
    expect(readers(path.resolve(import.meta.dirname, "../src"))).toEqual(["commons/environment.ts"]);
    expect(readers(path.resolve(import.meta.dirname, "../../infra/lib"))).toEqual(["app.ts"]);
  });
});
