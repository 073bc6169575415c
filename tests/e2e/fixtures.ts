import { expect } from "vitest";
import type { ApiResponse } from "../support/api.ts";

/** The keys every site representation has, whatever its country. */
export const COMMON_KEYS = [
  "id",
  "country",
  "name",
  "installation_date",
  "max_power_megawatt",
  "min_power_megawatt",
  "group_ids",
  "created_at",
  "updated_at",
];

/** RFC 3339, UTC ("Z"), as `Date.prototype.toISOString` writes it or with fewer fraction digits. */
export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

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

/** An RFC 9457 problem with the contract's stable code; returns the body for further checks. */
export function expectProblem(response: ApiResponse, status: number, code: string) {
  expect({ status: response.status, code: response.body?.code }, JSON.stringify(response.body)).toEqual({
    status,
    code,
  });
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json\b/);
  expect(response.body).toMatchObject({ type: "about:blank", status, code });
  expect(typeof response.body.title).toBe("string");
  expect(response.body.title.length).toBeGreaterThan(0);
  expect(typeof response.body.detail).toBe("string");
  expect(response.body.detail.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at /);
  return response.body;
}

/** A 400 VALIDATION_FAILED whose `errors[].path` name exactly these fields (in any order). */
export function expectInvalid(response: ApiResponse, ...paths: string[]) {
  const problem = expectProblem(response, 400, "VALIDATION_FAILED");
  expect(Array.isArray(problem.errors), "errors[] is present").toBe(true);
  for (const error of problem.errors) {
    expect(typeof error.path).toBe("string");
    expect(typeof error.message).toBe("string");
  }
  const named = [...new Set<string>(problem.errors.map((e: { path: string }) => e.path))].sort();
  expect(named).toEqual([...new Set(paths)].sort());
  for (const path of paths) if (path) expect(problem.detail).toContain(path);
  return problem;
}
