import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../src/lists/cursor.ts";
import { refusal } from "./refusal.ts";

const LISTING = "sites:sort=id";
const KEY_NAMES = ["pk", "sk", "gsi1pk", "gsi1sk"];
const key = { pk: "site#0000000000000007", sk: "site", gsi1pk: "site", gsi1sk: "0000000000000007" };

/** A cursor this listing must refuse: a 400 that names `cursor`. */
function expectRefused(cursor: string, listing = LISTING, names = KEY_NAMES) {
  const error = refusal(() => decodeCursor(cursor, listing, names));
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
  it("give back the key they were made from", () => {
    expect(decodeCursor(encodeCursor(LISTING, key), LISTING, KEY_NAMES)).toEqual(key);
  });

  it("accept the key names in any order", () => {
    expect(decodeCursor(encodeCursor(LISTING, key), LISTING, [...KEY_NAMES].reverse())).toEqual(key);
  });

  it("are opaque and safe in a query string", () => {
    expect(encodeCursor(LISTING, key)).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it("carry keys with any characters, the sort-key separator included", () => {
    const nameKey = { ...key, gsi1sk: "lyon é \u0001 0000000000000007" };
    expect(decodeCursor(encodeCursor(LISTING, nameKey), LISTING, KEY_NAMES)).toEqual(nameKey);
  });

  it("refuse a cursor with any one character changed", () => {
    const cursor = encodeCursor(LISTING, key);
    for (let i = 0; i < cursor.length; i++) {
      if (cursor[i] === ".") continue;
      expectRefused(flipped(cursor, i));
    }
  });

  it("refuse a truncated cursor", () => {
    const cursor = encodeCursor(LISTING, key);
    expectRefused(cursor.slice(0, -1));
    expectRefused(cursor.slice(0, cursor.indexOf(".")));
    expectRefused(cursor.slice(1));
  });

  it.each(["garbage", "", ".", "a.b", "a.b.c", "%%%.###", "null", "{}"])("refuse garbage: %j", (cursor) => {
    expectRefused(cursor);
  });

  it("refuse a cursor with a part appended", () => {
    expectRefused(`${encodeCursor(LISTING, key)}.x`);
  });

  it("refuse a cursor of another listing (other filters or sort)", () => {
    expectRefused(encodeCursor("sites:sort=name", key));
    expectRefused(encodeCursor(LISTING, key), "groups:sort=id");
  });

  it("refuse a key with other attribute names than the listing's index", () => {
    const { gsi1sk: _, ...rest } = key;
    expectRefused(encodeCursor(LISTING, { ...rest, gsi2sk: "x" }));
  });

  it("refuse a key with an attribute missing", () => {
    const { gsi1sk: _, ...rest } = key;
    expectRefused(encodeCursor(LISTING, rest));
  });

  it("refuse a key with an extra attribute", () => {
    expectRefused(encodeCursor(LISTING, { ...key, extra: "x" }));
  });

  it("refuse a key whose values are not strings", () => {
    expectRefused(encodeCursor(LISTING, { ...key, gsi1sk: 7 } as unknown as Record<string, string>));
  });
});
