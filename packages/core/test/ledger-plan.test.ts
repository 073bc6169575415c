/**
 * The plan of a recompute (rollups/ledger.ts), applied step by step to a model of the summaries:
 * after every step, each group's summary holds exactly what the ledger says that group holds of
 * the item, and each step fits one transaction.
 */
import { describe, expect, it } from "vitest";
import { type Ledger, type LedgerState, planSteps, type Step, type Wanted } from "../src/rollups/ledger.ts";
import { addDelta, type Contribution, changeOf, type Delta, summaryAttribute } from "../src/rollups/totals.ts";

const LIMIT = 100;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const site = (max: number, year = "2024"): Contribution => ({
  country: "fr",
  year,
  values: { max_power_megawatt: max, min_power_megawatt: max / 4, useful_energy_at_1_megawatt: 3 },
});

interface Model {
  kind: "site" | "group";
  summaries: Map<number, Delta>;
  below: Set<number>;
  ledger: LedgerState;
}

/** What group `g` holds of the item by the ledger, as a summary would hold it. */
function expectedSummary(model: Model, g: number): Delta {
  const { ledger } = model;
  if (!ledger.up.has(g)) return new Map();
  if (model.kind === "group") return new Map([[summaryAttribute.groups, 1n]]);
  return changeOf(undefined, ledger.stale.has(g) ? ledger.prev : ledger.contrib);
}

function expectAgrees(model: Model) {
  expect([...model.below].sort()).toEqual([...model.ledger.up].sort());
  const groups = new Set([...model.summaries.keys(), ...model.ledger.up]);
  for (const g of groups)
    expect(model.summaries.get(g) ?? new Map(), `summary of ${g}`).toEqual(expectedSummary(model, g));
}

/** A model in the state the ledger says (every summary as the ledger says), and the ledger. */
function start(kind: "site" | "group", state: LedgerState): { model: Model; ledger: Ledger } {
  const model: Model = { kind, summaries: new Map(), below: new Set(state.up), ledger: state };
  for (const g of state.up) model.summaries.set(g, expectedSummary(model, g));
  return { model, ledger: { kind, id: 1, version: 3, ...state } };
}

function apply(model: Model, steps: Step[]) {
  for (const step of steps) {
    expect(1 + step.ops.reduce((n, op) => n + (op.below ? 2 : 1), 0)).toBeLessThanOrEqual(LIMIT);
    for (const op of step.ops) {
      if (op.below === "put") model.below.add(op.group);
      if (op.below === "delete") model.below.delete(op.group);
      const summary = addDelta(model.summaries.get(op.group) ?? new Map(), op.delta);
      if (summary.size === 0) model.summaries.delete(op.group);
      else model.summaries.set(op.group, summary);
    }
    model.ledger = step.after;
    expectAgrees(model);
  }
}

function run(kind: "site" | "group", state: LedgerState, wanted: Wanted): Step[] {
  const { model, ledger } = start(kind, state);
  const steps = planSteps(ledger, wanted, LIMIT);
  apply(model, steps);
  expect([...model.ledger.up].sort()).toEqual([...wanted.up].sort());
  expect(model.ledger.contrib).toEqual(wanted.contrib);
  expect(model.ledger.stale.size).toBe(0);
  return steps;
}

describe("a recompute's plan", () => {
  it("is one step when the difference fits: groups gained, lost, and the new values where kept", () => {
    const steps = run(
      "site",
      { up: new Set([1, 2, 3]), contrib: site(10), stale: new Set() },
      { up: new Set([2, 3, 4, 5]), contrib: site(12), gone: false },
    );
    expect(steps).toHaveLength(1);
    expect(steps[0]?.ops.map((op) => [op.group, op.below ?? "kept"])).toEqual([
      [1, "delete"],
      [2, "kept"],
      [3, "kept"],
      [4, "put"],
      [5, "put"],
    ]);
  });

  it("is one step without any op when nothing differs (the ledger's version alone moves)", () => {
    const state = { up: new Set([1, 2]), contrib: site(10), stale: new Set<number>() };
    const steps = run("site", state, { up: new Set([1, 2]), contrib: site(10), gone: false });
    expect(steps).toEqual([{ ops: [], after: { up: new Set([1, 2]), contrib: site(10), stale: new Set() } }]);
  });

  it("takes a deleted site out of every group", () => {
    run("site", { up: new Set(range(1, 40)), contrib: site(7), stale: new Set() }, { up: new Set(), gone: true });
  });

  it("splits a large change into steps that each leave every summary as the ledger says", () => {
    const steps = run(
      "site",
      { up: new Set(range(1, 151)), contrib: site(10), stale: new Set() },
      { up: new Set(range(31, 211)), contrib: site(11, "2025"), gone: false },
    );
    expect(steps.length).toBeGreaterThan(3);
  });

  it("finishes a move left half done before starting the next", () => {
    const state: LedgerState = {
      up: new Set(range(1, 201)),
      contrib: site(20),
      prev: site(10),
      stale: new Set(range(120, 201)),
    };
    run("site", state, { up: new Set(range(1, 201)), contrib: site(30), gone: false });
    run("site", state, { up: new Set(range(1, 201)), contrib: site(20), gone: false });
  });

  it("adds a group below 120 groups in several steps", () => {
    const steps = run("group", { up: new Set(), stale: new Set() }, { up: new Set(range(1, 121)), gone: false });
    expect(steps.length).toBe(3);
  });
});
