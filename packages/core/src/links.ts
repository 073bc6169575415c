import { encodeId } from "./db/keys.ts";
import type { Step, Tx } from "./db/transactions.ts";
import { DomainError } from "./errors.ts";

/** 422 UNKNOWN_REFERENCE naming the field that holds the unknown ids. */
export class UnknownReferenceError extends DomainError {
  constructor(
    readonly field: string,
    readonly ids: readonly number[],
    readonly kind: "site" | "group",
  ) {
    const message = `no ${kind} ${[...ids].sort((a, b) => a - b).join(", ")}`;
    super("UNKNOWN_REFERENCE", "Unknown reference", `${field}: ${message}`, [{ path: field, message }]);
  }
}

export function unknownReference(field: string, ids: readonly number[], kind: "site" | "group"): DomainError {
  return new UnknownReferenceError(field, ids, kind);
}

/** One refusal naming every unknown id of a write (each referenced item is its own condition). */
export function mergeUnknownReferences(refusals: readonly DomainError[]): DomainError | undefined {
  const unknown = refusals.filter((r): r is UnknownReferenceError => r instanceof UnknownReferenceError);
  const first = unknown[0];
  if (!first) return undefined;
  const sameField = unknown.filter((r) => r.field === first.field);
  return new UnknownReferenceError(first.field, [...new Set(sameField.flatMap((r) => r.ids))], first.kind);
}

/** 422 GROUP3_CANNOT_HOLD_SITES; `groupId` is undefined for a group being created. */
export function group3CannotHoldSites(groupId: number | undefined, path: string): DomainError {
  const which = groupId === undefined ? "a group3 group" : `group ${groupId} is of type group3 and`;
  const detail = `${which} cannot hold sites`;
  return new DomainError("GROUP3_CANNOT_HOLD_SITES", "A group3 group cannot hold sites", detail, [
    { path, message: detail },
  ]);
}

export function groupCycle(parentId: number, childId: number, path: string): DomainError {
  const detail =
    parentId === childId
      ? `group ${parentId} cannot contain itself`
      : `group ${childId} already contains group ${parentId} (directly or through other groups)`;
  return new DomainError("GROUP_CYCLE", "Nesting would create a cycle", detail, [{ path, message: detail }]);
}

type Old = Record<string, unknown> | null;
/** How to refuse when the item at the other end is missing: 404 for a path id, 422 for a body id. */
export type OnMissing = (id: number) => DomainError;

/**
 * The transaction steps that keep both ends of an edge, and the id sets on the items, in step.
 * Every step on an item increments its `version`, which PATCH and DELETE condition on; every
 * step on an item that must exist conditions on it (an update would otherwise create it).
 */
