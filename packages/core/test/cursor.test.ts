import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type CursorTarget, createCursors, type StartKey } from "../src/lists/cursor.ts";
import { asyncRefusal } from "./refusal.ts";

const LISTING = "sites:sort=id";
const KEY_NAMES = ["pk", "sk", "gsi1pk", "gsi1sk"];
const key = { pk: "site#0000000000000007", sk: "site", gsi1pk: "site", gsi1sk: "0000000000000007" };
/** The id listing: partition `site`, any id. */
const target = (listing = LISTING, names = KEY_NAMES): CursorTarget => ({
  listing,
  keyNames: names,
  accepts: (position: StartKey) => position.gsi1pk === "site",
});

// each run makes its own secret, as `pnpm dev` and the tests do
const cursors = createCursors(() => randomBytes(32).toString("base64url"));
const seal = (position: Record<string, unknown>, listing = LISTING) =>
  cursors.seal(listing, position as Record<string, string>);

/** A cursor this listing must refuse: a 400 that names `cursor`. */
async function expectRefused(cursor: string, on: CursorTarget = target()) {
  const error = await asyncRefusal(() => cursors.open(cursor, on));
  expect(error.code).toBe("VALIDATION_FAILED");
  expect(error.errors.map((e) => e.path)).toEqual(["cursor"]);
}

/** The same cursor with the character at `index` changed to another URL-safe one. */
function flipped(cursor: string, index: number): string {
  const original = cursor[index];
  const replacement = original === "A" ? "B" : "A";
  return cursor.slice(0, index) + replacement + cursor.slice(index + 1);
}

describe("cursors", () => {
  it("give back the key they were made from", async () => {
    expect(await cursors.open(await seal(key), target())).toEqual(key);
  });

  it("accept the key names in any order", async () => {
    expect(await cursors.open(await seal(key), target(LISTING, [...KEY_NAMES].reverse()))).toEqual(key);
  });

  it("are opaque and safe in a query string: no key name, no value shows through", async () => {
    const nameKey = { ...key, gsi1sk: "lyon-north 0000000000000007" };
    const cursor = await seal(nameKey);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const readable = [cursor, Buffer.from(cursor, "base64url").toString("latin1")].join("\n");
    for (const word of ["gsi1sk", "gsi1pk", "lyon", "site", "sites:sort"]) expect(readable).not.toContain(word);
  });

  it("carry keys with any characters, the sort-key separator included", async () => {
    const nameKey = { ...key, gsi1sk: "lyon é \u0001 0000000000000007" };
    expect(await cursors.open(await seal(nameKey), target())).toEqual(nameKey);
  });

  it("refuse a cursor with any one character changed", async () => {
    const cursor = await seal(key);
    for (let i = 0; i < cursor.length; i++) await expectRefused(flipped(cursor, i));
  });

  it("refuse a truncated cursor", async () => {
    const cursor = await seal(key);
    await expectRefused(cursor.slice(0, -1));
    await expectRefused(cursor.slice(0, 20));
    await expectRefused(cursor.slice(1));
  });

  it.each(["garbage", "", ".", "a.b", "a.b.c", "%%%.###", "null", "{}"])("refuse garbage: %j", async (cursor) => {
    await expectRefused(cursor);
  });

  it("refuse a cursor with a part appended", async () => {
    await expectRefused(`${await seal(key)}.x`);
    await expectRefused(`${await seal(key)}AAAA`);
  });

  it("refuse a cursor sealed with another stage's secret", async () => {
    const other = createCursors(() => randomBytes(32).toString("base64url"));
    await expectRefused(await other.seal(LISTING, key));
  });

  it("refuse a cursor of another listing (other filters or sort)", async () => {
    await expectRefused(await seal(key, "sites:sort=name"));
    await expectRefused(await seal(key), target("groups:sort=id"));
  });

  it("refuse a position outside the listing (another partition, or outside its key range)", async () => {
    await expectRefused(await seal({ ...key, gsi1pk: "group" }));
  });

  it("refuse a key with other attribute names than the listing's index", async () => {
    const { gsi1sk: _, ...rest } = key;
    await expectRefused(await seal({ ...rest, gsi2sk: "x" }));
  });

  it("refuse a key with an attribute missing", async () => {
    const { gsi1sk: _, ...rest } = key;
    await expectRefused(await seal(rest));
  });

  it("refuse a key with an extra attribute", async () => {
    await expectRefused(await seal({ ...key, extra: "x" }));
  });

  it("refuse a key whose values are not strings", async () => {
    await expectRefused(await seal({ ...key, gsi1sk: 7 }));
  });
});
