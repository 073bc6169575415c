/**
 * How many DynamoDB requests each sites operation makes, counted by an SDK middleware on the
 * real client. These numbers are part of the design (README, "Requests per operation"): a change
 * that adds a round trip must change this test too.
 */
import { type BulkData, bulkLoad, type Group, type Site, SORTED_LINKS_BOUND } from "@sites-groups/core";
import { bulkData, SHAPE, UNIQUE_NAME } from "@sites-groups/local/bulk-data";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { fixedItalianSite, frenchSiteOn } from "../support/fixtures.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

const french = (installation_date: string) => frenchSiteOn(installation_date);
const italian = fixedItalianSite({ name: "Napoli", installation_date: "2024-06-01" });

async function requestsOf(operation: () => Promise<unknown>): Promise<string[]> {
  db.requests.reset();
  await operation();
  return [...db.requests.names];
}

describe("requests per sites operation", () => {
  it("create: the id counter, then one write (a transaction with the day lock for France)", async () => {
    expect(await requestsOf(() => db.context.sites.create(french("2024-01-01")))).toEqual([
      "UpdateItem",
      "TransactWriteItems",
    ]);
    expect(await requestsOf(() => db.context.sites.create(italian))).toEqual(["UpdateItem", "PutItem"]);
  });

  it("get: one GetItem", async () => {
    const site = await db.context.sites.create(french("2024-01-02"));
    expect(await requestsOf(() => db.context.sites.get(site.id))).toEqual(["GetItem"]);
  });

  it("patch: one read, then one conditional write (a transaction when a French day moves)", async () => {
    const site = await db.context.sites.create(french("2024-01-03"));
    expect(await requestsOf(() => db.context.sites.update(site.id, { name: "Renamed" }))).toEqual([
      "GetItem",
      "PutItem",
    ]);
    expect(await requestsOf(() => db.context.sites.update(site.id, { installation_date: "2024-01-04" }))).toEqual([
      "GetItem",
      "TransactWriteItems",
    ]);
    expect(await requestsOf(() => db.context.sites.update(site.id, {}))).toEqual(["GetItem"]);
  });

  it("delete: one read, then one transaction (the site and its day lock)", async () => {
    const site = await db.context.sites.create(french("2024-01-05"));
    expect(await requestsOf(() => db.context.sites.remove(site.id))).toEqual(["GetItem", "TransactWriteItems"]);
  });

  it("list: one Query per page when no filter expression is needed", async () => {
    for (let day = 10; day < 40; day++) {
      const date = new Date(Date.UTC(2024, 2, day)).toISOString().slice(0, 10);
      await db.context.sites.create(french(date));
    }
    for (const sort of ["id", "-name", "installation_date", "-max_power_megawatt"]) {
      expect(await requestsOf(() => db.context.sites.list({ sort, limit: "10" }))).toEqual(["Query"]);
    }
    // a range on the sort field is a key condition, not a filter
    expect(
      await requestsOf(() =>
        db.context.sites.list({ sort: "installation_date", installation_date__gte: "2024-03-15", limit: "5" }),
      ),
    ).toEqual(["Query"]);
  });

  it("list: a filter expression reads at most the documented budget of Query calls", async () => {
    const names = await requestsOf(() => db.context.sites.list({ name__contains: "no such name", limit: "100" }));
    expect(names.every((n) => n === "Query")).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(names.length).toBeLessThanOrEqual(5);
  });

  it("create with groups: still the counter and one transaction", async () => {
    const group = await db.context.groups.create({ name: "Host", type: "group1" });
    expect(await requestsOf(() => db.context.sites.create({ ...italian, group_ids: [group.id] }))).toEqual([
      "UpdateItem",
      "TransactWriteItems",
    ]);
  });

  it("no request path scans", () => {
    // scanAll() in tests/support is the only Scan, and it is not called by the operations above.
    expect(db.requests.names).not.toContain("Scan");
  });
});

