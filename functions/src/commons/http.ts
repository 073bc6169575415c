import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import {
  assertWellFormed,
  DomainError,
  deadlineOf,
  decodeUtf8,
  readId,
  validationFailed,
  withDeadline,
} from "@sites-groups/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { acceptedScopes, OAUTH_SCOPES, routeFor } from "../routes.ts";
import { accessSettings, corsOrigins } from "./environment.ts";
import { header } from "./headers.ts";
import { logger, metrics } from "./powertools.ts";
import { STATUS, toProblem, writeKindOf } from "./problem.ts";
import { isReplay } from "./replay.ts";
import { tracer } from "./tracing.ts";

/** Bodies larger than this are refused before parsing (413). */
export const MAX_BODY_BYTES = 64 * 1024;

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

type Route = (request: Request) => Promise<APIGatewayProxyResult>;

function requestId(event: APIGatewayProxyEvent, context: Context): string {
  return event.requestContext?.requestId ?? context.awsRequestId;
}

function readBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === undefined || event.body === "") return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
  if (raw.byteLength > MAX_BODY_BYTES) {
    throw new DomainError(
      "PAYLOAD_TOO_LARGE",
      "Payload too large",
      `the body is ${raw.byteLength} bytes; the limit is ${MAX_BODY_BYTES} bytes (64 KiB)`,
    );
  }
  const text = decodeUtf8(raw);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw validationFailed([{ path: "", message: `malformed JSON: ${(error as Error).message}` }]);
  }
}

function toRequest(event: APIGatewayProxyEvent, context: Context): Request {
  const body = readBody(event);
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
  };
}

/** Domain errors and faults → problem+json, logged once with the request id. */
const problems = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const id = requestId(request.event, request.context);
    const response = toProblem(request.error, id, undefined, writeKindOf(request.event));
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
 * Outcome counters, as CloudWatch metrics: a success of a route whose entry names a `metric`
 * (`SitesCreated`, `GroupsCreated`; functions/src/routes.ts) counts it; every problem answer
 * counts as `Refusals` (4xx: rules, validation, unknown ids) or `Faults` (5xx), with its `code`
 * as a dimension. Published only when the invocation has one, so that reads stay silent
 * (Powertools' own `logMetrics` middleware warns on every invocation without a metric).
 * Registered before `problems()` so that its `onError` sees the problem response.
 */
const measure = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const count = (event: APIGatewayProxyEvent, response: APIGatewayProxyResult | null) => {
    if (!response) return;
    if (response.statusCode < 400) {
      const metric = routeFor(event.httpMethod, event.resource)?.metric;
      // a replayed answer (Idempotency-Key) created nothing
      if (metric && !isReplay(response)) metrics.addMetric(metric, MetricUnit.Count, 1);
    } else {
      const problem = metrics.singleMetric();
      problem.addDimension("code", String((JSON.parse(response.body) as { code?: string }).code ?? "UNKNOWN"));
      problem.addMetric(response.statusCode >= 500 ? "Faults" : "Refusals", MetricUnit.Count, 1);
    }
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return {
    after: async (request) => count(request.event, request.response),
    onError: async (request) => count(request.event, request.response),
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
      "access-control-expose-headers": "Location, Retry-After, ETag, Idempotent-Replayed",
      vary: "Origin",
    };
  };
  return { after: async (request) => apply(request), onError: async (request) => apply(request) };
};

/**
 * Who may call, as the stage's authorizer left it: where it guards the routes the request carries
 * the token's claims, and the route's scope (routes.ts) must be among the token's scopes (a write
 * token may also read), else 403; without claims, only an open stage (`AUTH_MODE` not `cognito`)
 * lets the request through. The authorizer itself only lets through
 * access tokens of the stage's pool with one of the API's scopes: API Gateway would answer an unmet
 * method scope with a 401, where the contract says 403.
 */
function authorize(event: APIGatewayProxyEvent): void {
  const route = routeFor(event.httpMethod, event.resource);
  if (!route || route.scope === "public") return;
  // Claims mean an authorizer stands in front, whatever the settings say; none is fine only in an open stage
  const claims = event.requestContext?.authorizer?.claims as Record<string, string> | undefined;
  if (!claims) {
    if (accessSettings().mode === "open") return;
    throw new DomainError("UNAUTHENTICATED", "Unauthenticated", "this route needs a bearer access token");
  }
  const granted = String(claims.scope ?? "").split(" ");
  if (!acceptedScopes(route.scope).some((scope) => granted.includes(scope))) {
    throw new DomainError(
      "FORBIDDEN",
      "Forbidden",
      `${route.method} ${route.path} needs the ${OAUTH_SCOPES[route.scope]} scope; the token has ${claims.scope || "no scope"}`,
    );
  }
}

const JSON_MEDIA_TYPE = /^application\/json\s*(;.*)?$/i;

/**
 * A body must say it is JSON: a page's form or text/plain "simple" request, which a browser sends
 * cross-origin without asking first, then never reaches a route.
 */
function assertJsonBody(event: APIGatewayProxyEvent): void {
  if (event.body === null || event.body === undefined || event.body === "") return;
  const type = header(event, "content-type");
  if (type !== undefined && JSON_MEDIA_TYPE.test(type.trim())) return;
  throw new DomainError(
    "UNSUPPORTED_MEDIA_TYPE",
    "Unsupported media type",
    `the body must be sent as application/json, not ${type ? JSON.stringify(type) : "without a Content-Type"}`,
  );
}

/** What the gateway in front of the function has already decided, decided again here. */
const guard = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async ({ event }) => {
    authorize(event);
    assertJsonBody(event);
  },
});

/** On every answer, problems included: no MIME sniffing, no caching of data that changes. */
const secure = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const apply = (request: { response: APIGatewayProxyResult | null }) => {
    if (!request.response) return;
    request.response.headers = {
      ...request.response.headers,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    };
  };
  return { after: async (request) => apply(request), onError: async (request) => apply(request) };
};

/**
 * The one middleware stack of every route: traces, logs, correlation, security headers, metrics,
 * CORS, problem responses, then the access and media-type checks. (Middy runs `before` in this
 * order and `after`/`onError` in the reverse one: the headers are set on the final answer.)
 */
export function http(route: Route) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate())
    .use(secure())
    .use(measure())
    .use(cors())
    .use(problems())
    .use(guard())
    .handler(async (event, context) => {
      // the request's DynamoDB calls and retries stop at the invocation's end less a reserve to
      // answer (a caller that gives no remaining time, such as a probe, sets no deadline); its
      // scope also records what it writes, for the outcome of a failure
      const remaining = (context as Partial<Context>).getRemainingTimeInMillis?.();
      const deadline = remaining === undefined ? Number.POSITIVE_INFINITY : deadlineOf(remaining);
      return withDeadline(deadline, () => route(toRequest(event, context)));
    });
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (location: string, body: unknown) => json(201, body, { location });
export const noContent = (): APIGatewayProxyResult => ({ statusCode: 204, headers: {}, body: "" });

export { STATUS };
