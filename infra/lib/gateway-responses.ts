import { ERROR_CATALOG, type KnownErrorCode, problemHeaders } from "@sites-groups/core/errors";
import { ResponseType, type RestApi } from "aws-cdk-lib/aws-apigateway";

/**
 * Answers API Gateway gives by itself, before any function runs, rewritten into the contract's
 * problem+json (API.md, "Errors"). Above all: a route that does not exist is a 404 NOT_FOUND,
 * not API Gateway's 403 "Missing Authentication Token" (API Gateway sends MISSING_AUTHENTICATION_TOKEN
 * for an unknown path or method; a guarded method called without a token is UNAUTHORIZED, a 401).
 *
 * Each answer's status, title and headers are its code's in the error catalog (core
 * errors/catalog.ts), as the functions' problems are: problem+json, nosniff and no-store as on
 * every answer, `WWW-Authenticate` on a 401, `Retry-After` on a 429 and a 503.
 *
 * `$context.error.messageString` is API Gateway's message as a quoted JSON string, so it can be
 * placed in the body as is; `$context.requestId` is the id the functions also put in `request_id`.
 */
export interface GatewayProblem {
  type: ResponseType;
  code: KnownErrorCode | "INTERNAL";
  /** A fixed detail; API Gateway's own message when omitted. */
  detail?: string;
  /** On a 5xx: whether a function may have written (API.md "Unknown outcomes"). */
  outcome?: "not_applied" | "unknown";
}

export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    code: "NOT_FOUND",
    detail: "no route matches this method and path",
  },
  { type: ResponseType.RESOURCE_NOT_FOUND, code: "NOT_FOUND" },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, code: "VALIDATION_FAILED" },
  { type: ResponseType.BAD_REQUEST_BODY, code: "VALIDATION_FAILED" },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    code: "PAYLOAD_TOO_LARGE",
    detail: "the body is larger than API Gateway accepts; the limit of this API is 64 KiB",
  },
  // Stage throttling (API.md "Too many requests"): a 429 that says when to try again, never a 503.
  {
    type: ResponseType.THROTTLED,
    code: "TOO_MANY_REQUESTS",
    detail: "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds",
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
  ).map(([type, detail]) => ({ type, code: "UNAUTHENTICATED", detail }) as const),
  {
    type: ResponseType.ACCESS_DENIED,
    code: "FORBIDDEN",
    detail: "the token does not have the scope this route needs",
  },
  {
    type: ResponseType.WAF_FILTERED,
    code: "FORBIDDEN",
    detail:
      "refused by the API's web application firewall: the request matches a rule of AWS's common rule set (a client over its rate gets the firewall's own 429)",
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    code: "UNSUPPORTED_MEDIA_TYPE",
    detail: "a body must be application/json",
  },
  // Any other 4xx of API Gateway's own; every auth failure has its own entry above, so none comes out as a 400.
  { type: ResponseType.DEFAULT_4XX, code: "VALIDATION_FAILED" },
  {
    type: ResponseType.DEFAULT_5XX,
    code: "INTERNAL",
    detail: "an unexpected error occurred; quote the request id to the operators; the write may have been applied",
    // an integration that failed or timed out may have written before it did
    outcome: "unknown",
  },
];

/** The problem+json body of a gateway response, as an API Gateway mapping template. */
export function problemTemplate(problem: GatewayProblem): string {
  const { title, status } = ERROR_CATALOG[problem.code];
  const detail = problem.detail === undefined ? "$context.error.messageString" : JSON.stringify(problem.detail);
  return [
    "{",
    `"type": "about:blank", "title": ${JSON.stringify(title)}, "status": ${status},`,
    ` "code": ${JSON.stringify(problem.code)}, "detail": ${detail}, "request_id": "$context.requestId"`,
    problem.outcome ? `, "outcome": ${JSON.stringify(problem.outcome)}` : "",
    "}",
  ].join("");
}

/** Adds every gateway problem to the API; `allowOrigin` is the CORS header value, if any. */
export function addGatewayProblems(api: RestApi, allowOrigin?: string) {
  for (const problem of GATEWAY_PROBLEMS) {
    const kind = ERROR_CATALOG[problem.code];
    const headers = problemHeaders(kind);
    if (allowOrigin) headers["Access-Control-Allow-Origin"] = allowOrigin;
    api.addGatewayResponse(`Problem${problem.type.responseType}`, {
      type: problem.type,
      statusCode: String(kind.status),
      responseHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, `'${value}'`])),
      templates: { "application/json": problemTemplate(problem) },
    });
  }
}
