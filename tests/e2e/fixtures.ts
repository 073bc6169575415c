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

// The site builders and their installation days live in the shared fixtures module.
export {
  addDays,
  frenchSite,
  freshDay,
  freshWeekday,
  freshWeekend,
  italianSite,
  weekdayOf,
} from "../support/fixtures.ts";

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
