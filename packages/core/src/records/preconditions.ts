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

/**
 * Refuses a write whose If-Match does not name the version just read. This decides the refusal
 * only: the write itself is conditioned on that version (`version = :read`), so an item that
 * changes after this check fails the write, is read again, and is refused here.
 */
export function checkIfMatch(ifMatch: IfMatch | undefined, what: string, version: number): void {
  if (ifMatch === undefined || ifMatch === "*") return;
  if (!ifMatch.includes(version)) throw preconditionFailed(what, version);
}
