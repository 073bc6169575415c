import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import middy, { type MiddlewareObj } from "@middy/core";
import {
  ANSWER_HEADERS,
  assertWellFormed,
  deadlineOf,
  decodeUtf8,
  forbidden,
  type IfMatch,
  MAX_BODY_BYTES,
  payloadTooLarge,
  type Recorded,
  readId,
  unauthenticated,
  unsupportedMediaType,
  validationFailed,
  withDeadline,
} from "@sites-groups/core";
import { acceptedScopes, OAUTH_SCOPES, type RouteDefinition } from "@sites-groups/openapi/route";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { CORS_EXPOSE_HEADERS } from "./cors.ts";
import { accessSettings, corsOrigins } from "./environment.ts";
import { ifMatch, notModified } from "./etag.ts";
import { header } from "./headers.ts";
import { logger, metrics } from "./powertools.ts";
import { toProblem, writeKindOf } from "./problem.ts";
import { isReplay, replayedItems } from "./replay.ts";
import { traceInvocations } from "./tracing.ts";

export interface Request {
  event: APIGatewayProxyEvent;
  /** The invocation's Lambda context (its deadline: commons/idempotency.ts). */
  context: Context;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
  /** A positive integer path parameter, or a 400 naming it. */
  id(name: string): number;
  /**
   * Query parameters (last value of each; a repeated `__in` parameter joins its values with
   * commas, as the comma-separated form it means) and the other names given more than once.
   */
  query: Record<string, string | undefined>;
  repeated: string[];
  /**
   * The versions the request's `If-Match` names, where the route honours it (its record's
   * `precondition`), else undefined; a malformed header is a 400 naming it.
   */
  ifMatch(): IfMatch | undefined;
  /**
   * On a request that holds an `Idempotency-Key` (an `idempotent` route's, commons/idempotency.ts):
   * the step that commits, in the create's own transaction, the answer its result makes; else
   * undefined (the create runs without a record).
   */
  record<T>(answer: (result: T) => APIGatewayProxyResult): Recorded<T> | undefined;
}

/** `x__in=a&x__in=b` means `x__in=a,b` (generated clients repeat array parameters). */
const joinsRepeats = (name: string) => name.endsWith("__in");

function readQuery(event: APIGatewayProxyEvent): Pick<Request, "query" | "repeated"> {
  const query: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
  const repeated: string[] = [];
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    if (!values || values.length < 2) continue;
    if (joinsRepeats(name)) query[name] = values.join(",");
    else repeated.push(name);
  }
  return { query, repeated };
}

/** What a handler does with a request: its own code, between the middleware stack and the domain. */
export type Run = (request: Request) => Promise<APIGatewayProxyResult>;

/**
 * Runs a route once per caller and `Idempotency-Key` (commons/idempotency.ts). An idempotent
 * route's handler hands it to http(), so that only the bundles of those routes carry the key's
 * record code; whether it runs is the route record's `idempotent`.
 */
type Once = (route: RouteDefinition, run: Run) => Run;

function requestId(event: APIGatewayProxyEvent, context: Context): string {
  return event.requestContext?.requestId ?? context.awsRequestId;
}

/** The body as JSON; over the route's cap (its record's `maxBody`, else 64 KiB), a 413. */
function readBody(route: RouteDefinition, event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === "") return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
  const limit = route.maxBody ?? MAX_BODY_BYTES;
  if (raw.byteLength > limit) throw payloadTooLarge(raw.byteLength, limit);
  const text = decodeUtf8(raw);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw validationFailed([{ path: "", message: `malformed JSON: ${(error as Error).message}` }]);
  }
}

function toRequest(route: RouteDefinition, event: APIGatewayProxyEvent, context: Context): Request {
  const body = readBody(route, event);
  const { query, repeated } = readQuery(event);
  // text must be well-formed everywhere, before any schema reads it (core's text.ts)
  assertWellFormed(body, query);
  return {
    event,
    context,
    body,
    id(name) {
      const read = readId(event.pathParameters?.[name] ?? "");
      if ("message" in read) throw validationFailed([{ path: name, message: read.message }]);
      return read.id;
    },
    query,
    repeated,
    ifMatch: () => (route.precondition === "If-Match" ? ifMatch(event) : undefined),
    // no key held: commons/idempotency.ts gives the request one that records the answer
    record: () => undefined,
  };
}

