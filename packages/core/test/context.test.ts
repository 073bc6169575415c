/**
 * `createServices` wires the domain over one table. Two contexts in one process (two tables,
 * or two registries) must not see each other's writes.
 */
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/database.ts";
import { fixedFrenchSite } from "../../../tests/support/fixtures.ts";
import { asyncRefusal } from "./refusal.ts";

const first = await createTestDatabase();
const second = await createTestDatabase();

const lyon = fixedFrenchSite();

describe("two contexts over two tables", () => {
  it("write each site into its own context's table", async () => {
    const site = await first.context.sites.create(lyon);
    expect((await first.scanAll()).filter((item) => item.id === site.id)).toHaveLength(1);
    expect(await second.scanAll()).toEqual([]);
  });

  it("list a created site in the context that created it", async () => {
    const site = await first.context.sites.create({ ...lyon, installation_date: "2024-05-07" });
    const page = await first.context.sites.list({ id__in: String(site.id) });
    expect(page.items.map((s) => s.id)).toEqual([site.id]);
  });

  it("do not read each other's sites", async () => {
    const site = await first.context.sites.create({ ...lyon, installation_date: "2024-05-08" });
    expect((await asyncRefusal(() => second.context.sites.get(site.id))).code).toBe("NOT_FOUND");
  });
});
