import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { validationFailed } from "../errors/domain.ts";

/**
 * A cursor is the DynamoDB key to resume after, plus a fingerprint of the listing (resource,
 * sort, filters), sealed with AES-256-GCM: unreadable (no key name, no lower-cased name shows
 * through) and authenticated (an edited, truncated or forged cursor does not open). The key is
 * derived (HKDF-SHA256) from the stage's cursor secret, which no source file holds: in AWS a
 * Secrets Manager secret generated at deploy, locally and in tests a random one made at start.
 * A cursor that opens is still checked against the listing it is used on: the same listing
 * fingerprint, the key names of its index, and a position inside its partition and key range.
 */

export type StartKey = Record<string, string>;

/** Where a listing's cursor may point: its key names, and whether a position is inside it. */
export interface CursorTarget {
  listing: string;
  keyNames: readonly string[];
  accepts(key: StartKey): boolean;
}

export interface Cursors {
  seal(listing: string, key: StartKey): Promise<string>;
  /** The key to resume after, or a 400 naming `cursor` if it is not one this listing issued. */
  open(cursor: string, target: CursorTarget): Promise<StartKey>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = "sites-and-groups/list-cursor/v2";

export function fingerprint(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16);
}

const invalid = (message: string) => validationFailed([{ path: "cursor", message }]);
const NOT_OURS = "not a cursor this API issued";

/** Cursors sealed with a key derived from `secret` (read once, on first use). */
export function createCursors(secret: () => string | Promise<string>): Cursors {
  let key: Promise<Buffer> | undefined;
  const keyOf = () => {
    key ??= Promise.resolve(secret()).then((s) => {
      if (!s) throw new Error("the cursor secret is empty");
      return Buffer.from(hkdfSync("sha256", s, "", INFO, 32));
    });
    return key;
  };
  return {
    async seal(listing, position) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", await keyOf(), iv);
      const sealed = Buffer.concat([
        cipher.update(JSON.stringify({ l: listing, k: position }), "utf8"),
        cipher.final(),
      ]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url");
    },
    async open(cursor, target) {
      const raw = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url") : Buffer.alloc(0);
      // only the canonical encoding: another spelling of the same bytes (unused low bits of the
      // last character) is not a cursor this API issued
      if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString("base64url") !== cursor) throw invalid(NOT_OURS);
      let decoded: { l?: unknown; k?: unknown };
      try {
        const decipher = createDecipheriv("aes-256-gcm", await keyOf(), raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]);
        decoded = JSON.parse(plain.toString("utf8"));
      } catch {
        throw invalid(NOT_OURS);
      }
      if (decoded.l !== target.listing) {
        throw invalid("belongs to another listing: pass it back with the same filters and sort");
      }
      const position = decoded.k as Record<string, unknown> | null;
      const names = position && typeof position === "object" ? Object.keys(position).sort() : [];
      const valid =
        names.join() === [...target.keyNames].sort().join() &&
        names.every((name) => typeof (position as Record<string, unknown>)[name] === "string") &&
        target.accepts(position as StartKey);
      if (!valid) throw invalid(NOT_OURS);
      return position as StartKey;
    },
  };
}
