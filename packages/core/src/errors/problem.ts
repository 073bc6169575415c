/**
 * The problem+json body of an error (API.md "Errors", RFC 9457), from a catalog (errors/
 * catalog.ts joined with a registry's refusals): a code's status, title and headers are the
 * catalog's, the detail and the fields at fault the occurrence's. The functions answer it
 * (functions/src/commons/problem.ts), the OpenAPI document shows it.
 */
import { asUnavailable } from "../db/errors.ts";
import { type Catalog, ERROR_CATALOG, type ProblemKind } from "./catalog.ts";
import { DomainError, type ErrorCode, type FieldError } from "./domain.ts";

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
const MAX_LISTED_ERRORS = 20;

function listedErrors(errors: readonly FieldError[]): Pick<Problem, "errors" | "errors_omitted"> {
  if (errors.length === 0) return {};
  if (errors.length <= MAX_LISTED_ERRORS) return { errors: [...errors] };
  return { errors: errors.slice(0, MAX_LISTED_ERRORS), errors_omitted: errors.length - MAX_LISTED_ERRORS };
}

/** A problem and the kind it is of (whose status and headers its answer carries), and its own headers. */
export interface ProblemOccurrence {
  kind: ProblemKind;
  problem: Problem;
  headers?: Readonly<Record<string, string>>;
}

/** The problem of a code with this detail and these fields at fault; a code the catalog lacks is a fault of ours. */
export function problemOf(
  catalog: Catalog,
  code: ErrorCode | "INTERNAL",
  detail: string,
  requestId: string,
  errors: readonly FieldError[] = [],
): ProblemOccurrence {
  const declared = catalog.get(code);
  const kind = declared ?? ERROR_CATALOG.INTERNAL;
  const problem: Problem = {
    type: "about:blank",
    title: kind.title,
    status: kind.status,
    code: declared ? code : "INTERNAL",
    detail,
    ...listedErrors(errors),
    request_id: requestId,
  };
  return { kind, problem };
}

/**
 * Any error → its problem. Domain errors keep their code; throttling and conflicts that outlived
 * the retries are a 503; anything else (a domain error whose code the catalog does not hold too)
 * is a 500 that says nothing of its cause but the request id to find it in the logs.
 */
export function problemFor(catalog: Catalog, error: unknown, requestId: string): ProblemOccurrence {
  const unavailable = asUnavailable(error);
  if (unavailable) {
    const outcome = unavailable.underway ?? "nothing was written, try again";
    return problemOf(catalog, "SERVICE_UNAVAILABLE", `${unavailable.detail}; ${outcome}`, requestId);
  }
  if (error instanceof DomainError && catalog.has(error.code)) {
    return { ...problemOf(catalog, error.code, error.detail, requestId, error.errors), headers: error.headers };
  }
  const detail = `An unexpected error occurred; quote request id ${requestId} to the operators`;
  return problemOf(catalog, "INTERNAL", detail, requestId);
}
