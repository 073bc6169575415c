import { expect } from "vitest";
import type { Problem, Reply } from "../support/client.ts";

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

/** An RFC 9457 problem with the contract's stable code; returns the body for further checks. */
export function expectProblem(response: Reply, status: number, code: string): Problem {
  const problem = response.body as Problem;
  expect({ status: response.status, code: problem?.code }, JSON.stringify(problem)).toEqual({
    status,
    code,
  });
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json\b/);
  expect(problem).toMatchObject({ type: "about:blank", status, code });
  expect(typeof problem.title).toBe("string");
  expect(problem.title.length).toBeGreaterThan(0);
  expect(typeof problem.detail).toBe("string");
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(JSON.stringify(problem)).not.toMatch(/\n\s+at /);
  return problem;
}

/** A 400 VALIDATION_FAILED whose `errors[].path` name exactly these fields (in any order). */
export function expectInvalid(response: Reply, ...paths: string[]) {
  const problem = expectProblem(response, 400, "VALIDATION_FAILED");
  expect(Array.isArray(problem.errors), "errors[] is present").toBe(true);
  for (const error of problem.errors ?? []) {
    expect(typeof error.path).toBe("string");
    expect(typeof error.message).toBe("string");
  }
  const named = [...new Set((problem.errors ?? []).map((e) => e.path))].sort();
  expect(named).toEqual([...new Set(paths)].sort());
  for (const path of paths) if (path) expect(problem.detail).toContain(path);
  return problem;
}
