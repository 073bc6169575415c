import type { z } from "zod/mini";
import type { DomainError } from "../errors.ts";
import type { SiteValues } from "../sites/site.ts";

/** How a country field is compared in list filters. */
export type FieldKind = "number" | "string" | "date";

export interface CountryField {
  schema: z.ZodMiniType<unknown>;
  kind: FieldKind;
}

/**
 * A claim is a unique key that at most one site may hold at a time (France: one site per
 * installation day). The service stores one lock item per claim in the same transaction as the
 * site, so the database, not a prior read, decides who wins a race.
 */
export interface Claim {
  key: string;
  /** The refusal when another site already holds the key. */
  taken(holderSiteId: number): DomainError;
}

/**
 * Everything that is particular to one country. Adding a country is one module like this one
 * plus one line in the registry: schemas, filters, storage and handlers derive from it.
 */
export interface Country {
  /** Lower-case ISO 3166-1 alpha-2 code, the `country` value of its sites. */
  code: string;
  /** The fields only this country's sites have; each is required on them. */
  fields: Record<string, CountryField>;
  /** A rule on the whole site that needs no other data (e.g. a weekday); undefined when it holds. */
  check?(site: SiteValues): DomainError | undefined;
  /** Unique keys the site holds while it exists. */
  claims?(site: SiteValues): Claim[];
}
