import type { Database } from "../db/entities.ts";
import { optimistic, type Step, transact } from "../db/transactions.ts";
import { notFound } from "../errors/domain.ts";
import { linkSteps } from "../records/edges.ts";
import { checkNesting, NESTING_ATTEMPTS } from "./ancestry.ts";

const noGroup = (g: number) => notFound(`group ${g}`);
const noSite = (s: number) => notFound(`site ${s}`);

/** The link routes of a group: one edge, written at both ends in one transaction. */
export function createGroupLinks({ db, now }: { db: Database; now: () => Date }) {
  const links = () => linkSteps(now().toISOString());
  /** Commits one link write of the group, read again while the items change under it. */
  const commit = async (groupId: number, steps: Step[]) => {
    await optimistic(`group ${groupId}`, () => transact(db, steps));
  };
  return {
    /** PUT /groups/{id}/sites/{site_id}: idempotent. */
    async addSite(groupId: number, siteId: number): Promise<void> {
      const { membership } = links();
      await commit(groupId, [
        membership.put(groupId, siteId, "noop"),
        membership.group.gains(groupId, siteId, noGroup, "id"),
        membership.site.gains(siteId, groupId, noSite),
      ]);
    },

    /** DELETE /groups/{id}/sites/{site_id}: 404 unless the site is in the group. */
    async removeSite(groupId: number, siteId: number): Promise<void> {
      const { membership } = links();
      await commit(groupId, [
        membership.delete(groupId, siteId, () => notFound(`site ${siteId} in group ${groupId}`)),
        membership.group.loses(groupId, siteId, noGroup),
        membership.site.loses(siteId, groupId, noSite),
      ]);
    },

    /**
     * PUT /groups/{id}/groups/{child_id}: idempotent; 422 GROUP_CYCLE if the child contains the
     * parent, 422 NESTING_TOO_DEEP if a chain through the edge would be too long. One transaction:
     * the edge, both ends at the versions the check read, and a version check on every other
     * group the check read (see ancestry.ts).
     */
    async addChild(parentId: number, childId: number): Promise<void> {
      const attempt = async () => {
        const check = await checkNesting(db, { parent: parentId, children: [childId], field: "child_id" });
        if (check.existing(parentId).child_group_ids.includes(childId)) return "noop";
        check.existing(childId);
        check.verify();
        const { nesting } = links();
        const version = (g: number) => check.versions.get(g);
        return transact(db, [
          nesting.put(parentId, childId),
          nesting.parent.gains(parentId, childId, noGroup, "", version(parentId)),
          nesting.child.gains(childId, parentId, noGroup, "", version(childId)),
          ...check.guards(new Set([parentId, childId])),
        ]);
      };
      await optimistic(`group ${parentId}`, attempt, NESTING_ATTEMPTS);
    },

    /** DELETE /groups/{id}/groups/{child_id}: 404 unless the child is nested there. */
    async removeChild(parentId: number, childId: number): Promise<void> {
      // never nested in itself (and one transaction cannot touch one item twice)
      if (parentId === childId) throw notFound(`group ${childId} in group ${parentId}`);
      const { nesting } = links();
      await commit(parentId, [
        nesting.delete(parentId, childId, () => notFound(`group ${childId} in group ${parentId}`)),
        nesting.parent.loses(parentId, childId, noGroup),
        nesting.child.loses(childId, parentId, noGroup),
      ]);
    },
  };
}
