/**
 * Stream records delivered as no in-order runner delivers them: taken from the records kept so far
 * in random places (so shuffled across items, and a newer record before an older one of the same
 * item), in batches of random sizes, by several workers at once, and every batch delivered a second
 * time later on. A batch whose processor names a failed record is delivered again, as the mapping
 * would. What a processor must survive in AWS, where shards are read concurrently and batches retried.
 */
import type { DynamoDBRecord } from "aws-lambda";
import { shuffled } from "./random.ts";

export interface ShuffledDelivery {
  /** Delivers everything kept so far (from `from` on) not delivered yet, and every second delivery, then stops. */
  drain(): Promise<void>;
  /** Batches delivered, repeats included, and batches delivered again after a failure. */
  readonly counts: { batches: number; repeats: number; failed: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function shuffledDelivery(
  kept: readonly DynamoDBRecord[],
  deliver: (batch: DynamoDBRecord[]) => Promise<{ batchItemFailures: unknown[] }>,
  next: () => number,
  { from = 0, workers = 3 }: { from?: number; workers?: number } = {},
): ShuffledDelivery {
  let taken = from;
  const pending: DynamoDBRecord[] = [];
  const repeats: DynamoDBRecord[][] = [];
  const counts = { batches: 0, repeats: 0, failed: 0 };
  let draining = false;
  let inFlight = 0;

  /** The next batch: a repeat now and then, else random records of what is pending. */
  function nextBatch(): { batch: DynamoDBRecord[]; repeat: boolean } | undefined {
    pending.push(...kept.slice(taken));
    taken = kept.length;
    if (repeats.length > 0 && (pending.length === 0 || next() < 0.3)) {
      return { batch: repeats.splice(Math.floor(next() * repeats.length), 1)[0] as DynamoDBRecord[], repeat: true };
    }
    if (pending.length === 0) return undefined;
    const size = Math.min(pending.length, 1 + Math.floor(next() * 40));
    const batch: DynamoDBRecord[] = [];
    for (let i = 0; i < size; i++)
      batch.push(pending.splice(Math.floor(next() * pending.length), 1)[0] as DynamoDBRecord);
    return { batch: shuffled(batch, next), repeat: false };
  }

  async function worker() {
    for (;;) {
      const chosen = nextBatch();
      if (!chosen) {
        if (draining && inFlight === 0) return;
        await sleep(10);
        continue;
      }
      inFlight++;
      try {
        const { batchItemFailures } = await deliver(chosen.batch);
        counts.batches++;
        if (chosen.repeat) counts.repeats++;
        if (batchItemFailures.length > 0) {
          counts.failed++;
          pending.push(...chosen.batch);
        } else if (!chosen.repeat) repeats.push(chosen.batch);
      } finally {
        inFlight--;
      }
    }
  }

  const running = Array.from({ length: workers }, worker);
  return {
    counts,
    async drain() {
      draining = true;
      await Promise.all(running);
    },
  };
}
