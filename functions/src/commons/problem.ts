/**
 * problem+json answers (API.md "Errors"), built from the error catalog (core errors/catalog.ts)
 * joined with the deployed countries' refusals: a code's status, title and headers are the
 * catalog's, the detail and the fields at fault the occurrence's.
 */
import {
  asUnavailable,
  type Catalog,
  DomainError,
  deployedRegistry,
  ERROR_CATALOG,
  type ErrorCode,
  type FieldError,
  problemHeaders,
} from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";

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

/** The deployed countries' catalog: the API's codes and their refusals. */
const deployed = (): Catalog => deployedRegistry().catalog;

/** The status of a code; undefined for a code nobody declared (answered as a fault). */
export function statusOf(code: ErrorCode, catalog: Catalog = deployed()): number | undefined {
  return catalog.get(code)?.status;
}

/**
 * The answer of a problem with this code (one of the catalog's), this detail and these fields at
 * fault: its status, title and headers are the catalog's (header names in lower case, as every
 * answer of the functions).
 */
export function problemAnswer(
  code: ErrorCode | "INTERNAL",
  detail: string,
  requestId: string,
  errors: readonly FieldError[] = [],
  catalog: Catalog = deployed(),
): APIGatewayProxyResult {
  // a code nobody declared is a fault of ours
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
  const headers = Object.entries(problemHeaders(kind)).map(([name, value]) => [name.toLowerCase(), value]);
  return { statusCode: kind.status, headers: Object.fromEntries(headers), body: JSON.stringify(problem) };
}

/**
 * Any error → its problem answer. Domain errors keep their code; throttling and conflicts that
 * outlived the retries are a 503; anything else (a domain error whose code the catalog does not
 * hold too) is a 500 that says nothing of its cause but the request id to find it in the logs.
 */
export function toProblem(error: unknown, requestId: string, catalog: Catalog = deployed()): APIGatewayProxyResult {
  const unavailable = asUnavailable(error);
  if (unavailable) {
    const outcome = unavailable.underway ?? "nothing was written, try again";
    return problemAnswer("SERVICE_UNAVAILABLE", `${unavailable.detail}; ${outcome}`, requestId, [], catalog);
  }
  if (error instanceof DomainError && catalog.has(error.code)) {
    return problemAnswer(error.code, error.detail, requestId, error.errors, catalog);
  }
  const detail = `An unexpected error occurred; quote request id ${requestId} to the operators`;
  return problemAnswer("INTERNAL", detail, requestId, [], catalog);
}
