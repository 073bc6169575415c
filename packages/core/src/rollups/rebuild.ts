/**
 * The rollups' rebuild (`pnpm rollups:rebuild`, docs/operations.md): the maintained items
 * compared with the ones computed from scratch from every site, group and link (scratch.ts), each
 * difference reported (`check`, which writes nothing), and repaired (`rebuild`), safely while
 * writes and the rollups processor go on:
 *
 * 0. a group not in the root index partition its parents say (written before the index existed)
 *    is put there, conditioned on its version (any write of its parents keeps it right after);
 * 1. a ledger that does not name exactly the item's below items is rewritten to name them,
 *    conditioned on its version (what the summaries hold of the item is then set right in 3);
 * 2. every item that differs is recomputed, as the processor recomputes it (recompute.ts: its
 *    ledger's version guards it against a concurrent recompute);
 * 3. a summary that still differs is rebuilt from what the ledgers of its group's below items say
 *    they applied, under a short lease (`frozen_until`) that makes every recompute touching the
 *    summary wait: no below item of the group or ledger applied there changes while it is read,
 *    and the new summary is written only if the lease is still its own.
 * Differences left after a repair come from writes still being folded in: checking again after a
 * few seconds tells them from real ones.
 */
import type { CountryRegistry } from "../countries/registry.ts";
import { batchGetItems, queryPage, type StartKey, scanTable, writeAlone } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { encodeId, ROOT_GROUP_KEYS } from "../db/keys.ts";
import { rollupsTableDefinition, tableDefinition } from "../db/table.ts";
import { OPTIMISTIC_ATTEMPTS } from "../db/transactions.ts";
import { fromItem as groupFromItem, readGroup } from "../groups/store.ts";
import { type StoredSite, fromItem as siteFromItem } from "../sites/store.ts";
import { belowPartition, type Placed, ROLLUP_KEY_PREFIX, rollupKeys } from "./keys.ts";
import { type Ledger, ledgerOf } from "./ledger.ts";
import { createRecomputer, type RecomputeStats, type Target } from "./recompute.ts";
import { rollupsFromScratch, type ScratchRollups } from "./scratch.ts";
import { ledgerKey, ledgerWrite, readLedgers, SUMMARY_FIELDS } from "./store.ts";
import { addDelta, type Delta, deltaOf, sameContribution, summaryAttribute, summaryNumbers } from "./totals.ts";

export interface RollupDifference {
  /** `site 12`, `group 3`. */
  subject: string;
  detail: string;
}

export interface RebuildReport {
  differences: RollupDifference[];
  /** After the repair (rebuild only): what is still different. */
  remaining?: RollupDifference[];
  repaired?: { roots: number; ledgers: number; recomputed: RecomputeStats; summaries: number };
}

/** How long a summary's repair may hold it (ms); recomputes touching it wait meanwhile. */
const LEASE_MS = 10_000;

interface Maintained {
  ledgers: Map<string, Ledger>;
  /** By `kind#id`: the groups its below items name. */
  below: Map<string, Set<number>>;
  summaries: Map<number, Map<string, bigint>>;
}

/** A live group whose item is not in the root index partition its parents say (one written before it existed). */
interface MisplacedRoot {
  id: number;
  version: number;
  key: Record<string, string>;
  expected: string;
  found: unknown;
}

interface State {
  scratch: ScratchRollups;
  maintained: Maintained;
  roots: MisplacedRoot[];
}

const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>) => a.size === b.size && [...a].every((x) => b.has(x));
const listed = (ids: ReadonlySet<number>) => `[${[...ids].sort((a, b) => a - b).join(", ")}]`;
const subjectOf = (key: string) => key.replace("#", " ");
const parseKey = (key: string): { kind: Placed; id: number } => {
  const [kind, id] = key.split("#");
  return { kind: kind as Placed, id: Number(id) };
};