describe("requests per groups operation", () => {
  const group = (name: string, extra: Record<string, unknown> = {}) =>
    db.context.groups.create({ name, type: "group1", ...extra });

  it("create: the id counter, then one transaction (the group and every link)", async () => {
    expect(await requestsOf(() => group("Plain"))).toEqual(["UpdateItem", "TransactWriteItems"]);
    const site = await db.context.sites.create({ ...italian, installation_date: "2024-06-02" });
    expect(await requestsOf(() => group("With a site", { site_ids: [site.id] }))).toEqual([
      "UpdateItem",
      "TransactWriteItems",
    ]);
    // children: one BatchGetItem per level below them (here the child alone), whose versions
    // the transaction conditions on
    const child = await group("Child");
    expect(await requestsOf(() => group("Linked", { site_ids: [site.id], child_group_ids: [child.id] }))).toEqual([
      "UpdateItem",
      "BatchGetItem",
      "TransactWriteItems",
    ]);
  });

  it("get: one GetItem; list: one Query per page", async () => {
    const g = await group("Read");
    expect(await requestsOf(() => db.context.groups.get(g.id))).toEqual(["GetItem"]);
    expect(await requestsOf(() => db.context.groups.list({ sort: "-name", limit: "3" }))).toEqual(["Query"]);
  });

  it("patch: one read, then one conditional write; adding children also walks the ancestors", async () => {
    const g = await group("Patched");
    const child = await group("New child");
    expect(await requestsOf(() => db.context.groups.update(g.id, { name: "Renamed" }))).toEqual(["GetItem", "PutItem"]);
    // then one BatchGetItem per level of the walks above the group and below the child (here one)
    expect(await requestsOf(() => db.context.groups.update(g.id, { child_group_ids: [child.id] }))).toEqual([
      "GetItem",
      "BatchGetItem",
      "TransactWriteItems",
    ]);
  });

  it("delete: one read, then one transaction when it fits", async () => {
    const g = await group("Deleted");
    expect(await requestsOf(() => db.context.groups.remove(g.id))).toEqual(["GetItem", "TransactWriteItems"]);
  });

  it("link and unlink a site: one transaction each", async () => {
    const g = await group("Links");
    const site = await db.context.sites.create({ ...italian, installation_date: "2024-06-08" });
    expect(await requestsOf(() => db.context.groups.addSite(g.id, site.id))).toEqual(["TransactWriteItems"]);
    expect(await requestsOf(() => db.context.groups.addSite(g.id, site.id))).toEqual(["TransactWriteItems"]);
    expect(await requestsOf(() => db.context.groups.removeSite(g.id, site.id))).toEqual(["TransactWriteItems"]);
  });

  it("nest: one BatchGetItem per level above the parent and below the child, one transaction; un-nest: one transaction", async () => {
    const root = await group("Root");
    const middle = await group("Middle");
    const leaf = await group("Leaf");
    expect(await requestsOf(() => db.context.groups.addChild(root.id, middle.id))).toEqual([
      "BatchGetItem",
      "TransactWriteItems",
    ]);
    // middle has one ancestor level above it
    expect(await requestsOf(() => db.context.groups.addChild(middle.id, leaf.id))).toEqual([
      "BatchGetItem",
      "BatchGetItem",
      "TransactWriteItems",
    ]);
    // already nested: no write
    expect(await requestsOf(() => db.context.groups.addChild(middle.id, leaf.id))).toEqual([
      "BatchGetItem",
      "BatchGetItem",
    ]);
    // walks up and down go level by level together: one BatchGetItem per level of the longer
    const top = await group("Top");
    expect(await requestsOf(() => db.context.groups.addChild(top.id, root.id))).toEqual([
      "BatchGetItem",
      "BatchGetItem",
      "BatchGetItem",
      "TransactWriteItems",
    ]);
    expect(await requestsOf(() => db.context.groups.removeChild(middle.id, leaf.id))).toEqual(["TransactWriteItems"]);
  });
});

