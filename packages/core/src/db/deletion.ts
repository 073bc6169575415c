import { ServiceUnavailableError } from "../errors/domain.ts";
import { TRANSACTION_LIMIT } from "../errors/refusals.ts";
import { checkDeadline, remainingMs } from "../runtime/deadline.ts";
import { writeTombstone } from "./commands.ts";
import type { Database } from "./entities.ts";
import { asUnavailable, isConditionFailed } from "./errors.ts";
import { AGAIN, retry } from "./retry.ts";
import { type IndexName, tableDefinition } from "./table.ts";
import { OPTIMISTIC_ATTEMPTS, type Result, type Step, transact } from "./transactions.ts";

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

const UNDERWAY = "the delete is under way and the item is already gone for every route: repeat the DELETE to finish it";

/** Deletes the item with its links. False when there was nothing to delete. */
export async function deleteWithLinks<L>(db: Database, deletion: LinkedDeletion<L>): Promise<boolean> {
  const progress = { tombstone: false };
  try {
    return await deleteSteps(db, deletion, progress);
  } catch (error) {
    // a 503 after the tombstone: something was written, and a retry resumes it (once the
    // request's time is spent, nothing more is read: what this request saw or wrote tells)
    const unavailable = asUnavailable(error);
    if (
      unavailable &&
      (progress.tombstone || (remainingMs() > 0 && (await deletion.read().catch(() => undefined))?.deleting))
    ) {
      throw new ServiceUnavailableError(unavailable.detail, UNDERWAY);
    }
    throw error;
  }
}

/**
 * Works through the job from what the item says, step after step; a step that finds the item
 * changed since it was read costs one try (steps that make progress cost none).
 */
function deleteSteps<L>(db: Database, deletion: LinkedDeletion<L>, progress: { tombstone: boolean }): Promise<boolean> {
  let found = false;
  const exhausted = () => new ServiceUnavailableError(`${deletion.what} kept changing under concurrent writes`);
  return retry({ attempts: OPTIMISTIC_ATTEMPTS + 1, eager: 2, exhausted }, async () => {
    for (;;) {
      // each transaction of a long delete starts only while the request has time left
      checkDeadline(deletion.what);
      const state = await deletion.read();
      if (!state) return found;
      found = true;
      if (state.deleting) progress.tombstone = true;
      if (!state.deleting) {
        const whole = [...deletion.finish(state.version), ...state.links.flatMap((l) => deletion.unlink(l))];
        const result =
          whole.length <= TRANSACTION_LIMIT
            ? await transact(db, whole)
            : await markDeleting(db, deletion as LinkedDeletion<unknown>, state.version);
        if (result === "retry") return AGAIN;
        if (whole.length > TRANSACTION_LIMIT) progress.tombstone = true;
        if (whole.length <= TRANSACTION_LIMIT) return true;
      } else if (state.links.length === 0) {
        if ((await transact(db, deletion.finish())) === "retry") return AGAIN;
        return true;
      } else {
        const chunk = state.links.slice(0, LINKS_PER_STEP);
        const result = await transact(db, [deletion.forget(chunk), ...chunk.flatMap((l) => deletion.unlink(l))]);
        if (result === "retry") return AGAIN;
      }
    }
  });
}
