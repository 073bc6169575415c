/**
 * A problem in a request or a refusal by a business rule of the API itself; the HTTP layer maps
 * `code` to a status. A country's rules declare their own codes and statuses (`Country.refusals`).
 */
export type KnownErrorCode =
  | "VALIDATION_FAILED"
  | "NOT_FOUND"
  | "GROUP3_CANNOT_HOLD_SITES"
  | "GROUP_CYCLE"
  | "NESTING_TOO_DEEP"
  | "UNKNOWN_REFERENCE"
  | "TOO_MANY_CHANGES"
  | "PAYLOAD_TOO_LARGE"
  | "SERVICE_UNAVAILABLE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PRECONDITION_FAILED"
  | "IDEMPOTENCY_KEY_IN_USE"
  | "IDEMPOTENCY_KEY_REUSED";

/** The codes above, or a code a country module declares in its `refusals` (`FRENCH_SITE_DAY_TAKEN`). */
export type ErrorCode = KnownErrorCode | (string & {});

export interface FieldError {
  path: string;
  message: string;
}

/** "must not be empty" → "Must not be empty": every message reads the same, whoever wrote it (zod, us). */
export function sentenceCase(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  /** One entry per bad field; each message sentence-cased. */
  readonly errors: FieldError[];
  constructor(
    readonly code: ErrorCode,
    readonly title: string,
    detail: string,
    errors: FieldError[] = [],
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
  return new DomainError("VALIDATION_FAILED", "Validation failed", detail, errors);
}

export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", "Not found", `${what} does not exist`);
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
 * repeating the request finishes) means something was.
 */
export class ServiceUnavailableError extends DomainError {
  readonly outcome: Outcome | undefined;
  constructor(
    detail: string,
    readonly retryAfterSeconds = 1,
    readonly underway?: string,
    outcome?: Outcome,
  ) {
    super("SERVICE_UNAVAILABLE", "Service unavailable", detail);
    this.outcome = outcome ?? (underway === undefined ? undefined : "unknown");
  }
}
