/**
 * Refusals of a request as the HTTP layer reads it, before any business rule: its size, its media
 * type, its token, its `Idempotency-Key`. Thrown by the functions' middleware (functions/src/
 * commons), shown by the catalog's examples; their statuses and titles are the catalog's.
 */
import { DomainError } from "./domain.ts";

/** Bodies larger than this are refused before parsing (413), unless the route's record sets its own cap. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The request header that makes a `POST` safe to retry (API.md "Safe retries"). */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** 413: a body of `bytes` over the route's `limit`. */
export function payloadTooLarge(bytes: number, limit = MAX_BODY_BYTES): DomainError {
  return new DomainError(
    "PAYLOAD_TOO_LARGE",
    `the body is ${bytes} bytes; the limit is ${limit} bytes (${limit / 1024} KiB)`,
  );
}

/** 415: a body whose `Content-Type` (undefined: none) is not one the route takes (`accepted`). */
export function unsupportedMediaType(type: string | undefined, accepted = "application/json"): DomainError {
  return new DomainError(
    "UNSUPPORTED_MEDIA_TYPE",
    `the body must be sent as ${accepted}, not ${type ? JSON.stringify(type) : "without a Content-Type"}`,
  );
}

export function unauthenticated(detail: string): DomainError {
  return new DomainError("UNAUTHENTICATED", detail);
}

/**
 * 403: the token (whose scopes are `granted`, space-separated) lacks the scope `operation` needs;
 * its answer names that scope (RFC 6750's `insufficient_scope` challenge).
 */
export function forbidden(operation: string, needed: string, granted: string): DomainError {
  return new DomainError(
    "FORBIDDEN",
    `${operation} needs the ${needed} scope; the token has ${granted || "no scope"}`,
    [],
    {
      "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${needed}"`,
    },
  );
}

/** 429: over the stage's rate (API Gateway and prod's firewall answer it; the catalog's example). */
export function tooManyRequests(): DomainError {
  return new DomainError(
    "TOO_MANY_REQUESTS",
    "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds",
  );
}

/** 409: the first request with the key is still running. */
export function keyInUse(): DomainError {
  return new DomainError(
    "IDEMPOTENCY_KEY_IN_USE",
    `a request with this ${IDEMPOTENCY_HEADER} is still running; retry after it has answered`,
  );
}

/** 422: the key was used with another body or route. */
export function keyReused(): DomainError {
  return new DomainError(
    "IDEMPOTENCY_KEY_REUSED",
    `this ${IDEMPOTENCY_HEADER} was used in the last 24 hours with another body or route; use a new key for a new request`,
  );
}

/** 417: an `Expect` the local server cannot meet (it takes only `100-continue`). */
export function expectationFailed(expectation: string): DomainError {
  return new DomainError(
    "EXPECTATION_FAILED",
    `the expectation ${JSON.stringify(expectation)} cannot be met; only 100-continue is supported`,
  );
}
