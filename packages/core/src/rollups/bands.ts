/**
 * Exact sums of the values the API stores, kept with DynamoDB's `ADD` (docs/design.md, "Exact
 * sums"). `ADD` is exact decimal arithmetic to 38 significant digits; a stored value has at most
 * 17 significant digits (JavaScript's shortest round trip) anywhere from 1e-130 to 2^53 − 1, a span
 * no single number can hold. So a value is cut into bands of 12 decimal digits on one fixed grid,
 * each band's integer added to its own attribute, and a sum is joined back from its bands with
 * BigInt, exactly, then rounded once.
 */

/** Decimal digits per band. */
export const BAND_DIGITS = 12;
/** The exponent of the grid's lowest digit: 17 digits ending at 1e-130's own lie above it. */
const LOWEST_EXPONENT = -156;
/** Bands 0…14 cover 10^-156 … 10^23, past 2^53 − 1 (about 9e15). */
export const BANDS = 15;

const BAND = 10n ** BigInt(BAND_DIGITS);
const SHORTEST = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** The value as an integer count of 10^LOWEST_EXPONENT (exact: its shortest decimal, scaled). */
function scaled(value: number): bigint {
  const match = SHORTEST.exec(String(Math.abs(value)));
  if (!match) throw new RangeError(`${value} is not a finite number`);
  const [, whole = "", fraction = "", exponent = "0"] = match;
  const shift = Number(exponent) - fraction.length - LOWEST_EXPONENT;
  if (shift < 0) throw new RangeError(`${value} has digits below 1e${LOWEST_EXPONENT}`);
  const magnitude = BigInt(whole + fraction) * 10n ** BigInt(shift);
  if (magnitude >= BAND ** BigInt(BANDS)) throw new RangeError(`${value} is above the bands`);
  return value < 0 ? -magnitude : magnitude;
}

/**
 * The non-zero bands of a value, by band number: integers of at most 12 digits (safe as numbers),
 * negative for a negative value. At most 3 bands (17 digits span at most 3 groups of 12).
 */
export function bandsOf(value: number): Map<number, number> {
  const bands = new Map<number, number>();
  let rest = scaled(value);
  const sign = rest < 0n ? -1n : 1n;
  rest *= sign;
  for (let band = 0; rest > 0n; band++) {
    const digits = rest % BAND;
    if (digits !== 0n) bands.set(band, Number(digits * sign));
    rest /= BAND;
  }
  return bands;
}

/**
 * The sum whose bands are these (each band the total of its integers, any size DynamoDB holds),
 * as the nearest double: the exact decimal, rounded once.
 */
export function joinBands(bands: ReadonlyMap<number, number | bigint>): number {
  let total = 0n;
  for (const [band, digits] of bands) total += BigInt(digits) * BAND ** BigInt(band);
  return total === 0n ? 0 : Number(`${total}e${LOWEST_EXPONENT}`);
}
