import type { KnownErrorCode } from "./catalog.ts";

/**
 * A code of the catalog (errors/catalog.ts), or one a country module declares in its `refusals`
 * (`FRENCH_SITE_DAY_TAKEN`): the HTTP layer answers it with the status and title the registry's
 * catalog gives it.
 */
export type ErrorCode = KnownErrorCode | (string & {});

export interface FieldError {
  path: string;
  message: string;
}

/** "must not be empty" → "Must not be empty": every message reads the same, whoever wrote it (zod, us). */
export function sentenceCase(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * A problem in a request or a refusal by a business rule: its code (its status and title are the
 * catalog's), what happened in this request, and the fields at fault.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  /** One entry per bad field; each message sentence-cased. */
  readonly errors: FieldError[];
  constructor(
    readonly code: ErrorCode,
    detail: string,
    errors: FieldError[] = [],
    /** Headers this occurrence's answer carries beyond its code's (a 403's challenge names the scope). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.errors = errors.map((error) => ({ ...error, message: sentenceCase(error.message) }));
  }

  get detail(): string {
    return this.message;
  }
}

/** The detail names at most this many problems (the HTTP layer lists as many in `errors[]`). */
const DETAILED_ERRORS = 20;

/** 400: one entry per bad field; the detail names the first 20 and counts the rest. */
export function validationFailed(errors: FieldError[]): DomainError {
  const named = errors
    .slice(0, DETAILED_ERRORS)
    .map((e) => (e.path ? `${e.path}: ${sentenceCase(e.message)}` : sentenceCase(e.message)));
  const more = errors.length - DETAILED_ERRORS;
  const detail = [...named, ...(more > 0 ? [`and ${more} more`] : [])].join("; ");
  return new DomainError("VALIDATION_FAILED", detail, errors);
}

export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", `${what} does not exist`);
}

/**
 * Whether a request that failed may have written (API.md "Unknown outcomes"): `not_applied` only
 * when the server knows that nothing was committed, else `unknown`.
 */
export type Outcome = "not_applied" | "unknown";

/**
 * The database did not do what was asked in time: it throttled, kept conflicting, or did not
 * answer. Whether something was written is the request's outcome (runtime/outcome.ts): decided
 * from what the request sent, unless the code that raised this knows better and says so in
 * `outcome` — `underway` (a delete spanning several transactions that stopped half-way, which
 * repeating the request finishes) means something was. When to try again is the catalog's
 * `Retry-After`.
 */
export class ServiceUnavailableError extends DomainError {
  readonly outcome: Outcome | undefined;
  constructor(
    detail: string,
    readonly underway?: string,
    outcome?: Outcome,
  ) {
    super("SERVICE_UNAVAILABLE", detail);
    this.outcome = outcome ?? (underway === undefined ? undefined : "unknown");
  }
}
