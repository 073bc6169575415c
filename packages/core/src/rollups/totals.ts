/**
 * A group's totals (API.md "The hierarchy", `GET /groups/{id}/summary`): what one site adds to
 * the summary of every group it is below (its contribution), the `ADD`s that adds or takes away,
 * and the summary's representation, joined from the summary item's attributes.
 *
 * A summary item holds flat number attributes (`ADD` takes top-level attributes only):
 * - `groups`: the groups below;
 * - `n|<scope>`: the sites below, in a scope: `*` (all), a country code, or an installation year;
 * - `s|<scope>|<field>|<band>`: one band of the exact sum of a field in a scope (bands.ts).
 * The common fields are summed over all sites and per country, a country's totalled fields per
 * country, and `max_power_megawatt` per year too.
 */
import type { CountryRegistry } from "../countries/registry.ts";
import type { SiteValues } from "../sites/site.ts";
import { bandsOf, joinBands } from "./bands.ts";

/** Summed for every site, over all sites and per country. */
export const COMMON_TOTALLED = ["max_power_megawatt", "min_power_megawatt"] as const;
/** Summed per installation year too. */
const YEARLY = "max_power_megawatt";
const ALL = "*";

/** What one site adds to the summary of each group it is below. */
export interface Contribution {
  country: string;
  /** The installation year, `YYYY`. */
  year: string;
  /** The common totalled fields and its country's. */
  values: Record<string, number>;
}

/** Additions to a summary's attributes (negative to take away): exact integers. */
export type Delta = Map<string, bigint>;

export const summaryAttribute = {
  groups: "groups",
  count: (scope: string) => `n|${scope}`,
  sum: (scope: string, field: string, band: number) => `s|${scope}|${field}|${band}`,
};

/** The fields a country's sites are totalled on: the common ones, then its own totalled ones. */
export function totalledFields(registry: CountryRegistry, country: string): string[] {
  const own = Object.entries(registry.get(country)?.fields ?? {})
    .filter(([, field]) => field.totalled)
    .map(([name]) => name);
  return [...COMMON_TOTALLED, ...own];
}

export function contributionOf(registry: CountryRegistry, site: SiteValues): Contribution {
  const values: Record<string, number> = {};
  for (const name of totalledFields(registry, site.country)) {
    const common = (COMMON_TOTALLED as readonly string[]).includes(name);
    const value = common ? site[name as (typeof COMMON_TOTALLED)[number]] : site.details[name];
    if (typeof value === "number") values[name] = value;
  }
  return { country: site.country, year: site.installation_date.slice(0, 4), values };
}

/** The same contribution: the same scopes, the same values. */
export function sameContribution(a: Contribution | undefined, b: Contribution | undefined): boolean {
  if (!a || !b) return a === b;
  const entries = (c: Contribution) => JSON.stringify(Object.entries(c.values).sort(([x], [y]) => (x < y ? -1 : 1)));
  return a.country === b.country && a.year === b.year && entries(a) === entries(b);
}

function add(delta: Delta, attribute: string, amount: bigint) {
  const sum = (delta.get(attribute) ?? 0n) + amount;
  if (sum === 0n) delta.delete(attribute);
  else delta.set(attribute, sum);
}

/** `into += sign × from`. */
export function addDelta(into: Delta, from: Delta, sign: 1n | -1n = 1n): Delta {
  for (const [attribute, amount] of from) add(into, attribute, sign * amount);
  return into;
}

/** The `ADD`s of one site's contribution, `sign` 1 (the site joins the totals) or -1 (it leaves). */
export function deltaOf(contribution: Contribution, sign: 1n | -1n): Delta {
  const delta: Delta = new Map();
  const { country, year } = contribution;
  for (const scope of [ALL, country, year]) add(delta, summaryAttribute.count(scope), sign);
  for (const [field, value] of Object.entries(contribution.values)) {
    const common = (COMMON_TOTALLED as readonly string[]).includes(field);
    const scopes = [...(common ? [ALL] : []), country, ...(field === YEARLY ? [year] : [])];
    for (const [band, digits] of bandsOf(value)) {
      for (const scope of scopes) add(delta, summaryAttribute.sum(scope, field, band), sign * BigInt(digits));
    }
  }
  return delta;
}

