/**
 * The sites and groups the test files make, in one place: a French and an Italian site with
 * valid values (each override replaces one field), a group, and the installation days that keep
 * French sites from competing for a day by accident. Typed with the generated client's request
 * bodies, so a fixture that stops matching the document is a type error.
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
  return {
    country: "fr",
    name: "Lyon",
    installation_date: freshDay(),
    max_power_megawatt: 10,
    min_power_megawatt: 2,
    useful_energy_at_1_megawatt: 0.7,
    ...overrides,
  };
}

/** A valid Italian site on a fresh Saturday (overrides as for `frenchSite`). */
export function italianSite(overrides?: Partial<ItalianSiteCreate>): ItalianSiteCreate;
export function italianSite(overrides: Record<string, unknown>): Record<string, unknown>;
export function italianSite(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    country: "it",
    name: "Roma",
    installation_date: freshWeekend(),
    max_power_megawatt: 5,
    min_power_megawatt: 1,
    efficiency: 0.8,
    ...overrides,
  };
}

/** A valid group of type group1. */
export function aGroup(overrides: Partial<GroupCreate> = {}): GroupCreate {
  return { name: "Group", type: "group1", ...overrides };
}
