import { createHash } from "node:crypto";

/**
 * A JSON value as one canonical string: object members sorted by name, at every depth, so that
 * two bodies holding the same JSON value in any member order read the same. Every own member
 * counts — `__proto__` and `constructor` included: JSON.parse makes them ordinary own members,
 * and this reads them as such (it builds no object, so no assignment can invoke the
 * `__proto__` setter and drop one).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const members = Object.keys(value)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson((value as Record<string, unknown>)[name])}`);
    return `{${members.join(",")}}`;
  }
  // no value at all (a request without a body) is not JSON's null
  return value === undefined ? "" : JSON.stringify(value);
}

/** The SHA-256 of a value's canonical JSON, in hex. */
export function hashOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
