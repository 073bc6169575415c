/**
 * Recomputes items' places in the hierarchy (docs/design.md, "One recompute per item"): for each
 * item, its ledger is read first, then the graph above it, and the difference is written with the
 * ledger's new version, conditioned on the version read. A cancelled write (another recompute of
 * the item committed, a summary held by a rebuild, a conflict) recomputes the item again from its
 * ledger. Many items are recomputed together: read 100 at a time, their differences packed into
 * transactions of at most 100 items, each summary written once per transaction with the sum of its
 * deltas, and the ledgers whose version alone moves packed with them (one request for up to 99).
 */

import type { CountryRegistry } from "../countries/registry.ts";
import { type TransactItem, transactWrite, writeAlone } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { backoff } from "../db/retry.ts";
import { ServiceUnavailableError } from "../errors/domain.ts";
import { TRANSACTION_LIMIT } from "../errors/refusals.ts";
import { GroupReads, readLiveSites, walkUp } from "./graph.ts";
import type { Placed } from "./keys.ts";
import { type Ledger, planSteps, type Step, type Wanted } from "./ledger.ts";
import { belowWrite, ledgerKey, ledgerWrite, type Origin, readLedgers, summaryWrite } from "./store.ts";
import { addDelta, contributionOf, type Delta } from "./totals.ts";

/** An item to recompute, and the event that asked for it. */
export interface Target {
  kind: Placed;
  id: number;
  origin: Origin;
}

export interface RecomputeContext {
  db: Database;
  registry: CountryRegistry;
  now: () => Date;
}

/** What a recompute wrote, for the benchmark and the logs. */
export interface RecomputeStats {
  items: number;
  transactions: number;
  /** Items written: ledgers, below items, summary updates. */
  ledgers: number;
  below: number;
  summaries: number;
  /** Recomputes started again after a cancelled write. */
  retries: number;
}

export const emptyStats = (): RecomputeStats => ({
  items: 0,
  transactions: 0,
  ledgers: 0,
  below: 0,
  summaries: 0,
  retries: 0,
});

/** Items whose ledgers are read together. */
const READ_CHUNK = 100;
/** Rounds of a chunk's items that keep being cancelled before the batch fails (and is redelivered). */
const ATTEMPTS = 12;
/** A summary's `ADD`s per write, well inside DynamoDB's 4 KB expressions. */
const MAX_SUMMARY_ATTRIBUTES = 200;

interface Planned {
  target: Target;
  ledger: Ledger;
  wanted: Wanted;
  steps: Step[];
}

/** What the graph says of each item now (read after their ledgers: see the module's header). */
async function readWanted(context: RecomputeContext, targets: readonly Target[]): Promise<Map<string, Wanted>> {
  const { db, registry } = context;
  const siteIds = targets.filter((t) => t.kind === "site").map((t) => t.id);
  const groupIds = targets.filter((t) => t.kind === "group").map((t) => t.id);
  const reads = new GroupReads(db);
  const [sites] = await Promise.all([readLiveSites(db, siteIds), reads.fetch(groupIds)]);
  const parentsOf = (target: Target): number[] =>
    target.kind === "site" ? (sites.get(target.id)?.group_ids ?? []) : (reads.live(target.id)?.parent_group_ids ?? []);
  const above = await walkUp(reads, targets.flatMap(parentsOf));
  const wanted = new Map<string, Wanted>();
  for (const target of targets) {
    const site = target.kind === "site" ? sites.get(target.id) : undefined;
    const live = target.kind === "site" ? site !== undefined : reads.live(target.id) !== undefined;
    const up = new Set<number>();
    for (const parent of parentsOf(target)) for (const g of above(parent)) up.add(g);
    wanted.set(ledgerKey(target.kind, target.id), {
      up,
      ...(site ? { contrib: contributionOf(registry, site) } : {}),
      gone: !live,
    });
  }
  return wanted;
}

/** A transaction being packed: items' whole single steps, sharing summaries. */
interface Pack {
  planned: Planned[];
  summaries: Map<number, Delta>;
  items: number;
}

const newPack = (): Pack => ({ planned: [], summaries: new Map(), items: 0 });

/** Whether the item's one step fits the pack: items, and each summary's number of `ADD`s. */
function fits(pack: Pack, step: Step): boolean {
  let items = pack.items + 1;
  for (const op of step.ops) {
    if (op.below) items++;
    const summary = pack.summaries.get(op.group);
    if (!summary) items++;
    else if (summary.size + op.delta.size > MAX_SUMMARY_ATTRIBUTES) return false;
  }
  return items <= TRANSACTION_LIMIT;
}

function addToPack(pack: Pack, planned: Planned, step: Step) {
  pack.planned.push(planned);
  pack.items += 1;
  for (const op of step.ops) {
    if (op.below) pack.items++;
    const summary = pack.summaries.get(op.group);
    if (summary) addDelta(summary, op.delta);
    else {
      pack.items++;
      pack.summaries.set(op.group, addDelta(new Map(), op.delta));
    }
  }
}

function latest(origins: readonly Origin[]): Origin {
  return origins.reduce((a, b) => (b.order > a.order ? b : a));
}

