import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";

export const STAGES = ["dev", "prod"] as const;
export type StageName = (typeof STAGES)[number];

/** Everything that differs between two stages of the same app. */
export interface StageConfig {
  stage: StageName;
  /** Prefix of every physical name, so that two stages live in one account. */
  prefix: string;
  /** Table: what `cdk destroy` does to it, and whether it refuses to be deleted at all. */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  logRetention: RetentionDays;
  /** Stage-wide API Gateway throttling: steady requests per second and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Origins allowed by CORS; empty: no CORS headers, no preflight methods. */
  corsOrigins: string[];
  /** Subscribed to the alarm topic (the topic itself always exists). */
  alarmEmail: string | undefined;
  /** Deployed to LocalStack (`-c localstack=true`): the open stage, without what LocalStack free lacks. */
  localstack: boolean;
  /** Log groups: fixed `/aws/lambda/<function>` names removed with the stack (dev), or generated names kept (prod). */
  logs: { fixedNames: boolean; removalPolicy: RemovalPolicy };
  /** What API Gateway's account-level CloudWatch role does on `cdk destroy`. */
  cloudWatchRoleRemovalPolicy: RemovalPolicy;
  /** A `live` alias per function, shifted by CodeDeploy (canary) with rollback on its alarms. */
  gradualDeploy: boolean;
  /** X-Ray active tracing on the functions and the API stage. */
  tracing: boolean;
  /** The stage's CloudWatch dashboard. */
  dashboard: boolean;
  /** Source maps in the bundles and `--enable-source-maps` (readable stacks, ~20 ms more init). */
  sourceMaps: boolean;
  /** Alarm thresholds. */
  alarms: {
    serverErrorRate: number;
    p99LatencyMs: number;
    throttles: number;
    /** Per function: p99 duration that rolls a gradual deploy back. */
    functionP99Ms: number;
  };
  /** Memory of every function, in MB (infra/test/bundles.test.ts prints each bundle's cold start and memory used). */
  memoryMb: number;
  timeout: Duration;
}

export const APP_NAME = "sites-and-groups";

/**
 * The stage's configuration from CDK context: `-c stage=prod`, and optionally
 * `-c corsOrigins=https://a.example,https://b.example`, `-c alarmEmail=ops@example.com` and
 * `-c localstack=true` (scripts/localstack.sh: no X-Ray, CodeDeploy or dashboard there).
 */
export function stageConfig(context: (key: string) => unknown): StageConfig {
  const stage = String(context("stage") ?? "dev");
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new Error(`unknown stage "${stage}": use -c stage=${STAGES.join(" or -c stage=")}`);
  }
  const prod = stage === "prod";
  const list = (value: unknown) =>
    (Array.isArray(value) ? value.map(String) : String(value ?? "").split(","))
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const email = context("alarmEmail");
  const localstack = String(context("localstack") ?? "false") === "true";
  return {
    stage: stage as StageName,
    prefix: `${stage}-${APP_NAME}`,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    throttle: prod ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 20, burstLimit: 40 },
    corsOrigins: list(context("corsOrigins")),
    alarmEmail: typeof email === "string" && email.length > 0 ? email : undefined,
    localstack,
    logs: prod
      ? { fixedNames: false, removalPolicy: RemovalPolicy.RETAIN }
      : { fixedNames: true, removalPolicy: RemovalPolicy.DESTROY },
    cloudWatchRoleRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    gradualDeploy: prod && !localstack,
    tracing: !localstack,
    dashboard: !localstack,
    sourceMaps: !prod,
    alarms: {
      serverErrorRate: 0.05,
      p99LatencyMs: prod ? 1500 : 3000,
      throttles: 1,
      functionP99Ms: prod ? 3000 : 6000,
    },
    memoryMb: 1024,
    timeout: Duration.seconds(10),
  };
}
