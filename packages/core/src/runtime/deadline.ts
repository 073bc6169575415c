import { ServiceUnavailableError } from "../errors/domain.ts";
import { settleOutcome } from "./outcome.ts";
import { currentRequest, inRequest } from "./request.ts";

/**
 * The time limit of one request. The handler that serves it (functions' `http()`) knows when its
 * invocation ends (Lambda's `context.getRemainingTimeInMillis()`) and runs the request inside
 * `withDeadline`; everything below it — the DynamoDB client's calls (db/client.ts), the retry
 * loops (db/retry.ts), the nesting walks — reads the deadline of the request it works for, from
 * the request's own scope (request.ts).
 */

/** What is kept back from the invocation's end to answer (the 503 itself, logs, metrics). */
export const ANSWER_RESERVE_MS = 1_500;

/**
 * Of that reserve, what a request may still spend on finding out what its lost write did (the
 * fencing delete of an `Idempotency-Key` record, idempotency/record.ts): the rest is the answer's.
 */
export const SETTLE_RESERVE_MS = 1_000;

/**
 * Runs `work` as one request with a deadline at `at` (epoch ms; Infinity for none): its calls
 * stop there, and when it fails, its outcome — whether it may have written (outcome.ts) — is
 * decided from what it sent before the error leaves it.
 */
export async function withDeadline<T>(at: number, work: () => Promise<T>): Promise<T> {
  const request = { deadline: at, writes: [], auxiliary: false };
  try {
    return await inRequest(request, work);
  } catch (error) {
    settleOutcome(error, request);
    throw error;
  }
}

/**
 * Runs `work` as a request of its own under the current one's deadline (none outside a request):
 * one item of a batch, whose writes, and so whose outcome when it fails, are its own.
 */
export function asOwnRequest<T>(work: () => Promise<T>): Promise<T> {
  return withDeadline(currentRequest()?.deadline ?? Number.POSITIVE_INFINITY, work);
}

/** Runs `work` with the current request's deadline moved `ms` later, into the answer's reserve. */
export function withinReserve<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const request = currentRequest();
  return request ? inRequest({ ...request, deadline: request.deadline + ms }, work) : work();
}

/** The deadline of an invocation with `remainingMs` left: its end less the answer's reserve. */
export function deadlineOf(remainingMs: number, now = Date.now()): number {
  return now + Math.max(0, remainingMs - ANSWER_RESERVE_MS);
}

/** Milliseconds left before the current request's deadline; Infinity outside a request. */
export function remainingMs(): number {
  const request = currentRequest();
  return request === undefined ? Number.POSITIVE_INFINITY : request.deadline - Date.now();
}

/** The 503 of a request whose time is spent: nothing more is tried. */
export class DeadlineExceededError extends ServiceUnavailableError {
  constructor(what: string) {
    super(`${what} did not finish within the request's time limit`);
  }
}

/** Throws the 503 when the current request's time is spent (call before each step of a loop). */
export function checkDeadline(what: string, needMs = 0): void {
  if (remainingMs() <= needMs) throw new DeadlineExceededError(what);
}
