import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { AnySite, SiteCreate } from "../support/client.ts";
import { addDays, weekdayOf } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";
import { expectInvalid } from "./fixtures.ts";
import { paging, type Query, SITE_NAMES, SITE_SORT_KEYS, type SiteQuery, type SortKey, sortsOf } from "./paging.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

type Site = AnySite;

/** With repeats, for ties in power order. */
const POWERS = [0, 0.5, 1, 2.5, 3, 7, 10, 10, 12.75, 100, 1000.5];
const EFFICIENCIES = [0.5, 0.25, 1, 0.75, 0.5, 0.9];
const SITE_COUNT = 64;

function firstWeekendFrom(date: string): string {
  let day = date;
  while (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) day = addDays(day, 1);
  return day;
}

/**
 * Site i: French for even i and odd multiples of 5, Italian otherwise. French days are all
 * different; Italian days are weekends, 13 of them for 26 sites, so they tie.
 */
function siteBody(i: number): SiteCreate {
  const french = i % 2 === 0 || i % 5 === 0;
  const max = POWERS[(i * 7) % POWERS.length] as number;
  const common = {
    name: SITE_NAMES[i % SITE_NAMES.length] as string,
    max_power_megawatt: max,
    min_power_megawatt: (max * (i % 4)) / 4,
  };
  return french
    ? {
        country: "fr",
        installation_date: addDays("2019-01-01", i * 11),
        ...common,
        useful_energy_at_1_megawatt: (i % 6) * 0.5,
      }
    : {
        country: "it",
        installation_date: firstWeekendFrom(addDays("2019-01-01", (i % 13) * 23)),
        ...common,
        efficiency: EFFICIENCIES[i % 6] as number,
      };
}

let sites: Site[] = [];

type Key = SortKey<Site>;
const SORT_KEYS: Record<keyof typeof SITE_SORT_KEYS, Key> = SITE_SORT_KEYS;
const SORTS = sortsOf(SORT_KEYS);
const { path, list, pageThrough, expectListing, expectNoMatches, sortLocally } = paging(() => api, "sites", SORT_KEYS);

it("an empty table lists no item and no cursor", async () => {
  const response = await api.GET("/sites");
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ items: [], next_cursor: null });
});

