import { DomainError, ServiceUnavailableError } from "../errors.ts";
import { mergeUnknownReferences } from "../links.ts";
import type { Database } from "./entities.ts";
import { isConditionFailed, RETRYABLE_REASONS } from "./errors.ts";

/** DynamoDB's limit of items in one TransactWriteItems. */
export const TRANSACTION_LIMIT = 100;

/**
 * What a refused condition means, decided from the item as it was (ALL_OLD, or null when it
 * did not exist): a domain refusal, "retry" (something changed since we read it: read again),
 * or "noop" (the change is already there, e.g. an idempotent link).
 */
export type Refusal = DomainError | "retry" | "noop";

/** The entities as ElectroDB hands them to a transaction. */
export type Tx = Parameters<Parameters<Database["service"]["transaction"]["write"]>[0]>[0];

export interface Step {
  /** Builds the ElectroDB `.commit()` of a put, create, patch, update, delete or check. */
  commit: (tx: Tx) => object;
  refused?: (old: Record<string, unknown> | null) => Refusal;
}

export type Result = "done" | "retry" | "noop";

const CONFLICT_ATTEMPTS = 4;

/** Exponential backoff with full jitter, capped at a quarter of a second. */
function pause(attempt: number): Promise<void> {
  const ms = Math.min(20 * 2 ** attempt, 250) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function tooManyChanges(count: number, field?: string): DomainError {
  const message = `this write needs ${count} changes; one atomic write holds at most ${TRANSACTION_LIMIT} (a DynamoDB transaction)`;
  return new DomainError("TOO_MANY_CHANGES", "Too many changes for one atomic write", message, [
    { path: field ?? "", message: `at most ${TRANSACTION_LIMIT} changes per write; split it into smaller writes` },
  ]);
}

interface CancellationReason {
  code: string;
  item: Record<string, unknown> | null;
}

/**
 * Runs the steps as one transaction. Cancellations caused by other in-flight transactions are
 * retried here (the SDK does not retry them) and end in a 503 if they persist; failed
 * conditions are interpreted by their step. ElectroDB resolves a cancelled transaction instead
 * of rejecting, so a caller that only caught errors would take a refusal for a success.
 */
export async function transact(db: Database, steps: Step[], field?: string): Promise<Result> {
  if (steps.length === 0) return "done";
  if (steps.length > TRANSACTION_LIMIT) throw tooManyChanges(steps.length, field);
  for (let attempt = 0; ; attempt++) {
    const result = (await db.service.transaction.write((tx) => steps.map((s) => s.commit(tx)) as any).go()) as {
      canceled: boolean;
      data: CancellationReason[];
    };
    if (!result.canceled) return "done";
    const failed = result.data
      .map((reason, index) => ({ reason, index }))
      .filter(({ reason }) => reason.code === "ConditionalCheckFailed");
    if (failed.length > 0) {
      const refusals = failed.map(({ reason, index }) => {
        const refused = steps[index]?.refused;
        if (!refused) throw new Error(`unexpected refusal of transaction step ${index}`);
        return refused(reason.item ?? null);
      });
      if (refusals.includes("retry")) return "retry";
      const domain = refusals.filter((r): r is DomainError => r instanceof DomainError);
      // every unknown id of the write is named, not only the first one refused
      if (domain.length > 0) throw mergeUnknownReferences(domain) ?? domain[0];
      return "noop";
    }
    if (!result.data.some((reason) => RETRYABLE_REASONS.has(reason.code))) {
      throw new Error(`transaction cancelled: ${result.data.map((r) => r.code).join(", ")}`);
    }
    if (attempt + 1 >= CONFLICT_ATTEMPTS) {
      throw new ServiceUnavailableError("the write kept conflicting with concurrent writes");
    }
    await pause(attempt);
  }
}

/**
 * Commits a change: as one conditional write when the item's own write is the only step (half the
 * capacity of a transaction), else as a transaction. "retry" when the item changed since it was read.
 */
export async function commitChange(
  db: Database,
  steps: Step[],
  single: () => Promise<unknown>,
  field?: string,
): Promise<Result> {
  if (steps.length !== 1) return transact(db, steps, field);
  try {
    await single();
    return "done";
  } catch (error) {
    if (isConditionFailed(error)) return "retry";
    throw error;
  }
}

/** Attempts of a read-check-write before giving up on items that keep changing under us. */
export const OPTIMISTIC_ATTEMPTS = 6;

/**
 * Repeats `attempt` (read, decide, conditional write) while its write reports "retry".
 */
export async function optimistic<T>(
  what: string,
  attempt: () => Promise<T | "retry">,
  attempts = OPTIMISTIC_ATTEMPTS,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const outcome = await attempt();
    if (outcome !== "retry") return outcome;
    if (i > 0) await pause(i);
  }
  throw new ServiceUnavailableError(`${what} kept changing under concurrent writes`);
}
