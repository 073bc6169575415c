/**
 * The CDK CLI resolves from the repository root, where cdk.json is: `pnpm exec cdk …`,
 * `pnpm cdk …` and the deploy scripts all run the same binary.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

it("`pnpm exec cdk` works at the root", () => {
  const version = execFileSync("pnpm", ["exec", "cdk", "--version"], { cwd: root, encoding: "utf8" });
  expect(version).toMatch(/^2\.\d+\.\d+/);
});
