import { asUnavailable, DomainError, type ErrorCode, type FieldError, type KnownErrorCode } from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";

/** The one mapping of error codes to HTTP statuses; a country's own rule code is a 422. */
export const STATUS: Record<KnownErrorCode | "INTERNAL", number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  FRENCH_SITE_DAY_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  ITALIAN_SITE_NOT_ON_WEEKEND: 422,
  GROUP3_CANNOT_HOLD_SITES: 422,
  GROUP_CYCLE: 422,
  UNKNOWN_REFERENCE: 422,
  TOO_MANY_CHANGES: 422,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export function statusOf(code: ErrorCode): number {
  return Object.hasOwn(STATUS, code) ? STATUS[code as KnownErrorCode] : 422;
}

export interface Problem {
  type: "about:blank";
  title: string;
  status: number;
  code: ErrorCode | "INTERNAL";
  detail: string;
  errors?: FieldError[];
  request_id: string;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
    body: JSON.stringify(problem),
  };
}

/**
 * Any error → its problem response. Domain errors keep their code; throttling and conflicts that
 * outlived the retries are a 503 with Retry-After; anything else is a 500 that says nothing of
 * its cause but the request id to find it in the logs.
 */
export function toProblem(error: unknown, requestId: string): APIGatewayProxyResult {
  const unavailable = asUnavailable(error);
  if (unavailable) {
    return problemResponse(
      {
        type: "about:blank",
        title: unavailable.title,
        status: 503,
        code: "SERVICE_UNAVAILABLE",
        detail: `${unavailable.detail}; ${unavailable.underway ?? "nothing was written, try again"}`,
        request_id: requestId,
      },
      { "retry-after": String(unavailable.retryAfterSeconds) },
    );
  }
  if (error instanceof DomainError) {
    return problemResponse({
      type: "about:blank",
      title: error.title,
      status: statusOf(error.code),
      code: error.code,
      detail: error.detail,
      ...(error.errors.length > 0 ? { errors: error.errors } : {}),
      request_id: requestId,
    });
  }
  return problemResponse({
    type: "about:blank",
    title: "Internal error",
    status: 500,
    code: "INTERNAL",
    detail: `An unexpected error occurred; quote request id ${requestId} to the operators`,
    request_id: requestId,
  });
}
