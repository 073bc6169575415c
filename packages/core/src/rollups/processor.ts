/**
 * The rollups processor (docs/design.md, "The hierarchy"): a batch of the table's stream records
 * becomes recomputes of the items whose place in the hierarchy the records may have moved. Which
 * records do is read from the change each makes (events/changes.ts), so that every `as_of` names
 * an event `GET /events` lists:
 * - `site.created`, `site.deleted`, a `site.updated` of a totalled field or the installation date,
 *   `group.site_added`, `group.site_removed`: that site;
 * - `group.child_added`, `group.child_removed`: the child and everything below it;
 * - `group.deleted`: the group and everything that was below it (from its last representation).
 * Nothing a record carries is applied: every recompute reads the present, so the records' order
 * across items, their repetition and concurrent batches do not change the outcome.
 */
import type { CountryRegistry } from "../countries/registry.ts";
import type { Database } from "../db/entities.ts";
import type { ChangeReader, ChangeRecord } from "../events/changes.ts";
import type { Change } from "../events/event.ts";
import type { BatchFailure } from "../events/processor.ts";
import { eventIdOf } from "../events/store.ts";
import { GroupReads, walkDown } from "./graph.ts";
import { createRecomputer, emptyStats, type RecomputeStats, type Target } from "./recompute.ts";
import type { Origin } from "./store.ts";
import { totalledFields } from "./totals.ts";

export { HIERARCHY_FRESHNESS, LARGE_CHANGE_PAIRS_PER_SECOND } from "./freshness.ts";

export interface RollupsDependencies {
  db: Database;
  registry: CountryRegistry;
  reader: ChangeReader;
  now?: () => Date;
  /** Told of the record that fails, with why (the handler logs it). */
  onFailure?: (record: ChangeRecord, error: unknown) => void;
}

/** Where to look for the items a change may have moved: sites as they are, groups and all below them. */
interface Moved {
  sites: number[];
  groups: number[];
}

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v) => typeof v === "number") : []);

/** The items a change may have moved (nothing for a rename, a type change, a group's creation). */
function movedBy(registry: CountryRegistry, change: Change): Moved {
  const data = change.data;
  switch (change.type) {
    case "site.created":
    case "site.deleted":
      return { sites: [data.id as number], groups: [] };
    case "site.updated": {
      const moving = new Set([...totalledFields(registry, String(data.country)), "installation_date"]);
      const changed = (data.changed as string[] | undefined) ?? [];
      return { sites: changed.some((f) => moving.has(f)) ? [data.id as number] : [], groups: [] };
    }
    case "group.site_added":
    case "group.site_removed":
      return { sites: [data.site_id as number], groups: [] };
    case "group.child_added":
    case "group.child_removed":
      return { sites: [], groups: [data.child_group_id as number] };
    case "group.deleted":
      return { sites: ids(data.site_ids), groups: [data.id as number, ...ids(data.child_group_ids)] };
    default:
      return { sites: [], groups: [] };
  }
}

/** The records' recomputes, in order, up to the first record that cannot be read. */
async function targetsOf(
  records: readonly ChangeRecord[],
  { db, registry, reader }: RollupsDependencies,
): Promise<{ targets: Target[]; unreadable?: { record: ChangeRecord; error: unknown } }> {
  const targets: Target[] = [];
  const reads = new GroupReads(db);
  for (const [order, record] of records.entries()) {
    let change: Change | undefined;
    try {
      change = reader.changeOf(record);
      if (change && !record.eventID) throw new Error("the record has no eventID");
    } catch (error) {
      return { targets, unreadable: { record, error } };
    }
    if (!change) continue;
    const origin: Origin = { eventId: eventIdOf(record.eventID as string), order };
    const moved = movedBy(registry, change);
    const below = moved.groups.length > 0 ? await walkDown(reads, { groups: moved.groups }) : undefined;
    for (const id of [...moved.sites, ...(below?.sites ?? [])]) targets.push({ kind: "site", id, origin });
    for (const id of below?.groups ?? []) targets.push({ kind: "group", id, origin });
  }
  return { targets };
}

/**
 * Handles a batch: the items its records may have moved are recomputed. The answer names a
 * record to redeliver from (`batchItemFailures`, at most one): the first unreadable record, or the
 * batch's first record when a recompute failed (all of it is then handled again, which is safe).
 */
export async function maintainRollups(
  records: readonly ChangeRecord[],
  dependencies: RollupsDependencies,
): Promise<{ batchItemFailures: BatchFailure[]; stats: RecomputeStats }> {
  const { db, registry, now = () => new Date(), onFailure } = dependencies;
  const stats = emptyStats();
  let failed: ChangeRecord | undefined;
  try {
    const { targets, unreadable } = await targetsOf(records, dependencies);
    if (unreadable) {
      onFailure?.(unreadable.record, unreadable.error);
      failed = unreadable.record;
    }
    await createRecomputer({ db, registry, now }).recompute(targets, stats);
  } catch (error) {
    failed = records[0];
    if (failed) onFailure?.(failed, error);
  }
  const sequence = failed?.dynamodb?.SequenceNumber;
  if (failed && !sequence) throw new Error("a record failed and has no sequence number to report");
  return { batchItemFailures: sequence ? [{ itemIdentifier: sequence }] : [], stats };
}
