/**
 * Examples for the OpenAPI document, and the refusals each country's rules produce, obtained by
 * running the rules themselves on the examples (so a new country's rule codes appear without
 * being listed anywhere).
 */
import {
  type Country,
  type CountryRegistry,
  createSiteSchemas,
  type DomainError,
  type SiteValues,
} from "@sites-groups/core";

type Body = Record<string, unknown>;

/** Hand-picked values for the countries of today; others get values from their fields' kinds. */
const KNOWN: Record<string, Body> = {
  fr: {
    country: "fr",
    name: "Lyon Solar Park",
    installation_date: "2024-05-02",
    max_power_megawatt: 12.5,
    min_power_megawatt: 1,
    useful_energy_at_1_megawatt: 1450,
  },
  it: {
    country: "it",
    name: "Roma Wind Farm",
    installation_date: "2024-05-04",
    max_power_megawatt: 3,
    min_power_megawatt: 0.5,
    efficiency: 0.82,
  },
};

const BY_KIND = { number: 1, string: "example", date: "2024-05-04" } as const;

/** A body `POST /sites` accepts for this country (checked in tests/docs). */
export function siteCreateExample(country: Country): Body {
  const known = KNOWN[country.code];
  if (known) return { ...known };
  return {
    country: country.code,
    name: `Example ${country.code.toUpperCase()} site`,
    installation_date: "2024-05-04",
    max_power_megawatt: 10,
    min_power_megawatt: 1,
    ...Object.fromEntries(Object.entries(country.fields).map(([name, field]) => [name, BY_KIND[field.kind]])),
  };
}

const EXAMPLE_TIME = "2024-05-06T09:30:00.000Z";

/** The representation `representSite` gives of the created example. */
export function siteExample(country: Country, id: number): Body {
  const { country: code, ...rest } = siteCreateExample(country);
  return { id, country: code, ...rest, group_ids: [], created_at: EXAMPLE_TIME, updated_at: EXAMPLE_TIME };
}

export const groupCreateExample: Body = { name: "South-East portfolio", type: "group1", site_ids: [61] };

export const groupExample: Body = {
  id: 7,
  name: "South-East portfolio",
  type: "group1",
  site_ids: [61],
  child_group_ids: [],
  parent_group_ids: [3],
  created_at: EXAMPLE_TIME,
  updated_at: EXAMPLE_TIME,
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every refusal a country's own rules can give, one example each, keyed by code: its claims
 * taken by another site, and its check run over a whole year of installation days.
 */
export function countryRuleRefusals(registry: CountryRegistry): Map<string, DomainError> {
  const schemas = createSiteSchemas(registry);
  const refusals = new Map<string, DomainError>();
  for (const country of registry.all) {
    const values: SiteValues = schemas.parseCreate(siteCreateExample(country));
    for (const claim of country.claims?.(values) ?? []) {
      const refusal = claim.taken(61);
      if (!refusals.has(refusal.code)) refusals.set(refusal.code, refusal);
    }
    if (!country.check) continue;
    for (let day = 0; day < 366; day++) {
      const refusal = country.check({ ...values, installation_date: addDays("2024-01-01", day) });
      if (refusal && !refusals.has(refusal.code)) refusals.set(refusal.code, refusal);
    }
  }
  return refusals;
}
