import { ResponseType, type RestApi } from "aws-cdk-lib/aws-apigateway";

/**
 * Answers API Gateway gives by itself, before any function runs, rewritten into the contract's
 * problem+json (API.md, "Errors"). Above all: a route that does not exist is a 404 NOT_FOUND,
 * not API Gateway's 403 "Missing Authentication Token" (API Gateway sends MISSING_AUTHENTICATION_TOKEN
 * for an unknown path or method; a guarded method called without a token is UNAUTHORIZED, a 401).
 *
 * `$context.error.messageString` is API Gateway's message as a quoted JSON string, so it can be
 * placed in the body as is; `$context.requestId` is the id the functions also put in `request_id`.
 */
export interface GatewayProblem {
  type: ResponseType;
  status: number;
  code: string;
  title: string;
  /** A fixed detail; API Gateway's own message when omitted. */
  detail?: string;
  headers?: Record<string, string>;
  /** On a 5xx: whether a function may have written (API.md "Unknown outcomes"). */
  outcome?: "not_applied" | "unknown";
}

/** A 401 of the contract: problem+json, and the scheme the client should use. */
const UNAUTHENTICATED = {
  status: 401,
  code: "UNAUTHENTICATED",
  title: "Unauthenticated",
  headers: { "WWW-Authenticate": "Bearer" },
} as const;

export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    code: "NOT_FOUND",
    title: "Not found",
    detail: "no route matches this method and path",
  },
  { type: ResponseType.RESOURCE_NOT_FOUND, status: 404, code: "NOT_FOUND", title: "Not found" },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, code: "VALIDATION_FAILED", title: "Validation failed" },
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, code: "VALIDATION_FAILED", title: "Validation failed" },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    title: "Payload too large",
    detail: "the body is larger than API Gateway accepts; the limit of this API is 64 KiB",
  },
  // Stage throttling: the contract's "try again, nothing was written" answer.
  {
    type: ResponseType.THROTTLED,
    status: 503,
    code: "SERVICE_UNAVAILABLE",
    title: "Service unavailable",
    detail: "the API is throttling requests; nothing was written, try again",
    headers: { "Retry-After": "1" },
    // refused before any function ran
    outcome: "not_applied",
  },
  // Access control (access.ts). A guarded method called without an Authorization header, with a
  // token that is not a JWT, not of this pool, or carrying none of the API's scopes: UNAUTHORIZED.
  ...(
    [
      [ResponseType.UNAUTHORIZED, "a bearer access token of this API's user pool is required"],
      [ResponseType.EXPIRED_TOKEN, "the bearer token has expired"],
      [ResponseType.INVALID_SIGNATURE, "the bearer token's signature is not valid"],
      [ResponseType.AUTHORIZER_FAILURE, "the bearer token could not be verified"],
    ] as const
  ).map(([type, detail]) => ({ ...UNAUTHENTICATED, type, detail })),
  {
    type: ResponseType.ACCESS_DENIED,
    status: 403,
    code: "FORBIDDEN",
    title: "Forbidden",
    detail: "the token does not have the scope this route needs",
  },
  {
    type: ResponseType.WAF_FILTERED,
    status: 403,
    code: "FORBIDDEN",
    title: "Forbidden",
    detail:
      "refused by the API's web application firewall (too many requests from this address, or a request it blocks)",
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    title: "Unsupported media type",
    detail: "a body must be application/json",
  },
  // Any other 4xx of API Gateway's own; every auth failure has its own entry above, so none comes out as a 400.
  { type: ResponseType.DEFAULT_4XX, status: 400, code: "VALIDATION_FAILED", title: "Bad request" },
  {
    type: ResponseType.DEFAULT_5XX,
    status: 500,
    code: "INTERNAL",
    title: "Internal error",
    detail: "an unexpected error occurred; quote the request id to the operators; the write may have been applied",
    // an integration that failed or timed out may have written before it did
    outcome: "unknown",
  },
];

/** The problem+json body of a gateway response, as an API Gateway mapping template. */
export function problemTemplate(problem: GatewayProblem): string {
  const detail = problem.detail === undefined ? "$context.error.messageString" : JSON.stringify(problem.detail);
  return [
    "{",
    `"type": "about:blank", "title": ${JSON.stringify(problem.title)}, "status": ${problem.status},`,
    ` "code": ${JSON.stringify(problem.code)}, "detail": ${detail}, "request_id": "$context.requestId"`,
    problem.outcome ? `, "outcome": ${JSON.stringify(problem.outcome)}` : "",
    "}",
  ].join("");
}

/** Adds every gateway problem to the API; `allowOrigin` is the CORS header value, if any. */
export function addGatewayProblems(api: RestApi, allowOrigin?: string) {
  for (const problem of GATEWAY_PROBLEMS) {
    const headers: Record<string, string> = { "Content-Type": "application/problem+json", ...problem.headers };
    if (allowOrigin) headers["Access-Control-Allow-Origin"] = allowOrigin;
    api.addGatewayResponse(`Problem${problem.type.responseType}`, {
      type: problem.type,
      statusCode: String(problem.status),
      responseHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, `'${value}'`])),
      templates: { "application/json": problemTemplate(problem) },
    });
  }
}