/** The whole table, read once: the live sites and groups, computed from scratch, and the maintained items. */
async function readState(db: Database, registry: CountryRegistry): Promise<State> {
  const [items, maintainedItems] = await Promise.all([
    scanTable(db, db.table, true),
    scanTable(db, db.rollupsTable, true),
  ]);
  const sites = db.entities.site.parse({ Items: items.filter((i) => i.__edb_e__ === "site") })
    .data as unknown as StoredSite[];
  const stored = db.entities.group.parse({ Items: items.filter((i) => i.__edb_e__ === "group") }).data;
  const groups = (stored as unknown as Parameters<typeof groupFromItem>[0][]).map(groupFromItem);
  const scratch = rollupsFromScratch(
    registry,
    sites.filter((s) => !s.deleting).map(siteFromItem),
    groups.filter((g) => !g.deleting),
  );
  const roots = misplacedRoots(db, items);
  const maintained: Maintained = { ledgers: new Map(), below: new Map(), summaries: new Map() };
  const { partitionKey: pk } = rollupsTableDefinition;
  for (const item of maintainedItems) {
    const key = String(item[pk]);
    if (!key.startsWith(ROLLUP_KEY_PREFIX)) continue;
    const [, what, rest] = key.split("#");
    if (what === "below") {
      const x = `${item.kind}#${item.below_id}`;
      maintained.below.set(x, (maintained.below.get(x) ?? new Set()).add(Number(item.above_id)));
    } else if (what === "summary") {
      maintained.summaries.set(Number(rest), summaryNumbers(item));
    } else {
      const ledger = ledgerOf(what as Placed, Number(rest), item);
      maintained.ledgers.set(ledgerKey(ledger.kind, ledger.id), ledger);
    }
  }
  return { scratch, maintained, roots };
}

/** The live groups whose root index keys are not what their parents say. */
function misplacedRoots(db: Database, items: readonly Record<string, unknown>[]): MisplacedRoot[] {
  const index = tableDefinition.indexes.gsi3;
  return items
    .filter((item) => item.__edb_e__ === "group" && item.deleting !== true)
    .flatMap((item) => {
      const parents = [...((item.parent_group_ids as Iterable<number> | undefined) ?? [])];
      const expected = parents.length > 0 ? ROOT_GROUP_KEYS.nested : ROOT_GROUP_KEYS.root;
      const placed = item.root_key === expected && item[index.partitionKey] === expected;
      if (placed && item[index.sortKey] === item.id_key) return [];
      const id = Number(item.id);
      const key = db.entities.group.get({ id_key: encodeId(id) }).params().Key as Record<string, string>;
      return [{ id, version: Number(item.version), key, expected, found: item.root_key }];
    });
}

/**
 * Puts a group in its root index partition, conditioned on the version its parents were read at
 * (never moving its ETag: its representation does not change); a write of the group in between
 * reads it again. False when it is gone, or kept changing.
 */
async function placeRoot(db: Database, misplaced: MisplacedRoot): Promise<boolean> {
  const index = tableDefinition.indexes.gsi3;
  let root = misplaced;
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    const written = await writeAlone(db, {
      Update: {
        TableName: db.table,
        Key: root.key,
        UpdateExpression: "SET #root = :root, #pk = :root, #sk = :id",
        ConditionExpression: "#version = :version",
        ExpressionAttributeNames: {
          "#root": "root_key",
          "#pk": index.partitionKey,
          "#sk": index.sortKey,
          "#version": "version",
        },
        ExpressionAttributeValues: { ":root": root.expected, ":id": encodeId(root.id), ":version": root.version },
      },
    });
    if (written === "done") return true;
    const group = await readGroup(db, root.id, true);
    if (!group || group.deleting) return false;
    const expected = group.parent_group_ids.length > 0 ? ROOT_GROUP_KEYS.nested : ROOT_GROUP_KEYS.root;
    root = { ...root, version: group.version, expected };
  }
  return false;
}

