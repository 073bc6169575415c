import { ServiceUnavailableError } from "../errors.ts";
import { RETRYABLE_REASONS } from "./errors.ts";

/** One entry per item of a TransactWriteItems, as ElectroDB reports a cancellation. */
export interface CancellationReason {
  rejected: boolean;
  code: string;
  item: unknown;
}

export interface TransactionResult {
  canceled: boolean;
  data: CancellationReason[];
}

/** The outcome of a transaction: done, or refused because the condition of item `index` failed. */
export type Outcome = { ok: true } | { ok: false; index: number; item: unknown };

const ATTEMPTS = 4;

function pause(attempt: number): Promise<void> {
  const ms = 20 * 2 ** attempt * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs a transaction, retrying while DynamoDB cancels it for a conflict with another in-flight
 * transaction (the SDK does not retry cancellations). A failed condition is returned, not thrown:
 * ElectroDB resolves a cancelled transaction instead of rejecting, and a caller that only
 * catches would take a refusal for a success.
 */
export async function runTransaction(write: () => Promise<TransactionResult>): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    const result = await write();
    if (!result.canceled) return { ok: true };
    const failed = result.data.findIndex((reason) => reason.code === "ConditionalCheckFailed");
    if (failed >= 0) return { ok: false, index: failed, item: result.data[failed]?.item };
    const retryable = result.data.some((reason) => RETRYABLE_REASONS.has(reason.code));
    if (!retryable) {
      const codes = result.data.map((reason) => reason.code).join(", ");
      throw new Error(`transaction cancelled: ${codes}`);
    }
    if (attempt + 1 >= ATTEMPTS) {
      throw new ServiceUnavailableError("the write kept conflicting with concurrent writes");
    }
    await pause(attempt);
  }
}