export function createRecomputer(context: RecomputeContext) {
  const { db, now } = context;

  /** The transaction items of some items' steps (their ledgers at `versions`) with merged summaries. */
  function transactionOf(entries: { planned: Planned; step: Step; version: number | undefined }[]): TransactItem[] {
    const at = now();
    const items: TransactItem[] = [];
    const summaries = new Map<number, Delta>();
    for (const { planned, step, version } of entries) {
      const { ledger, wanted } = planned;
      items.push(ledgerWrite(db, ledger, step.after, version, { gone: wanted.gone, now: at }));
      for (const op of step.ops) {
        if (op.below) items.push(belowWrite(db, op.group, ledger.kind, ledger.id, op.below));
        summaries.set(op.group, addDelta(summaries.get(op.group) ?? new Map(), op.delta));
      }
    }
    const origin = latest(entries.map((e) => e.planned.target.origin));
    for (const [group, delta] of summaries) items.push(summaryWrite(db, group, delta, origin, at));
    return items;
  }

  /** Sends one transaction; true when it committed. */
  async function commit(items: TransactItem[], stats: RecomputeStats): Promise<boolean> {
    const outcome = await transactWrite(db, items);
    if (outcome !== "done") return false;
    stats.transactions++;
    for (const item of items) {
      const key = String((item.Put?.Item ?? item.Delete?.Key ?? item.Update?.Key)?.pk);
      if (key.includes("#summary#")) stats.summaries++;
      else if (key.includes("#below#")) stats.below++;
      else stats.ledgers++;
    }
    return true;
  }

  /** The steps of one item that needs several transactions, in order; false when one was cancelled. */
  async function runAlone(planned: Planned, stats: RecomputeStats): Promise<boolean> {
    let version = planned.ledger.version;
    for (const step of planned.steps) {
      if (!(await commit(transactionOf([{ planned, step, version }]), stats))) return false;
      version = (version ?? 0) + 1;
    }
    return true;
  }

  /** An item whose ledger's version alone moves: one conditional write, no transaction. */
  async function writeLedgerAlone(planned: Planned, stats: RecomputeStats): Promise<boolean> {
    const [step] = planned.steps as [Step];
    const item = ledgerWrite(db, planned.ledger, step.after, planned.ledger.version, {
      gone: planned.wanted.gone,
      now: now(),
    });
    if ((await writeAlone(db, item)) !== "done") return false;
    stats.ledgers++;
    return true;
  }

  /** One round over some items: read, plan, write; answers the items to recompute again. */
  async function round(targets: readonly Target[], stats: RecomputeStats): Promise<Target[]> {
    const ledgers = await readLedgers(db, targets);
    const wanted = await readWanted(context, targets);
    const plans = targets.map((target): Planned => {
      const key = ledgerKey(target.kind, target.id);
      const ledger = ledgers.get(key) as Ledger;
      const want = wanted.get(key) as Wanted;
      return { target, ledger, wanted: want, steps: planSteps(ledger, want, TRANSACTION_LIMIT) };
    });
    const again: Target[] = [];
    const single = plans.filter((p) => p.steps.length === 1);
    // one item whose ledger's version alone moves: one conditional write, half a transaction's cost
    if (single.length === 1 && single[0]?.steps[0]?.ops.length === 0) {
      if (!(await writeLedgerAlone(single[0], stats))) again.push(single[0].target);
      single.length = 0;
    }
    const packs: Pack[] = [];
    let pack = newPack();
    for (const planned of single) {
      const step = planned.steps[0] as Step;
      if (!fits(pack, step)) {
        packs.push(pack);
        pack = newPack();
      }
      addToPack(pack, planned, step);
    }
    if (pack.planned.length > 0) packs.push(pack);
    for (const { planned } of packs) {
      const entries = planned.map((p) => ({ planned: p, step: p.steps[0] as Step, version: p.ledger.version }));
      if (!(await commit(transactionOf(entries), stats))) again.push(...planned.map((p) => p.target));
    }
    for (const planned of plans.filter((p) => p.steps.length > 1)) {
      if (!(await runAlone(planned, stats))) again.push(planned.target);
    }
    return again;
  }

  /** Recomputes the items (each once: a later origin wins), until every write committed. */
  async function recompute(targets: readonly Target[], stats = emptyStats()): Promise<RecomputeStats> {
    const unique = new Map<string, Target>();
    for (const target of targets) {
      const key = ledgerKey(target.kind, target.id);
      const known = unique.get(key);
      if (!known || target.origin.order > known.origin.order) unique.set(key, target);
    }
    const all = [...unique.values()];
    stats.items += all.length;
    for (let i = 0; i < all.length; i += READ_CHUNK) {
      let pending = all.slice(i, i + READ_CHUNK);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= ATTEMPTS) {
          throw new ServiceUnavailableError(
            `recomputing ${pending.length} items kept being cancelled by concurrent writes`,
          );
        }
        if (attempt > 0) {
          stats.retries += pending.length;
          await backoff(attempt);
        }
        pending = await round(pending, stats);
      }
    }
    return stats;
  }

  return { recompute };
}

export type Recomputer = ReturnType<typeof createRecomputer>;
