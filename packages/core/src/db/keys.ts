/**
 * Order-preserving string encodings for sort keys. A list sorted by a field is a Query on the
 * index whose sort key is `encode(value) + SEPARATOR + padded id`, so ties fall to the id in the
 * same direction as the field.
 */

/** Below every character a stored value may hold (names refuse control characters). */
export const SEPARATOR = "\u0001";
/** The character right after SEPARATOR: `encode(v) + AFTER` is above every key of value v. */
export const AFTER_SEPARATOR = "\u0002";

export const ID_WIDTH = 16;

/**
 * The root index (gsi3) of groups: `root_key`, its partition, says whether the group has a parent;
 * its sort key is the padded id, so `root=true|false` pages in id order.
 */
export const ROOT_GROUP_KEYS = { root: "group#root", nested: "group#nested" } as const;

export function encodeId(id: number): string {
  return String(id).padStart(ID_WIDTH, "0");
}

/**
 * A float64 as 16 hex digits whose string order is the numeric order: flip the sign bit of
 * positives, every bit of negatives (-0 is written as 0).
 */
export function encodeNumber(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value);
  let bits = view.getBigUint64(0);
  bits = bits >> 63n ? ~bits & 0xffff_ffff_ffff_ffffn : bits | (1n << 63n);
  return bits.toString(16).padStart(16, "0");
}

export function encodeName(name: string): string {
  return name.toLowerCase();
}

/** The sort key of an item in a value-sorted index. */
export function sortKey(encodedValue: string, id: number): string {
  return `${encodedValue}${SEPARATOR}${encodeId(id)}`;
}
