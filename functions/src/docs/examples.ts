/**
 * Examples for the OpenAPI document, from what each country module declares: its example site,
 * its fields' examples, and one example of each of its refusals.
 */
import type { Country, CountryRegistry, DomainError } from "@sites-groups/core";

type Body = Record<string, unknown>;

/** A body `POST /sites` accepts for this country (checked in tests/docs). */
export function siteCreateExample(country: Country): Body {
  const common = country.exampleSite ?? {
    name: `Example ${country.code.toUpperCase()} site`,
    installation_date: "2024-05-04",
    max_power_megawatt: 10,
    min_power_megawatt: 1,
  };
  return {
    country: country.code,
    ...common,
    ...Object.fromEntries(Object.entries(country.fields).map(([name, field]) => [name, field.example])),
  };
}

const EXAMPLE_TIME = "2024-05-06T09:30:00.000Z";

/** The representation `representSite` gives of the created example. */
export function siteExample(country: Country, id: number): Body {
  const { country: code, ...rest } = siteCreateExample(country);
  return { id, country: code, ...rest, group_ids: [], created_at: EXAMPLE_TIME, updated_at: EXAMPLE_TIME };
}

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

/** One example of every refusal the countries' rules can give, keyed by code. */
export function countryRefusals(registry: CountryRegistry): Map<string, DomainError> {
  return new Map([...registry.refusals].map(([code, refusal]) => [code, refusal.example()]));
}
