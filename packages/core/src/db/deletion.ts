import { notFound, ServiceUnavailableError } from "../errors/domain.ts";
import { TRANSACTION_LIMIT } from "../errors/refusals.ts";
import { checkIfMatch, type IfMatch } from "../records/preconditions.ts";
import { checkDeadline, remainingMs } from "../runtime/deadline.ts";
import { writeTombstone } from "./commands.ts";
import type { Database } from "./entities.ts";
import { asUnavailable, isConditionFailed } from "./errors.ts";
import { AGAIN, backoff, retry } from "./retry.ts";
import { type IndexName, tableDefinition } from "./table.ts";
import { KeptCancelled, OPTIMISTIC_ATTEMPTS, type Result, type Step, transact } from "./transactions.ts";

/**
 * Deleting an item removes its edges and the ids other items keep of it. When all of that fits
 * one transaction it is one transaction. When it does not (a group holding 250 sites), the
 * delete becomes a resumable job:
 *
 * 1. a tombstone: the item is marked `deleting` and leaves the list indexes, in one conditional
 *    write. From then on every route answers 404 for it and no link can be added to it (link
 *    writes condition on `deleting` not existing);
 * 2. its links are removed in transactions of at most 49 links, each also removing those ids
 *    from the item itself, so the item always says what is left to do;
 * 3. the item is deleted.
 *
 * If a step fails half-way (a fault, throttling), what is done stays done and consistent, the
 * item stays a tombstone, and the next DELETE of the same id resumes from what the item says.
 */
export interface LinkedDeletion<L> {
  what: string;
  /** The item as stored, tombstone included; undefined when it does not exist. */
  read(): Promise<{ deleting: boolean; version: number; links: L[] } | undefined>;
  /** The key of the item, for the tombstone write. */
  key(): Record<string, string>;
  /** List indexes the item leaves when it becomes a tombstone: all of its entity's (keys.ts `listIndexNames`). */
  indexes: readonly IndexName[];
  /** The steps that remove one link, at both ends. */
  unlink(link: L): Step[];
  /** The step that removes these links' ids from the item itself (during the job). */
  forget(links: L[]): Step;
  /** The steps that delete the item (and what it alone holds, such as a day lock). */
  finish(version?: number): Step[];
}

const LINKS_PER_STEP = Math.floor((TRANSACTION_LIMIT - 1) / 2);

async function markDeleting(db: Database, deletion: LinkedDeletion<unknown>, version: number): Promise<Result> {
  const removed = deletion.indexes.flatMap((name) => {
    const index = tableDefinition.indexes[name];
    return [index.partitionKey, index.sortKey];
  });
  try {
    await writeTombstone(db, deletion.key(), removed, version);
    return "done";
  } catch (error) {
    if (isConditionFailed(error)) return "retry";
    throw error;
  }
}

const UNDERWAY =
  "the delete is under way and the item is already gone for every route: repeat the DELETE, without If-Match, to finish it";

/** Nothing to delete (anymore): 404, or 412 with an If-Match, which never matches a gone item. */
function gone(what: string, ifMatch: IfMatch | undefined): never {
  checkIfMatch(ifMatch, what, undefined);
  throw notFound(what);
}

/**
 * Deletes the item with its links, or refuses: 404 when there is nothing to delete (anymore);
 * with `ifMatch`, 412 when the item is at another version, gone, or being deleted (an If-Match
 * never matches a gone item). Of concurrent deletes of one item, the one whose conditional write
 * removed it returns; the others find it gone.
 */
export async function deleteWithLinks<L>(db: Database, deletion: LinkedDeletion<L>, ifMatch?: IfMatch): Promise<void> {
  let underway = false;
  try {
    if ((await begin(db, deletion, ifMatch)) === "done") return;
    underway = true;
    await runJob(db, deletion, ifMatch);
  } catch (error) {
    // a 503 after the tombstone: something was written, and a retry resumes it (once the
    // request's time is spent, nothing more is read: what this request saw or wrote tells)
    const unavailable = asUnavailable(error);
    if (unavailable && (underway || (remainingMs() > 0 && (await deletion.read().catch(() => undefined))?.deleting))) {
      throw new ServiceUnavailableError(unavailable.detail, UNDERWAY);
    }
    throw error;
  }
}

/**
 * Reads the item, honours `ifMatch`, and deletes it in one transaction when that fits ("done"),
 * or turns it into a tombstone ("job"); a tombstone already there is a job under way ("job",
 * which no If-Match matches). A write that finds the item changed reads it again.
 */
function begin<L>(db: Database, deletion: LinkedDeletion<L>, ifMatch: IfMatch | undefined): Promise<"done" | "job"> {
  const exhausted = () => new ServiceUnavailableError(`${deletion.what} kept changing under concurrent writes`);
  return retry({ attempts: OPTIMISTIC_ATTEMPTS + 1, eager: 2, exhausted }, async () => {
    checkDeadline(deletion.what);
    const state = await deletion.read();
    if (!state) gone(deletion.what, ifMatch);
    checkIfMatch(ifMatch, deletion.what, state.deleting ? undefined : state.version);
    if (state.deleting) return "job";
    const whole = [...deletion.finish(state.version), ...state.links.flatMap((l) => deletion.unlink(l))];
    if (whole.length <= TRANSACTION_LIMIT) return (await transact(db, whole)) === "retry" ? AGAIN : "done";
    return (await markDeleting(db, deletion as LinkedDeletion<unknown>, state.version)) === "retry" ? AGAIN : "job";
  });
}

/** One step of the job: "retry" when another request's step made it moot or kept conflicting with it. */
async function jobStep(db: Database, steps: Step[]): Promise<Result> {
  try {
    return await transact(db, steps);
  } catch (error) {
    if (error instanceof KeptCancelled) return "retry";
    throw error;
  }
}

/**
 * Works through the job on the tombstone, step after step, from what the item says, until it is
 * gone. Other requests may work on it at the same time (a DELETE repeated after a 503): a step
 * they made moot, or that conflicted with theirs, is tried again from what the item says then,
 * and only the steps tried while the job made no progress count against the tries. The request
 * whose step removed the item returns; the others find it gone.
 */
async function runJob<L>(db: Database, deletion: LinkedDeletion<L>, ifMatch: IfMatch | undefined): Promise<void> {
  let stalls = 0;
  let left = Number.POSITIVE_INFINITY;
  for (;;) {
    // each transaction of a long delete starts only while the request has time left
    checkDeadline(deletion.what);
    const state = await deletion.read();
    if (!state) gone(deletion.what, ifMatch);
    if (state.links.length < left) stalls = 0;
    left = state.links.length;
    const chunk = state.links.slice(0, LINKS_PER_STEP);
    const last = chunk.length === 0;
    const steps = last ? deletion.finish() : [deletion.forget(chunk), ...chunk.flatMap((l) => deletion.unlink(l))];
    const result = await jobStep(db, steps);
    if (result !== "retry") {
      if (last) return;
      continue;
    }
    if (++stalls > OPTIMISTIC_ATTEMPTS) {
      throw new ServiceUnavailableError(`${deletion.what} kept changing under concurrent writes`);
    }
    await backoff(stalls);
  }
}
