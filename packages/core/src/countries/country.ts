import type { z } from "zod/mini";
import type { ProblemKind } from "../errors/catalog.ts";
import type { DomainError } from "../errors/domain.ts";
import type { SiteValues } from "../sites/site.ts";

/** How a country field is compared in list filters. */
export type FieldKind = "number" | "string" | "date";

export interface CountryField {
  schema: z.ZodMiniType<unknown>;
  kind: FieldKind;
  /** What the field means, for the documentation; its limits are read from `schema`. */
  description: string;
  /** A value the field may take, for the documentation's examples. */
  example: unknown;
  /**
   * Summed in a group's summary, per country (`by_country.<code>.<field>`: its sum and mean over
   * the sites below the group); only for a number field.
   */
  totalled?: boolean;
}

/**
 * A refusal the country's rules can give (its `check`, or a claim taken by another site), with
 * what the catalog holds of every code (errors/catalog.ts): its status, title, documentation and
 * an example. The registry joins it to the API's own codes.
 */
export interface Refusal extends ProblemKind {
  /** 409: another site holds what this one needs; 422: the site breaks a rule. */
  status: 409 | 422;
  /** One such refusal, as the API gives it, for the documentation. */
  example(): DomainError;
}

/**
 * A claim is a unique key that at most one site may hold at a time (France: one site per
 * installation day). The service stores one lock item per claim in the same transaction as the
 * site, so the database, not a prior read, decides who wins a race.
 */
export interface Claim {
  key: string;
  /** The refusal when another site already holds the key (one of the country's `refusals`). */
  taken(holderSiteId: number): DomainError;
}

/** The common fields of the country's example site, for the documentation. */
export interface ExampleSite {
  name: string;
  installation_date: string;
  max_power_megawatt: number;
  min_power_megawatt: number;
}

/**
 * Everything that is particular to one country. Adding a country is one module like this one
 * plus one line in the registry: schemas, filters, storage, handlers, HTTP statuses and the
 * OpenAPI document derive from it.
 */
export interface Country {
  /** Lower-case ISO 3166-1 alpha-2 code, the `country` value of its sites. */
  code: string;
  /** The fields only this country's sites have; each is required on them. */
  fields: Record<string, CountryField>;
  /** Every refusal `check` and `claims` can give, keyed by its problem `code`. */
  refusals?: Record<string, Refusal>;
  /** A rule on the whole site that needs no other data (e.g. a weekday); undefined when it holds. */
  check?(site: SiteValues): DomainError | undefined;
  /** Unique keys the site holds while it exists. */
  claims?(site: SiteValues): Claim[];
  /** The documentation's example site of this country (generic values when absent). */
  exampleSite?: ExampleSite;
}