/** The differences of the items' places (ledgers and below items) from scratch, and the items to repair. */
function compareItems({ scratch, maintained }: State) {
  const differences: RollupDifference[] = [];
  const recompute = new Set<string>();
  const reset = new Set<string>();
  const keys = new Set([...scratch.up.keys(), ...maintained.ledgers.keys(), ...maintained.below.keys()]);
  for (const key of keys) {
    const expected = scratch.up.get(key) ?? new Set<number>();
    const ledger = maintained.ledgers.get(key);
    const up = ledger?.up ?? new Set<number>();
    const below = maintained.below.get(key) ?? new Set<number>();
    const subject = subjectOf(key);
    const differ = (detail: string) => {
      differences.push({ subject, detail });
      recompute.add(key);
    };
    if (!sameSet(up, expected)) differ(`its ledger says it is below ${listed(up)}; it is below ${listed(expected)}`);
    if (!sameSet(below, expected)) differ(`its below items name ${listed(below)}; it is below ${listed(expected)}`);
    if (!sameSet(below, up)) reset.add(key);
    if (ledger && ledger.stale.size > 0) differ(`a move of its values is under way in ${listed(ledger.stale)}`);
    const { id } = parseKey(key);
    const contribution = key.startsWith("site#") ? scratch.contributions.get(id) : undefined;
    if (contribution && expected.size > 0 && !sameContribution(ledger?.contrib, contribution)) {
      differ(`its ledger holds ${JSON.stringify(ledger?.contrib)}, not its values ${JSON.stringify(contribution)}`);
    }
  }
  return { differences, recompute, reset };
}

/** The summaries that differ from scratch (a group that is gone should hold nothing). */
function compareSummaries({ scratch, maintained }: State) {
  const differences: RollupDifference[] = [];
  const groups = new Set<number>();
  for (const group of new Set([...scratch.summaries.keys(), ...maintained.summaries.keys()])) {
    const expected = scratch.summaries.get(group) ?? new Map<string, bigint>();
    const found = new Map([...(maintained.summaries.get(group) ?? [])].filter(([, n]) => n !== 0n));
    const names = [...new Set([...expected.keys(), ...found.keys()])].filter((n) => expected.get(n) !== found.get(n));
    if (names.length === 0) continue;
    groups.add(group);
    const shown = names
      .sort()
      .slice(0, 5)
      .map((n) => `${n} is ${found.get(n) ?? 0}, not ${expected.get(n) ?? 0}`);
    differences.push({
      subject: `group ${group}`,
      detail: `its summary: ${shown.join("; ")}${names.length > 5 ? "; …" : ""}`,
    });
  }
  return { differences, groups };
}

