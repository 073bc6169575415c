import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
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
import { routeFor } from "../routes.ts";
import { corsOrigins } from "./environment.ts";
import { logger, metrics } from "./powertools.ts";
import { STATUS, toProblem } from "./problem.ts";

/** Bodies larger than this are refused before parsing (413). */
export const MAX_BODY_BYTES = 64 * 1024;

export interface Request {
  event: APIGatewayProxyEvent;
  /** The parsed JSON body, or undefined when the request had none. */
  body: unknown;
  /** A positive integer path parameter, or a 400 naming it. */
  id(name: string): number;
  /** Query parameters (last value of each) and the names given more than once. */
  query: Record<string, string | undefined>;
  repeated: string[];
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

function toRequest(event: APIGatewayProxyEvent): Request {
  const multi = event.multiValueQueryStringParameters ?? {};
  const body = readBody(event);
  const query = { ...(event.queryStringParameters ?? {}) };
  // text must be well-formed everywhere, before any schema reads it (core's text.ts)
  assertWellFormed(body, query);
  return {
    event,
    body,
    id(name) {
      const read = readId(event.pathParameters?.[name] ?? "");
      if ("message" in read) throw validationFailed([{ path: name, message: read.message }]);
      return read.id;
    },
    query,
    repeated: Object.entries(multi)
      .filter(([, values]) => (values?.length ?? 0) > 1)
      .map(([name]) => name),
  };
}

/** Domain errors and faults → problem+json, logged once with the request id. */
const problems = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const id = requestId(request.event, request.context);
    const response = toProblem(request.error, id);
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
      if (metric) metrics.addMetric(metric, MetricUnit.Count, 1);
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

/** CORS_ORIGINS (comma-separated, or `*`): the allowed origin is echoed on every answer. */
const cors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const allowed = corsOrigins();
  const apply = (request: { event: APIGatewayProxyEvent; response: APIGatewayProxyResult | null }) => {
    if (allowed.length === 0 || !request.response) return;
    const origin = request.event.headers?.origin ?? request.event.headers?.Origin;
    const allow = allowed.includes("*") ? "*" : origin && allowed.includes(origin) ? origin : undefined;
    if (allow)
      request.response.headers = { ...request.response.headers, "access-control-allow-origin": allow, vary: "Origin" };
  };
  return { after: async (request) => apply(request), onError: async (request) => apply(request) };
};

/** The one middleware stack of every route: logs, correlation, metrics, CORS, problem responses. */
export function http(route: Route) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate())
    .use(measure())
    .use(cors())
    .use(problems())
    .handler(async (event, context) =>
      // the request's DynamoDB calls and retries stop at the invocation's end less a reserve to answer
      withDeadline(deadlineOf(context.getRemainingTimeInMillis()), () => route(toRequest(event))),
    );
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (location: string, body: unknown) => json(201, body, { location });
export const noContent = (): APIGatewayProxyResult => ({ statusCode: 204, headers: {}, body: "" });

export { STATUS };
