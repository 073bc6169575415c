/**
 * The sites and groups every test folder makes, in one place (tests/e2e, tests/integration,
 * tests/infra, tests/docs, functions/test, packages/core/test):
 * - `frenchSite`/`italianSite`: valid sites on a day no other test of the file has used, for
 *   suites that share one table;
 * - `fixedFrenchSite`/`fixedItalianSite`: Lyon and Roma, the same values on every run, for
 *   tests that pick their own days or check values;
 * - `frenchSiteOn(day)`, `saturdays(first)`: many sites on days a test chooses;
 * - `aGroup`.
 * Each override replaces one field. Typed with the generated client's request bodies, so a
 * fixture that stops matching the document is a type error.
 */
import type { FrenchSiteCreate, GroupCreate, ItalianSiteCreate } from "./client.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * Installation days that no other test of the same file has used, so that French sites of
 * different tests never compete for a day by accident. Each test file has its own table and its
 * own copy of this module.
 */
let dayCursor = "2001-01-01";
export function freshDay(): string {
  const day = dayCursor;
  dayCursor = addDays(dayCursor, 1);
  return day;
}

/** A Saturday (`freshWeekend("sunday")` for a Sunday), for Italian sites. */
export function freshWeekend(which: "saturday" | "sunday" = "saturday"): string {
  const wanted = which === "saturday" ? 6 : 0;
  let day = freshDay();
  while (weekdayOf(day) !== wanted) day = freshDay();
  return day;
}

/** A Monday to Friday. */
export function freshWeekday(): string {
  let day = freshDay();
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day = freshDay();
  return day;
}

/**
 * A valid French site on a fresh day. Overrides that the document allows give a typed body;
 * others (a field of the wrong type, one the document does not know) give an untyped record,
 * which the typed client refuses: such a body goes through the raw escape hatch, on purpose.
 */
export function frenchSite(overrides?: Partial<FrenchSiteCreate>): FrenchSiteCreate;
export function frenchSite(overrides: Record<string, unknown>): Record<string, unknown>;
export function frenchSite(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return fixedFrenchSite({ installation_date: freshDay(), useful_energy_at_1_megawatt: 0.7, ...overrides });
}

/** A valid Italian site on a fresh Saturday (overrides as for `frenchSite`). */
export function italianSite(overrides?: Partial<ItalianSiteCreate>): ItalianSiteCreate;
export function italianSite(overrides: Record<string, unknown>): Record<string, unknown>;
export function italianSite(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return fixedItalianSite({ installation_date: freshWeekend(), max_power_megawatt: 5, efficiency: 0.8, ...overrides });
}

/** A valid group of type group1. */
export function aGroup(overrides: Partial<GroupCreate> = {}): GroupCreate {
  return { name: "Group", type: "group1", ...overrides };
}

/**
 * Lyon, the same French site on every run, on Monday 2024-05-06 (overrides as for `frenchSite`).
 */
export function fixedFrenchSite(overrides?: Partial<FrenchSiteCreate>): FrenchSiteCreate;
export function fixedFrenchSite(overrides: Record<string, unknown>): Record<string, unknown>;
export function fixedFrenchSite(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    country: "fr",
    name: "Lyon",
    installation_date: "2024-05-06",
    max_power_megawatt: 10,
    min_power_megawatt: 2,
    useful_energy_at_1_megawatt: 3.5,
    ...overrides,
  };
}

/**
 * Roma, the same Italian site on every run, on Saturday 2024-05-04 (overrides as for `frenchSite`).
 */
export function fixedItalianSite(overrides?: Partial<ItalianSiteCreate>): ItalianSiteCreate;
export function fixedItalianSite(overrides: Record<string, unknown>): Record<string, unknown>;
export function fixedItalianSite(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    country: "it",
    name: "Roma",
    installation_date: "2024-05-04",
    max_power_megawatt: 3,
    min_power_megawatt: 1,
    efficiency: 0.5,
    ...overrides,
  };
}

/** Lyon on this day, named after it ("Site 2025-01-15"), for tests that make many French sites. */
export function frenchSiteOn(installation_date: string, overrides: Partial<FrenchSiteCreate> = {}): FrenchSiteCreate {
  return fixedFrenchSite({ name: `Site ${installation_date}`, installation_date, ...overrides });
}

/**
 * Saturdays one week apart from `first` (a Saturday), one per call, for tests that make many
 * Italian sites; after `cycle` of them (when given) it starts again from `first`.
 */
export function saturdays(first: string, cycle = Number.POSITIVE_INFINITY): () => string {
  let week = 0;
  return () => addDays(first, 7 * (week++ % cycle));
}
