import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy, { type MiddlewareObj } from "@middy/core";
import { DomainError, validationFailed } from "@sites-groups/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { logger } from "./powertools.ts";
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

const POSITIVE_INTEGER = /^[1-9]\d*$/;

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
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw validationFailed([{ path: "", message: `malformed JSON: ${(error as Error).message}` }]);
  }
}

function toRequest(event: APIGatewayProxyEvent): Request {
  const multi = event.multiValueQueryStringParameters ?? {};
  return {
    event,
    body: readBody(event),
    id(name) {
      const raw = event.pathParameters?.[name] ?? "";
      const id = Number(raw);
      if (!POSITIVE_INTEGER.test(raw) || !Number.isSafeInteger(id)) {
        throw validationFailed([{ path: name, message: `${JSON.stringify(raw)} is not a positive integer` }]);
      }
      return id;
    },
    query: { ...(event.queryStringParameters ?? {}) },
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

/** The one middleware stack of every route: logs, correlation, problem responses. */
export function http(route: Route) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlate())
    .use(problems())
    .handler(async (event) => route(toRequest(event)));
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);
export const created = (location: string, body: unknown) => json(201, body, { location });
export const noContent = (): APIGatewayProxyResult => ({ statusCode: 204, headers: {}, body: "" });

export { STATUS };
