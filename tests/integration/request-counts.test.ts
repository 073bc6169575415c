/**
 * How many DynamoDB requests each sites operation makes, counted by an SDK middleware on the
 * real client. These numbers are part of the design (README, "Requests per operation"): a change
 * that adds a round trip must change this test too.
 */
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
