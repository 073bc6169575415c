import { expect } from "vitest";
import type { FrenchSiteCreate, Group, GroupCreate, Reply, Site, TypedApi } from "../support/client.ts";
import { aGroup, frenchSite } from "../support/fixtures.ts";
import { create, expectStatus } from "../support/replies.ts";

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
  const createGroup = (body: Partial<GroupCreate> = {}) => create(api(), "/groups", aGroup(body));
  const createSite = (overrides: Partial<FrenchSiteCreate> = {}) => create(api(), "/sites", frenchSite(overrides));

  const readGroup = async (id: number): Promise<Group> =>
    expectStatus(await api().GET("/groups/{id}", { params: { path: { id } } }), 200);
  const readSite = async (id: number): Promise<Site> =>
    expectStatus(await api().GET("/sites/{id}", { params: { path: { id } } }), 200);

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
  expectStatus(response, 204);
  if (checkBody) expect(response.body).toBeUndefined();
}
