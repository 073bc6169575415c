import { expect } from "vitest";
import type { FrenchSiteCreate, Group, GroupCreate, Reply, Site, TypedApi } from "../support/client.ts";
import { aGroup, frenchSite } from "../support/fixtures.ts";

export type { Group, Site };

import { expectProblem } from "./fixtures.ts";
import type { GroupQuery, SiteQuery } from "./paging.ts";

/** An id no item of a test file ever gets. */
export const MISSING = 999_999;

/**
 * The helpers that make and read groups and sites, on the API of the test file (read when
 * called, so that it may be started in a `beforeAll`). French sites take their day from
 * `freshDay` of ./fixtures.ts, whose days are the test file's own.
 */
export function groupHelpers(api: () => TypedApi) {
  async function createGroup(body: Partial<GroupCreate> = {}): Promise<Group> {
    const response = await api().POST("/groups", { body: aGroup(body) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function createSite(overrides: Partial<FrenchSiteCreate> = {}): Promise<Site> {
    const response = await api().POST("/sites", { body: frenchSite(overrides) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function readGroup(id: number): Promise<Group> {
    const response = await api().GET("/groups/{id}", { params: { path: { id } } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  async function readSite(id: number): Promise<Site> {
    const response = await api().GET("/sites/{id}", { params: { path: { id } } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }

  /** Every item of a listing, following the cursors. */
  async function listAll(resource: "/groups", query?: GroupQuery): Promise<Group[]>;
  async function listAll(resource: "/sites", query?: SiteQuery): Promise<Site[]>;
  async function listAll(
    resource: "/groups" | "/sites",
    query: GroupQuery | SiteQuery = {},
  ): Promise<(Group | Site)[]> {
    const items: (Group | Site)[] = [];
    let cursor: string | undefined;
    do {
      const page = { ...query, limit: 100, ...(cursor ? { cursor } : {}) };
      const response =
        resource === "/sites"
          ? await api().GET("/sites", { params: { query: page as SiteQuery } })
          : await api().GET("/groups", { params: { query: page as GroupQuery } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      items.push(...response.body.items);
      cursor = response.body.next_cursor ?? undefined;
    } while (cursor);
    return items;
  }

  /** The whole table as the API shows it: a refused write must leave all of it as it was. */
  async function everything() {
    return { groups: await listAll("/groups"), sites: await listAll("/sites") };
  }

  return { createGroup, createSite, readGroup, readSite, listAll, everything };
}

/** A 422 with this code whose errors[] name exactly this field. */
export function expectRefusedOn(response: Reply, code: string, field: string) {
  const problem = expectProblem(response, 422, code);
  expect(problem.errors?.map((e) => e.path)).toEqual([field]);
  return problem;
}

/** A link route's success: 204 and no body (`{ checkBody: false }`: the status only). */
export function expectNoContent(response: Reply, { checkBody = true } = {}) {
  expect(response.status, JSON.stringify(response.body)).toBe(204);
  if (checkBody) expect(response.body).toBeUndefined();
}
