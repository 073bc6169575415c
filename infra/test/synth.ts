import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import type { ApiStack } from "../lib/api-stack.ts";
import { createApp } from "../lib/app.ts";
import type { StageConfig } from "../lib/stage.ts";
import type { StatefulStack } from "../lib/stateful-stack.ts";

export interface Synthesized {
  stack: ApiStack;
  stateful: StatefulStack;
  config: StageConfig;
  /** The API stack's template. */
  template: Template;
  statefulTemplate: Template;
  /** The resources of both stacks by logical id (no id but CDKMetadata is in both: checked here). */
  resources: Record<string, any>;
  assembly: CloudAssembly;
  /** How the API stack refers to a value of the stateful stack: its deploy-time parameter. */
  ref(value: keyof ApiStack["stateful"]): unknown;
  /** The directory of a function's bundle (index.mjs and its map), from its logical id. */
  bundleDir(logicalId: string): string;
}

// One output directory per test file: CDK reuses a bundle already built into it, so the second
// stage costs no esbuild run (bundles are named by content, and the stages' code is the same).
let outdir: string | undefined;

/**
 * Synthesizes the app for one stage, both its stacks, cdk-nag included, into a temporary
 * directory, offline: no account, no region, no lookups. Throws if cdk-nag reports an
 * unacknowledged finding. `bundle: false` skips esbuild (for tests that read templates only).
 */
export function synthesize(context: Record<string, string> = {}, options: { bundle?: boolean } = {}): Synthesized {
  const bundle = options.bundle !== false;
  if (bundle) outdir ??= mkdtempSync(path.join(tmpdir(), "cdk-"));
  const dir = bundle && outdir ? outdir : mkdtempSync(path.join(tmpdir(), "cdk-"));
  const { app, stack, stateful, config } = createApp({
    outdir: dir,
    context: { ...context, ...(bundle ? {} : { "aws:cdk:bundling-stacks": [] }) },
  });
  const assembly = app.synth();
  const json = (name: string) =>
    JSON.parse(readFileSync(path.join(dir, assembly.getStackByName(name).templateFile), "utf8"));
  const templateJson = json(stack.stackName);
  const statefulJson = json(stateful.stackName);
  // (CDKMetadata, with the CLI's version reporting, is in each stack under the same id)
  const shared = Object.keys(templateJson.Resources).filter(
    (id) => id in statefulJson.Resources && id !== "CDKMetadata",
  );
  if (shared.length > 0) throw new Error(`logical ids in both stacks: ${shared.join(", ")}`);
  return {
    stack,
    stateful,
    config,
    template: Template.fromJSON(templateJson),
    statefulTemplate: Template.fromJSON(statefulJson),
    resources: { ...statefulJson.Resources, ...templateJson.Resources },
    assembly,
    ref: (value) => stack.resolve(stack.stateful[value]),
    bundleDir(logicalId) {
      const fn = templateJson.Resources[logicalId];
      const key = String(fn?.Properties?.Code?.S3Key ?? "");
      if (!key.endsWith(".zip")) throw new Error(`${logicalId} has no bundled code`);
      return path.join(dir, `asset.${key.slice(0, -".zip".length)}`);
    },
  };
}

/** The logical id of a construct of a stack (the API stack or the stateful one). */
export function logicalIdOf(
  stack: { getLogicalId(element: never): string },
  construct: { node: { defaultChild?: unknown } },
): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}
