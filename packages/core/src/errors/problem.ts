/**
 * The problem+json body of an error (API.md "Errors", RFC 9457), from a catalog (errors/
 * catalog.ts joined with a registry's refusals): a code's status, title and headers are the
 * catalog's, the detail and the fields at fault the occurrence's. The functions answer it
 * (functions/src/commons/problem.ts), the OpenAPI document shows it.
 */
import { asUnavailable } from "../db/errors.ts";
import { outcomeOf } from "../runtime/outcome.ts";
import { type Catalog, ERROR_CATALOG, type ProblemKind } from "./catalog.ts";
import { DomainError, type ErrorCode, type FieldError, type Outcome } from "./domain.ts";

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
  /** On a 500 or 503: whether the write may have applied (API.md "Unknown outcomes"). */
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

/** What the detail of a 5xx adds: nothing was written, or what to do now that it may have been. */
function adviceOf(outcome: Outcome, kind: WriteKind | undefined, underway?: string): string {
  if (outcome === "not_applied") return "nothing was written, try again";
  return underway ?? (kind ? UNKNOWN_ADVICE[kind] : "the write may have been applied");
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

/**
 * The problem of a code with this detail and these fields at fault; a code the catalog lacks is a
 * fault of ours. A 5xx always says whether the write may have applied: `unknown` unless the
 * caller knows nothing was.
 */
export function problemOf(
  catalog: Catalog,
  code: ErrorCode | "INTERNAL",
  detail: string,
  requestId: string,
  errors: readonly FieldError[] = [],
  outcome?: Outcome,
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
    ...(kind.status >= 500 ? { outcome: outcome ?? "unknown" } : {}),
  };
  return { kind, problem };
}

/**
 * Any error → its problem. Domain errors keep their code; throttling, conflicts and timeouts that
 * outlived the retries are a 503; anything else (a domain error whose code the catalog does not
 * hold too) is a 500 that says nothing of its cause but the request id to find it in the logs.
 * A 503 and a 500 say whether the write may have applied (its `outcome`, runtime/outcome.ts) and
 * what to do then for this `kind` of write (none: a read).
 */
export function problemFor(catalog: Catalog, error: unknown, requestId: string, kind?: WriteKind): ProblemOccurrence {
  const unavailable = asUnavailable(error);
  if (unavailable) {
    const outcome = outcomeOf(error);
    const detail = `${unavailable.detail}; ${adviceOf(outcome, kind, unavailable.underway)}`;
    return problemOf(catalog, "SERVICE_UNAVAILABLE", detail, requestId, [], outcome);
  }
  if (error instanceof DomainError && catalog.has(error.code)) {
    return { ...problemOf(catalog, error.code, error.detail, requestId, error.errors), headers: error.headers };
  }
  const outcome = outcomeOf(error);
  const detail = `An unexpected error occurred; quote request id ${requestId} to the operators; ${adviceOf(outcome, kind)}`;
  return problemOf(catalog, "INTERNAL", detail, requestId, [], outcome);
}
