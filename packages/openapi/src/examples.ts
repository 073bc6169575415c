/**
 * Examples for the OpenAPI document, from what each country module declares: its example site
 * and its fields' examples (its refusals' examples are the catalog's, errors/catalog.ts).
 */
import type { Country, CountryRegistry } from "@sites-groups/core";

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

/** A CloudEvent of the examples' stage. */
function event(id: string, type: string, subject: string, time: string, data: Body): Body {
  return {
    specversion: "1.0",
    id,
    source: "sites-and-groups/prod",
    type,
    time,
    subject,
    datacontenttype: "application/json",
    data,
  };
}

/** The events of a site's creation, renaming and joining a group, in the order `GET /events` lists them. */
export function eventExamples(registry: CountryRegistry): Body[] {
  const country = registry.all[0];
  if (!country) return [];
  const site = siteExample(country, 61);
  const renamed = { ...site, name: `${String(site.name)} II`, updated_at: "2024-05-06T09:31:00.000Z" };
  return [
    event("5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71", "site.created", "sites/61", "2024-05-06T09:30:00.412Z", site),
    event("a4d7e2c915b84f06b3e8d1c7f2a09e55", "site.updated", "sites/61", "2024-05-06T09:31:00.388Z", {
      ...renamed,
      changed: ["name"],
    }),
    event("0e9b3f7c2a614d58b1c6e4f8a3d7b920", "group.site_added", "groups/7", "2024-05-06T09:32:10.105Z", {
      group_id: 7,
      site_id: 61,
    }),
  ];
}
