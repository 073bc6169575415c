import pLimit from "p-limit";

/**
 * Runs `work` on every item, at most `concurrency` at once, and answers the results in the items'
 * order. Items that share a key run one after another in their order: each starts once every
 * earlier item with one of its keys has finished (a batch's creates that claim one French day, so
 * the first of them wins). An item takes its place among the `concurrency` only once it may
 * start, so no running item ever waits for one that is queued.
 */
export function runOrdered<T, R>(
  items: readonly T[],
  keysOf: (item: T, index: number) => readonly string[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const limit = pLimit(concurrency);
  const last = new Map<string, Promise<unknown>>();
  return Promise.all(
    items.map((item, index) => {
      const keys = [...new Set(keysOf(item, index))];
      const before = keys.flatMap((key) => last.get(key) ?? []);
      const run = Promise.all(before).then(() => limit(() => work(item, index)));
      // the next item with one of these keys waits for this one to end, however it ends
      const ended = run.then(
        () => undefined,
        () => undefined,
      );
      for (const key of keys) last.set(key, ended);
      return run;
    }),
  );
}