/** Domain errors and faults → problem+json, logged once with the request id. */
const problems = (route: RouteDefinition): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const id = requestId(request.event, request.context);
    const response = toProblem(request.error, id, undefined, writeKindOf(route, request.event));
    if (response.statusCode >= 500)
      logger.error("request failed", { error: request.error as Error, status: response.statusCode });
    else logger.info("request refused", { status: response.statusCode, problem: JSON.parse(response.body).code });
    request.response = response;
  },
});

/** Adds the API Gateway request id to every log line of the invocation. */
const correlate = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request) => {
    logger.appendKeys({ request_id: requestId(request.event, request.context) });
  },
});

/**
 * What a success counts of its route's metric: 1, or for a batch (the record's `metricCount`),
 * the sites it created (its `created` but the replayed results). A replay created nothing.
 */
function countOf(route: RouteDefinition, response: APIGatewayProxyResult): number {
  if (isReplay(response)) return 0;
  if (route.metricCount !== "created") return 1;
  return (JSON.parse(response.body) as { created: number }).created - replayedItems(response);
}

/**
 * Outcome counters, as CloudWatch metrics: a success of a route whose record names a `metric`
 * (`SitesCreated`, `GroupsCreated`) counts it (a batch, the sites it created); every problem answer
 * counts as `Refusals` (4xx: rules, validation, unknown ids) or `Faults` (5xx), with its `code`
 * as a dimension. Published only when the invocation has one, so that reads stay silent
 * (Powertools' own `logMetrics` middleware warns on every invocation without a metric).
 * Registered before `problems()` so that its `onError` sees the problem response.
 */
const measure = (route: RouteDefinition): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const count = (response: APIGatewayProxyResult | null) => {
    if (!response) return;
    if (response.statusCode < 400) {
      const created = route.metric ? countOf(route, response) : 0;
      if (route.metric && created > 0) metrics.addMetric(route.metric, MetricUnit.Count, created);
    } else {
      const problem = metrics.singleMetric();
      problem.addDimension("code", String((JSON.parse(response.body) as { code?: string }).code ?? "UNKNOWN"));
      problem.addMetric(response.statusCode >= 500 ? "Faults" : "Refusals", MetricUnit.Count, 1);
    }
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return {
    after: async (request) => count(request.response),
    onError: async (request) => count(request.response),
  };
};

/**
 * CORS_ORIGINS: a configured origin is echoed on every answer, with the headers a page may read;
 * any other origin gets no CORS header, so its page cannot read the answer.
 */
const cors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const allowed = corsOrigins();
  const apply = (request: { event: APIGatewayProxyEvent; response: APIGatewayProxyResult | null }) => {
    const origin = header(request.event, "origin");
    if (!request.response || !origin || !allowed.includes(origin)) return;
    request.response.headers = {
      ...request.response.headers,
      "access-control-allow-origin": origin,
      "access-control-expose-headers": CORS_EXPOSE_HEADERS.join(", "),
      vary: "Origin",
    };
  };
  return { after: async (request) => apply(request), onError: async (request) => apply(request) };
};

/**
 * Who may call, as the stage's authorizer left it: where it guards the routes the request carries
 * the token's claims, and the route's scope (its record's) must be among the token's scopes (a write
 * token may also read), else 403; without claims, only an open stage (`AUTH_MODE` not `cognito`)
 * lets the request through. The authorizer itself only lets through
 * access tokens of the stage's pool with one of the API's scopes: API Gateway would answer an unmet
 * method scope with a 401, where the contract says 403.
 */
function authorize(route: RouteDefinition, event: APIGatewayProxyEvent): void {
  if (route.scope === "public") return;
  // Claims mean an authorizer stands in front, whatever the settings say; none is fine only in an open stage
  const claims = event.requestContext?.authorizer?.claims as Record<string, string> | undefined;
  if (!claims) {
    if (accessSettings().mode === "open") return;
    throw unauthenticated("this route needs a bearer access token");
  }
  const granted = String(claims.scope ?? "").split(" ");
  if (!acceptedScopes(route.scope).some((scope) => granted.includes(scope))) {
    throw forbidden(`${route.method} ${route.path}`, OAUTH_SCOPES[route.scope], String(claims.scope ?? ""));
  }
}

/**
 * A query parameter the route does not define is a 400 naming it, before anything runs
 * (`PATCH /sites/1?dry_run=true` writes nothing). A listing's parameters are its list spec's,
 * which the listing's parser checks itself; any other route takes only its record's `query`.
 */
