import type { Database } from "../db/entities.ts";
import type { Step } from "../db/transactions.ts";
import { notFound } from "../errors.ts";
import { type GroupRecord, readGroups } from "./store.ts";

/** The name of the one graph item (see db/entities.ts, `graph`). */
const GRAPH = "nesting";

/**
 * Edge additions serialize on the graph version, so under many simultaneous nestings each one
 * may need several tries (each a few milliseconds): they get more than other writes.
 */
export const NESTING_ATTEMPTS = 12;

export async function readGraphVersion(db: Database): Promise<number> {
  const { data } = await db.entities.graph.get({ name: GRAPH }).go({ consistent: true });
  return data?.version ?? 0;
}

/** The step that serializes edge additions: the graph version is still the one walked. */
export function graphStep(version: number): Step {
  return {
    write: (entities) =>
      entities.graph
        .update({ name: GRAPH })
        .add({ version: 1 })
        .where((a, { eq, notExists }) => (version === 0 ? notExists(a.version) : eq(a.version, version)))
        .commit(),
    refused: () => "retry",
  };
}

/**
 * The groups that contain `id` directly or not, read after the nesting graph's version: a
 * write that adds an edge conditions on that version, so it commits only if no edge was added
 * since this walk began (see README: "No cycles"). `alsoRead` groups come in the
 * first batch; `existing(g)` is any group read, or a 404 if it is missing or being deleted.
 */
export async function ancestry(db: Database, id: number, alsoRead: number[] = []) {
  const version = await readGraphVersion(db);
  const read = new Map<number, GroupRecord>();
  const ancestors = new Set<number>();
  let frontier = [id, ...alsoRead];
  while (frontier.length > 0) {
    const found = await readGroups(db, frontier);
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
  const existing = (g: number) => {
    const group = read.get(g);
    if (!group || group.deleting) throw notFound(`group ${g}`);
    return group;
  };
  return { version, ancestors, existing };
}
