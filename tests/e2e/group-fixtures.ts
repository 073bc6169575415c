import { expect } from "vitest";
import type { ApiResponse, TestApi } from "../support/api.ts";
import { expectProblem, frenchSite } from "./fixtures.ts";

export interface Group {
  id: number;
  name: string;
  type: "group1" | "group2" | "group3";
  site_ids: number[];
  child_group_ids: number[];
  parent_group_ids: number[];
  created_at: string;
  updated_at: string;
}

/** A site as the group tests look at it. */
export interface Site {
  id: number;
  name: string;
  installation_date: string;
  max_power_megawatt: number;
  group_ids: number[];
}

/** An id no item of a test file ever gets. */
export const MISSING = 999_999;

/**
 * The helpers that make and read groups and sites, on the API of the test file (read when
 * called, so that it may be started in a `beforeAll`). French sites take their day from
 * `freshDay` of ./fixtures.ts, whose days are the test file's own.
 */
export function groupHelpers(api: () => TestApi) {
  async function createGroup(body: Record<string, unknown> = {}): Promise<Group> {
    const response = await api().post("/groups", { name: "Group", type: "group1", ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function createSite(overrides: Record<string, unknown> = {}): Promise<Site> {
    const response = await api().post("/sites", frenchSite(overrides));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function readGroup(id: number): Promise<Group> {
    const response = await api().get(`/groups/${id}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  async function readSite(id: number): Promise<Site> {
    const response = await api().get(`/sites/${id}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  /** Every item of a listing, following the cursors. */
  async function listAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    const separator = path.includes("?") ? "&" : "?";
    do {
      const response: ApiResponse = await api().get(`${path}${separator}limit=100${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      items.push(...response.body.items);
      cursor = response.body.next_cursor;
    } while (cursor);
    return items;
  }

  /** The whole table as the API shows it: a refused write must leave all of it as it was. */
  async function everything() {
    return { groups: await listAll<Group>("/groups"), sites: await listAll<Site>("/sites") };
  }

  return { createGroup, createSite, readGroup, readSite, listAll, everything };
}

/** A 422 with this code whose errors[] name exactly this field. */
export function expectRefusedOn(response: ApiResponse, code: string, field: string) {
  const problem = expectProblem(response, 422, code);
  expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([field]);
  return problem;
}

/** A link route's success: 204 and no body (`{ checkBody: false }`: the status only). */
export function expectNoContent(response: ApiResponse, { checkBody = true } = {}) {
  expect(response.status, JSON.stringify(response.body)).toBe(204);
  if (checkBody) expect(response.body).toBeUndefined();
}
