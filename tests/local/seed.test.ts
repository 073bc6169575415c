/**
 * `pnpm seed`'s engine: faker data written through the services, many writes at once, and
 * every rule of the data model holds afterwards, also when the table already held sites.
 */
import { weekday } from "@sites-groups/core";
import { seed } from "@sites-groups/local/seed";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database.ts";
import { expectConsistent } from "../support/invariants.ts";

describe("seeding", () => {
  it("fills a table with sites and groups that keep every rule, twice over", async () => {
    const db = await createTestDatabase();
    const progress: string[] = [];
    const first = await seed(db.context, {
      sites: 100,
      groups: 15,
      seed: 7,
      concurrency: 16,
      onProgress: (phase, done, total) => {
        if (done === total) progress.push(`${phase} ${done}/${total}`);
      },
    });
    expect(progress).toEqual(["sites 100/100", "groups 15/15"]);
    expect(first).toMatchObject({ sites: 100, groups: 15 });
    expect(first.siteRate).toBeGreaterThan(0);

    // the same seed again: every French day it draws is taken now, and is drawn again
    const second = await seed(db.context, { sites: 100, groups: 15, seed: 7, concurrency: 16 });
    expect(second.daysRedrawn).toBe(second.sitesByCountry.fr);

    const { sites, groups, memberships, nestings } = await expectConsistent(db);
    expect(sites.size).toBe(200);
    expect(groups.size).toBe(30);
    expect(memberships.length).toBe(first.memberships + second.memberships);
    expect(nestings.length).toBe(first.nestings + second.nestings);
    for (const site of sites.values()) {
      if (site.country === "it") expect([0, 6]).toContain(weekday(site.installation_date));
    }
    expect([...groups.values()].some((g) => g.type === "group3")).toBe(true);
    expect(nestings.length).toBeGreaterThan(0);
  });
});
