import type { Database } from "../db/entities.ts";
import { encodeId } from "../db/keys.ts";
import type { Step } from "../db/transactions.ts";
import { notFound } from "../errors/domain.ts";
import { groupCycle, nestingTooDeep, TRANSACTION_LIMIT, tooManyChanges } from "../errors/refusals.ts";
import { checkDeadline } from "../runtime/deadline.ts";
import { type GroupRecord, readGroups } from "./store.ts";

/** A chain of groups, each inside the next, holds at most this many groups (API.md, NESTING_TOO_DEEP). */
export const MAX_NESTING_DEPTH = 16;

/**
 * A nesting reads the groups above the parent and below the new children, and its transaction
 * conditions on each one's version, so it retries when one of them changes; under many
 * simultaneous nestings of one chain each may need several tries (each a few milliseconds).
 */
export const NESTING_ATTEMPTS = 12;

/** The edges a nesting adds: `parent` is undefined for a group being created (it has no parent yet). */
export interface NestingPlan {
  parent?: number;
  children: readonly number[];
  /** The field the refusals name. */
  field: string;
}

/**
 * What a nesting read, decided and must condition on. The scheme (docs/design.md, "Nesting"):
 * the cycle and depth rules depend only on the groups above the parent (their parents) and the
 * groups below the children (their children). Every edge write increments the version of both
 * its ends, so a concurrent edge that could change either answer writes one of the groups read
 * here; conditioning the transaction on the version of every group read makes it commit only if
 * what it checked still holds. Unrelated nestings read disjoint groups and never conflict, and
 * the depth limit bounds how far both walks go.
 */
export interface NestingCheck {
  /** A group the walk read, or a 404 if it is missing or being deleted. */
  existing(id: number): GroupRecord;
  /** The version each read group had. */
  versions: ReadonlyMap<number, number>;
  /** Refuses a cycle (422 GROUP_CYCLE) or a chain over the limit (422 NESTING_TOO_DEEP). */
  verify(): void;
  /** Condition checks on every group read that the transaction does not write itself. */
  guards(written: ReadonlySet<number>): Step[];
}

/** A step that only checks that a group is still at the version read (a ConditionCheck). */
function versionGuard(id: number, version: number): Step {
  return {
    write: (entities) =>
      entities.group
        .check({ id_key: encodeId(id) })
        .where((a, { eq }) => eq(a.version, version))
        .commit(),
    refused: () => "retry",
  };
}

/**
 * Walks up from the parent and down from the children, level by level (one BatchGetItem per
 * level for both walks together), at most MAX_NESTING_DEPTH levels each way; `verify()` then
 * refuses a cycle or a chain through a new edge longer than the limit. The longest chain through parent → child is the longest chain ending at the
 * parent plus the longest chain starting at the child.
 */
export async function checkNesting(db: Database, plan: NestingPlan): Promise<NestingCheck> {
  const read = new Map<number, GroupRecord>();
  const { parent, children, field } = plan;
  const fetch = async (ids: Iterable<number>) => {
    checkDeadline("the nesting check");
    const missing = [...new Set(ids)].filter((id) => !read.has(id));
    for (const group of await readGroups(db, missing)) read.set(group.id, group);
  };

  let up = parent === undefined ? [] : [parent];
  let down = [...new Set(children)];
  const ancestors = new Set<number>(up);
  let above = 1; // groups on the longest chain ending at the parent, the parent (or the new group) included
  let height = down.length > 0 ? 1 : 0; // groups on the longest chain starting at a child
  await fetch([...up, ...down]);
  const parentsOf = (ids: number[]) => [...new Set(ids.flatMap((id) => read.get(id)?.parent_group_ids ?? []))];
  const childrenOf = (ids: number[]) => [...new Set(ids.flatMap((id) => read.get(id)?.child_group_ids ?? []))];
  for (let level = 1; level <= MAX_NESTING_DEPTH; level++) {
    up = parentsOf(up);
    down = childrenOf(down);
    if (up.length === 0 && down.length === 0) break;
    if (up.length > 0) above = level + 1;
    if (down.length > 0) height = level + 1;
    for (const id of up) ancestors.add(id);
    // a chain already longer than the limit (data from before it) stops the walk here
    if (above > MAX_NESTING_DEPTH || height > MAX_NESTING_DEPTH) break;
    await fetch([...up, ...down]);
  }

  const versions = new Map([...read].map(([id, group]) => [id, group.version]));
  return {
    existing(id) {
      const group = read.get(id);
      if (!group || group.deleting) throw notFound(`group ${id}`);
      return group;
    },
    versions,
    verify() {
      if (parent !== undefined) {
        const cyclic = children.find((c) => c === parent || ancestors.has(c));
        if (cyclic !== undefined) throw groupCycle(parent, cyclic, field);
      }
      if (above + height > MAX_NESTING_DEPTH) throw nestingTooDeep(above + height, MAX_NESTING_DEPTH, field);
    },
    guards(written) {
      const guarded = [...versions].filter(([id]) => !written.has(id));
      // the edge writes take a few items of the transaction; the guards must fit with them
      if (guarded.length + written.size * 2 > TRANSACTION_LIMIT) {
        throw tooManyChanges(guarded.length + written.size * 2, field);
      }
      return guarded.map(([id, version]) => versionGuard(id, version));
    },
  };
}
