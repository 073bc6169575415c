import * as z from "zod/mini";
import { DomainError } from "../errors.ts";
import { storableNumber } from "../validation.ts";
import type { Country } from "./country.ts";

/** France: the useful energy at 1 MW, and at most one French site per installation day. */
export const france: Country = {
  code: "fr",
  fields: {
    useful_energy_at_1_megawatt: { schema: storableNumber().check(z.gte(0)), kind: "number" },
  },
  claims: (site) => [
    {
      key: `fr-day#${site.installation_date}`,
      taken: (holder) =>
        new DomainError(
          "FRENCH_SITE_DAY_TAKEN",
          "French installation day taken",
          `${site.installation_date} already has a French site: site ${holder}`,
          [{ path: "installation_date", message: `${site.installation_date} is taken by site ${holder}` }],
        ),
    },
  ],
};
