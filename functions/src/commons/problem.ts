import {
  asUnavailable,
  type CountryRegistry,
  createRegistry,
  DomainError,
  type ErrorCode,
  type FieldError,
  type KnownErrorCode,
  type Outcome,
  outcomeOf,
} from "@sites-groups/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { routeFor } from "../routes.ts";
import { header } from "./headers.ts";
import { IDEMPOTENCY_HEADER } from "./replay.ts";

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
  /** On a 5xx: whether the write may have applied (API.md "Unknown outcomes"). */
  outcome?: Outcome;
}

/** The kinds of write whose unknown outcome a client resolves differently (API.md "Unknown outcomes"). */
export type WriteKind = "keyed-create" | "create" | "edit" | "link";

/** What to do when a write may have applied, by its kind. */
const UNKNOWN_ADVICE: Record<WriteKind, string> = {
  "keyed-create":
    "the write may have been applied: retry with the same Idempotency-Key, which answers what was committed or runs it once",
  create: "the write may have been applied, and a retry may create a second one; an Idempotency-Key makes retries safe",
  edit: "the write may have been applied: read the resource, then repeat with If-Match",
  link: "the write may have been applied: repeat it (it is idempotent)",
};

/** The kind of write of a request, from its route record and headers; undefined for a read. */
export function writeKindOf(event: APIGatewayProxyEvent): WriteKind | undefined {
  const route = routeFor(event.httpMethod, event.resource);
  if (!route || route.method === "GET") return undefined;
  if (route.idempotent) return header(event, IDEMPOTENCY_HEADER) === undefined ? "create" : "keyed-create";
  return route.precondition === "If-Match" ? "edit" : "link";
}

/** What the detail of a 5xx adds: nothing was written, or what to do now that it may have been. */
function adviceOf(outcome: Outcome, kind: WriteKind | undefined, underway?: string): string {
  if (outcome === "not_applied") return "nothing was written, try again";
  return underway ?? (kind ? UNKNOWN_ADVICE[kind] : "the write may have been applied");
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
 * Any error → its problem response. Domain errors keep their code; throttling, conflicts and
 * timeouts that outlived the retries are a 503 with Retry-After; anything else (a domain error
 * whose code has no status too) is a 500 that says nothing of its cause but the request id to
 * find it in the logs. A 503 and a 500 say whether the write may have applied (its `outcome`,
 * runtime/outcome.ts in core), and what to do then for this `kind` of write.
 */
export function toProblem(
  error: unknown,
  requestId: string,
  statuses: Statuses = DEPLOYED,
  kind?: WriteKind,
): APIGatewayProxyResult {
  const unavailable = asUnavailable(error);
  if (unavailable) {
    const outcome = outcomeOf(error);
    return problemResponse(
      {
        type: "about:blank",
        title: unavailable.title,
        status: 503,
        code: "SERVICE_UNAVAILABLE",
        detail: `${unavailable.detail}; ${adviceOf(outcome, kind, unavailable.underway)}`,
        request_id: requestId,
        outcome,
      },
      { "retry-after": String(unavailable.retryAfterSeconds) },
    );
  }
  const status = error instanceof DomainError ? statusOf(error.code, statuses) : undefined;
  if (error instanceof DomainError && status !== undefined) {
    // a refusal that says when to try again (IDEMPOTENCY_KEY_IN_USE)
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const headers: Record<string, string> = typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {};
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
  const outcome = outcomeOf(error);
  return problemResponse({
    type: "about:blank",
    title: "Internal error",
    status: 500,
    code: "INTERNAL",
    detail: `An unexpected error occurred; quote request id ${requestId} to the operators; ${adviceOf(outcome, kind)}`,
    request_id: requestId,
    outcome,
  });
}
