import { createHash, createHmac } from "node:crypto";
import { environment } from "../environment.ts";
import { validationFailed } from "../errors.ts";

/**
 * A cursor is the DynamoDB key to resume after, plus a fingerprint of the listing (resource,
 * sort, filters), sealed with an HMAC so that an edited or truncated cursor is detected. The key
 * is an integrity key, not a secret: a forged cursor could only name another position of a
 * listing the caller may read anyway, and the key is checked against the listing's shape too.
 * The key is `environment.cursorKey`.
 */

export type StartKey = Record<string, string>;

function seal(payload: string): string {
  return createHmac("sha256", environment.cursorKey).update(payload).digest("base64url").slice(0, 22);
}

export function fingerprint(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

export function encodeCursor(listing: string, key: StartKey): string {
  const payload = Buffer.from(JSON.stringify({ l: listing, k: key })).toString("base64url");
  return `${payload}.${seal(payload)}`;
}

const invalid = (message: string) => validationFailed([{ path: "cursor", message }]);

/** The key to resume after, or a 400 naming `cursor` if it is not one this listing issued. */
export function decodeCursor(cursor: string, listing: string, expectedKeys: readonly string[]): StartKey {
  const [payload, mac, ...rest] = cursor.split(".");
  if (!payload || !mac || rest.length > 0 || seal(payload) !== mac) throw invalid("not a cursor this API issued");
  let decoded: { l?: unknown; k?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid("not a cursor this API issued");
  }
  if (decoded.l !== listing) {
    throw invalid("belongs to another listing: pass it back with the same filters and sort");
  }
  const key = decoded.k as Record<string, unknown> | null;
  const names = key && typeof key === "object" ? Object.keys(key).sort() : [];
  if (
    names.join() !== [...expectedKeys].sort().join() ||
    !names.every((name) => typeof (key as Record<string, unknown>)[name] === "string")
  ) {
    throw invalid("not a cursor this API issued");
  }
  return key as StartKey;
}
