/**
 * The group rules under concurrency, against DynamoDB Local: each race is sent many times, and
 * the transaction that makes the change must decide it every time.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { fixedItalianSite, saturdays } from "../support/fixtures.ts";
import { expectConsistent } from "../support/invariants.ts";
import { outcome } from "../support/outcome.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});

const ROUNDS = 5;

// distinct Saturdays, so the sites are valid whatever else the test does
const saturday = saturdays("2030-01-05");
let made = 0;
const italianSite = () => fixedItalianSite({ name: `Site ${++made}`, installation_date: saturday() });

describe("a site added to G while G becomes a group3", () => {
  it("never leaves a group3 holding a site (20-way, repeated)", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const group = await db.context.groups.create({ name: `Race ${round}`, type: "group1" });
      const sites = await Promise.all(Array.from({ length: 10 }, () => db.context.sites.create(italianSite())));
      const requests = sites.flatMap((site) => [
        outcome(db.context.groups.addSite(group.id, site.id)),
        outcome(db.context.groups.update(group.id, { type: "group3" })),
      ]);
      const outcomes = await Promise.all(requests);
      const final = await db.context.groups.get(group.id);
      if (final.type === "group3") {
        expect(final.site_ids).toEqual([]);
      } else {
        expect(outcomes.filter((o) => o === "GROUP3_CANNOT_HOLD_SITES").length).toBeGreaterThan(0);
      }
      for (const o of outcomes) expect(["OK", "GROUP3_CANNOT_HOLD_SITES", "SERVICE_UNAVAILABLE"]).toContain(o);
    }
    await expectConsistent(db);
  });
});

describe("A ⊃ B and B ⊃ A sent together", () => {
  it("never both succeed (20-way, repeated)", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await db.context.groups.create({ name: `A${round}`, type: "group1" });
      const b = await db.context.groups.create({ name: `B${round}`, type: "group2" });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          outcome(i % 2 === 0 ? db.context.groups.addChild(a.id, b.id) : db.context.groups.addChild(b.id, a.id)),
        ),
      );
      const [finalA, finalB] = await Promise.all([db.context.groups.get(a.id), db.context.groups.get(b.id)]);
      const aHoldsB = finalA.child_group_ids.includes(b.id);
      const bHoldsA = finalB.child_group_ids.includes(a.id);
      expect(aHoldsB && bHoldsA).toBe(false);
      expect(aHoldsB || bHoldsA).toBe(true);
      for (const o of outcomes) expect(["OK", "GROUP_CYCLE", "SERVICE_UNAVAILABLE"]).toContain(o);
      expect(outcomes.filter((o) => o === "GROUP_CYCLE").length).toBeGreaterThan(0);
    }
    await expectConsistent(db);
  });

  it("a longer cycle closed from both ends at once never closes (A⊃B⊃C, then C⊃A and A⊃C⊃… races)", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, c, d] = await Promise.all(
        ["A", "B", "C", "D"].map((n) => db.context.groups.create({ name: `${n}${round}`, type: "group1" })),
      );
      if (!a || !b || !c || !d) throw new Error("groups not created");
      await db.context.groups.addChild(a.id, b.id);
      await db.context.groups.addChild(c.id, d.id);
      // B ⊃ C and D ⊃ A together would close A⊃B⊃C⊃D⊃A
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          outcome(i % 2 === 0 ? db.context.groups.addChild(b.id, c.id) : db.context.groups.addChild(d.id, a.id)),
        ),
      );
      expect(outcomes).toContain("GROUP_CYCLE");
      await expectConsistent(db);
    }
  });
});
