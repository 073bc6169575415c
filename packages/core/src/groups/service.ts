import { deleteWithLinks } from "../db/deletion.ts";
import type { Database } from "../db/entities.ts";
import { encodeId, encodeName, sortKey } from "../db/keys.ts";
import { commitChange, optimistic, type Step, transact } from "../db/transactions.ts";
import { notFound, ServiceUnavailableError } from "../errors.ts";
import { diff, group3CannotHoldSites, groupCycle, linkSteps, unknownReference } from "../links.ts";
import { parseListRequest } from "../lists/parse.ts";
import { buildListQuery, readPage } from "../lists/query.ts";
import type { Page } from "../lists/spec.ts";
import type { Group, GroupValues } from "./group.ts";
import { groupListSpec } from "./list.ts";
import { parseGroupCreate, parseGroupPatch } from "./schema.ts";

export interface GroupServiceOptions {
  db: Database;
  now?: () => Date;
}

type StoredGroup = Omit<Group, "site_ids" | "child_group_ids" | "parent_group_ids"> & {
  site_ids?: number[];
  child_group_ids?: number[];
  parent_group_ids?: number[];
  deleting?: boolean;
};

type Link = { kind: "site" | "child" | "parent"; id: number };

const GRAPH = "nesting";
/**
 * Edge additions serialize on the graph version, so under many simultaneous nestings each one
 * may need several tries (each a few milliseconds): they get more than other writes.
 */
const NESTING_ATTEMPTS = 12;
const ascending = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

function fromItem(item: StoredGroup): Group & { deleting: boolean } {
  return {
    ...item,
    site_ids: ascending(item.site_ids ?? []),
    child_group_ids: ascending(item.child_group_ids ?? []),
    parent_group_ids: ascending(item.parent_group_ids ?? []),
    deleting: item.deleting === true,
  };
}

/** The stored item: sets only when non-empty (DynamoDB has no empty set), plus the list sort keys. */
function toItem(group: Group & { deleting?: boolean }) {
  // `deleting` is only ever written by the tombstone; a put must not store it, even as false
  const { site_ids, child_group_ids, parent_group_ids, deleting: _, ...rest } = group;
  return {
    ...rest,
    ...(site_ids.length > 0 ? { site_ids } : {}),
    ...(child_group_ids.length > 0 ? { child_group_ids } : {}),
    ...(parent_group_ids.length > 0 ? { parent_group_ids } : {}),
    name_lower: encodeName(group.name),
    k_id: encodeId(group.id),
    k_name: sortKey(encodeName(group.name), group.id),
  };
}

