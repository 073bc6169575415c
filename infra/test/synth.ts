import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import type { ApiStack } from "../lib/api-stack.ts";
import { createApp } from "../lib/app.ts";
import type { StageConfig } from "../lib/stage.ts";

export interface Synthesized {
  stack: ApiStack;
  config: StageConfig;
  template: Template;
  assembly: CloudAssembly;
  /** The directory of a function's bundle (index.mjs and its map), from its logical id. */
  bundleDir(logicalId: string): string;
}

// One output directory per test file: CDK reuses a bundle already built into it, so the second
// stage costs no esbuild run (bundles are named by content, and the stages' code is the same).
let outdir: string | undefined;

/**
 * Synthesizes the app for one stage, cdk-nag included, into a temporary directory, offline:
 * no account, no region, no lookups. Throws if cdk-nag reports an unacknowledged finding.
 */
export function synthesize(context: Record<string, string> = {}): Synthesized {
  outdir ??= mkdtempSync(path.join(tmpdir(), "cdk-"));
  const { app, stack, config } = createApp({ outdir, context });
  const dir = outdir;
  const assembly = app.synth();
  const templateJson = JSON.parse(
    readFileSync(path.join(dir, assembly.getStackByName(stack.stackName).templateFile), "utf8"),
  );
  const template = Template.fromJSON(templateJson);
  return {
    stack,
    config,
    template,
    assembly,
    bundleDir(logicalId) {
      const fn = templateJson.Resources[logicalId];
      const key = String(fn?.Properties?.Code?.S3Key ?? "");
      if (!key.endsWith(".zip")) throw new Error(`${logicalId} has no bundled code`);
      return path.join(dir, `asset.${key.slice(0, -".zip".length)}`);
    },
  };
}

/** The logical id of a construct of the stack. */
export function logicalIdOf(stack: ApiStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}
