/**
 * The functions' configuration, as the stack (infra/lib/api-stack.ts) or the local emulator sets
 * it: the one module of this package that reads `process.env`. Read when asked, not at import,
 * so that a test or the dev server may set a variable before the first request.
 */

/** `TABLE_NAME` names the table; `DYNAMODB_ENDPOINT` points at DynamoDB Local or LocalStack instead of AWS. */
export function tableSettings(): { table: string | undefined; endpoint: string | undefined } {
  return { table: process.env.TABLE_NAME, endpoint: process.env.DYNAMODB_ENDPOINT || undefined };
}

/**
 * `CURSOR_SECRET_ARN`: the stage's cursor secret in Secrets Manager (generated at deploy; set on
 * the functions that list). Without it, core reads `CURSOR_KEY` (the local emulator and the tests
 * make a random one).
 */
export function cursorSecretArn(): string | undefined {
  return process.env.CURSOR_SECRET_ARN || undefined;
}

/**
 * `CORS_ORIGINS`: the comma-separated origins a browser page may call the API from; empty: none.
 * Only exact origins: a `*` would let any page read answers meant for a token's holder.
 */
export function corsOrigins(): string[] {
  return (process.env.CORS_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "" && origin !== "*");
}

/**
 * `AUTH_MODE`: `cognito` where the stage's authorizer guards the routes (the stack sets it; so
 * does `AUTH=on pnpm dev`), `open` otherwise. `TOKEN_URL`: the user pool's token endpoint, for
 * the document's security scheme.
 */
export function accessSettings(): { mode: "cognito" | "open"; tokenUrl: string | undefined } {
  return {
    mode: process.env.AUTH_MODE === "cognito" ? "cognito" : "open",
    tokenUrl: process.env.TOKEN_URL || undefined,
  };
}

/**
 * `EVENT_BUS_NAME`: the stage's EventBridge bus, where the stream processor puts every event; unset
 * locally (the events are listed by `GET /events` only). `STAGE` makes the events' `source`.
 * `EVENTS_SETTLE_MS`: how long after it is stored `GET /events` lists an event; unset in AWS (core's
 * default, 1 s), `0` under `pnpm dev`, whose one processor stores every event in order.
 */
export function eventSettings(): { bus: string | undefined; stage: string; settleMs: number | undefined } {
  const settle = process.env.EVENTS_SETTLE_MS;
  return {
    bus: process.env.EVENT_BUS_NAME || undefined,
    stage: process.env.STAGE || "local",
    settleMs: settle && /^\d+$/.test(settle) ? Number(settle) : undefined,
  };
}

/** Powertools' logger and metrics settings (`POWERTOOLS_*`, `LOG_LEVEL`, `STAGE`). */
export function powertoolsSettings() {
  // Outside Lambda (tests, pnpm dev) there is no CloudWatch to read the metric lines from
  // stdout: off unless POWERTOOLS_METRICS_DISABLED=false asks for them. Metrics reads the
  // variable itself, so the default is written back.
  process.env.POWERTOOLS_METRICS_DISABLED ??= process.env.AWS_LAMBDA_FUNCTION_NAME ? "false" : "true";
  return {
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "sites-and-groups",
    logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? "INFO") as "INFO",
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "SitesAndGroups",
    stage: process.env.STAGE ?? "local",
  };
}
