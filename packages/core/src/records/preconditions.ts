import { DomainError } from "../errors/domain.ts";

/**
 * What an `If-Match` asks of a write (API.md "Concurrent edits"): any existing item (`*`), or
 * one of these versions. The HTTP layer turns entity tags into versions.
 */
export type IfMatch = "*" | readonly number[];

export function preconditionFailed(what: string, version: number): DomainError {
  return new DomainError(
    "PRECONDITION_FAILED",
    `${what} is at version ${version}, which If-Match does not name; nothing was written. Read it again, then retry with its current ETag`,
  );
}

/** 412 for an If-Match on an item that is gone or being deleted: no current representation matches it. */
export function preconditionFailedOnGone(what: string): DomainError {
  return new DomainError(
    "PRECONDITION_FAILED",
    `${what} does not exist or is being deleted, so If-Match matches nothing; nothing was written`,
  );
}

/**
 * Refuses a write whose If-Match does not name the version just read; `version` undefined: the
 * item is gone or being deleted (a tombstone), which no If-Match matches, `*` included (RFC 9110
 * §13.1.1: `*` is false without a current representation). This decides the refusal only: the
 * write itself is conditioned on that version (`version = :read`), so an item that changes after
 * this check fails the write, is read again, and is refused here.
 */
export function checkIfMatch(ifMatch: IfMatch | undefined, what: string, version: number | undefined): void {
  if (ifMatch === undefined) return;
  if (version === undefined) throw preconditionFailedOnGone(what);
  if (ifMatch !== "*" && !ifMatch.includes(version)) throw preconditionFailed(what, version);
}
