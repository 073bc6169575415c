import { describe, expect, it } from "vitest";
import { countries, createRegistry } from "../src/countries/registry.ts";
import {
  addDelta,
  contributionOf,
  type Delta,
  deltaOf,
  representSummary,
  totalledFields,
} from "../src/rollups/totals.ts";
import type { SiteValues } from "../src/sites/site.ts";
import { spain } from "./spain.ts";

const registry = createRegistry([...countries, spain]);

function site(country: string, date: string, max: number, min: number, details: Record<string, number>): SiteValues {
  return {
    country,
    name: "x",
    installation_date: date,
    max_power_megawatt: max,
    min_power_megawatt: min,
    details,
    group_ids: [],
  };
}

const sites = [
  site("fr", "2024-05-02", 12.5, 1, { useful_energy_at_1_megawatt: 1450 }),
  site("fr", "2023-01-10", 0.1, 0, { useful_energy_at_1_megawatt: 0.2 }),
  site("it", "2024-05-04", 3, 0.5, { efficiency: 0.82 }),
  site("es", "2024-03-01", 7, 2, { capacity_factor: 0.4 }),
];

const summed = (values: readonly SiteValues[]) =>
  values.reduce<Delta>((d, s) => addDelta(d, deltaOf(contributionOf(registry, s), 1n)), new Map());

describe("a summary", () => {
  it("totals each country's own fields as its module declares them, a new country's too", () => {
    expect(totalledFields(registry, "fr")).toEqual([
      "max_power_megawatt",
      "min_power_megawatt",
      "useful_energy_at_1_megawatt",
    ]);
    expect(totalledFields(registry, "it")).toEqual(["max_power_megawatt", "min_power_megawatt", "efficiency"]);
    expect(totalledFields(registry, "es")).toEqual(["max_power_megawatt", "min_power_megawatt", "capacity_factor"]);
  });

  it("holds counts, exact sums and means overall, by country and by installation year", () => {
    const summary = representSummary(registry, 3, summed(sites), null);
    expect(summary).toEqual({
      group_id: 3,
      groups_below: 0,
      as_of: null,
      sites: {
        count: 4,
        max_power_megawatt: { sum: 22.6, mean: 22.6 / 4 },
        min_power_megawatt: { sum: 3.5, mean: 3.5 / 4 },
        by_country: {
          es: {
            count: 1,
            max_power_megawatt: { sum: 7, mean: 7 },
            min_power_megawatt: { sum: 2, mean: 2 },
            capacity_factor: { sum: 0.4, mean: 0.4 },
          },
          fr: {
            count: 2,
            max_power_megawatt: { sum: 12.6, mean: 6.3 },
            min_power_megawatt: { sum: 1, mean: 0.5 },
            useful_energy_at_1_megawatt: { sum: 1450.2, mean: 725.1 },
          },
          it: {
            count: 1,
            max_power_megawatt: { sum: 3, mean: 3 },
            min_power_megawatt: { sum: 0.5, mean: 0.5 },
            efficiency: { sum: 0.82, mean: 0.82 },
          },
        },
        by_installation_year: {
          "2023": { count: 1, max_power_megawatt: { sum: 0.1 } },
          "2024": { count: 3, max_power_megawatt: { sum: 22.5 } },
        },
      },
    });
  });

  it("of nothing has zero counts and sums, null means, and no country or year", () => {
    const empty = representSummary(registry, 9, new Map(), null);
    expect(empty.sites).toEqual({
      count: 0,
      max_power_megawatt: { sum: 0, mean: null },
      min_power_megawatt: { sum: 0, mean: null },
      by_country: {},
      by_installation_year: {},
    });
  });

  it("goes back to nothing exactly when its sites leave, and drops the countries and years left empty", () => {
    const delta = summed(sites);
    for (const s of sites.slice(1)) addDelta(delta, deltaOf(contributionOf(registry, s), -1n));
    const summary = representSummary(registry, 3, delta, null);
    expect(Object.keys(summary.sites.by_country)).toEqual(["fr"]);
    expect(Object.keys(summary.sites.by_installation_year)).toEqual(["2024"]);
    expect(summary.sites.max_power_megawatt).toEqual({ sum: 12.5, mean: 12.5 });
  });
});
