import { causes, hasErrorName } from "../errors/causes.ts";
import { type Outcome, ServiceUnavailableError } from "../errors/domain.ts";
import { currentRequest, inRequest, type RequestScope, type SentWrite } from "./request.ts";

/**
 * Whether a failed request may have written (API.md "Unknown outcomes"). The DynamoDB client
 * (db/client.ts) records every change write a request sends and how each of its tries ended;
 * the writes that are not the change — an id from its counter, an `Idempotency-Key` record —
 * run `auxiliary()`. A request that fails is `not_applied` when none of its change writes may have
 * been applied (none was sent, or each ended in a definite refusal: a failed condition, a
 * cancelled transaction, throttling), else `unknown`; code that knows better (a delete under way,
 * a key's fencing delete) says so on its ServiceUnavailableError.
 */

const mayHaveApplied = (write: SentWrite) => write.applied || write.uncertain || write.inFlight > 0;

/** Runs `work` as writes that are not the request's change (they decide no outcome). */
export function auxiliary<T>(work: () => Promise<T>): Promise<T> {
  const request = currentRequest();
  return request ? inRequest({ ...request, auxiliary: true }, work) : work();
}

/** True inside `auxiliary()`. */
export const isAuxiliary = (): boolean => currentRequest()?.auxiliary === true;

/** A change write the current request is sending, recorded; undefined outside a request or `auxiliary()`. */
export function recordWrite(command: string): SentWrite | undefined {
  const request = currentRequest();
  if (!request || request.auxiliary) return undefined;
  const write: SentWrite = { command, applied: false, uncertain: false, inFlight: 0 };
  request.writes.push(write);
  return write;
}

/** True when a change write of the current request may have been applied. */
export function changeMayHaveApplied(): boolean {
  return currentRequest()?.writes.some(mayHaveApplied) ?? false;
}

/** The outcome of each failed request, kept on its error until the answer is made. */
const outcomes = new WeakMap<object, Outcome>();
/** Errors the client saw come out of DynamoDB calls: the request's record speaks for them. */
const observed = new WeakSet<object>();

/** Marks an error of a DynamoDB call as seen by the client's record of the request. */
export function observe(error: unknown): void {
  if (typeof error === "object" && error !== null) observed.add(error);
}

/**
 * Errors that leave a write's fate open, for an error no record saw (a stubbed client): judged
 * by its name alone.
 */
const OPEN_ENDED = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "TransactionInProgressException",
  "InternalServerError",
  "NetworkingError",
]);

function decide(error: unknown, request: RequestScope): Outcome {
  for (const e of causes(error)) if (e instanceof ServiceUnavailableError && e.outcome) return e.outcome;
  if (request.writes.some(mayHaveApplied)) return "unknown";
  const seen = [...causes(error)].some((e) => typeof e === "object" && e !== null && observed.has(e));
  return !seen && hasErrorName(error, OPEN_ENDED) ? "unknown" : "not_applied";
}

/** Decides, once, the outcome of the request that failed with `error`. */
export function settleOutcome(error: unknown, request: RequestScope): void {
  if (typeof error === "object" && error !== null && !outcomes.has(error)) outcomes.set(error, decide(error, request));
}

/**
 * The outcome of a failed request: as its scope decided it; for an error raised outside any
 * request, from the error alone (a thrown string says nothing: `unknown`).
 */
export function outcomeOf(error: unknown): Outcome {
  if (typeof error !== "object" || error === null) return "unknown";
  return outcomes.get(error) ?? decide(error, { deadline: Number.POSITIVE_INFINITY, writes: [], auxiliary: false });
}
