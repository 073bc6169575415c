import { checkDeadline, remainingMs } from "../runtime/deadline.ts";

/** What an attempt returns to be tried again. */
export const AGAIN: unique symbol = Symbol("again");
export type Again = typeof AGAIN;

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Tries made at once before the first pause (default 1: every retry waits). */
  eager?: number;
  /** The error thrown once every try asked for another. */
  exhausted: () => Error;
}

/** Exponential backoff with full jitter, capped at a quarter of a second. */
export function backoff(attempt: number): Promise<void> {
  // never sleeps past the request's deadline (the next try's check then answers 503)
  const ms = Math.min(Math.min(20 * 2 ** attempt, 250) * (0.5 + Math.random()), Math.max(0, remainingMs()));
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The one retry loop of the package: runs `attempt` until it returns something else than
 * AGAIN, pausing with `backoff` between tries, and throws `policy.exhausted()` when the tries
 * are spent, or the request's deadline (deadline.ts) is. `attempt` receives the number of the
 * try, from 0.
 */
export async function retry<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T | Again>): Promise<T> {
  const eager = policy.eager ?? 1;
  for (let n = 0; n < policy.attempts; n++) {
    if (n >= eager) await backoff(n - 1);
    checkDeadline("the request");
    const outcome = await attempt(n);
    if (outcome !== AGAIN) return outcome;
  }
  throw policy.exhausted();
}
