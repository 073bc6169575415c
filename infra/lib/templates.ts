import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp } from "./app.ts";

/** A synthesized CloudFormation template, as far as the tools read it. */
export interface Template {
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; [key: string]: unknown }
  >;
  [key: string]: unknown;
}

/**
 * The templates of a stage's two stacks, synthesized offline without bundling any function (the
 * tools read templates only), cdk-nag included.
 */
export function stageTemplates(context: Record<string, string>): { api: Template; stateful: Template } {
  const outdir = mkdtempSync(path.join(tmpdir(), "cdk-templates-"));
  try {
    const { app, stack, stateful } = createApp({ outdir, context: { ...context, "aws:cdk:bundling-stacks": [] } });
    const assembly = app.synth();
    const read = (name: string): Template =>
      JSON.parse(readFileSync(path.join(outdir, assembly.getStackByName(name).templateFile), "utf8"));
    return { api: read(stack.stackName), stateful: read(stateful.stackName) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
