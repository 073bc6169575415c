import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";

export const STAGES = ["dev", "prod"] as const;
export type StageName = (typeof STAGES)[number];

/** Everything that differs between two stages of the same app. */
export interface StageConfig {
  stage: StageName;
  /** Prefix of every physical name, so that two stages live in one account. */
  prefix: string;
  /** The stage's two stacks: the stateless API (`prefix`) and what outlives it (stateful-stack.ts). */
  stacks: { api: string; stateful: string };
  /**
   * The stateful stack's resources (table, user pool and its clients, cursor secret, bus, archive,
   * dead-letter queue): what `destroy --all` does to them, and whether the table and the pool refuse
   * to be deleted at all.
   */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  logRetention: RetentionDays;
  /** Stage-wide API Gateway throttling: steady requests per second and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Origins allowed by CORS; empty: no CORS headers, no preflight methods. */
  corsOrigins: string[];
  /**
   * Who may call the API: `cognito` (every `/sites` and `/groups` method needs a bearer access token of
   * the stage's user pool), or `open` (no authorizer, no user pool), only with `-c access=open`.
   */
  access: AccessMode;
  /**
   * AWS WAF web ACL on the API stage (prod): the requests one client IP may send over the rate rule's
   * window (60, 120, 300 or 600 s) before the rule answers 429. At least the stage's sustained rate
   * over the window, so that a machine client behind one address can use the whole stage rate.
   */
  firewall: { requestsPerClient: number; windowSeconds: 60 | 120 | 300 | 600 } | undefined;
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
    /** The stream mapping's iterator age (the oldest record not yet handled) that alarms, sustained 5 minutes. */
    iteratorAgeMs: number;
  };
  /**
   * Change events: how long the bus's archive keeps them for replay. Prod: a year, so a consumer
   * that lost its own state can rebuild it from far beyond `GET /events`' 30 days (archived events
   * cost storage only, ~1 KB each). Dev: a week, like its logs; dev's data is disposable. None on
   * LocalStack: its free edition's CloudFormation has no `AWS::Events::Archive` resource provider
   * (localstack-core's events resource providers: ApiDestination, Connection, EventBus,
   * EventBusPolicy, Rule), and skipping or failing on it depends on its version.
   */
  events: {
    archiveRetention: Duration | undefined;
    /**
     * Concurrency reserved for the stream processor, so that no burst of the route functions can
     * take the account's last executions from it (docs/operations.md, "The stream processor").
     * None where the account may be too small to carve it (dev: a new account can have 10).
     */
    reservedConcurrency: number | undefined;
  };
  /**
   * The hierarchy: concurrency reserved for the rollups processor, as for the events one (one
   * execution per shard; docs/operations.md, "The hierarchy").
   */
  rollups: { reservedConcurrency: number | undefined };
  /** Memory of every function, in MB (`pnpm bench:cold` prints each bundle's cold start and memory used). */
  memoryMb: number;
  timeout: Duration;
}

export const APP_NAME = "sites-and-groups";

export const ACCESS_MODES = ["cognito", "open"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/**
 * The stage's configuration from CDK context: `-c stage=prod`, and optionally
 * `-c corsOrigins=https://a.example,https://b.example`, `-c alarmEmail=ops@example.com` and
 * `-c localstack=true` (scripts/localstack.sh: no X-Ray, CodeDeploy or dashboard there), which needs
 * `-c access=open` (no access control: LocalStack's free edition has no Cognito).
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
  const access = String(context("access") ?? "cognito");
  if (!(ACCESS_MODES as readonly string[]).includes(access)) {
    throw new Error(`unknown access "${access}": omit it (Cognito) or say -c access=open (no access control)`);
  }
  if (localstack && access !== "open") {
    throw new Error("-c localstack=true needs -c access=open: LocalStack's free edition has no Cognito");
  }
  const corsOrigins = list(context("corsOrigins"));
  if (corsOrigins.some((origin) => origin.includes("*"))) {
    throw new Error("corsOrigins: name each origin (https://app.example.com); a wildcard is not allowed");
  }
  return {
    stage: stage as StageName,
    prefix: `${stage}-${APP_NAME}`,
    stacks: { api: `${stage}-${APP_NAME}`, stateful: `${stage}-${APP_NAME}-stateful` },
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    throttle: prod ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 20, burstLimit: 40 },
    corsOrigins,
    access: access as AccessMode,
    // 100 requests/s sustained over 300 s: one address may use the whole stage rate, and no more.
    firewall: prod ? { requestsPerClient: 30_000, windowSeconds: 300 } : undefined,
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
      iteratorAgeMs: 60_000,
    },
    events: {
      archiveRetention: localstack ? undefined : prod ? Duration.days(365) : Duration.days(7),
      // one execution per stream shard at a time (parallelization factor 1): 10 covers the shards of a
      // table of this size with room for splits; the iterator-age alarm says when it no longer does
      reservedConcurrency: prod && !localstack ? 10 : undefined,
    },
    rollups: { reservedConcurrency: prod && !localstack ? 10 : undefined },
    memoryMb: 1024,
    timeout: Duration.seconds(10),
  };
}
