import { type Catalog, ERROR_CATALOG, type ProblemKind } from "../errors/catalog.ts";
import type { Country, Refusal } from "./country.ts";
import { france } from "./fr.ts";
import { italy } from "./it.ts";

/** The countries a deployment serves. A new country: its module, then one line here. */
export const countries: readonly Country[] = [france, italy];

export interface CountryRegistry {
  readonly all: readonly Country[];
  get(code: string): Country | undefined;
  /** The country that owns a country-specific field, if any. */
  ownerOf(field: string): Country | undefined;
  /** Every refusal of the countries' rules, by code, with the country that declares it. */
  readonly refusals: ReadonlyMap<string, Refusal & { code: string; country: Country }>;
  /** Every code this deployment answers: the API's own (errors/catalog.ts), then the refusals. */
  readonly catalog: Catalog;
}

export function createRegistry(list: readonly Country[] = countries): CountryRegistry {
  const byCode = new Map(list.map((c) => [c.code, c]));
  const byField = new Map<string, Country>();
  for (const country of list) {
    for (const [field, declared] of Object.entries(country.fields)) {
      const owner = byField.get(field);
      if (owner) throw new Error(`field ${field} is claimed by both ${owner.code} and ${country.code}`);
      if (declared.totalled && declared.kind !== "number") {
        throw new Error(`field ${field} of ${country.code} is totalled but is not a number`);
      }
      byField.set(field, country);
    }
  }
  const refusals = new Map<string, Refusal & { code: string; country: Country }>();
  for (const country of list) {
    for (const [code, refusal] of Object.entries(country.refusals ?? {})) {
      const owner = refusals.get(code)?.country;
      if (owner) throw new Error(`refusal ${code} is declared by both ${owner.code} and ${country.code}`);
      refusals.set(code, { ...refusal, code, country });
    }
  }
  return {
    all: list,
    get: (code) => byCode.get(code),
    ownerOf: (field) => byField.get(field),
    refusals,
    catalog: catalogOf(refusals.values()),
  };
}

function catalogOf(refusals: Iterable<Refusal & { code: string; country: Country }>): Catalog {
  const catalog = new Map<string, ProblemKind>(Object.entries(ERROR_CATALOG));
  for (const refusal of refusals) {
    if (catalog.has(refusal.code)) {
      throw new Error(`country ${refusal.country.code} declares ${refusal.code}, a code of the API itself`);
    }
    catalog.set(refusal.code, refusal);
  }
  return catalog;
}

let deployed: CountryRegistry | undefined;

/**
 * The registry of the deployed countries, built once per process: the services' (unless given
 * other countries) and the one the functions answer problems with.
 */
export function deployedRegistry(): CountryRegistry {
  deployed ??= createRegistry(countries);
  return deployed;
}
