import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One change write a request sent, as its tries ended so far (db/client.ts records them, once
 * per try inside the SDK's retries): whether one was applied, whether one ended without a
 * definite answer (a timeout, a dropped connection, a 5xx), and how many are still out.
 */
export interface SentWrite {
  command: string;
  applied: boolean;
  uncertain: boolean;
  inFlight: number;
}

/** What the DynamoDB calls of one request share. */
export interface RequestScope {
  /** No call starts after this (epoch ms; Infinity: no limit). See deadline.ts. */
  readonly deadline: number;
  /** The change writes sent so far (outcome.ts). */
  readonly writes: SentWrite[];
  /** Inside `auxiliary()` (outcome.ts): the writes sent are not the change itself. */
  readonly auxiliary: boolean;
}

/**
 * The request's own asynchronous context (AsyncLocalStorage), not a module variable: two
 * requests in flight in one process each see their own, and code run outside any request
 * (scripts, tests of the services) has none.
 */
const scope = new AsyncLocalStorage<RequestScope>();

export const currentRequest = (): RequestScope | undefined => scope.getStore();

/** Runs `work` in `request`'s scope (a new request, or the current one with another deadline). */
export function inRequest<T>(request: RequestScope, work: () => Promise<T>): Promise<T> {
  return scope.run(request, work);
}
