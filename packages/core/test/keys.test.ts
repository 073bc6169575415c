import { describe, expect, it } from "vitest";
import { AFTER_SEPARATOR, encodeId, encodeName, encodeNumber, SEPARATOR, sortKey } from "../src/db/keys.ts";

/** Plain string order, as DynamoDB compares the ASCII keys below. */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("encodeNumber: string order is numeric order", () => {
  const sample = [
    0,
    -0,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    1e-300,
    -1e-300,
    Number.EPSILON,
    0.1,
    0.2,
    0.30000000000000004,
    0.5,
    -0.5,
    1,
    -1,
    1.5,
    -1.5,
    2,
    9.99,
    10,
    -10,
    100.25,
    1e21,
    -1e21,
    2 ** 53,
    2 ** 53 + 2,
    1e300,
    -1e300,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER,
  ];

  it("sorts a sample of zeros, tiny, large, fractional and negative values as the numbers sort", () => {
    const numeric = [...sample].sort((a, b) => a - b);
    const encoded = sample.map((n) => ({ n, key: encodeNumber(n) })).sort((a, b) => byString(a.key, b.key));
    expect(encoded.map((e) => e.n)).toEqual(numeric);
  });

  it("orders every pair of the sample strictly as the numbers compare", () => {
    for (const a of sample) {
      for (const b of sample) {
        expect(Math.sign(byString(encodeNumber(a), encodeNumber(b))), `${a} vs ${b}`).toBe(Math.sign(a - b) || 0);
      }
    }
  });

  it("writes -0 and 0 alike: equal numbers, equal keys", () => {
    expect(encodeNumber(-0)).toBe(encodeNumber(0));
  });

  it("writes every number as 16 hex digits, so no key is a prefix of another", () => {
    for (const n of sample) expect(encodeNumber(n)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps the order of neighbouring floats", () => {
    const next = 1 + Number.EPSILON;
    expect(byString(encodeNumber(1), encodeNumber(next))).toBe(-1);
    expect(byString(encodeNumber(-next), encodeNumber(-1))).toBe(-1);
  });
});

describe("encodeId: fixed width, so string order is numeric order", () => {
  it("sorts ids numerically", () => {
    const ids = [1, 2, 9, 10, 11, 99, 100, 1_000_000, Number.MAX_SAFE_INTEGER];
    const sorted = [...ids].sort((a, b) => byString(encodeId(a), encodeId(b)));
    expect(sorted).toEqual(ids);
  });

  it("has the same width for every safe id", () => {
    expect(encodeId(1)).toHaveLength(encodeId(Number.MAX_SAFE_INTEGER).length);
  });
});

describe("sortKey: the value first, ties broken by id", () => {
  it("orders equal values by id, numerically", () => {
    const keys = [10, 2, 1].map((id) => sortKey(encodeNumber(5), id)).sort(byString);
    expect(keys).toEqual([1, 2, 10].map((id) => sortKey(encodeNumber(5), id)));
  });

  it("orders by value before id", () => {
    expect(byString(sortKey(encodeNumber(1), 999), sortKey(encodeNumber(2), 1))).toBe(-1);
    expect(byString(sortKey("2024-05-01", 999), sortKey("2024-05-02", 1))).toBe(-1);
  });

  it("puts a name before the longer names it starts, whatever their ids", () => {
    expect(byString(sortKey(encodeName("Lyon"), 999), sortKey(encodeName("Lyon Est"), 1))).toBe(-1);
    expect(byString(sortKey(encodeName("ab"), 5), sortKey(encodeName("ab!"), 1))).toBe(-1);
  });

  it("sorts names case-insensitively, ties broken by id", () => {
    const names: [string, number][] = [
      ["beta", 1],
      ["Alpha", 3],
      ["alpha", 2],
      ["ALPHA", 4],
    ];
    const sorted = names.sort(([a, i], [b, j]) => byString(sortKey(encodeName(a), i), sortKey(encodeName(b), j)));
    expect(sorted.map(([, id]) => id)).toEqual([2, 3, 4, 1]);
  });

  it("keeps every key of a value between value+SEPARATOR and value+AFTER_SEPARATOR (the range bounds)", () => {
    const value = encodeNumber(5);
    for (const id of [1, 42, Number.MAX_SAFE_INTEGER]) {
      const key = sortKey(value, id);
      expect(byString(value + SEPARATOR, key)).toBe(-1);
      expect(byString(key, value + AFTER_SEPARATOR)).toBe(-1);
    }
    expect(byString(sortKey(encodeNumber(4.999), Number.MAX_SAFE_INTEGER), value + SEPARATOR)).toBe(-1);
    expect(byString(value + AFTER_SEPARATOR, sortKey(encodeNumber(5.001), 1))).toBe(-1);
  });
});
