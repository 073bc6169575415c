import { AsyncLocalStorage } from "node:async_hooks";
import { ServiceUnavailableError } from "../errors/domain.ts";

/**
 * The time limit of one request. The handler that serves it (functions' `http()`) knows when its
 * invocation ends (Lambda's `context.getRemainingTimeInMillis()`) and runs the request inside
 * `withDeadline`; everything below it — the DynamoDB client's calls (db/client.ts), the retry
 * loops (db/retry.ts), the nesting walks — reads the deadline of the request it works for. The
 * scope is the request's own asynchronous context (AsyncLocalStorage), not a module variable:
 * two requests in flight in one process each see their own, and code run outside any request
 * (scripts, tests of the services) has none.
 */
const scope = new AsyncLocalStorage<number>();

/** What is kept back from the invocation's end to answer (the 503 itself, logs, metrics). */
export const ANSWER_RESERVE_MS = 1_500;

/** Runs `work` with a deadline at `at` (epoch ms). */
export function withDeadline<T>(at: number, work: () => Promise<T>): Promise<T> {
  return scope.run(at, work);
}

/** The deadline of an invocation with `remainingMs` left: its end less the answer's reserve. */
export function deadlineOf(remainingMs: number, now = Date.now()): number {
  return now + Math.max(0, remainingMs - ANSWER_RESERVE_MS);
}

/** Milliseconds left before the current request's deadline; Infinity outside a request. */
export function remainingMs(): number {
  const at = scope.getStore();
  return at === undefined ? Number.POSITIVE_INFINITY : at - Date.now();
}

/**
 * The 503 of a request whose time is spent: nothing more is tried. A write cut off while
 * DynamoDB had it (`inFlight`) may still apply: its conditions are those of the state it read,
 * so it applies whole and as asked or not at all, and the 503 says that repeating the request
 * is safe rather than that nothing was written.
 */
export class DeadlineExceededError extends ServiceUnavailableError {
  constructor(what: string, inFlight = false) {
    super(
      `${what} did not finish within the request's time limit`,
      inFlight ? "the database did not confirm the write in time; repeat the request to be sure it applied" : undefined,
    );
  }
}

/** Throws the 503 when the current request's time is spent (call before each step of a loop). */
export function checkDeadline(what: string, needMs = 0): void {
  if (remainingMs() <= needMs) throw new DeadlineExceededError(what);
}
