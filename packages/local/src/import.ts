/**
 * What `pnpm import` does with the rows of a file (import-rows.ts): each distinct valid row sent
 * once, in `POST /sites/batch` requests of up to 100, every one under one `Idempotency-Key`, so
 * that each row's key record derives from its content alone (API.md "Many at once"): a rerun, also
 * of a corrected file whose rows fall into other batches, replays the rows already created and
 * runs only the others. Batches that share a claim or a group (import-rows.ts `sharedItemsOfRow`)
 * run one after another in file order, so the first row claiming a French day wins, as in one
 * batch; the others run a few at once.
 *
 * A batch answered 429 or 503 (or 5xx, or no answer at all) is sent again after `Retry-After`
 * (else a growing pause); so is each item whose result is a 503 or a 409 `IDEMPOTENCY_KEY_IN_USE`,
 * which the key makes safe. Any other result is the row's.
 */
import { runOrdered } from "@sites-groups/core";
import type { Row } from "./import-rows.ts";
import { sharedItemsOfRow } from "./import-rows.ts";

/** The one key of every batch: each item's record is this key and the item's JSON value. */
export const IMPORT_KEY = "pnpm-import";
export const BATCH_SIZE = 100;

/** What became of a row. */
export type RowOutcome = { id: number; replayed: boolean } | { status: number; code: string; detail: string };

export interface ImportOptions {
  api: string;
  authorization: () => Promise<string | undefined>;
  /** Batches in flight at once. */
  concurrency?: number;
  /** Called as rows get their outcome, with how many did so far. */
  onProgress?: (done: number) => void;
  /** How many times one batch is sent before its open rows fail. */
  attempts?: number;
  /** Logs each pause (a line on stderr). */
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause before attempt `n` (1-based): `Retry-After` when the server said, else 0.5 s doubling to 10 s, with jitter. */
function pauseOf(n: number, retryAfter: string | null | undefined): number {
  const told = Number(retryAfter);
  if (retryAfter && Number.isFinite(told) && told >= 0) return told * 1000;
  return Math.min(10_000, 500 * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5);
}

type Result = { index: number; status: number; site?: { id: number }; problem?: { code: string; detail: string } };

/** An item result the client sends again: its outcome is open, or its key is held by a request still running. */
const open = (result: Result) =>
  result.status >= 500 ||
  result.status === 429 ||
  (result.status === 409 && result.problem?.code === "IDEMPOTENCY_KEY_IN_USE");

/** A whole answer the client sends again: throttled, unavailable, a fault, no answer. */
const retryable = (status: number) => status === 429 || status >= 500;

interface Sent {
  status: number;
  retryAfter?: string | null;
  results?: Result[];
  replayed?: Set<number>;
  problem?: { code: string; detail: string };
}

async function post(options: ImportOptions, rows: Row[]): Promise<Sent> {
  const token = await options.authorization();
  try {
    const response = await fetch(`${options.api.replace(/\/$/, "")}/sites/batch`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": IMPORT_KEY,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ items: rows.map((row) => row.body) }),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : {};
    const retryAfter = response.headers.get("retry-after");
    if (response.status !== 200) return { status: response.status, retryAfter, problem: body };
    const replayed = new Set(
      (response.headers.get("idempotent-replayed-items") ?? "").split(",").filter(Boolean).map(Number),
    );
    return { status: 200, results: body.results, replayed };
  } catch (error) {
    // no answer (a dropped connection, a reset): the key makes sending it again safe
    return { status: 0, problem: { code: "NO_ANSWER", detail: (error as Error).message } };
  }
}

function outcomeOf(result: Result, replayed: boolean): RowOutcome {
  if (result.status === 201 && result.site) return { id: result.site.id, replayed };
  return {
    status: result.status,
    code: result.problem?.code ?? "UNKNOWN",
    detail: result.problem?.detail ?? `status ${result.status}`,
  };
}

/** Sends one batch until every row has an outcome for good, or the attempts run out. */
async function sendBatch(options: ImportOptions, batch: Row[], outcomes: Map<number, RowOutcome>, done: () => void) {
  let pending = batch;
  const attempts = options.attempts ?? 12;
  for (let n = 1; pending.length > 0; n++) {
    const sent = await post(options, pending);
    const last = n >= attempts;
    if (sent.results) {
      const again: Row[] = [];
      for (const [i, row] of pending.entries()) {
        const result = sent.results[i] as Result;
        if (open(result) && !last) again.push(row);
        else {
          outcomes.set(row.line, outcomeOf(result, sent.replayed?.has(i) ?? false));
          done();
        }
      }
      pending = again;
    } else if (!retryable(sent.status) || last) {
      // refused as a whole (400, 401, 403, 413): every row of it failed so
      const failed = { status: sent.status, code: sent.problem?.code ?? "UNKNOWN", detail: sent.problem?.detail ?? "" };
      for (const row of pending) {
        outcomes.set(row.line, failed);
        done();
      }
      pending = [];
    }
    if (pending.length === 0) return;
    const pause = pauseOf(n, sent.retryAfter);
    // a batch answered 200 leaves open the rows whose items were 503 or 429; else the batch itself was
    const why = sent.results ? "their items answered 503 or 429" : `the batch answered ${sent.status || "nothing"}`;
    options.log?.(`${pending.length} rows not created yet (${why}): again in ${(pause / 1000).toFixed(1)} s`);
    await sleep(pause);
  }
}

/**
 * Sends the rows (valid and distinct: the caller keeps invalid and repeated ones back) and
 * answers each row's outcome by line.
 */
export async function importRows(rows: readonly Row[], options: ImportOptions): Promise<Map<number, RowOutcome>> {
  const batches: Row[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) batches.push(rows.slice(i, i + BATCH_SIZE));
  const outcomes = new Map<number, RowOutcome>();
  let count = 0;
  const done = () => options.onProgress?.(++count);
  await runOrdered(
    batches,
    (batch) => batch.flatMap(sharedItemsOfRow),
    options.concurrency ?? 4,
    (batch) => sendBatch(options, batch, outcomes, done),
  );
  return outcomes;
}