function assertKnownQuery(route: RouteDefinition, event: APIGatewayProxyEvent): void {
  if (route.docs.list) return;
  const defined: readonly string[] = route.query ?? [];
  const unknown = Object.keys(event.multiValueQueryStringParameters ?? event.queryStringParameters ?? {}).filter(
    (name) => !defined.includes(name),
  );
  if (unknown.length === 0) return;
  const takes = defined.length > 0 ? `takes only ${defined.join(", ")}` : "takes no query parameter";
  throw validationFailed(
    unknown.map((name) => ({ path: name, message: `unknown query parameter: this route ${takes}` })),
  );
}

const JSON_MEDIA_TYPE = /^application\/json\s*(;.*)?$/i;
/** RFC 7396 JSON merge patch: a PATCH body may say so; it means what the same JSON says. */
const MERGE_PATCH_MEDIA_TYPE = /^application\/merge-patch\+json\s*(;.*)?$/i;

/**
 * A body must say it is JSON: a page's form or text/plain "simple" request, which a browser sends
 * cross-origin without asking first, then never reaches a route.
 */
function assertJsonBody(event: APIGatewayProxyEvent): void {
  if (event.body === null || event.body === undefined || event.body === "") return;
  const type = header(event, "content-type")?.trim();
  if (type !== undefined && JSON_MEDIA_TYPE.test(type)) return;
  if (event.httpMethod !== "PATCH") throw unsupportedMediaType(type);
  if (type !== undefined && MERGE_PATCH_MEDIA_TYPE.test(type)) return;
  throw unsupportedMediaType(type, "application/json or application/merge-patch+json");
}

/** What the gateway in front of the function has already decided, decided again here. */
const guard = (route: RouteDefinition): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async ({ event }) => {
    authorize(route, event);
    assertKnownQuery(route, event);
    assertJsonBody(event);
  },
});

/** The headers of every answer (the catalog's: no MIME sniffing, no caching of data that changes). */
const EVERY_ANSWER = Object.fromEntries(Object.entries(ANSWER_HEADERS).map(([name, v]) => [name.toLowerCase(), v]));

/** On every answer, problems included. */
const secure = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const apply = (request: { response: APIGatewayProxyResult | null }) => {
    if (!request.response) return;
    request.response.headers = { ...request.response.headers, ...EVERY_ANSWER };
  };
  return { after: async (request) => apply(request), onError: async (request) => apply(request) };
};

/**
 * The route's own code as its record says to run it: once per `Idempotency-Key` when it is
 * `idempotent` (with the `once` its handler gives), answering a 304 when it honours
 * `If-None-Match` and the answer's ETag is named there.
 */
function runnerOf(route: RouteDefinition, run: Run, once: Once | undefined): Run {
  // a batch (`idempotent: "items"`) runs each of its items once itself
  const runsOnce = route.idempotent === true;
  if (runsOnce !== (once !== undefined)) {
    throw new Error(
      `${route.name}: its record is ${runsOnce ? "" : "not "}idempotent, but its handler ${once ? "gives" : "does not give"} http() commons/idempotency.ts's once`,
    );
  }
  const guarded = once ? once(route, run) : run;
  if (route.precondition !== "If-None-Match") return guarded;
  return async (request) => notModified(request.event, await guarded(request));
}

/**
 * The one middleware stack of every route, around the route's own code: traces, logs,
 * correlation, security headers, metrics, CORS, problem responses, then the access and media-type
 * checks, each as the route's record says. (Middy runs `before` in this order and
 * `after`/`onError` in the reverse one: the headers are set on the final answer.) A handler module
 * is `export const handler = http(itsRecord, async (request) => …)`.
 */
export function http(route: RouteDefinition, run: Run, options: { once?: Once } = {}) {
  const runner = runnerOf(route, run, options.once);
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(traceInvocations())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate())
    .use(secure())
    .use(measure(route))
    .use(cors())
    .use(problems(route))
    .use(guard(route))
    .handler(async (event, context) => {
      // the request's DynamoDB calls and retries stop at the invocation's end less a reserve to
      // answer (a caller that gives no remaining time, such as a probe, sets no deadline); its
      // scope also records what it writes, for the outcome of a failure
      const remaining = (context as Partial<Context>).getRemainingTimeInMillis?.();
      const deadline = remaining === undefined ? Number.POSITIVE_INFINITY : deadlineOf(remaining);
      return withDeadline(deadline, () => runner(toRequest(route, event, context)));
    });
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (location: string, body: unknown) => json(201, body, { location });
export const noContent = (): APIGatewayProxyResult => ({ statusCode: 204, headers: {}, body: "" });
