import path from "node:path";
import { type Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { LogLevel, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { BuildOptions } from "esbuild";
import { copyRuntimeFiles } from "./runtime-files.ts";
import { APP_NAME, type StageConfig } from "./stage.ts";

/** The repository root: the lock file, `functions/src` and the workspace packages. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** Namespace of the application's own metrics (Powertools EMF). */
export const METRICS_NAMESPACE = "SitesAndGroups";

/**
 * esbuild options of every function: one self-contained ESM file per route, minified, with a
 * source map where the stage wants one (`sourceMaps`), the AWS SDK v3 bundled (the version we test with, not the runtime's). The banner
 * gives CommonJS dependencies the `require` that ESM lacks.
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.ESM,
  target: "node24",
  mainFields: ["module", "main"],
  bundleAwsSDK: true,
  externalModules: [],
  forceDockerBundling: false,
  logLevel: LogLevel.WARNING,
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;

/**
 * {@link BUNDLING} as esbuild's build API takes it: the options NodejsFunction passes esbuild on
 * its command line (`--bundle --platform=node …`), for the builds that must match the stack's
 * own (the floor of `pnpm bench:cold`).
 */
export function esbuildOptions(sourceMap: boolean): BuildOptions {
  return {
    bundle: true,
    platform: "node",
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    logLevel: BUNDLING.logLevel,
  };
}

/**
 * A log group that never blocks a redeploy: with a fixed name it is deleted with the stack
 * (dev); kept on delete (prod) it has a generated name, so the next deploy creates a new one.
 */
export function createLogGroup(scope: Construct, id: string, name: string, config: StageConfig): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    ...(config.logs.fixedNames ? { logGroupName: name } : {}),
    retention: config.logRetention,
    removalPolicy: config.logs.removalPolicy,
  });
}

/**
 * A function's own role: it may write to its own log group, nothing else yet (the caller adds
 * what the function needs). With active tracing, X-Ray's two actions need `Resource: *`;
 * `wildcard` names any other action of the role that takes no resource (acknowledged with it).
 */
export function createFunctionRole(
  scope: Construct,
  id: string,
  description: string,
  logGroup: logs.ILogGroup,
  config: StageConfig,
  wildcard?: string,
): iam.Role {
  const role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"), description });
  logGroup.grantWrite(role);
  const reasons = [
    ...(config.tracing
      ? [
          "Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which take no resource-level " +
            "permission (Resource must be *)",
        ]
      : []),
    ...(wildcard ? [wildcard] : []),
  ];
  if (reasons.length > 0) {
    Validations.of(role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason: `${reasons.join("; ")}; the role's DynamoDB statements name the table and its indexes`,
    });
  }
  return role;
}

export interface AppFunctionProps {
  config: StageConfig;
  functionName: string;
  description: string;
  /** The handler module under `functions/src`, without `.ts` (it exports `handler`). */
  handler: string;
  role: iam.IRole;
  logGroup: logs.ILogGroup;
  /** The function's own variables; STAGE, the Powertools settings and NODE_OPTIONS are added. */
  environment: Record<string, string>;
  /** Files the handler reads at run time, copied beside the bundle (runtime-files.ts). */
  files?: readonly string[];
  timeout?: Duration;
  /** Executions reserved for this function alone (and its ceiling); none by default. */
  reservedConcurrentExecutions?: number;
}

/**
 * A function of the app as every one is built: `nodejs24.x` on arm64, bundled by esbuild with
 * {@link BUNDLING}, the stage's memory, timeout, tracing and source maps, the common environment.
 * Its versions (published where an alias uses `currentVersion`) are kept when a deploy replaces
 * them, so an alias can always be pointed back at the previous one; they go with the function.
 */
export function createAppFunction(scope: Construct, id: string, props: AppFunctionProps): NodejsFunction {
  const { config } = props;
  return new NodejsFunction(scope, id, {
    functionName: props.functionName,
    description: props.description,
    entry: path.join(REPO_ROOT, "functions/src", `${props.handler}.ts`),
    handler: "handler",
    projectRoot: REPO_ROOT,
    depsLockFilePath: path.join(REPO_ROOT, "pnpm-lock.yaml"),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: config.memoryMb,
    timeout: props.timeout ?? config.timeout,
    role: props.role,
    logGroup: props.logGroup,
    currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    ...(props.reservedConcurrentExecutions ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
    // X-Ray: the function's segment, the handler's (Powertools Tracer) and each AWS SDK call.
    ...(config.tracing ? { tracing: lambda.Tracing.ACTIVE } : {}),
    environment: {
      ...props.environment,
      STAGE: config.stage,
      POWERTOOLS_SERVICE_NAME: APP_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...(config.tracing ? {} : { POWERTOOLS_TRACE_ENABLED: "false" }),
      // Source-mapped stacks cost ~20 ms of init and ~300 ms on the first error: dev only.
      ...(config.sourceMaps ? { NODE_OPTIONS: "--enable-source-maps" } : {}),
    },
    bundling: {
      ...BUNDLING,
      sourceMap: config.sourceMaps,
      mainFields: [...BUNDLING.mainFields],
      externalModules: [],
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_input, output) =>
          copyRuntimeFiles(props.files ?? [], path.join(REPO_ROOT, "functions"), output),
      },
    },
  });
}
