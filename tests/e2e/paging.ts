import { expect } from "vitest";
import type { TestApi } from "../support/api.ts";
import type { operations, Reply } from "../support/client.ts";

/**
 * Names in mixed case, with case-only twins ("alpha", "Alpha"), prefixes of one another and
 * exact repeats once there are more items than names, so that name order and its ties are both
 * exercised. The sites listing uses all 40.
 */
export const SITE_NAMES = [
  "alpha",
  "Alpha",
  "ALPHA beta",
  "Bravo",
  "bravo",
  "charlie",
  "Delta Park",
  "delta",
  "Echo",
  "echo Solar",
  "Foxtrot",
  "golf",
  "Hotel",
  "india",
  "Juliet",
  "kilo",
  "Lima",
  "mike",
  "November",
  "oscar",
  "Papa",
  "quebec",
  "Romeo",
  "Sierra",
  "sierra Nord",
  "Solar Farm",
  "solar field",
  "Tango",
  "uniform",
  "Victor",
  "whiskey",
  "X-ray",
  "yankee",
  "Zulu",
  "zulu 2",
  "Parc Arles",
  "Marina",
  "CARAVAN",
  "Star",
  "scar",
];

/**
 * The groups listing uses 30 of them, in the same order: "alpha" to "Papa", "Sierra" to "Tango",
 * "Parc Arles", "Marina", "Star" and "scar".
 */
export const GROUP_NAMES = [
  ...SITE_NAMES.slice(0, 21),
  ...SITE_NAMES.slice(23, 28),
  ...SITE_NAMES.slice(35, 37),
  ...SITE_NAMES.slice(38),
];

export type SiteQuery = NonNullable<operations["ListSites"]["parameters"]["query"]>;
export type GroupQuery = NonNullable<operations["ListGroups"]["parameters"]["query"]>;
/** A query of either listing (each listing's own type checks the fields it names). */
export type Query = SiteQuery | GroupQuery;
export type SortKey<T> = (item: T) => string | number;

/** The sort keys of GET /sites (names case-insensitively). */
export const SITE_SORT_KEYS: Record<
  "id" | "name" | "installation_date" | "max_power_megawatt",
  SortKey<{ id: number; name: string; installation_date: string; max_power_megawatt: number }>
> = {
  id: (s) => s.id,
  name: (s) => s.name.toLowerCase(),
  installation_date: (s) => s.installation_date,
  max_power_megawatt: (s) => s.max_power_megawatt,
};

/** Every sort of these keys: each field, then its reverse. */
export function sortsOf<K extends string>(keys: Record<K, unknown>): (K | `-${K}`)[] {
  return (Object.keys(keys) as K[]).flatMap((field) => [field, `-${field}` as const]);
}

/** The order API.md promises: by the field (names case-insensitively), ties by id, both in the sort's direction. */
export function sortLocally<T extends { id: number }>(list: T[], sort: string, keys: Record<string, SortKey<T>>): T[] {
  const descending = sort.startsWith("-");
  const key = keys[descending ? sort.slice(1) : sort] as SortKey<T>;
  const ascending = [...list].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id - b.id;
  });
  return descending ? ascending.reverse() : ascending;
}

/** The listing helpers of GET /groups or GET /sites, on the API of the test file (read when called). */
export function paging<T extends { id: number }>(
  api: () => TestApi,
  resource: "groups" | "sites",
  keys: Record<string, SortKey<T>>,
) {
  const noun = resource.slice(0, -1);

  /** The query as a URL, for the raw escape hatch (a request whose exact text matters). */
  function path(query: Query): string {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    return `/${resource}?${params}`;
  }

  /** One page of the listing, through the typed client. */
  async function list(query: Query): Promise<Reply<{ items: T[]; next_cursor: string | null }>> {
    const response =
      resource === "sites"
        ? await api().GET("/sites", { params: { query: query as SiteQuery } })
        : await api().GET("/groups", { params: { query: query as GroupQuery } });
    // T is the item type of `resource`'s listing, as the caller names it
    return response as unknown as Reply<{ items: T[]; next_cursor: string | null }>;
  }

  /**
   * Follows next_cursor from the first page to the last, checking on the way that every page but
   * the last is full and that next_cursor is null on the last page only.
   */
  async function pageThrough(query: Query, limit = 7): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const response = await list({ ...query, limit, ...(cursor ? { cursor } : {}) });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(["items", "next_cursor"]);
      const page = response.body.items;
      cursor = response.body.next_cursor;
      items.push(...page);
      if (cursor === null) {
        expect(page.length, "the last page holds what is left").toBeLessThanOrEqual(limit);
        if (pages > 0) expect(page.length, "the last page is not empty").toBeGreaterThan(0);
        return items;
      }
      expect(typeof cursor).toBe("string");
      expect(page.length, "a page before the last is full").toBe(limit);
    }
    throw new Error("more than 100 pages");
  }

  async function expectListing(query: Query, sort: string, expected: T[]) {
    const listed = await pageThrough({ ...query, sort } as Query);
    const ids = listed.map((item) => item.id);
    expect(new Set(ids).size, `no ${noun} twice`).toBe(ids.length);
    expect(ids).toEqual(sortLocally(expected, sort, keys).map((item) => item.id));
  }

  /** Each of these queries gives one empty page and no cursor. */
  async function expectNoMatches(queries: Query[]) {
    for (const query of queries) {
      const response = await list(query);
      expect(response.status, JSON.stringify(query)).toBe(200);
      expect(response.body, JSON.stringify(query)).toEqual({ items: [], next_cursor: null });
    }
  }

  return {
    path,
    list,
    pageThrough,
    expectListing,
    expectNoMatches,
    sortLocally: (list: T[], sort: string) => sortLocally(list, sort, keys),
  };
}