export function createGroupService({ db, now = () => new Date() }: GroupServiceOptions) {
  const { group: groups, graph, counter } = db.entities;

  async function read(id: number, consistent = false) {
    const { data } = await groups.get({ k_id: encodeId(id) }).go({ consistent });
    return data ? fromItem(data as unknown as StoredGroup) : undefined;
  }

  async function readLive(id: number, consistent = false): Promise<Group> {
    const group = await read(id, consistent);
    if (!group || group.deleting) throw notFound(`group ${id}`);
    return group;
  }

  async function nextId(): Promise<number> {
    const { data } = await counter.update({ name: "group" }).add({ value: 1 }).go({ response: "all_new" });
    if (data.value === undefined) throw new Error("the group counter returned no value");
    return data.value;
  }

  /**
   * Strongly consistent reads of many groups. DynamoDB answers a partly throttled BatchGetItem
   * with unprocessed keys rather than an error: they are asked again, then it is a 503.
   */
  async function readMany(ids: number[]): Promise<(Group & { deleting: boolean })[]> {
    const found: StoredGroup[] = [];
    let keys = [...new Set(ids)].map((g) => ({ k_id: encodeId(g) }));
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt >= 5) throw new ServiceUnavailableError("the database is throttling reads");
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      }
      const { data, unprocessed } = await groups.get(keys).go({ consistent: true });
      found.push(...(data as unknown as StoredGroup[]));
      keys = unprocessed as typeof keys;
    }
    return found.map(fromItem);
  }

  /**
   * The groups that contain `id` directly or not, read after the nesting graph's version: a
   * write that adds an edge conditions on that version, so it commits only if no edge was added
   * since this walk began (see README: "No cycles"). `alsoRead` groups come in the first batch.
   */
  async function ancestry(id: number, alsoRead: number[] = []) {
    const version = await readGraphVersion();
    const read = new Map<number, Group & { deleting: boolean }>();
    const ancestors = new Set<number>();
    let frontier = [id, ...alsoRead];
    while (frontier.length > 0) {
      const found = await readMany(frontier);
      const next: number[] = [];
      for (const item of found) {
        read.set(item.id, item);
        if (item.id !== id && !ancestors.has(item.id)) continue; // an alsoRead group: not on the walk
        for (const parent of item.parent_group_ids) {
          if (!ancestors.has(parent)) {
            ancestors.add(parent);
            next.push(parent);
          }
        }
      }
      frontier = next;
    }
    const live = (g: number) => {
      const group = read.get(g);
      if (!group || group.deleting) throw notFound(`group ${g}`);
      return group;
    };
    return { version, ancestors, live };
  }

  async function readGraphVersion(): Promise<number> {
    const { data } = await graph.get({ name: GRAPH }).go({ consistent: true });
    return data?.version ?? 0;
  }

  /** The step that serializes edge additions: the graph version is still the one walked. */
  function graphStep(version: number): Step {
    return {
      commit: (tx) =>
        tx.graph
          .update({ name: GRAPH })
          .add({ version: 1 })
          .where((a, { eq, notExists }) => (version === 0 ? notExists(a.version) : eq(a.version, version)))
          .commit(),
      refused: () => "retry",
    };
  }

  const unknownSite = (field: string) => (id: number) => unknownReference(field, [id], "site");
  const unknownGroup = (field: string) => (id: number) => unknownReference(field, [id], "group");
  const biggest = (values: GroupValues) =>
    values.site_ids.length >= values.child_group_ids.length ? "site_ids" : "child_group_ids";

  return {
    async create(body: unknown): Promise<Group> {
      const values = parseGroupCreate(body);
      if (values.type === "group3" && values.site_ids.length > 0) {
        throw group3CannotHoldSites(undefined, "site_ids");
      }
      const id = await nextId();
      const at = now().toISOString();
      const group: Group = { ...values, id, parent_group_ids: [], version: 1, created_at: at, updated_at: at };
      const links = linkSteps(at);
      // A new group has no parent, so its children cannot close a cycle now. But once it exists a
      // nesting under one of its children may walk the graph while this commits (a BatchGetItem is
      // not isolated from a transaction), so new edges take the graph version like any addition.
      const nests = values.child_group_ids.length > 0;
      const steps: Step[] = [
        { commit: (tx) => tx.group.create(toItem(group)).commit() },
        ...values.site_ids.flatMap((s) => [
          links.membershipPut(id, s),
          links.siteGainsGroup(s, id, unknownSite("site_ids")),
        ]),
        ...values.child_group_ids.flatMap((c) => [
          links.nestingPut(id, c),
          links.childGainsParent(c, id, unknownGroup("child_group_ids")),
        ]),
      ];
      await optimistic(
        `group ${id}`,
        async () => {
          const all = nests ? [graphStep(await readGraphVersion()), ...steps] : steps;
          return transact(db, all, biggest(values));
        },
        nests ? NESTING_ATTEMPTS : undefined,
      );
      return group;
    },

    get: (id: number): Promise<Group> => readLive(id),

    async update(id: number, body: unknown): Promise<Group> {
      const patch = parseGroupPatch(body);
      const nests = (patch.child_group_ids?.length ?? 0) > 0;
      return optimistic(
        `group ${id}`,
        async () => {
          const current = await readLive(id, true);
          if (patch.child_group_ids?.includes(id)) throw groupCycle(id, id, "child_group_ids");
          const values: GroupValues = {
            name: patch.name ?? current.name,
            type: patch.type ?? current.type,
            site_ids: patch.site_ids ?? current.site_ids,
            child_group_ids: patch.child_group_ids ?? current.child_group_ids,
          };
          if (values.type === "group3" && values.site_ids.length > 0) {
            throw group3CannotHoldSites(id, patch.site_ids ? "site_ids" : "type");
          }
          const sites = diff(current.site_ids, values.site_ids);
          const children = diff(current.child_group_ids, values.child_group_ids);
          const unchanged =
            values.name === current.name &&
            values.type === current.type &&
            sites.added.length + sites.removed.length + children.added.length + children.removed.length === 0;
          if (unchanged) return current;

          const steps: Step[] = [];
          if (children.added.length > 0) {
            const { version, ancestors } = await ancestry(id);
            const cyclic = children.added.find((c) => ancestors.has(c));
            if (cyclic !== undefined) throw groupCycle(id, cyclic, "child_group_ids");
            steps.push(graphStep(version));
          }
          const at = now().toISOString();
          const next: Group = {
            ...current,
            ...values,
            site_ids: ascending(values.site_ids),
            child_group_ids: ascending(values.child_group_ids),
            version: current.version + 1,
            updated_at: at,
          };
          const links = linkSteps(at);
          steps.push(
            {
              commit: (tx) =>
                tx.group
                  .put(toItem(next))
                  .where((a, { eq }) => eq(a.version, current.version))
                  .commit(),
              refused: () => "retry",
            },
            ...sites.added.flatMap((s) => [
              links.membershipPut(id, s),
              links.siteGainsGroup(s, id, unknownSite("site_ids")),
            ]),
            ...sites.removed.flatMap((s) => [links.membershipDelete(id, s), links.siteLosesGroup(s, id)]),
            ...children.added.flatMap((c) => [
              links.nestingPut(id, c),
              links.childGainsParent(c, id, unknownGroup("child_group_ids")),
            ]),
            ...children.removed.flatMap((c) => [links.nestingDelete(id, c), links.childLosesParent(c, id)]),
          );
          const field =
            sites.added.length + sites.removed.length >= children.added.length ? "site_ids" : "child_group_ids";
          const result = await commitChange(
            db,
            steps,
            () =>
              groups
                .put(toItem(next))
                .where((a, { eq }) => eq(a.version, current.version))
                .go(),
            field,
          );
          return result === "retry" ? "retry" : next;
        },
        nests ? NESTING_ATTEMPTS : undefined,
      );
    },

    async remove(id: number): Promise<void> {
      const at = now().toISOString();
      const links = linkSteps(at);
      const found = await deleteWithLinks<Link>(db, {
        what: `group ${id}`,
        read: async () => {
          const group = await read(id, true);
          if (!group) return undefined;
          return {
            deleting: group.deleting,
            version: group.version,
            links: [
              ...group.site_ids.map((s) => ({ kind: "site" as const, id: s })),
              ...group.child_group_ids.map((c) => ({ kind: "child" as const, id: c })),
              ...group.parent_group_ids.map((p) => ({ kind: "parent" as const, id: p })),
            ],
          };
        },
        key: () => groups.get({ k_id: encodeId(id) }).params().Key,
        indexes: ["gsi1", "gsi2"],
        unlink: (link) => {
          if (link.kind === "site") return [links.membershipDelete(id, link.id), links.siteLosesGroup(link.id, id)];
          if (link.kind === "child") return [links.nestingDelete(id, link.id), links.childLosesParent(link.id, id)];
          return [links.nestingDelete(link.id, id), links.parentLosesChild(link.id, id)];
        },
        forget: (done) => {
          const ids = (kind: Link["kind"]) => done.filter((l) => l.kind === kind).map((l) => l.id);
          const sets = {
            site_ids: ids("site"),
            child_group_ids: ids("child"),
            parent_group_ids: ids("parent"),
          };
          const nonEmpty = Object.fromEntries(Object.entries(sets).filter(([, v]) => v.length > 0));
          return {
            commit: (tx) =>
              tx.group
                .patch({ k_id: encodeId(id) })
                .delete(nonEmpty)
                .where((a, { exists }) => exists(a.deleting))
                .commit(),
            refused: () => "retry",
          };
        },
        finish: (version) => [
          {
            commit: (tx) =>
              tx.group
                .delete({ k_id: encodeId(id) })
                .where((a, { eq, exists }) => (version === undefined ? exists(a.deleting) : eq(a.version, version)))
                .commit(),
            refused: () => "retry",
          },
        ],
      });
      if (!found) throw notFound(`group ${id}`);
    },

    async list(query: Record<string, string | undefined>, repeated: readonly string[] = []): Promise<Page<Group>> {
      const request = parseListRequest(groupListSpec, query, repeated);
      const page = await readPage(db.client, buildListQuery(groupListSpec, request, db.table), request);
      const { data } = groups.parse({ Items: page.items });
      return {
        items: (data as unknown as StoredGroup[]).map((item) => {
          const { deleting: _, ...group } = fromItem(item);
          return group;
        }),
        next_cursor: page.next_cursor,
      };
    },

    /** PUT /groups/{id}/sites/{site_id}: idempotent. */
    async addSite(groupId: number, siteId: number): Promise<void> {
      const links = linkSteps(now().toISOString());
      const steps = [
        links.membershipPut(groupId, siteId, "noop"),
        links.groupGainsSite(groupId, siteId, (g) => notFound(`group ${g}`), "id"),
        links.siteGainsGroup(siteId, groupId, (s) => notFound(`site ${s}`)),
      ];
      await optimistic(`group ${groupId}`, () => transact(db, steps));
    },

    /** DELETE /groups/{id}/sites/{site_id}: 404 unless the site is in the group. */
    async removeSite(groupId: number, siteId: number): Promise<void> {
      const links = linkSteps(now().toISOString());
      const steps = [
        links.membershipDelete(groupId, siteId, () => notFound(`site ${siteId} in group ${groupId}`)),
        links.groupLosesSite(groupId, siteId, (g) => notFound(`group ${g}`)),
        links.siteLosesGroup(siteId, groupId, (s) => notFound(`site ${s}`)),
      ];
      await optimistic(`group ${groupId}`, () => transact(db, steps));
    },

    /** PUT /groups/{id}/groups/{child_id}: idempotent; 422 GROUP_CYCLE if the child contains the parent. */
    async addChild(parentId: number, childId: number): Promise<void> {
      await optimistic(
        `group ${parentId}`,
        async () => {
          const { version, ancestors, live } = await ancestry(parentId, [childId]);
          if (live(parentId).child_group_ids.includes(childId)) return "noop";
          live(childId);
          if (parentId === childId || ancestors.has(childId)) throw groupCycle(parentId, childId, "child_id");
          const links = linkSteps(now().toISOString());
          return transact(db, [
            graphStep(version),
            links.nestingPut(parentId, childId),
            links.parentGainsChild(parentId, childId, (g) => notFound(`group ${g}`)),
            links.childGainsParent(childId, parentId, (g) => notFound(`group ${g}`)),
          ]);
        },
        NESTING_ATTEMPTS,
      );
    },

    /** DELETE /groups/{id}/groups/{child_id}: 404 unless the child is nested there. */
    async removeChild(parentId: number, childId: number): Promise<void> {
      // never nested in itself (and one transaction cannot touch one item twice)
      if (parentId === childId) throw notFound(`group ${childId} in group ${parentId}`);
      const links = linkSteps(now().toISOString());
      const steps = [
        links.nestingDelete(parentId, childId, () => notFound(`group ${childId} in group ${parentId}`)),
        links.parentLosesChild(parentId, childId, (g) => notFound(`group ${g}`)),
        links.childLosesParent(childId, parentId, (g) => notFound(`group ${g}`)),
      ];
      await optimistic(`group ${parentId}`, () => transact(db, steps));
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
