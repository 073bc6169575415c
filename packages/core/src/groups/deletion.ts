import type { LinkedDeletion } from "../db/deletion.ts";
import type { Database } from "../db/entities.ts";
import { listIndexNames, ROOT_INDEX } from "../db/keys.ts";
import type { LinkSteps } from "../records/edges.ts";
import { recordSteps } from "../records/record.ts";
import { readGroup } from "./store.ts";

type Link = { kind: "site" | "child" | "parent"; id: number };

/** What deleting group `id` removes: its sites, its children and its parents, at both ends. */
export function groupDeletion(db: Database, id: number, links: LinkSteps): LinkedDeletion<Link> {
  const record = recordSteps("group", id);
  return {
    what: `group ${id}`,
    read: async () => {
      const group = await readGroup(db, id, true);
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
    key: () => record.key(db),
    indexes: [...listIndexNames("group"), ROOT_INDEX],
    unlink: (link) => {
      if (link.kind === "site") return [links.membership.delete(id, link.id), links.membership.site.loses(link.id, id)];
      if (link.kind === "child") return [links.nesting.delete(id, link.id), links.nesting.child.loses(link.id, id)];
      return [links.nesting.delete(link.id, id), links.nesting.parent.loses(link.id, id)];
    },
    forget: (done) => {
      const ids = (kind: Link["kind"]) => done.filter((l) => l.kind === kind).map((l) => l.id);
      return record.forget({ site_ids: ids("site"), child_group_ids: ids("child"), parent_group_ids: ids("parent") });
    },
    finish: (version) => [record.remove(version)],
  };
}
