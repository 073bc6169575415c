import * as z from "zod/mini";
import type { Country } from "../countries/country.ts";
import { validationFailed } from "../errors/domain.ts";
import { PARSE_PARAMS, toFieldErrors } from "../validation/fields.ts";
import { claimsOf } from "./claims.ts";
import type { SiteValues } from "./site.ts";

/** The most items one `POST /sites/batch` takes (API.md "Many at once"). */
export const MAX_BATCH_ITEMS = 100;

/**
 * The body of `POST /sites/batch` with items of this schema: `{"items": [...]}`, 1 to 100 of
 * them, nothing else. The route reads its items as anything (a bad item is that item's 400, not
 * the batch's); the document shows them as site bodies.
 */
export const batchSchema = <T extends z.core.SomeType>(item: T) =>
  z.strictObject({ items: z.array(item).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)) });

const envelope = batchSchema(z.unknown());

/** The items of a batch body, or a 400 naming what is wrong with the envelope (nothing is written). */
export function parseBatch(body: unknown): unknown[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw validationFailed([{ path: "", message: 'the body must be a JSON object: {"items": [...]}' }]);
  }
  const result = envelope.safeParse(body, PARSE_PARAMS);
  if (!result.success) throw validationFailed(toFieldErrors(result.error.issues));
  return result.data.items;
}

/**
 * The items besides its own that creating a site of these values writes and another create may
 * write too: its country's claims (France: its day) and the groups it joins. Creates that share
 * one run one after another (the first of a batch takes a claim); creates that share none cannot
 * conflict.
 */
export function sharedItemsOf(country: Country, values: SiteValues): string[] {
  return [
    ...claimsOf(country, values).map((claim) => `claim ${claim.key}`),
    ...values.group_ids.map((id) => `group ${id}`),
  ];
}
