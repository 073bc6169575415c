import { causes, hasErrorName } from "../errors/causes.ts";
import { ServiceUnavailableError } from "../errors/domain.ts";

/** Error names the AWS SDK gives to throttling once its own retries are spent. */
const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "LimitExceededException",
]);

/** Error names of a call that got no answer in time (the SDK's own timeouts, after its retries). */
const TIMEOUTS = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

/** Cancellation reasons that mean "try again later", not "refused". */
export const RETRYABLE_REASONS = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"]);

/** A condition on a single write failed. */
export function isConditionFailed(error: unknown): boolean {
  return hasErrorName(error, "ConditionalCheckFailedException");
}

/**
 * The database is throttling, kept conflicting or did not answer: the request may succeed later.
 * Returns the 503 to raise, or undefined for any other error. Whether the request wrote anything
 * is its outcome (runtime/outcome.ts), not a property of this error.
 */
export function asUnavailable(error: unknown): ServiceUnavailableError | undefined {
  // ours, or ours wrapped by ElectroDB (a deadline met inside a client call)
  for (const e of causes(error)) if (e instanceof ServiceUnavailableError) return e;
  if (hasErrorName(error, THROTTLING)) return new ServiceUnavailableError("the database is throttling requests");
  if (hasErrorName(error, "TransactionConflictException")) {
    return new ServiceUnavailableError("the write kept conflicting with concurrent writes");
  }
  if (hasErrorName(error, TIMEOUTS)) {
    return new ServiceUnavailableError("the database did not answer in time");
  }
  if (hasErrorName(error, "TransactionInProgressException")) {
    return new ServiceUnavailableError("a transaction on the same items is in progress");
  }
  return undefined;
}
