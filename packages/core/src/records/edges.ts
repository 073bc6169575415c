import { EDGES, type EdgeKind, encodeId, ROOT_GROUP_KEYS } from "../db/keys.ts";
import type { Refusal, Step, WriteEntities } from "../db/transactions.ts";
import type { DomainError } from "../errors/domain.ts";
import { group3CannotHoldSites } from "../errors/refusals.ts";

/** How to refuse when the item at the other end is missing: 404 for a path id, 422 for a body id. */
export type OnMissing = (id: number) => DomainError;

/** The item at one end of a refused write, as it was (null when it did not exist). */
type ItemBefore = Record<string, unknown> | null;

/** One end of an edge: the item there, and what the edge item and that item keep of the edge. */
interface EdgeEnd {
  /** The end's name (db/keys.ts `EDGES`): the edge item holds its id in `${end}_id`, its key in `${end}_key`. */
  end: string;
  /** The entity at this end. */
  entity: "site" | "group";
  /** The set, on this end's item, of the ids at the other end. */
  set: "site_ids" | "group_ids" | "child_group_ids" | "parent_group_ids";
  /** A value of an attribute of this end's item that refuses every new edge (a group3 holds no site). */
  refuses?: { attribute: string; value: string; refusal: (id: number, field: string) => DomainError };
  /**
   * An index key of this end's item that says whether `set` is empty (a root group has no parent):
   * every write of the set keeps it right, in the same write.
   */
  emptiness?: { attribute: string; empty: string; nonEmpty: string };
}

/** A kind of edge: its item, keyed from the first end (`from`), and its two ends. */
interface EdgeDescription {
  entity: EdgeKind;
  from: EdgeEnd;
  to: EdgeEnd;
}

/** site ∈ group: one `membership` item, `site_ids` on the group, `group_ids` on the site. */
const MEMBERSHIP = {
  entity: "membership",
  from: {
    end: EDGES.membership.from.end,
    entity: "group",
    set: "site_ids",
    refuses: { attribute: "type", value: "group3", refusal: group3CannotHoldSites },
  },
  to: { end: EDGES.membership.to.end, entity: "site", set: "group_ids" },
} as const satisfies EdgeDescription;

/**
 * child ∈ parent: one `nesting` item, `child_group_ids` on the parent, `parent_group_ids` on the
 * child, whose `root_key` (the root index, gsi3) says whether it has a parent.
 */
const NESTING = {
  entity: "nesting",
  from: { end: EDGES.nesting.from.end, entity: "group", set: "child_group_ids" },
  to: {
    end: EDGES.nesting.to.end,
    entity: "group",
    set: "parent_group_ids",
    emptiness: { attribute: "root_key", empty: ROOT_GROUP_KEYS.root, nonEmpty: ROOT_GROUP_KEYS.nested },
  },
} as const satisfies EdgeDescription;

/**
 * What a write that takes an id out of an end's set assumes of it, while that end's emptiness is
 * kept (`EdgeEnd.emptiness`): that it takes out the last id (`last`), that others stay (`more`), or
 * nothing, on a tombstone, which is out of every index (`tombstone`). A wrong guess is refused by
 * its condition, and the item as it was tells the next attempt which one holds.
 */
type Removal = "last" | "more" | "tombstone";
/** The removal each end item is known (or guessed) to be, kept across the attempts of one change. */
export type RemovalHints = Map<number, Removal>;

/** The ElectroDB entities, addressed by a name the description holds (typed at this boundary only). */
const entityOf = (entities: WriteEntities, name: string): any => (entities as Record<string, unknown>)[name];
const gone = (old: ItemBefore) => !old || old.deleting === true;

/** What an item that refused a removal of `otherId` from `set` says the removal is. */
function removalOf(old: ItemBefore, set: string, otherId: number): Removal | "absent" {
  if (old?.deleting === true) return "tombstone";
  const ids = [...((old?.[set] as Iterable<number> | undefined) ?? [])];
  if (!ids.includes(otherId)) return "absent";
  return ids.length === 1 ? "last" : "more";
}

/**
 * The steps that keep one end's item in step with its edges. `hints` carries, across the attempts
 * of one change, what the refused removals said of their items (see `Removal`).
 */