/** Every below item of a group (strongly consistent): what is below it, by kind. */
async function belowOf(db: Database, group: number): Promise<{ kind: Placed; id: number }[]> {
  const found: { kind: Placed; id: number }[] = [];
  let start: StartKey | undefined;
  do {
    const page = await queryPage(db, {
      TableName: db.rollupsTable,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": rollupsTableDefinition.partitionKey },
      ExpressionAttributeValues: { ":pk": belowPartition(group) },
      ConsistentRead: true,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    for (const item of page.items) found.push({ kind: item.kind as Placed, id: Number(item.below_id) });
    start = page.lastKey;
  } while (start);
  return found;
}

/**
 * Rebuilds one group's summary from what its below items' ledgers say they applied there, under a
 * lease (see the module's header). False when the lease could not be taken or was lost: a later
 * run tries again.
 */
async function repairSummary(db: Database, group: number, now: () => Date): Promise<boolean> {
  const key = rollupKeys.summary(group);
  const lease = now().getTime() + LEASE_MS;
  const taken = await writeAlone(db, {
    Update: {
      TableName: db.rollupsTable,
      Key: key,
      UpdateExpression: "SET #frozen = :lease",
      ConditionExpression: "attribute_not_exists(#frozen) OR #frozen < :now",
      ExpressionAttributeNames: { "#frozen": SUMMARY_FIELDS.frozenUntil },
      ExpressionAttributeValues: { ":lease": lease, ":now": now().getTime() },
    },
  });
  if (taken !== "done") return false;
  const [held] = await batchGetItems(db, [key], { consistent: true, table: db.rollupsTable });
  const below = await belowOf(db, group);
  const ledgers = await readLedgers(db, below);
  const totals: Delta = new Map();
  for (const { kind, id } of below) {
    const ledger = ledgers.get(ledgerKey(kind, id));
    if (kind === "group") addDelta(totals, new Map([[summaryAttribute.groups, 1n]]));
    const applied = ledger?.stale.has(group) ? ledger.prev : ledger?.contrib;
    if (kind === "site" && applied) addDelta(totals, deltaOf(applied, 1n));
  }
  const kept = Object.fromEntries(
    [SUMMARY_FIELDS.asOfEvent, SUMMARY_FIELDS.asOfTime].flatMap((name) => (held?.[name] ? [[name, held[name]]] : [])),
  );
  const written = await writeAlone(db, {
    Put: {
      TableName: db.rollupsTable,
      Item: {
        ...key,
        group_id: group,
        ...kept,
        [SUMMARY_FIELDS.revision]: Number(held?.[SUMMARY_FIELDS.revision] ?? 0) + 1,
        ...Object.fromEntries(totals),
      },
      ConditionExpression: "#frozen = :lease",
      ExpressionAttributeNames: { "#frozen": SUMMARY_FIELDS.frozenUntil },
      ExpressionAttributeValues: { ":lease": lease },
    },
  });
  return written === "done";
}

const rootDifferences = (state: State): RollupDifference[] =>
  state.roots.map((root) => ({
    subject: `group ${root.id}`,
    detail: `its root index key is ${JSON.stringify(root.found ?? null)}, not ${root.expected}`,
  }));

const differencesOf = (state: State) => [
  ...compareItems(state).differences,
  ...compareSummaries(state).differences,
  ...rootDifferences(state),
];

/** Reports every difference of the maintained items (and of the groups' root index) from scratch; writes nothing. */
export async function checkRollups(db: Database, registry: CountryRegistry): Promise<RollupDifference[]> {
  return differencesOf(await readState(db, registry));
}

/** Reports, then repairs every difference (see the module's header), then reports what is left. */
export async function rebuildRollups(
  db: Database,
  registry: CountryRegistry,
  now: () => Date = () => new Date(),
): Promise<RebuildReport> {
  const before = await readState(db, registry);
  const items = compareItems(before);
  const differences = differencesOf(before);
  let roots = 0;
  for (const root of before.roots) if (await placeRoot(db, root)) roots++;
  let ledgers = 0;
  for (const key of items.reset) {
    const ledger = before.maintained.ledgers.get(key) ?? ledgerOf(parseKey(key).kind, parseKey(key).id, undefined);
    const up = before.maintained.below.get(key) ?? new Set<number>();
    const contrib = ledger.contrib ?? before.scratch.contributions.get(ledger.id);
    const after = { up, ...(contrib ? { contrib } : {}), stale: new Set<number>() };
    if (
      (await writeAlone(db, ledgerWrite(db, ledger, after, ledger.version, { gone: false, now: now() }))) === "done"
    ) {
      ledgers++;
    }
  }
  const targets: Target[] = [...items.recompute].map((key) => ({ ...parseKey(key), origin: { order: 0 } }));
  const recomputed = await createRecomputer({ db, registry, now }).recompute(targets);
  let summaries = 0;
  for (const group of compareSummaries(await readState(db, registry)).groups) {
    if (await repairSummary(db, group, now)) summaries++;
  }
  return {
    differences,
    remaining: await checkRollups(db, registry),
    repaired: { roots, ledgers, recomputed, summaries },
  };
}