describe(`GET /sites over ${SITE_COUNT} sites`, () => {
  beforeAll(async () => {
    const created: Site[] = [];
    for (let start = 0; start < SITE_COUNT; start += 8) {
      const batch = Array.from({ length: Math.min(8, SITE_COUNT - start) }, (_, k) => siteBody(start + k));
      created.push(...(await Promise.all(batch.map((body) => create(api, "/sites", body)))));
    }
    sites = created.sort((a, b) => a.id - b.id);
  });

  it("the data set exercises what the lists must get right", () => {
    expect(sites).toHaveLength(SITE_COUNT);
    expect(sites.filter((s) => s.country === "fr").length).toBeGreaterThan(20);
    expect(sites.filter((s) => s.country === "it").length).toBeGreaterThan(20);
    const repeated = (key: Key) => new Set(sites.map(key)).size < sites.length;
    expect(repeated(SORT_KEYS.name as Key), "names tie").toBe(true);
    expect(repeated(SORT_KEYS.installation_date as Key), "dates tie").toBe(true);
    expect(repeated(SORT_KEYS.max_power_megawatt as Key), "powers tie").toBe(true);
    expect(new Set(sites.map((s) => s.name)).size, "some names differ by case only").toBeGreaterThan(
      new Set(sites.map((s) => s.name.toLowerCase())).size,
    );
  });

  it("is {items, next_cursor}, every item exactly as GET /sites/{id} shows it", async () => {
    const response = await api.GET("/sites", { params: { query: { limit: 100 } } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(response.body).toEqual({ items: sites, next_cursor: null });
    for (const site of sites.slice(0, 3))
      expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toEqual(site);
    for (const site of response.body.items as Site[]) {
      expect(site.group_ids).toEqual([]);
      expect(site).not.toHaveProperty(site.country === "fr" ? "efficiency" : "useful_energy_at_1_megawatt");
    }
  });

  describe("limit", () => {
    it("defaults to 20, in id order", async () => {
      const response = await api.GET("/sites");
      expect(response.body.items.map((s: Site) => s.id)).toEqual(sites.slice(0, 20).map((s) => s.id));
      expect(typeof response.body.next_cursor).toBe("string");
    });

    it("takes 1 and 100", async () => {
      const one = await api.GET("/sites", { params: { query: { limit: 1 } } });
      expect(one.body.items.map((s: Site) => s.id)).toEqual([sites[0]?.id]);
      expect(typeof one.body.next_cursor).toBe("string");
      const hundred = await api.GET("/sites", { params: { query: { limit: 100 } } });
      expect(hundred.body.items).toHaveLength(SITE_COUNT);
      expect(hundred.body.next_cursor).toBeNull();
    });

    it("of exactly the number of matches gives one page and no cursor", async () => {
      const response = await api.GET("/sites", { params: { query: { limit: SITE_COUNT } } });
      expect(response.body.items).toHaveLength(SITE_COUNT);
      expect(response.body.next_cursor).toBeNull();
    });

    it.each(["0", "101", "-1", "1.5", "abc", "", "1e1"])("refuses limit=%j with a 400 naming limit", async (limit) => {
      expectInvalid(await api.raw("GET", `/sites?limit=${limit}`), "limit");
    });

    it("may change between pages of one listing", async () => {
      const first = await api.GET("/sites", { params: { query: { sort: "name", limit: 7 } } });
      const next = await api.GET("/sites", {
        params: { query: { sort: "name", limit: 20, cursor: first.body.next_cursor as string } },
      });
      expect(next.status).toBe(200);
      expect(next.body.items.map((s: Site) => s.id)).toEqual(
        sortLocally(sites, "name")
          .slice(7, 27)
          .map((s) => s.id),
      );
    });
  });

  describe("sort, paging by 7 through every site", () => {
    it.each(SORTS)("sort=%s", async (sort) => {
      await expectListing({}, sort, sites);
    });

    it("sort=id is the default", async () => {
      expect((await pageThrough({})).map((s) => s.id)).toEqual(sites.map((s) => s.id));
    });
  });

  describe("filters, paged by 7 under every sort", () => {
    /** 14 ids spread over the table: two whole pages of 7. */
    const chosen = () => sites.filter((_, i) => i % 4 === 1).slice(0, 14);
    const cases: [string, () => Query, (s: Site) => boolean][] = [
      ["country=fr", () => ({ country: "fr" }), (s) => s.country === "fr"],
      ["country=it", () => ({ country: "it" }), (s) => s.country === "it"],
      ["country__in=fr,it (every site)", () => ({ country__in: ["fr", "it"] }), () => true],
      ["name__contains=aR (case-insensitive)", () => ({ name__contains: "aR" }), (s) => /ar/i.test(s.name)],
      ["name__contains=a space", () => ({ name__contains: " " }), (s) => s.name.includes(" ")],
      ["name__startswith=s", () => ({ name__startswith: "s" }), (s) => /^s/i.test(s.name)],
      ["name__startswith=SOL", () => ({ name__startswith: "SOL" }), (s) => /^sol/i.test(s.name)],
      ["name=Alpha (exact)", () => ({ name: "Alpha" }), (s) => s.name === "Alpha"],
      ["name=sierra Nord (exact)", () => ({ name: "sierra Nord" }), (s) => s.name === "sierra Nord"],
      [
        "installation_date__gte & __lt",
        () => ({ installation_date__gte: "2019-06-01", installation_date__lt: "2020-03-15" }),
        (s) => s.installation_date >= "2019-06-01" && s.installation_date < "2020-03-15",
      ],
      [
        "installation_date__gt & __lte",
        () => ({ installation_date__gt: "2019-04-06", installation_date__lte: "2019-12-28" }),
        (s) => s.installation_date > "2019-04-06" && s.installation_date <= "2019-12-28",
      ],
      [
        "installation_date= a day shared by several sites",
        () => ({ installation_date: sharedDay() }),
        (s) => s.installation_date === sharedDay(),
      ],
      [
        "installation_date__ne",
        () => ({ installation_date__ne: sharedDay() }),
        (s) => s.installation_date !== sharedDay(),
      ],
      ["max_power_megawatt__gt=2.5", () => ({ max_power_megawatt__gt: 2.5 }), (s) => s.max_power_megawatt > 2.5],
      ["max_power_megawatt=10", () => ({ max_power_megawatt: 10 }), (s) => s.max_power_megawatt === 10],
      ["max_power_megawatt__gt=-1 (every site)", () => ({ max_power_megawatt__gt: -1 }), () => true],
      ["max_power_megawatt__lte=0", () => ({ max_power_megawatt__lte: 0 }), (s) => s.max_power_megawatt <= 0],
      [
        "max_power_megawatt__gte=1 & __lt=100",
        () => ({ max_power_megawatt__gte: 1, max_power_megawatt__lt: 100 }),
        (s) => s.max_power_megawatt >= 1 && s.max_power_megawatt < 100,
      ],
      ["min_power_megawatt__lte=1", () => ({ min_power_megawatt__lte: 1 }), (s) => s.min_power_megawatt <= 1],
      [
        "useful_energy_at_1_megawatt__gte=0 (French sites only)",
        () => ({ useful_energy_at_1_megawatt__gte: 0 }),
        (s) => s.country === "fr",
      ],
      [
        "useful_energy_at_1_megawatt__gt=1",
        () => ({ useful_energy_at_1_megawatt__gt: 1 }),
        (s) => s.useful_energy_at_1_megawatt !== undefined && s.useful_energy_at_1_megawatt > 1,
      ],
      [
        "efficiency__ne=0.5 (Italian sites only)",
        () => ({ efficiency__ne: 0.5 }),
        (s) => s.efficiency !== undefined && s.efficiency !== 0.5,
      ],
      [
        "efficiency__lte=0.75",
        () => ({ efficiency__lte: 0.75 }),
        (s) => s.efficiency !== undefined && s.efficiency <= 0.75,
      ],
      [
        "id__in (14 ids)",
        () => ({
          id__in: chosen().map((s) => s.id),
        }),
        (s) => chosen().includes(s),
      ],
      [
        "country=it & installation_date__gte & max_power_megawatt__lte",
        () => ({ country: "it", installation_date__gte: "2019-05-01", max_power_megawatt__lte: 10 }),
        (s) => s.country === "it" && s.installation_date >= "2019-05-01" && s.max_power_megawatt <= 10,
      ],
      [
        "name__startswith=s & country=fr",
        () => ({ name__startswith: "s", country: "fr" }),
        (s) => /^s/i.test(s.name) && s.country === "fr",
      ],
    ];

    /** The Italian day with the most sites. */
    function sharedDay(): string {
      const counts = new Map<string, number>();
      for (const s of sites) counts.set(s.installation_date, (counts.get(s.installation_date) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] as string;
    }

    it.each(cases)("%s matches some sites, and all of them only when it says so", (name, _, matches) => {
      const count = sites.filter(matches).length;
      expect(count).toBeGreaterThan(0);
      if (name.endsWith("(every site)")) expect(count).toBe(SITE_COUNT);
      else expect(count).toBeLessThan(SITE_COUNT);
    });

    it("id__in picks exactly 14 sites, a whole number of pages of 7", () => {
      expect(chosen()).toHaveLength(14);
    });

    describe.each(cases)("%s", (_, query, matches) => {
      it.each(SORTS)("sort=%s", async (sort) => {
        await expectListing(query(), sort, sites.filter(matches));
      });
    });

    it("a filter that matches nothing gives one empty page and no cursor", async () => {
      const queries: Query[] = [
        { name__contains: "zzz" },
        { installation_date__gte: "2030-01-01", sort: "installation_date" },
        { installation_date__gt: "2020-01-01", installation_date__lt: "2019-01-01", sort: "installation_date" },
        { max_power_megawatt__gt: 1000.5, sort: "-max_power_megawatt" },
        { name: "ALPHA", sort: "name" },
        { id__in: [999998, 999999] },
      ];
      await expectNoMatches(queries);
    });
  });

  describe("odd but well-typed name filters are answered alike under every sort, never with a 500", () => {
    it.each([
      ["an empty name__startswith", { name__startswith: "" }],
      ["an empty name__contains", { name__contains: "" }],
      ["an empty name", { name: "" }],
      ["a name__startswith longer than any name (1,100 characters)", { name__startswith: "a".repeat(1100) }],
      ["a name longer than any name (1,100 characters)", { name: "A".repeat(1100) }],
      ["a name__startswith of 300 four-byte characters", { name__startswith: "🌞".repeat(300) }],
    ])("%s", async (_, filter) => {
      const answers = [];
      for (const sort of SORTS) {
        const response = await list({ ...filter, sort, limit: 100 });
        expect(response.status, `sort=${sort}: ${JSON.stringify(response.body)}`).toBeLessThan(500);
        answers.push({ sort, status: response.status, ids: (response.body.items ?? []).map((s: Site) => s.id).sort() });
      }
      const byId = answers.find((a) => a.sort === "id");
      for (const answer of answers) expect({ ...answer, sort: "any" }).toEqual({ ...byId, sort: "any" });
    });
  });

  describe("bad parameters are a 400 naming the parameter", () => {
    it.each([
      ["colour=red", "colour"],
      ["colour__gt=1", "colour__gt"],
      ["name__gt=a", "name__gt"],
      ["name__eq=Alpha", "name__eq"],
      ["country__ne=fr", "country__ne"],
      ["id=3", "id"],
      ["max_power_megawatt__between=1", "max_power_megawatt__between"],
      ["max_power_megawatt__contains=1", "max_power_megawatt__contains"],
      ["max_power_megawatt__gt=abc", "max_power_megawatt__gt"],
      ["min_power_megawatt__lte=", "min_power_megawatt__lte"],
      ["efficiency__lt=high", "efficiency__lt"],
      ["installation_date__gte=2023-02-29", "installation_date__gte"],
      ["installation_date=2024-5-4", "installation_date"],
      ["id__in=1,x", "id__in"],
      ["id__in=0", "id__in"],
      ["country=es", "country"],
      ["country__in=fr,FR", "country__in"],
      ["sort=colour", "sort"],
      ["sort=efficiency", "sort"],
      ["sort=--id", "sort"],
      ["sort=", "sort"],
    ])("%s", async (query, parameter) => {
      expectInvalid(await api.raw("GET", `/sites?${query}`), parameter);
    });

    it("names every bad parameter of one request", async () => {
      expectInvalid(
        await api.raw("GET", "/sites?colour=red&limit=0&sort=colour&country=es"),
        "colour",
        "limit",
        "sort",
        "country",
      );
    });
  });

  describe("cursor", () => {
    const listing: SiteQuery = { sort: "name", country: "fr", max_power_megawatt__gte: 1 };
    let cursor: string;
    beforeAll(async () => {
      const first = await list({ ...listing, limit: 7 });
      expect(first.status).toBe(200);
      cursor = first.body.next_cursor as string;
      expect(typeof cursor).toBe("string");
    });

    /** The cursor with the character at `index` replaced by another URL-safe character. */
    function tampered(index: number): string {
      const original = cursor[index] as string;
      const replacement = original === "A" ? "B" : "A";
      return cursor.slice(0, index) + replacement + cursor.slice(index + 1);
    }

    it("passed back with the same filters and sort continues the listing", async () => {
      const next = await list({ ...listing, limit: 7, cursor });
      expect(next.status).toBe(200);
      const expected = sortLocally(
        sites.filter((s) => s.country === "fr" && s.max_power_megawatt >= 1),
        "name",
      );
      expect(next.body.items.map((s: Site) => s.id)).toEqual(expected.slice(7, 14).map((s) => s.id));
    });

    it("is accepted with the same filters written in another order", async () => {
      const reordered: SiteQuery = { max_power_megawatt__gte: 1, country: "fr", sort: "name", limit: 7, cursor };
      expect((await api.raw("GET", path(reordered))).status).toBe(200);
    });

    it("with one character changed is a 400 naming cursor, wherever the change is", async () => {
      for (const index of [0, 1, Math.floor(cursor.length / 2), cursor.indexOf(".") + 1, cursor.length - 1]) {
        if (index < 0 || index >= cursor.length) continue;
        const problem = expectInvalid(await list({ ...listing, limit: 7, cursor: tampered(index) }), "cursor");
        expect(problem.status).toBe(400);
      }
    });

    it.each(["garbage", "a.b", "...", "eyJsIjoieCIsImsiOnt9.AAAAAAAAAAAAAAAAAAAAAA", "%00", "null", "x".repeat(4000)])(
      "garbage is a 400 naming cursor: %j",
      async (garbage) => {
        expectInvalid(await list({ ...listing, cursor: garbage }), "cursor");
      },
    );

    it("that is empty is a 400 naming cursor", async () => {
      expectInvalid(await api.GET("/sites", { params: { query: { cursor: "" } } }), "cursor");
    });

    it.each<[string, SiteQuery]>([
      ["another filter value", { sort: "name", country: "it", max_power_megawatt__gte: 1 }],
      ["a filter fewer", { sort: "name", country: "fr" }],
      ["a filter more", { ...listing, name__contains: "a" }],
      ["no filter", { sort: "name" }],
      ["another sort", { ...listing, sort: "installation_date" }],
      ["the other direction", { ...listing, sort: "-name" }],
      ["the default sort", { country: "fr", max_power_megawatt__gte: 1 }],
    ])("reused with %s is a 400 naming cursor", async (_, query) => {
      expectInvalid(await list({ ...query, limit: 7, cursor }), "cursor");
    });
  });
});
