/**
 * An item's ledger: what its below items and its contributions to the groups' summaries say, as
 * applied (docs/design.md, "One recompute per item"). A recompute compares the ledger with what
 * the graph says now (`Wanted`) and plans the difference as steps, each one transaction that ends
 * in a state the ledger can say, conditioned on the version the step before wrote.
 */
import type { RawItem } from "../db/commands.ts";
import type { Placed } from "./keys.ts";
import { type Contribution, changeOf, type Delta, sameContribution, summaryAttribute } from "./totals.ts";

/** What a ledger says: the groups the item is below, and (for a site) what each of them holds of it. */
export interface LedgerState {
  up: Set<number>;
  /** The contribution the groups in `up` hold, except those in `stale`. */
  contrib?: Contribution;
  /** During a move of `contrib` over several transactions: what the groups in `stale` still hold. */
  prev?: Contribution;
  stale: Set<number>;
}

export interface Ledger extends LedgerState {
  kind: Placed;
  id: number;
  /** Undefined when no ledger was ever written (the first recompute creates it). */
  version: number | undefined;
}

/** What the graph says of an item now. */
export interface Wanted {
  up: Set<number>;
  /** A live site's contribution (undefined for a group, or a site that is gone). */
  contrib?: Contribution;
  /** The item is deleted (or being deleted): its ledger may expire. */
  gone: boolean;
}

/** One group's part of a step: its below item put or deleted (or kept), and its summary's delta. */
export interface Op {
  group: number;
  below?: "put" | "delete";
  delta: Delta;
}

export interface Step {
  ops: Op[];
  /** The ledger once the step is applied. */
  after: LedgerState;
}

const ids = (value: unknown) => new Set<number>([...((value as Iterable<number> | undefined) ?? [])]);

/** A ledger as stored (or none, for an item never recomputed). */
export function ledgerOf(kind: Placed, id: number, item: RawItem | undefined): Ledger {
  return {
    kind,
    id,
    version: typeof item?.version === "number" ? item.version : undefined,
    up: ids(item?.up),
    ...(item?.contrib ? { contrib: item.contrib as Contribution } : {}),
    ...(item?.prev ? { prev: item.prev as Contribution } : {}),
    stale: ids(item?.stale),
  };
}

/** The stored attributes of a ledger state (sets only when non-empty: DynamoDB has no empty set). */
export function ledgerAttributes(state: LedgerState): RawItem {
  return {
    ...(state.up.size > 0 ? { up: new Set(state.up) } : {}),
    ...(state.contrib ? { contrib: state.contrib } : {}),
    ...(state.prev && state.stale.size > 0 ? { prev: state.prev, stale: new Set(state.stale) } : {}),
  };
}

/** What group `group` holds of the item, by its ledger. */
const applied = (state: LedgerState, group: number) => (state.stale.has(group) ? state.prev : state.contrib);

/** The summary delta of the item joining (1) or leaving (-1) a group's totals. */
function joinDelta(kind: Placed, contribution: Contribution | undefined, sign: 1 | -1): Delta {
  if (kind === "group") return new Map([[summaryAttribute.groups, BigInt(sign)]]);
  return sign === 1 ? changeOf(undefined, contribution) : changeOf(contribution, undefined);
}

const copy = (state: LedgerState): LedgerState => ({
  up: new Set(state.up),
  ...(state.contrib ? { contrib: state.contrib } : {}),
  ...(state.prev ? { prev: state.prev } : {}),
  stale: new Set(state.stale),
});

/** Items a step writes: a ledger, and per op its summary and its below item. */
const itemsOf = (ops: readonly Op[]) => 1 + ops.reduce((n, op) => n + (op.below ? 2 : 1), 0);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The steps from `ledger` to `wanted`, each at most `limit` items. One step when the whole
 * difference fits (possibly without any op: the ledger's version moves alone); else, in order, the
 * groups lost, the end of an earlier move still under way, the move of `contrib` to the new values,
 * the groups gained, each in chunks.
 */
export function planSteps(ledger: Ledger, wanted: Wanted, limit: number): Step[] {
  const { kind } = ledger;
  const lost = [...ledger.up].filter((g) => !wanted.up.has(g)).sort((a, b) => a - b);
  const gained = [...wanted.up].filter((g) => !ledger.up.has(g)).sort((a, b) => a - b);
  const moved =
    kind === "site"
      ? [...ledger.up].filter((g) => wanted.up.has(g) && !sameContribution(applied(ledger, g), wanted.contrib))
      : [];
  const target: LedgerState = {
    up: new Set(wanted.up),
    ...(wanted.contrib ? { contrib: wanted.contrib } : {}),
    stale: new Set(),
  };
  const whole: Op[] = [
    ...lost.map((group): Op => ({ group, below: "delete", delta: joinDelta(kind, applied(ledger, group), -1) })),
    ...moved
      .sort((a, b) => a - b)
      .map((group): Op => ({ group, delta: changeOf(applied(ledger, group), wanted.contrib) })),
    ...gained.map((group): Op => ({ group, below: "put", delta: joinDelta(kind, wanted.contrib, 1) })),
  ];
  if (itemsOf(whole) <= limit) return [{ ops: whole, after: target }];

  const steps: Step[] = [];
  let state = copy(ledger);
  const push = (ops: Op[], next: LedgerState) => {
    steps.push({ ops, after: next });
    state = copy(next);
  };
  const pairs = Math.floor((limit - 1) / 2);
  const singles = limit - 1;
  for (const chunk of chunks(lost, pairs)) {
    const next = copy(state);
    for (const g of chunk) {
      next.up.delete(g);
      next.stale.delete(g);
    }
    push(
      chunk.map((group) => ({ group, below: "delete", delta: joinDelta(kind, applied(state, group), -1) })),
      next,
    );
  }
  // an earlier move left groups holding `prev`: finish it
  for (const chunk of chunks(
    [...state.stale].sort((a, b) => a - b),
    singles,
  )) {
    const next = copy(state);
    for (const g of chunk) next.stale.delete(g);
    push(
      chunk.map((group) => ({ group, delta: changeOf(state.prev, state.contrib) })),
      next,
    );
  }
  if (kind === "site" && !sameContribution(state.contrib, wanted.contrib)) {
    const kept = [...state.up].sort((a, b) => a - b);
    const from = state.contrib;
    state = {
      ...copy(state),
      ...(wanted.contrib ? { contrib: wanted.contrib } : {}),
      prev: from,
      stale: new Set(kept),
    };
    if (!wanted.contrib) delete state.contrib;
    for (const chunk of chunks(kept, singles)) {
      const next = copy(state);
      for (const g of chunk) next.stale.delete(g);
      push(
        chunk.map((group) => ({ group, delta: changeOf(from, wanted.contrib) })),
        next,
      );
    }
  }
  for (const chunk of chunks(gained, pairs)) {
    const next = copy(state);
    for (const g of chunk) next.up.add(g);
    push(
      chunk.map((group) => ({ group, below: "put", delta: joinDelta(kind, wanted.contrib, 1) })),
      next,
    );
  }
  // the last step's ledger is the target (a contribution changed with no group to move it in)
  if (!sameLedger(steps.at(-1)?.after ?? ledger, target)) push([], target);
  return steps;
}

function sameLedger(a: LedgerState, b: LedgerState): boolean {
  const same = (x: Set<number>, y: Set<number>) => x.size === y.size && [...x].every((v) => y.has(v));
  return same(a.up, b.up) && same(a.stale, b.stale) && sameContribution(a.contrib, b.contrib);
}
