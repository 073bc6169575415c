/**
 * `GET /groups/{id}/tree?depth=N` (API.md "The hierarchy"): the group and what is nested below it,
 * read from the group items themselves (strongly consistent, one BatchGetItem per level and 100
 * groups), breadth-first with each group's children in ascending id order. A group reached by
 * several paths is expanded where it is first reached, so nearest the root, and is `repeated`
 * elsewhere; depth counts the levels shown below the group (a group at the last level has no
 * `children`); at most 1,000 nodes, after which a group that would add its children is
 * `truncated`. `sites_below` comes from the maintained summaries (one BatchGetItem per 100 groups).
 */
import type { Database } from "../db/entities.ts";
import { type FieldError, notFound, validationFailed } from "../errors/domain.ts";
import { GroupReads } from "../rollups/graph.ts";
import { readSummaries } from "../rollups/store.ts";
import { summaryAttribute, summaryNumbers } from "../rollups/totals.ts";
import { queryProblems } from "../validation/fields.ts";
import { MAX_NESTING_DEPTH } from "./ancestry.ts";
import type { GroupRecord } from "./store.ts";

export const MAX_TREE_NODES = 1000;

export interface TreeNode {
  id: number;
  name: string;
  type: string;
  repeated?: true;
  site_count?: number;
  sites_below?: number;
  truncated?: true;
  children?: TreeNode[];
}

const DEPTH = /^[1-9]\d*$/;

/** The query of `GET /groups/{id}/tree`: `depth`, 1–16 (default 16), and nothing else. */
export function parseTreeQuery(query: Record<string, string | undefined>, repeated: readonly string[] = []): number {
  const errors: FieldError[] = queryProblems(query, repeated, ["depth"]);
  const raw = query.depth;
  if (raw !== undefined && (!DEPTH.test(raw) || Number(raw) > MAX_NESTING_DEPTH)) {
    errors.push({ path: "depth", message: `must be an integer from 1 to ${MAX_NESTING_DEPTH}` });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return raw === undefined ? MAX_NESTING_DEPTH : Number(raw);
}

const nodeOf = (group: GroupRecord): TreeNode => ({
  id: group.id,
  name: group.name,
  type: group.type,
  site_count: group.site_ids.length,
  sites_below: 0,
});

export async function readTree(db: Database, id: number, depth: number): Promise<TreeNode> {
  const reads = new GroupReads(db);
  await reads.fetch([id]);
  const top = reads.live(id);
  if (!top) throw notFound(`group ${id}`);
  const root = nodeOf(top);
  const shown = new Map<number, TreeNode>([[id, root]]);
  let count = 1;
  let budgetSpent = false;
  let level: TreeNode[] = [root];
  for (let d = 0; d < depth && level.length > 0; d++) {
    await reads.fetch(level.flatMap((node) => reads.live(node.id)?.child_group_ids ?? []));
    const next: TreeNode[] = [];
    for (const node of level) {
      const children = [...(reads.live(node.id)?.child_group_ids ?? [])]
        .map((child) => reads.live(child))
        .filter((child): child is GroupRecord => child !== undefined)
        .sort((a, b) => a.id - b.id);
      if (children.length > 0 && (budgetSpent || count + children.length > MAX_TREE_NODES)) {
        budgetSpent = true;
        node.truncated = true;
        continue;
      }
      count += children.length;
      node.children = children.map((child) => {
        if (shown.has(child.id)) return { id: child.id, name: child.name, type: child.type, repeated: true };
        const fresh = nodeOf(child);
        shown.set(child.id, fresh);
        next.push(fresh);
        return fresh;
      });
    }
    level = next;
  }
  const summaries = await readSummaries(db, [...shown.keys()]);
  for (const [group, node] of shown) {
    node.sites_below = Number(summaryNumbers(summaries.get(group)).get(summaryAttribute.count("*")) ?? 0n);
  }
  return root;
}
