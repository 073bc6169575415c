/**
 * GROUP3_CANNOT_HOLD_SITES says what was refused: a group holding sites cannot become a group3
 * (naming `type`, and not calling it a group3 while it is still not one), a group3 cannot take sites.
 */
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/database.ts";
import { fixedItalianSite } from "../../../tests/support/fixtures.ts";
import { asyncRefusal, messageAt, pathsOf } from "./refusal.ts";

const db = await createTestDatabase();
const { sites, groups } = db.context;

const site = () => sites.create(fixedItalianSite());

describe("PATCH of a group holding sites to type group3", () => {
  it("is refused on `type`, saying the group holds sites so it cannot become a group3", async () => {
    const held = await site();
    const group = await groups.create({ name: "Two", type: "group2", site_ids: [held.id] });
    const error = await asyncRefusal(() => groups.update(group.id, { type: "group3" }));
    expect(error.code).toBe("GROUP3_CANNOT_HOLD_SITES");
    expect(error.detail).toBe(`group ${group.id} holds sites, so it cannot become a group3`);
    expect(pathsOf(error)).toEqual(["type"]);
    // field messages are sentence-cased, as every message of the API
    expect(messageAt(error, "type")).toBe(`Group ${group.id} holds sites, so it cannot become a group3`);
    expect(error.detail).not.toContain("is of type group3");
    expect((await groups.get(group.id)).type).toBe("group2");
  });

  it("with sites in the same PATCH is refused on `site_ids`, as a group3 that cannot hold sites", async () => {
    const held = await site();
    const group = await groups.create({ name: "Two", type: "group2" });
    const error = await asyncRefusal(() => groups.update(group.id, { type: "group3", site_ids: [held.id] }));
    expect(error.code).toBe("GROUP3_CANNOT_HOLD_SITES");
    expect(error.detail).toBe("a group3 group cannot hold sites");
    expect(pathsOf(error)).toEqual(["site_ids"]);
  });
});

describe("PATCH of a group3 with sites", () => {
  it("is refused on `site_ids`, naming the group3", async () => {
    const held = await site();
    const group = await groups.create({ name: "Three", type: "group3" });
    const error = await asyncRefusal(() => groups.update(group.id, { site_ids: [held.id] }));
    expect(error.detail).toBe(`group ${group.id} is of type group3 and cannot hold sites`);
    expect(pathsOf(error)).toEqual(["site_ids"]);
  });
});
