import { DomainError } from "./domain.ts";

/** 422 UNKNOWN_REFERENCE naming the field that holds the unknown ids. */
export class UnknownReferenceError extends DomainError {
  constructor(
    readonly field: string,
    readonly ids: readonly number[],
    readonly kind: "site" | "group",
  ) {
    const message = `no ${kind} ${[...ids].sort((a, b) => a - b).join(", ")}`;
    super("UNKNOWN_REFERENCE", `${field}: ${message}`, [{ path: field, message }]);
  }
}

export function unknownReference(field: string, ids: readonly number[], kind: "site" | "group"): DomainError {
  return new UnknownReferenceError(field, ids, kind);
}

/** One refusal naming every unknown id of a write (each referenced item is its own condition). */
export function mergeUnknownReferences(refusals: readonly DomainError[]): DomainError | undefined {
  const unknown = refusals.filter((r): r is UnknownReferenceError => r instanceof UnknownReferenceError);
  const first = unknown[0];
  if (!first) return undefined;
  const sameField = unknown.filter((r) => r.field === first.field);
  return new UnknownReferenceError(first.field, [...new Set(sameField.flatMap((r) => r.ids))], first.kind);
}

function group3Refusal(detail: string, path: string): DomainError {
  return new DomainError("GROUP3_CANNOT_HOLD_SITES", detail, [{ path, message: detail }]);
}

/** 422 GROUP3_CANNOT_HOLD_SITES; `groupId` is undefined for a group being created or becoming a group3. */
export function group3CannotHoldSites(groupId: number | undefined, path: string): DomainError {
  const which = groupId === undefined ? "a group3 group" : `group ${groupId} is of type group3 and`;
  return group3Refusal(`${which} cannot hold sites`, path);
}

/** 422 GROUP3_CANNOT_HOLD_SITES for a group that would become a group3 while it holds sites. */
export function groupHoldsSites(groupId: number): DomainError {
  return group3Refusal(`group ${groupId} holds sites, so it cannot become a group3`, "type");
}

export function groupCycle(parentId: number, childId: number, path: string): DomainError {
  const detail =
    parentId === childId
      ? `group ${parentId} cannot contain itself`
      : `group ${childId} already contains group ${parentId} (directly or through other groups)`;
  return new DomainError("GROUP_CYCLE", detail, [{ path, message: detail }]);
}

/** 422 NESTING_TOO_DEEP: the nesting would make a chain of `length` groups, over `limit`. */
export function nestingTooDeep(length: number, limit: number, path: string): DomainError {
  const detail = `the nesting would make a chain of ${length} groups, each inside the next; at most ${limit} are allowed`;
  return new DomainError("NESTING_TOO_DEEP", detail, [{ path, message: detail }]);
}

/** DynamoDB's limit of items in one TransactWriteItems. */
export const TRANSACTION_LIMIT = 100;

/** 422 TOO_MANY_CHANGES: the write needs `count` changes, more than one transaction holds. */
export function tooManyChanges(count: number, field?: string): DomainError {
  const message = `this write needs ${count} changes; one atomic write holds at most ${TRANSACTION_LIMIT} (a DynamoDB transaction)`;
  return new DomainError("TOO_MANY_CHANGES", message, [
    { path: field ?? "", message: `at most ${TRANSACTION_LIMIT} changes per write; split it into smaller writes` },
  ]);
}
