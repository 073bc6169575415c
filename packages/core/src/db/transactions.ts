import { randomUUID } from "node:crypto";
import { DomainError, ServiceUnavailableError } from "../errors/domain.ts";
import { mergeUnknownReferences, TRANSACTION_LIMIT, tooManyChanges } from "../errors/refusals.ts";
import { writeAlone } from "./commands.ts";
import type { Database } from "./entities.ts";
import { RETRYABLE_REASONS } from "./errors.ts";
import { AGAIN, retry } from "./retry.ts";

/**
 * What a refused condition means, decided from the item as it was (ALL_OLD, or null when it
 * did not exist): a domain refusal, "retry" (something changed since we read it: read again),
 * or "noop" (the change is already there, e.g. an idempotent link).
 */
export type Refusal = DomainError | "retry" | "noop";

/** The entities as ElectroDB hands them to a write transaction (their chains end in `.commit()`). */
export type WriteEntities = Parameters<Parameters<Database["service"]["transaction"]["write"]>[0]>[0];

/**
 * One write of a change, on one item. The refusals of a cancelled write are read in step order,
 * and a `refused` that throws decides the write: the step of an `Idempotency-Key`'s record
 * (idempotency/record.ts) comes first, since its refusal says the others' are not the change's.
 */
export interface Step {
  /** Builds the ElectroDB `.commit()` of a put, create, patch, update, delete or check. */
  write: (entities: WriteEntities) => object;
  refused?: (old: Record<string, unknown> | null) => Refusal;
}

/** The step that commits, with a change, what the change's result is to be remembered as. */
export type Recorded<T> = (result: T) => Step;

export type Result = "done" | "retry" | "noop";

/** Tries of a transaction that other in-flight transactions cancel. */
const CONFLICT_ATTEMPTS = 4;

/** A transaction still cancelled, by conflicts or throttling, after its tries: nothing of it applied. */
export class KeptCancelled extends ServiceUnavailableError {}

interface CancellationReason {
  code: string;
  item: Record<string, unknown> | null;
}

/** What the refused steps of a write mean together: the first domain refusal throws. */
function interpret(refusals: Refusal[]): "retry" | "noop" {
  if (refusals.includes("retry")) return "retry";
  const domain = refusals.filter((r): r is DomainError => r instanceof DomainError);
  // every unknown id of the write is named, not only the first one refused
  if (domain.length > 0) throw mergeUnknownReferences(domain) ?? domain[0];
  return "noop";
}

function refusalOf(step: Step | undefined, index: number, old: Record<string, unknown> | null): Refusal {
  if (!step?.refused) throw new Error(`unexpected refusal of write step ${index}`);
  return step.refused(old);
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
  const exhausted = () => new KeptCancelled("the write kept conflicting with concurrent writes");
  return retry({ attempts: CONFLICT_ATTEMPTS, exhausted }, async () => {
    // the SDK's own retries of a call that timed out resend the same token: DynamoDB applies it once
    const token = randomUUID();
    const result = (await db.service.transaction.write((tx) => steps.map((s) => s.write(tx)) as any).go({ token })) as {
      canceled: boolean;
      data: CancellationReason[];
    };
    if (!result.canceled) return "done";
    const failed = result.data
      .map((reason, index) => ({ reason, index }))
      .filter(({ reason }) => reason.code === "ConditionalCheckFailed");
    if (failed.length > 0) {
      return interpret(failed.map(({ reason, index }) => refusalOf(steps[index], index, reason.item ?? null)));
    }
    if (!result.data.some((reason) => RETRYABLE_REASONS.has(reason.code))) {
      throw new Error(`transaction cancelled: ${result.data.map((r) => r.code).join(", ")}`);
    }
    return AGAIN;
  });
}

/**
 * Commits a change: as one conditional write when it is a single step (half the capacity of a
 * transaction), else as a transaction. "retry" when an item changed since it was read.
 */
export async function commitChange(db: Database, steps: Step[], field?: string): Promise<Result> {
  const [only] = steps;
  if (steps.length !== 1 || !only) return transact(db, steps, field);
  const outcome = await writeAlone(db, only.write(db.entities as unknown as WriteEntities));
  if (outcome === "done") return "done";
  return interpret([refusalOf(only, 0, outcome.refused)]);
}

/** Tries of a read-check-write before giving up on items that keep changing under us. */
export const OPTIMISTIC_ATTEMPTS = 6;

/**
 * Repeats `attempt` (read, decide, conditional write) while its write reports "retry"; the
 * second try follows at once, later ones back off.
 */
export function optimistic<T>(
  what: string,
  attempt: () => Promise<T | "retry">,
  attempts = OPTIMISTIC_ATTEMPTS,
): Promise<T> {
  const exhausted = () => new ServiceUnavailableError(`${what} kept changing under concurrent writes`);
  return retry({ attempts, eager: 2, exhausted }, async () => {
    const outcome = await attempt();
    return outcome === "retry" ? AGAIN : outcome;
  });
}
