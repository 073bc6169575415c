/**
 * The French-day rule under concurrency, against a real engine (DynamoDB Local): the lock item
 * written in the site's own transaction decides every race, and no write leaves a lock behind.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { fixedItalianSite, frenchSiteOn } from "../support/fixtures.ts";
import { outcome } from "../support/outcome.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

const french = (installation_date: string, name = `Site ${installation_date}`) =>
  frenchSiteOn(installation_date, { name });

/** Every lock belongs to an existing French site on that day; every French site holds its day's lock. */
async function expectLocksMatchSites() {
  const items = await db.scanAll();
  const sites = items.filter((i) => i.__edb_e__ === "site");
  const locks = items.filter((i) => i.__edb_e__ === "claim");
  const frenchSites = sites.filter((s) => s.country === "fr");
  expect(locks.map((l) => l.key).sort()).toEqual(frenchSites.map((s) => `fr-day#${s.installation_date}`).sort());
  for (const lock of locks) {
    const holder = frenchSites.find((s) => s.id === lock.site_id);
    expect(holder, `lock ${lock.key} held by a missing site ${lock.site_id}`).toBeDefined();
    expect(`fr-day#${holder?.installation_date}`).toBe(lock.key);
  }
  return { sites, locks };
}

describe("one French site per installation day", () => {
  it("of 25 simultaneous creates for one day, exactly one succeeds and one lock exists", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) => outcome(db.context.sites.create(french("2025-01-15", `Racer ${i}`)))),
    );
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "FRENCH_SITE_DAY_TAKEN")).toHaveLength(24);
    const { sites, locks } = await expectLocksMatchSites();
    expect(sites.filter((s) => s.installation_date === "2025-01-15")).toHaveLength(1);
    expect(locks.filter((l) => l.key === "fr-day#2025-01-15")).toHaveLength(1);
  });

  it("of 10 simultaneous moves onto one free day, exactly one succeeds", async () => {
    const movers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.context.sites.create(french(`2025-02-${String(i + 1).padStart(2, "0")}`)),
      ),
    );
    const outcomes = await Promise.all(
      movers.map((site) => outcome(db.context.sites.update(site.id, { installation_date: "2025-02-28" }))),
    );
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "FRENCH_SITE_DAY_TAKEN")).toHaveLength(9);
    await expectLocksMatchSites();
  });

  it("simultaneous moves of one site to several days leave it holding exactly its final day", async () => {
    const site = await db.context.sites.create(french("2025-03-01"));
    const days = ["2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"];
    const outcomes = await Promise.all(
      days.map((day) => outcome(db.context.sites.update(site.id, { installation_date: day }))),
    );
    expect(outcomes.every((o) => o === "OK" || o === "SERVICE_UNAVAILABLE")).toBe(true);
    const final = await db.context.sites.get(site.id);
    expect(days).toContain(final.installation_date);
    await expectLocksMatchSites();
  });

  it("moving a site frees its old day and takes the new one", async () => {
    const moved = await db.context.sites.create(french("2025-04-01"));
    await db.context.sites.update(moved.id, { installation_date: "2025-04-02" });
    expect(await outcome(db.context.sites.create(french("2025-04-01")))).toBe("OK");
    expect(await outcome(db.context.sites.create(french("2025-04-02")))).toBe("FRENCH_SITE_DAY_TAKEN");
    await expectLocksMatchSites();
  });

  it("deleting a site frees its day", async () => {
    const deleted = await db.context.sites.create(french("2025-05-01"));
    await db.context.sites.remove(deleted.id);
    expect(await outcome(db.context.sites.create(french("2025-05-01")))).toBe("OK");
    await expectLocksMatchSites();
  });

  it("a move refused because the day is taken changes nothing", async () => {
    await db.context.sites.create(french("2025-06-01"));
    const other = await db.context.sites.create(french("2025-06-02"));
    expect(await outcome(db.context.sites.update(other.id, { installation_date: "2025-06-01", name: "Moved" }))).toBe(
      "FRENCH_SITE_DAY_TAKEN",
    );
    const unchanged = await db.context.sites.get(other.id);
    expect(unchanged).toEqual(other);
    await expectLocksMatchSites();
  });

  it("refused and invalid writes leave no lock behind", async () => {
    const before = (await db.scanAll()).length;
    expect(await outcome(db.context.sites.create({ ...french("2025-07-01"), efficiency: 0.5 }))).toBe(
      "VALIDATION_FAILED",
    );
    expect(await outcome(db.context.sites.create({ ...french("2025-07-02"), group_ids: [999] }))).toBe(
      "UNKNOWN_REFERENCE",
    );
    expect(await outcome(db.context.sites.create({ ...french("2025-07-03"), min_power_megawatt: 11 }))).toBe(
      "VALIDATION_FAILED",
    );
    // only the id counter moved
    const after = await db.scanAll();
    expect(after.length).toBe(before);
    expect(after.some((i) => String(i.key ?? "").startsWith("fr-day#2025-07"))).toBe(false);
    await expectLocksMatchSites();
  });

  it("a French site and an Italian site may share a day", async () => {
    await db.context.sites.create(french("2025-08-02"));
    const italian = fixedItalianSite({ name: "Torino", installation_date: "2025-08-02" });
    expect(await outcome(db.context.sites.create(italian))).toBe("OK");
    await expectLocksMatchSites();
  });
});
