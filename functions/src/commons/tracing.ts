import { isRequestXRaySampled } from "@aws-lambda-powertools/commons/utils/env";
import type { Tracer } from "@aws-lambda-powertools/tracer";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { MiddlewareObj } from "@middy/core";
import { powertoolsSettings } from "./environment.ts";

/**
 * X-Ray traces (Powertools Tracer): a subsegment per invocation ({@link traceInvocations}, in
 * http.ts's stack) and one per DynamoDB call ({@link traceCalls}, on context.ts's client).
 *
 * The Tracer and the X-Ray SDK under it are loaded on the first invocation that X-Ray samples,
 * not at module init (by themselves, ~50 ms of a fresh process's imports on Node 24): a
 * container whose invocations are not sampled never loads them, and an invocation that is not
 * sampled sends no segment whether they are loaded or not. Outside Lambda
 * (tests, `pnpm dev`, the bundle probes) no invocation carries a sampled `_X_AMZN_TRACE_ID`, so
 * nothing is loaded; once loaded, the Tracer itself stays off where POWERTOOLS_TRACE_ENABLED=false
 * (LocalStack) or AWS_EXECUTION_ENV is not set.
 */
let loading: Promise<Tracer> | undefined;
let tracer: Tracer | undefined;
/** Clients made before the Tracer was loaded: captured when it is. */
const uncaptured = new Set<DynamoDBDocumentClient>();
/** Whether an invocation has begun in this container (the Tracer's "ColdStart" annotation). */
let invoked = false;

async function loadTracer(coldStart: boolean): Promise<Tracer> {
  const { Tracer } = await import("@aws-lambda-powertools/tracer");
  /** The Tracer takes its first traced invocation for the cold start: here it may be a later one. */
  class LateTracer extends Tracer {
    constructor() {
      super({ serviceName: powertoolsSettings().serviceName });
      this.coldStart &&= coldStart;
    }
  }
  tracer = new LateTracer();
  for (const client of uncaptured) tracer.captureAWSv3Client(client);
  uncaptured.clear();
  return tracer;
}

/**
 * At the start of each invocation: the Tracer, loaded by the first invocation that X-Ray samples
 * (undefined before it).
 */
export function invocationTracer(): Promise<Tracer | undefined> {
  if (!loading && isRequestXRaySampled()) loading = loadTracer(!invoked);
  invoked = true;
  return loading ?? Promise.resolve(undefined);
}

/** Each of the client's calls a subsegment of the invocation's trace, once the Tracer is loaded. */
export function traceCalls<T extends DynamoDBDocumentClient>(client: T): T {
  if (tracer) return tracer.captureAWSv3Client(client);
  uncaptured.add(client);
  return client;
}

/**
 * Powertools' `captureLambdaHandler` (a subsegment per invocation, cold start annotated, the
 * response not captured), from the first sampled invocation on.
 */
export function traceInvocations<E, R>(): MiddlewareObj<E, R> {
  let capture: MiddlewareObj<E, R> | undefined;
  return {
    before: async (request) => {
      const loaded = await invocationTracer();
      if (loaded) capture ??= captureLambdaHandler(loaded, { captureResponse: false });
      await capture?.before?.(request);
    },
    after: async (request) => capture?.after?.(request),
    onError: async (request) => capture?.onError?.(request),
  };
}