/** The `ADD`s that turn `before`'s contribution into `after`'s (either may be absent). */
export function changeOf(before: Contribution | undefined, after: Contribution | undefined): Delta {
  const delta: Delta = new Map();
  if (after) addDelta(delta, deltaOf(after, 1n));
  if (before) addDelta(delta, deltaOf(before, -1n));
  return delta;
}

export interface Total {
  sum: number;
  mean: number | null;
}
export interface SitesTotals {
  count: number;
  [field: string]: number | Total | Record<string, unknown>;
}
export interface SummaryRepresentation {
  group_id: number;
  groups_below: number;
  as_of: { event_id: string; time: string } | null;
  sites: SitesTotals & {
    by_country: Record<string, SitesTotals>;
    by_installation_year: Record<string, { count: number; max_power_megawatt: { sum: number } }>;
  };
}

/** The summary item's numbers, as read (`wrapNumbers`: a band may pass 2^53), by attribute. */
export type SummaryNumbers = ReadonlyMap<string, bigint>;

/** Reads the number attributes of a summary item (numbers as DynamoDB holds them, or already read). */
export function summaryNumbers(item: Record<string, unknown> | undefined): Map<string, bigint> {
  const numbers = new Map<string, bigint>();
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name !== summaryAttribute.groups && !/^[ns]\|/.test(name)) continue;
    const text = typeof value === "object" && value !== null && "value" in value ? String(value.value) : String(value);
    numbers.set(name, BigInt(text));
  }
  return numbers;
}

/** The totals of one scope: its count and the sum and mean of each field. */
function scopeTotals(numbers: SummaryNumbers, scope: string, fields: readonly string[]): SitesTotals {
  const count = Number(numbers.get(summaryAttribute.count(scope)) ?? 0n);
  const totals: SitesTotals = { count };
  for (const field of fields) {
    const prefix = `s|${scope}|${field}|`;
    const bands = new Map<number, bigint>();
    for (const [name, amount] of numbers)
      if (name.startsWith(prefix)) bands.set(Number(name.slice(prefix.length)), amount);
    const sum = joinBands(bands);
    totals[field] = { sum, mean: count === 0 ? null : sum / count };
  }
  return totals;
}

/** The scopes of a summary with at least one site, of one kind. */
function scopesWithSites(numbers: SummaryNumbers, kind: RegExp): string[] {
  return [...numbers]
    .filter(([name, amount]) => name.startsWith("n|") && amount > 0n && kind.test(name.slice(2)))
    .map(([name]) => name.slice(2))
    .sort();
}

/** `GET /groups/{id}/summary`'s body, from the summary's numbers. */
export function representSummary(
  registry: CountryRegistry,
  groupId: number,
  numbers: SummaryNumbers,
  asOf: SummaryRepresentation["as_of"],
): SummaryRepresentation {
  const byCountry: Record<string, SitesTotals> = {};
  for (const country of scopesWithSites(numbers, /^[a-z]+$/)) {
    byCountry[country] = scopeTotals(numbers, country, totalledFields(registry, country));
  }
  const byYear: SummaryRepresentation["sites"]["by_installation_year"] = {};
  for (const year of scopesWithSites(numbers, /^\d{4}$/)) {
    const { count, [YEARLY]: total } = scopeTotals(numbers, year, [YEARLY]);
    byYear[year] = { count, [YEARLY]: { sum: (total as Total).sum } };
  }
  return {
    group_id: groupId,
    groups_below: Number(numbers.get(summaryAttribute.groups) ?? 0n),
    as_of: asOf,
    sites: {
      ...scopeTotals(numbers, ALL, COMMON_TOTALLED),
      by_country: byCountry,
      by_installation_year: byYear,
    },
  };
}
