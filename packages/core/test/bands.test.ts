import { describe, expect, it } from "vitest";
import { seeded } from "../../../tests/support/random.ts";
import { BAND_DIGITS, bandsOf, joinBands } from "../src/rollups/bands.ts";

/** Bands summed as DynamoDB's ADD sums each attribute: exact integers. */
function total(values: readonly number[], signs: readonly (1 | -1)[] = values.map(() => 1)) {
  const bands = new Map<number, bigint>();
  values.forEach((value, i) => {
    for (const [band, digits] of bandsOf(value)) {
      bands.set(band, (bands.get(band) ?? 0n) + BigInt(signs[i] ?? 1) * BigInt(digits));
    }
  });
  return bands;
}

describe("a value in bands", () => {
  it("holds every digit of its shortest decimal in at most 3 bands of 12 digits", () => {
    const next = seeded(7);
    for (let i = 0; i < 2000; i++) {
      const value = Number(`${Math.floor(next() * 1e15) + 1}e${-Math.floor(next() * 146)}`);
      const bands = bandsOf(value);
      expect(bands.size).toBeLessThanOrEqual(3);
      for (const digits of bands.values()) {
        expect(Number.isSafeInteger(digits) && digits > 0 && digits < 10 ** BAND_DIGITS).toBe(true);
      }
      expect(joinBands(bands)).toBe(value);
    }
  });

  it("covers the whole range the API stores, 0 and 1e-130 to 2^53 - 1", () => {
    for (const value of [0, 1e-130, 1.2345678901234568e-130, 0.1, 12.5, 2 ** 53 - 1]) {
      expect(joinBands(bandsOf(value))).toBe(value);
    }
    expect(bandsOf(0).size).toBe(0);
  });

  it("refuses what the grid cannot hold exactly", () => {
    expect(() => bandsOf(5e-324)).toThrow(RangeError);
    expect(() => bandsOf(1e200)).toThrow(RangeError);
    expect(() => bandsOf(Number.NaN)).toThrow(RangeError);
  });
});

describe("sums joined from bands", () => {
  it("are the exact decimal sum, rounded once: 0.1 ten times is 1", () => {
    const tenths = Array.from({ length: 10 }, () => 0.1);
    expect(joinBands(total(tenths))).toBe(1);
    expect(tenths.reduce((a, b) => a + b)).not.toBe(1); // what adding doubles gives
  });

  it("keep the smallest value beside the largest, and subtract exactly", () => {
    // adding and taking away the largest leaves the smallest, which doubles lose
    expect(joinBands(total([1e-130, 2 ** 53 - 1, 2 ** 53 - 1], [1, 1, -1]))).toBe(1e-130);
    expect(1e-130 + (2 ** 53 - 1) - (2 ** 53 - 1)).toBe(0);
    expect(joinBands(total([1e-130, 9e15], [1, 1]))).toBe(9e15);
    expect(joinBands(total([1e-130, 12.5], [1, -1]))).toBe(1e-130 - 12.5);
  });

  it("equal the exact sum of random values of every magnitude, after additions and removals", () => {
    const next = seeded(2026);
    const values: { digits: bigint; exponent: number; value: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const digits = BigInt(Math.floor(next() * 1e15));
      const exponent = -Math.floor(next() * 146);
      values.push({ digits, exponent, value: Number(`${digits}e${exponent}`) });
    }
    const removed = new Set(values.filter(() => next() < 0.3));
    // exactly: every value as an integer count of 10^-150
    const exact = values
      .filter((v) => !removed.has(v))
      .reduce((sum, v) => sum + v.digits * 10n ** BigInt(v.exponent + 150), 0n);
    const signs = values.map(() => 1 as const);
    const all = [...values.map((v) => v.value), ...[...removed].map((v) => v.value)];
    const bands = total(all, [...signs, ...[...removed].map(() => -1 as const)]);
    expect(joinBands(bands)).toBe(Number(`${exact}e-150`));
  });
});
