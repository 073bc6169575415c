import * as z from "zod/mini";
import { DomainError } from "../errors/domain.ts";
import { storableNumber } from "../validation/fields.ts";
import type { Country, Refusal } from "./country.ts";

const DAY_TAKEN = "FRENCH_SITE_DAY_TAKEN";

const refusals: Record<typeof DAY_TAKEN, Refusal> = {
  [DAY_TAKEN]: {
    status: 409,
    title: "French installation day taken",
    description:
      "At most one French site per `installation_date`; the detail names the date and the site holding it. Holds under concurrency: of simultaneous creates for one day, exactly one succeeds.",
    example: () => dayTaken("2024-05-02", 61),
  },
};

function dayTaken(date: string, holder: number): DomainError {
  return new DomainError(DAY_TAKEN, `${date} already has a French site: site ${holder}`, [
    { path: "installation_date", message: `${date} is taken by site ${holder}` },
  ]);
}

/** France: the useful energy at 1 MW, and at most one French site per installation day. */
export const france: Country = {
  code: "fr",
  fields: {
    useful_energy_at_1_megawatt: {
      schema: storableNumber().check(z.gte(0)),
      kind: "number",
      description: "The useful energy the site produces at 1 MW.",
      example: 1450,
      totalled: true,
    },
  },
  refusals,
  claims: (site) => [
    { key: `fr-day#${site.installation_date}`, taken: (holder) => dayTaken(site.installation_date, holder) },
  ],
  exampleSite: {
    name: "Lyon Solar Park",
    installation_date: "2024-05-02",
    max_power_megawatt: 12.5,
    min_power_megawatt: 1,
  },
};