function endSteps(end: EdgeEnd, at: string, hints: RemovalHints) {
  const patch = (entities: WriteEntities, holderId: number) =>
    entityOf(entities, end.entity)
      .patch({ id_key: encodeId(holderId) })
      .set({ updated_at: at });
  const { emptiness } = end;
  /** The conditions and key of a removal that keeps the end's emptiness key right. */
  const removal = (holderId: number, otherId: number) => {
    if (!emptiness) return undefined;
    const kind = hints.get(holderId) ?? "last";
    const conditions = (a: any, { notExists, exists, size, escape: literal, contains }: any): string[] => {
      if (kind === "tombstone") return [exists(a.deleting)];
      if (kind === "more") return [`${size(a[end.set])} > ${literal(1)}`];
      return [notExists(a.deleting), `${size(a[end.set])} = ${literal(1)}`, contains(a[end.set], otherId)];
    };
    return { set: kind === "last" ? { [emptiness.attribute]: emptiness.empty } : undefined, conditions };
  };
  return {
    /**
     * The item gains the other end's id, unless it is gone (or refuses new edges); with
     * `version`, only if it is still at that version (a nesting's check read it).
     */
    gains: (holderId: number, otherId: number, onMissing: OnMissing, field = "", version?: number): Step => ({
      write: (entities) =>
        patch(entities, holderId)
          .add({ [end.set]: [otherId], version: 1 })
          .set(emptiness ? { [emptiness.attribute]: emptiness.nonEmpty } : {})
          .where((a: any, { notExists, ne, eq }: any) =>
            [
              notExists(a.deleting),
              ...(end.refuses ? [ne(a[end.refuses.attribute], end.refuses.value)] : []),
              ...(version === undefined ? [] : [eq(a.version, version)]),
            ].join(" AND "),
          )
          .commit({ response: "all_old" }),
      refused: (old): Refusal => {
        if (gone(old)) return onMissing(holderId);
        if (end.refuses && old?.[end.refuses.attribute] === end.refuses.value) {
          return end.refuses.refusal(holderId, field);
        }
        return "retry";
      },
    }),
    /**
     * The item loses the other end's id. With `onMissing` (a link route) it must exist; without
     * (a delete), it may already be a tombstone. With `version`, only at that version.
     */
    loses: (holderId: number, otherId: number, onMissing?: OnMissing, version?: number): Step => ({
      write: (entities) => {
        const kept = removal(holderId, otherId);
        const update = patch(entities, holderId)
          .delete({ [end.set]: [otherId] })
          .add({ version: 1 })
          .set(kept?.set ?? {});
        if (!onMissing && version === undefined && !kept) return update.commit();
        return update
          .where((a: any, operations: any) =>
            [
              ...(onMissing ? [operations.notExists(a.deleting)] : []),
              ...(version === undefined ? [] : [operations.eq(a.version, version)]),
              ...(kept?.conditions(a, operations) ?? []),
            ].join(" AND "),
          )
          .commit({ response: "all_old" });
      },
      refused: (old): Refusal => {
        if (onMissing && gone(old)) return onMissing(holderId);
        if (!emptiness || !old) return "retry";
        const found = removalOf(old, end.set, otherId);
        // the id is not there: this part of the change holds already (the edge's own step says why)
        if (found === "absent") return version === undefined ? "noop" : "retry";
        hints.set(holderId, found);
        return "retry";
      },
    }),
  };
}

/** The steps on the edge item of one kind: `from` and `to` ids in the order of the description. */
function edgeItemSteps(kind: EdgeDescription) {
  const fromId = `${kind.from.end}_id`;
  const key = (from: number, to: number) => ({
    [`${kind.from.end}_key`]: encodeId(from),
    [`${kind.to.end}_key`]: encodeId(to),
  });
  return {
    /** Writes the edge; with "noop", an edge already there makes the whole change a no-op. */
    put: (from: number, to: number, onExisting: "noop" | "overwrite" = "overwrite"): Step => {
      const put = (entities: WriteEntities) =>
        entityOf(entities, kind.entity).put({
          [fromId]: from,
          [`${kind.to.end}_id`]: to,
          ...key(from, to),
        });
      if (onExisting === "overwrite") return { write: (entities) => put(entities).commit() };
      return {
        write: (entities) =>
          put(entities)
            .where((a: any, { notExists }: any) => notExists(a[fromId]))
            .commit(),
        refused: () => "noop",
      };
    },
    /** Deletes the edge; with `onMissing`, an edge that is not there refuses the change. */
    delete: (from: number, to: number, onMissing?: () => DomainError): Step => {
      const del = (entities: WriteEntities) => entityOf(entities, kind.entity).delete(key(from, to));
      if (!onMissing) return { write: (entities) => del(entities).commit() };
      return {
        write: (entities) =>
          del(entities)
            .where((a: any, { exists }: any) => exists(a[fromId]))
            .commit(),
        refused: () => onMissing(),
      };
    },
  };
}

/**
 * The transaction steps that keep both ends of an edge, and the id sets on the items, in step,
 * generated from the description of the two kinds of edge. Every step on an item increments its
 * `version`, which PATCH and DELETE condition on; every step on an item that must exist
 * conditions on it (an update would otherwise create it). A change whose steps are built again on
 * each attempt passes the same `hints` to each.
 */
export function linkSteps(at: string, hints: RemovalHints = new Map()) {
  return {
    membership: {
      ...edgeItemSteps(MEMBERSHIP),
      group: endSteps(MEMBERSHIP.from, at, hints),
      site: endSteps(MEMBERSHIP.to, at, hints),
    },
    nesting: {
      ...edgeItemSteps(NESTING),
      parent: endSteps(NESTING.from, at, hints),
      child: endSteps(NESTING.to, at, hints),
    },
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
