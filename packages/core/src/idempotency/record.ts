import { randomUUID } from "node:crypto";
import { writeAlone } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import type { Step, WriteEntities } from "../db/transactions.ts";
import { ServiceUnavailableError } from "../errors/domain.ts";
import { SETTLE_RESERVE_MS, withinReserve } from "../runtime/deadline.ts";
import { auxiliary } from "../runtime/outcome.ts";
import { hashOf } from "./payload.ts";

/**
 * The record of an `Idempotency-Key` (API.md "Safe retries", "Unknown outcomes"): one item per
 * caller and key, `idempotency#<hash>` / `idempotency`, that is both the mark of a request
 * running with the key and, once its change commits, the answer it remembers.
 *
 * 1. The request claims the key: a conditional PutItem of an INPROGRESS record with a fresh
 *    `owner`, a `lease` (until when the request may run: its invocation's end) and the payload's
 *    hash, on condition that there is none, or only one whose lease or 24 hours are over. Else
 *    the record there decides: a COMPLETED one is replayed (same payload) or a 422 (another
 *    one); an INPROGRESS one is a 409 — unless it is this very request's, written by an SDK
 *    resend of this PutItem.
 * 2. The change's own transaction completes it with the whole answer, on condition
 *    `owner = <this request> AND status = INPROGRESS`: the record commits with the change or not
 *    at all, and once another request has taken the key over (after the lease), a late
 *    transaction of this one is fenced out. Whatever the timing, at most one change commits.
 * 3. After a refusal, or a failure known to have written nothing, the record is deleted (on
 *    `owner = <this request>`): the key may be used again. After a failure that may have
 *    written, a fencing delete (`owner = <this request> AND status = INPROGRESS`) tells what
 *    happened: it deletes → nothing committed and nothing will; it finds the record COMPLETED by
 *    this request → the change committed, and its answer is the request's; no answer → unknown.
 *
 * The record's own writes are auxiliary (runtime/outcome.ts): not the change.
 */

/** How long a key is remembered: 24 hours (API.md). */
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

export interface KeyRequest {
  /** Whose key: the caller's identity (the token's client and subject, or "anonymous"). */
  caller: readonly string[];
  key: string;
  /** What a repeat must be the same as: the route and the body's JSON value (payload.ts). */
  payload: unknown;
  /** Until when (epoch ms) the request may run: its invocation's end. */
  lease: number;
  /** The request holding the key, for operators reading the table. */
  requestId?: string;
}

/** The answer a record remembers. */
export interface Remembered {
  answer: unknown;
}

/** What became of a change that may have been lost, found by the fencing delete. */
export type Settled = "not_applied" | "unknown" | Remembered;

/** The key, held by this request. */
export interface HeldKey {
  /** The step that completes the record with `answer`, in the change's own transaction. */
  complete(answer: unknown): Step;
  /** Deletes the record, if still this request's: the key is free again. */
  release(): Promise<void>;
  /** The fencing delete of a change whose fate is open. */
  settle(): Promise<Settled>;
}

export type Claimed =
  | { kind: "claimed"; key: HeldKey }
  | ({ kind: "replay" } & Remembered)
  | { kind: "in_use" }
  | { kind: "reused" };

/** The change already committed with this request's answer: a resend of its transaction found it. */
export class AlreadyCommitted extends Error {
  override readonly name = "AlreadyCommitted";
  constructor(readonly answer: unknown) {
    super("the change committed earlier in this request");
  }
}

interface StoredRecord {
  status?: string;
  owner?: string;
  validation?: string;
  answer?: unknown;
}

const nowSeconds = (now: number) => Math.floor(now / 1000);

/** The record's own writes: auxiliary, and sent even when the request's time is spent (in its reserve). */
const recordWrite = (db: Database, item: Record<string, any>) =>
  withinReserve(SETTLE_RESERVE_MS, () => auxiliary(() => writeAlone(db, item)));

/** The record's entity, as transactions and single writes alike build its writes (`.commit()`). */
const records = (db: Database) => (db.entities as unknown as WriteEntities).idempotency;

function heldKey(db: Database, hash: string, owner: string): HeldKey {
  const record = () => records(db);
  return {
    complete: (answer) => ({
      write: (entities) =>
        entities.idempotency
          .patch({ hash })
          .set({ status: "COMPLETED", answer, expiration: nowSeconds(Date.now()) + KEY_LIFETIME_SECONDS })
          .where((a, { eq }) => `${eq(a.owner, owner)} AND ${eq(a.status, "INPROGRESS")}`)
          .commit({ response: "all_old" }),
      refused: (old) => {
        const stored = (old ?? {}) as StoredRecord;
        if (stored.owner === owner && stored.status === "COMPLETED") throw new AlreadyCommitted(stored.answer);
        throw new ServiceUnavailableError(
          "another request took this Idempotency-Key over once this one's time was spent",
          undefined,
          "not_applied",
        );
      },
    }),
    async release() {
      await recordWrite(
        db,
        record()
          .delete({ hash })
          .where((a, { eq }) => eq(a.owner, owner))
          .commit(),
      );
    },
    async settle() {
      try {
        const outcome = await recordWrite(
          db,
          record()
            .delete({ hash })
            .where((a, { eq }) => `${eq(a.owner, owner)} AND ${eq(a.status, "INPROGRESS")}`)
            .commit({ response: "all_old" }),
        );
        if (outcome === "done") return "not_applied";
        const stored = (outcome.refused ?? {}) as StoredRecord;
        // gone, or another request's since the lease ended: this request's change never committed
        return stored.owner === owner && stored.status === "COMPLETED" ? { answer: stored.answer } : "not_applied";
      } catch {
        return "unknown";
      }
    },
  };
}

/** Claims the key for this request, or says what an earlier request with it decides. */
export async function claimKey(db: Database, request: KeyRequest): Promise<Claimed> {
  const hash = hashOf({ caller: request.caller, key: request.key });
  const validation = hashOf(request.payload);
  const owner = randomUUID();
  const now = Date.now();
  const item = {
    hash,
    status: "INPROGRESS" as const,
    owner,
    lease: request.lease,
    validation,
    expiration: nowSeconds(now) + KEY_LIFETIME_SECONDS,
    ...(request.requestId ? { request_id: request.requestId } : {}),
  };
  const outcome = await auxiliary(() =>
    writeAlone(
      db,
      records(db)
        .put(item)
        .where(
          (a, { notExists, eq, lt }) =>
            `${notExists(a.owner)} OR (${eq(a.status, "INPROGRESS")} AND ${lt(a.lease, now)}) OR ${lt(a.expiration, nowSeconds(now))}`,
        )
        .commit({ response: "all_old" }),
    ),
  );
  if (outcome === "done") return { kind: "claimed", key: heldKey(db, hash, owner) };
  const stored = (outcome.refused ?? {}) as StoredRecord;
  if (stored.status === "COMPLETED") {
    return stored.validation === validation ? { kind: "replay", answer: stored.answer } : { kind: "reused" };
  }
  // an SDK resend of this very PutItem, whose first try was applied
  if (stored.owner === owner) return { kind: "claimed", key: heldKey(db, hash, owner) };
  return { kind: "in_use" };
}
