import {
  asUnavailable,
  type CountryRegistry,
  createRegistry,
  DomainError,
  type ErrorCode,
  type FieldError,
  type KnownErrorCode,
} from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";

/** The status of each code of the API itself; a country's own codes come with it (`Country.refusals`). */
export const STATUS: Record<KnownErrorCode | "INTERNAL", number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_IN_USE: 409,
  PRECONDITION_FAILED: 412,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  GROUP3_CANNOT_HOLD_SITES: 422,
  GROUP_CYCLE: 422,
  NESTING_TOO_DEEP: 422,
  UNKNOWN_REFERENCE: 422,
  TOO_MANY_CHANGES: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Code → status: the one table, the API's own codes plus the refusals of the registry's countries. */
export type Statuses = ReadonlyMap<string, number>;

export function statusesOf(registry: CountryRegistry): Statuses {
  const statuses = new Map<string, number>(Object.entries(STATUS));
  for (const [code, refusal] of registry.refusals) {
    if (statuses.has(code))
      throw new Error(`country ${refusal.country.code} declares ${code}, a code of the API itself`);
    statuses.set(code, refusal.status);
  }
  return statuses;
}

/** The statuses of the deployed countries. */
const DEPLOYED = statusesOf(createRegistry());

/** The status of a code; undefined for a code nobody declared (answered as a fault). */
export function statusOf(code: ErrorCode, statuses: Statuses = DEPLOYED): number | undefined {
  return statuses.get(code);
}

export interface Problem {
  type: "about:blank";
  title: string;
  status: number;
  code: ErrorCode | "INTERNAL";
  detail: string;
  errors?: FieldError[];
  /** How many problems were left out of `errors` (present only when some were). */
  errors_omitted?: number;
  request_id: string;
}

/** `errors[]` lists at most this many problems; `errors_omitted` counts the rest (API.md, "Errors"). */
export const MAX_LISTED_ERRORS = 20;

function listedErrors(errors: readonly FieldError[]): Pick<Problem, "errors" | "errors_omitted"> {
  if (errors.length === 0) return {};
  if (errors.length <= MAX_LISTED_ERRORS) return { errors: [...errors] };
  return { errors: errors.slice(0, MAX_LISTED_ERRORS), errors_omitted: errors.length - MAX_LISTED_ERRORS };
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
 * outlived the retries are a 503 with Retry-After; anything else (a domain error whose code has
 * no status too) is a 500 that says nothing of its cause but the request id to find it in the logs.
 */
export function toProblem(error: unknown, requestId: string, statuses: Statuses = DEPLOYED): APIGatewayProxyResult {
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
  const status = error instanceof DomainError ? statusOf(error.code, statuses) : undefined;
  if (error instanceof DomainError && status !== undefined) {
    // a refusal that says when to try again (IDEMPOTENCY_KEY_IN_USE), or which scope would do (FORBIDDEN)
    const { retryAfterSeconds, scope } = error as { retryAfterSeconds?: unknown; scope?: unknown };
    const headers: Record<string, string> = {
      ...(typeof retryAfterSeconds === "number" ? { "retry-after": String(retryAfterSeconds) } : {}),
      ...(typeof scope === "string"
        ? { "www-authenticate": `Bearer error="insufficient_scope", scope="${scope}"` }
        : {}),
    };
    return problemResponse(
      {
        type: "about:blank",
        title: error.title,
        status,
        code: error.code,
        detail: error.detail,
        ...listedErrors(error.errors),
        request_id: requestId,
      },
      // RFC 9110: a 401 names the scheme that would have worked
      { ...headers, ...(status === 401 ? { "www-authenticate": "Bearer" } : {}) },
    );
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
