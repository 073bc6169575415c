/**
 * Deleting a group that holds more links than one transaction can carry: the delete becomes a
 * resumable job, and a retry after a failure half-way finishes it.
 */
import { ServiceUnavailableError } from "@sites-groups/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { fixedItalianSite, saturdays } from "../support/fixtures.ts";
import { expectConsistent } from "../support/invariants.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

const saturday = saturdays("2031-01-04", 400);
let made = 0;
const italianSite = (group_ids: number[]) =>
  fixedItalianSite({ name: `Member ${++made}`, installation_date: saturday(), group_ids });

async function groupWithSites(count: number, name: string) {
  const group = await db.context.groups.create({ name, type: "group2" });
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, () => db.context.sites.create(italianSite([group.id]))),
    );
  }
  const parent = await db.context.groups.create({
    name: `${name} parent`,
    type: "group1",
    child_group_ids: [group.id],
  });
  const child = await db.context.groups.create({ name: `${name} child`, type: "group3" });
  await db.context.groups.addChild(group.id, child.id);
  expect((await db.context.groups.get(group.id)).site_ids).toHaveLength(count);
  return { group, parent, child };
}

describe("deleting a group holding 250 sites", () => {
  it("removes every edge and every id kept of it, and nothing else", async () => {
    const { group, parent, child } = await groupWithSites(250, "Big");
    const sitesBefore = (await db.context.sites.list({ group_id: String(group.id), limit: "100" })).items.length;
    expect(sitesBefore).toBe(100);

    await db.context.groups.remove(group.id);

    await expect(db.context.groups.get(group.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.context.sites.list({ group_id: String(group.id) })).items).toEqual([]);
    expect((await db.context.groups.get(parent.id)).child_group_ids).toEqual([]);
    expect((await db.context.groups.get(child.id)).parent_group_ids).toEqual([]);
    const { sites } = await expectConsistent(db);
    expect(sites.size).toBeGreaterThanOrEqual(250); // the sites themselves stay
  });

  it("a failure half-way leaves a consistent tombstone, and retrying the delete finishes the job", async () => {
    const { group } = await groupWithSites(150, "Interrupted");
    // the tombstone is an UpdateItem; then chunks of 49 links: let two go through, fail the third
    db.failRequest("TransactWriteItems", 2);
    await expect(db.context.groups.remove(group.id)).rejects.toThrow(/injected fault/);

    // half-way: the group is gone for every route and every list, what was unlinked is consistent
    await expect(db.context.groups.get(group.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(db.context.groups.addSite(group.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.context.groups.list({ id__in: String(group.id) })).items).toEqual([]);
    const stillLinked = (await db.scanAll()).filter((i) => i.__edb_e__ === "membership" && i.group_id === group.id);
    expect(stillLinked.length).toBeGreaterThan(0);
    expect(stillLinked.length).toBeLessThan(150);

    await db.context.groups.remove(group.id); // the retry resumes from what the tombstone says
    await expect(db.context.groups.get(group.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectConsistent(db);
    await expect(db.context.groups.remove(group.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("throttled half-way, it answers 503 saying the delete is under way, and a retry finishes it", async () => {
    const { group } = await groupWithSites(120, "Throttled");
    db.failRequest("TransactWriteItems", 1, "ProvisionedThroughputExceededException");
    const refusal = await db.context.groups.remove(group.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceUnavailableError);
    expect((refusal as ServiceUnavailableError).underway).toMatch(/repeat the DELETE/);
    await expect(db.context.groups.get(group.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db.context.groups.remove(group.id);
    await expectConsistent(db);
  });

  it("a site in more groups than one transaction holds is deleted the same way", async () => {
    const groups = [];
    for (let i = 0; i < 60; i += 20) {
      groups.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, j) => db.context.groups.create({ name: `Host ${i + j}`, type: "group1" })),
        )),
      );
    }
    const site = await db.context.sites.create(italianSite([]));
    for (const g of groups) await db.context.groups.addSite(g.id, site.id);
    expect((await db.context.sites.get(site.id)).group_ids).toHaveLength(60);
    await db.context.sites.remove(site.id);
    await expect(db.context.sites.get(site.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.context.groups.list({ site_id: String(site.id) })).items).toEqual([]);
    await expectConsistent(db);
  });
});
