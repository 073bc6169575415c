import { deleteWithLinks } from "../db/deletion.ts";
import type { Database } from "../db/entities.ts";
import { commitChange, optimistic, type Recorded, type Step, transact } from "../db/transactions.ts";
import { group3CannotHoldSites, groupCycle, groupHoldsSites, unknownReference } from "../errors/refusals.ts";
import type { Cursors } from "../lists/cursor.ts";
import { parseListRequest } from "../lists/parse.ts";
import { readList } from "../lists/plan.ts";
import type { Page } from "../lists/spec.ts";
import { diff, linkSteps, type RemovalHints } from "../records/edges.ts";
import type { IfMatch } from "../records/preconditions.ts";
import { nextId, recordSteps } from "../records/record.ts";
import { checkNesting, NESTING_ATTEMPTS, type NestingCheck } from "./ancestry.ts";
import { groupDeletion } from "./deletion.ts";
import type { Group, GroupValues } from "./group.ts";
import { createGroupLinks } from "./links.ts";
import { groupListSpec } from "./list.ts";
import { parseGroupCreate, parseGroupPatch } from "./schema.ts";
import { ascending, groupsOfPage, readExistingGroup, toItem } from "./store.ts";

export interface GroupServiceOptions {
  db: Database;
  /** Seals and opens list cursors with the stage\'s secret. */
  cursors: Cursors;
  now?: () => Date;
}

const unknownSite = (field: string) => (id: number) => unknownReference(field, [id], "site");
const unknownGroup = (field: string) => (id: number) => unknownReference(field, [id], "group");

/** The field named by a TOO_MANY_CHANGES: the id set with the most changes. */
const fieldWithMostChanges = (sites: number, children: number) => (sites >= children ? "site_ids" : "child_group_ids");

/** The refusal of a group3 holding sites, naming what the PATCH asked for. */
function group3Refusal(current: Group, patch: Partial<GroupValues>) {
  if (!patch.site_ids) return groupHoldsSites(current.id);
  return group3CannotHoldSites(current.type === "group3" ? current.id : undefined, "site_ids");
}

export function createGroupService({ db, cursors, now = () => new Date() }: GroupServiceOptions) {
  return {
    /** With `recorded`, as for sites: the key's record commits in the group's transaction. */
    async create(body: unknown, recorded?: Recorded<Group>): Promise<Group> {
      const values = parseGroupCreate(body);
      if (values.type === "group3" && values.site_ids.length > 0) {
        throw group3CannotHoldSites(undefined, "site_ids");
      }
      const id = await nextId(db, "group");
      const at = now().toISOString();
      const group: Group = { ...values, id, parent_group_ids: [], version: 1, created_at: at, updated_at: at };
      const links = linkSteps(at);
      const nests = values.child_group_ids.length > 0;
      const field = fieldWithMostChanges(values.site_ids.length, values.child_group_ids.length);
      // A new group has no parent, so its children cannot close a cycle; but the chains below
      // them bound the depth, and the transaction conditions on the groups that check read.
      const attempt = async () => {
        const check = nests
          ? await checkNesting(db, { children: values.child_group_ids, field: "child_group_ids" })
          : undefined;
        check?.verify();
        const steps: Step[] = [
          ...(recorded ? [recorded(group)] : []),
          recordSteps("group", id).create(toItem(group)),
          ...values.site_ids.flatMap((s) => [
            links.membership.put(id, s),
            links.membership.site.gains(s, id, unknownSite("site_ids")),
          ]),
          ...values.child_group_ids.flatMap((c) => [
            links.nesting.put(id, c),
            links.nesting.child.gains(c, id, unknownGroup("child_group_ids"), "", check?.versions.get(c)),
          ]),
          ...(check?.guards(new Set(values.child_group_ids)) ?? []),
        ];
        return transact(db, steps, field);
      };
      await optimistic(`group ${id}`, attempt, nests ? NESTING_ATTEMPTS : undefined);
      return group;
    },

    get: (id: number): Promise<Group> => readExistingGroup(db, id),

    /** With `ifMatch`, a group at another version is a 412 and nothing is written. */
    async update(id: number, body: unknown, ifMatch?: IfMatch): Promise<Group> {
      const patch = parseGroupPatch(body);
      const nests = (patch.child_group_ids?.length ?? 0) > 0;
      // what the refused attempts said of the children losing this parent (records/edges.ts)
      const hints: RemovalHints = new Map();
      const attempt = async () => {
        const current = await readExistingGroup(db, id, true, ifMatch);
        if (patch.child_group_ids?.includes(id)) throw groupCycle(id, id, "child_group_ids");
        const values: GroupValues = {
          name: patch.name ?? current.name,
          type: patch.type ?? current.type,
          site_ids: patch.site_ids ?? current.site_ids,
          child_group_ids: patch.child_group_ids ?? current.child_group_ids,
        };
        if (values.type === "group3" && values.site_ids.length > 0) throw group3Refusal(current, patch);
        const sites = diff(current.site_ids, values.site_ids);
        const children = diff(current.child_group_ids, values.child_group_ids);
        const unchanged =
          values.name === current.name &&
          values.type === current.type &&
          sites.added.length + sites.removed.length + children.added.length + children.removed.length === 0;
        if (unchanged) return current;

        let check: NestingCheck | undefined;
        if (children.added.length > 0) {
          check = await checkNesting(db, { parent: id, children: children.added, field: "child_group_ids" });
          check.verify();
        }
        const seen = (g: number) => check?.versions.get(g);
        const at = now().toISOString();
        const next: Group = {
          ...current,
          ...values,
          site_ids: ascending(values.site_ids),
          child_group_ids: ascending(values.child_group_ids),
          version: current.version + 1,
          updated_at: at,
        };
        const links = linkSteps(at, hints);
        const steps: Step[] = [
          recordSteps("group", id).replace(toItem(next), current.version),
          ...sites.added.flatMap((s) => [
            links.membership.put(id, s),
            links.membership.site.gains(s, id, unknownSite("site_ids")),
          ]),
          ...sites.removed.flatMap((s) => [links.membership.delete(id, s), links.membership.site.loses(s, id)]),
          ...children.added.flatMap((c) => [
            links.nesting.put(id, c),
            links.nesting.child.gains(c, id, unknownGroup("child_group_ids"), "", seen(c)),
          ]),
          ...children.removed.flatMap((c) => [
            links.nesting.delete(id, c),
            links.nesting.child.loses(c, id, undefined, seen(c)),
          ]),
          ...(check?.guards(new Set([id, ...children.added, ...children.removed])) ?? []),
        ];
        const field = fieldWithMostChanges(sites.added.length + sites.removed.length, children.added.length);
        const result = await commitChange(db, steps, field);
        return result === "retry" ? "retry" : next;
      };
      return optimistic(`group ${id}`, attempt, nests ? NESTING_ATTEMPTS : undefined);
    },

    /** With `ifMatch`, a group at another version is a 412 and nothing is deleted. */
    async remove(id: number, ifMatch?: IfMatch): Promise<void> {
      await deleteWithLinks(db, groupDeletion(db, id, linkSteps(now().toISOString())), ifMatch);
    },

    async list(query: Record<string, string | undefined>, repeated: readonly string[] = []): Promise<Page<Group>> {
      const request = parseListRequest(groupListSpec, query, repeated);
      const page = await readList(db, cursors, groupListSpec, request);
      return { items: groupsOfPage(db, page.items), next_cursor: page.next_cursor };
    },

    ...createGroupLinks({ db, now }),
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