export function linkSteps(at: string) {
  const gone = (old: Old) => !old || old.deleting === true;

  return {
    membershipPut: (groupId: number, siteId: number, onExisting: "noop" | "overwrite" = "overwrite"): Step => {
      const put = (tx: Tx) =>
        tx.membership.put({
          group_id: groupId,
          site_id: siteId,
          k_group: encodeId(groupId),
          k_site: encodeId(siteId),
        });
      if (onExisting === "overwrite") return { commit: (tx) => put(tx).commit() };
      return {
        commit: (tx) =>
          put(tx)
            .where((a, { notExists }) => notExists(a.group_id))
            .commit(),
        refused: () => "noop",
      };
    },
    membershipDelete: (groupId: number, siteId: number, onMissing?: () => DomainError): Step => {
      const del = (tx: Tx) => tx.membership.delete({ k_group: encodeId(groupId), k_site: encodeId(siteId) });
      if (!onMissing) return { commit: (tx) => del(tx).commit() };
      return {
        commit: (tx) =>
          del(tx)
            .where((a, { exists }) => exists(a.group_id))
            .commit(),
        refused: () => onMissing(),
      };
    },
    nestingPut: (parentId: number, childId: number): Step => ({
      commit: (tx) =>
        tx.nesting
          .put({ parent_id: parentId, child_id: childId, k_parent: encodeId(parentId), k_child: encodeId(childId) })
          .commit(),
    }),
    nestingDelete: (parentId: number, childId: number, onMissing?: () => DomainError): Step => {
      const del = (tx: Tx) => tx.nesting.delete({ k_parent: encodeId(parentId), k_child: encodeId(childId) });
      if (!onMissing) return { commit: (tx) => del(tx).commit() };
      return {
        commit: (tx) =>
          del(tx)
            .where((a, { exists }) => exists(a.parent_id))
            .commit(),
        refused: () => onMissing(),
      };
    },

    /** The group gains a site, unless it is a group3 or gone. */
    groupGainsSite: (groupId: number, siteId: number, onMissing: OnMissing, field: string): Step => ({
      commit: (tx) =>
        tx.group
          .patch({ k_id: encodeId(groupId) })
          .add({ site_ids: [siteId], version: 1 })
          .set({ updated_at: at })
          .where((a, { notExists, ne }) => `${notExists(a.deleting)} AND ${ne(a.type, "group3")}`)
          .commit({ response: "all_old" }),
      refused: (old) => {
        if (gone(old)) return onMissing(groupId);
        if (old?.type === "group3") return group3CannotHoldSites(groupId, field);
        return "retry";
      },
    }),
    groupLosesSite: (groupId: number, siteId: number, onMissing?: OnMissing): Step => ({
      commit: (tx) => {
        const update = tx.group
          .patch({ k_id: encodeId(groupId) })
          .delete({ site_ids: [siteId] })
          .add({ version: 1 })
          .set({ updated_at: at });
        // on a link route the item must be live; while deleting, it may already be a tombstone
        return onMissing
          ? update.where((x, { notExists }) => notExists(x.deleting)).commit({ response: "all_old" })
          : update.commit();
      },
      refused: (old) => (onMissing && gone(old) ? onMissing(groupId) : "retry"),
    }),
    siteGainsGroup: (siteId: number, groupId: number, onMissing: OnMissing): Step => ({
      commit: (tx) =>
        tx.site
          .patch({ k_id: encodeId(siteId) })
          .add({ group_ids: [groupId], version: 1 })
          .set({ updated_at: at })
          .where((a, { notExists }) => notExists(a.deleting))
          .commit({ response: "all_old" }),
      refused: (old) => (gone(old) ? onMissing(siteId) : "retry"),
    }),
    siteLosesGroup: (siteId: number, groupId: number, onMissing?: OnMissing): Step => ({
      commit: (tx) => {
        const update = tx.site
          .patch({ k_id: encodeId(siteId) })
          .delete({ group_ids: [groupId] })
          .add({ version: 1 })
          .set({ updated_at: at });
        // on a link route the item must be live; while deleting, it may already be a tombstone
        return onMissing
          ? update.where((x, { notExists }) => notExists(x.deleting)).commit({ response: "all_old" })
          : update.commit();
      },
      refused: (old) => (onMissing && gone(old) ? onMissing(siteId) : "retry"),
    }),
    parentGainsChild: (parentId: number, childId: number, onMissing: OnMissing): Step => ({
      commit: (tx) =>
        tx.group
          .patch({ k_id: encodeId(parentId) })
          .add({ child_group_ids: [childId], version: 1 })
          .set({ updated_at: at })
          .where((a, { notExists }) => notExists(a.deleting))
          .commit({ response: "all_old" }),
      refused: (old) => (gone(old) ? onMissing(parentId) : "retry"),
    }),
    childGainsParent: (childId: number, parentId: number, onMissing: OnMissing): Step => ({
      commit: (tx) =>
        tx.group
          .patch({ k_id: encodeId(childId) })
          .add({ parent_group_ids: [parentId], version: 1 })
          .set({ updated_at: at })
          .where((a, { notExists }) => notExists(a.deleting))
          .commit({ response: "all_old" }),
      refused: (old) => (gone(old) ? onMissing(childId) : "retry"),
    }),
    parentLosesChild: (parentId: number, childId: number, onMissing?: OnMissing): Step => ({
      commit: (tx) => {
        const update = tx.group
          .patch({ k_id: encodeId(parentId) })
          .delete({ child_group_ids: [childId] })
          .add({ version: 1 })
          .set({ updated_at: at });
        // on a link route the item must be live; while deleting, it may already be a tombstone
        return onMissing
          ? update.where((x, { notExists }) => notExists(x.deleting)).commit({ response: "all_old" })
          : update.commit();
      },
      refused: (old) => (onMissing && gone(old) ? onMissing(parentId) : "retry"),
    }),
    childLosesParent: (childId: number, parentId: number, onMissing?: OnMissing): Step => ({
      commit: (tx) => {
        const update = tx.group
          .patch({ k_id: encodeId(childId) })
          .delete({ parent_group_ids: [parentId] })
          .add({ version: 1 })
          .set({ updated_at: at });
        // on a link route the item must be live; while deleting, it may already be a tombstone
        return onMissing
          ? update.where((x, { notExists }) => notExists(x.deleting)).commit({ response: "all_old" })
          : update.commit();
      },
      refused: (old) => (onMissing && gone(old) ? onMissing(childId) : "retry"),
    }),
  };
}

export type LinkSteps = ReturnType<typeof linkSteps>;

/** Ids in `next` but not in `current`, and the reverse. */
export function diff(current: readonly number[], next: readonly number[]) {
  const before = new Set(current);
  const after = new Set(next);
  return {
    added: next.filter((id) => !before.has(id)),
    removed: current.filter((id) => !after.has(id)),
  };
}