describe("requests per list page on 2,600 sites and 1,050 groups: reads follow results", () => {
  const SITES = 2600;
  let big: TestDatabase;
  let data: BulkData;
  beforeAll(async () => {
    big = await createTestDatabase();
    data = bulkData(SITES, 1050);
    await bulkLoad(big.context.db, big.context.registry, data);
  }, 120_000);

  interface Paged {
    ids: number[];
    /** The request names of each page. */
    requests: string[][];
  }

  /** Follows the cursors of a listing; no page may be empty with a cursor, nor short before the end. */
  async function pageThrough(
    list: (query: Record<string, string>) => Promise<{ items: { id: number }[]; next_cursor: string | null }>,
    query: Record<string, string>,
  ): Promise<Paged> {
    const paged: Paged = { ids: [], requests: [] };
    let cursor: string | null = null;
    do {
      big.requests.reset();
      const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
      paged.requests.push([...big.requests.names]);
      paged.ids.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor;
      if (cursor) expect(page.items.length, "a page with a cursor is full").toBe(Number(query.limit ?? 20));
      expect(paged.requests.length).toBeLessThan(100);
    } while (cursor);
    return paged;
  }
  const sites = (query: Record<string, string>) => pageThrough((q) => big.context.sites.list(q), query);
  const groups = (query: Record<string, string>) => pageThrough((q) => big.context.groups.list(q), query);
  const site = (id: number) => data.sites[id - 1] as Site;
  const byId = (a: number, b: number) => a - b;
  const byName = (a: number, b: number) => {
    const [x, y] = [site(a).name.toLowerCase(), site(b).name.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : a - b;
  };

  it("group_id: the group's edges, then one BatchGetItem of its sites", async () => {
    const four = await sites({ group_id: String(SHAPE.small) });
    expect(four.ids).toEqual([...(data.groups[SHAPE.small - 1] as Group).site_ids].sort(byId));
    expect(four.requests).toEqual([["Query", "BatchGetItem"]]);
    expect((await sites({ group_id: String(SHAPE.empty) })).requests).toEqual([["Query"]]);

    const thirty = Array.from({ length: 30 }, (_, i) => 100 + i);
    for (const [sort, order] of [
      ["id", byId],
      ["-id", (a: number, b: number) => b - a],
      ["name", byName],
      ["-name", (a: number, b: number) => byName(b, a)],
    ] as const) {
      const paged = await sites({ group_id: String(SHAPE.thirty), sort, limit: "10" });
      expect(paged.ids, sort).toEqual([...thirty].sort(order));
      expect(paged.requests, sort).toEqual([
        ["Query", "BatchGetItem"],
        ["Query", "BatchGetItem"],
        ["Query", "BatchGetItem"],
      ]);
    }
  });

  it("group_id of a group holding half the table: edges in id order; another sort past the bound scans", async () => {
    const half = (data.groups[SHAPE.half - 1] as Group).site_ids.sort(byId);
    expect(half.length).toBeGreaterThan(SORTED_LINKS_BOUND);
    const paged = await sites({ group_id: String(SHAPE.half), limit: "100" });
    expect(paged.ids).toEqual(half);
    // 101 sites looked up per page: one more than the page, to know whether the listing goes on
    expect(paged.requests.slice(0, -1).every((r) => r.join() === "Query,BatchGetItem,BatchGetItem")).toBe(true);
    expect(paged.requests.length).toBe(half.length / 100);

    const sorted = await sites({ group_id: String(SHAPE.half), sort: "-name", limit: "100" });
    expect(sorted.ids).toEqual([...half].sort((a, b) => byName(b, a)));
    // the bounded read of the edges, then the name index with the group as a filter
    for (const page of sorted.requests) {
      expect(page[0]).toBe("Query");
      expect(page.length).toBeLessThanOrEqual(1 + 5);
    }
  });

  it("id__in: one BatchGetItem of exactly those ids, in the requested order", async () => {
    const three = await sites({ id__in: "5,2000,17" });
    expect(three).toEqual({ ids: [5, 17, 2000], requests: [["BatchGetItem"]] });
    const paged = await sites({ id__in: "5,2000,17", sort: "-id", limit: "2" });
    expect(paged).toEqual({ ids: [2000, 17, 5], requests: [["BatchGetItem"], ["BatchGetItem"]] });
    // an id that matches nothing leaves the page short: the next ids are looked up in a second call
    const missing = await sites({ id__in: "5,2000,17,999999", sort: "-id", limit: "2" });
    expect(missing).toEqual({ ids: [2000, 17, 5], requests: [["BatchGetItem", "BatchGetItem"], ["BatchGetItem"]] });
    const named = await sites({ id__in: "5,2000,17", sort: "name" });
    expect(named).toEqual({ ids: [5, 17, 2000].sort(byName), requests: [["BatchGetItem"]] });
    expect(await sites({ id__in: "999998,999999" })).toEqual({ ids: [], requests: [["BatchGetItem"]] });
  });

  it("an equality on an indexed field with the default sort: one Query on that field's index", async () => {
    const named = await sites({ name: "Site 42" });
    expect(named.ids).toEqual(data.sites.filter((s) => s.name === "Site 42").map((s) => s.id));
    expect(named.requests).toEqual([["Query"]]);
    expect(await sites({ name: UNIQUE_NAME })).toEqual({ ids: [17], requests: [["Query"]] });
    expect(await sites({ name: "No such site" })).toEqual({ ids: [], requests: [["Query"]] });
    const day = site(1234).installation_date;
    const dated = await sites({ installation_date: day, sort: "-id" });
    expect(dated.ids).toEqual(
      data.sites
        .filter((s) => s.installation_date === day)
        .map((s) => s.id)
        .reverse(),
    );
    expect(dated.requests).toEqual([["Query"]]);
  });

  it("site_id and parent_group_id: the edges, then one BatchGetItem of the groups", async () => {
    const holder = data.sites.reduce((a, b) => (b.group_ids.length > a.group_ids.length ? b : a));
    expect(holder.group_ids.length).toBeGreaterThan(2);
    expect(await groups({ site_id: String(holder.id) })).toEqual({
      ids: holder.group_ids,
      requests: [["Query", "BatchGetItem"]],
    });
    const children = await groups({ parent_group_id: String(SHAPE.parent), limit: "20" });
    expect(children).toEqual({
      ids: SHAPE.children,
      requests: [
        ["Query", "BatchGetItem"],
        ["Query", "BatchGetItem"],
      ],
    });
    expect((await groups({ name: "Group 7" })).requests).toEqual([["Query"]]);
  });

  it("a filter beside a key lookup is applied to what the lookup reads", async () => {
    const french = await sites({ group_id: String(SHAPE.thirty), country: "fr" });
    expect(french.ids).toEqual(Array.from({ length: 15 }, (_, i) => 100 + 2 * i));
    expect(french.requests).toEqual([["Query", "BatchGetItem"]]);
  });
});
