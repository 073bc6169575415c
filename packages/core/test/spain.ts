/**
 * A third country, as a deployment would add it: one module, nothing else. Used by the tests
 * that prove it (third-country.test.ts here, and tests/docs/openapi.test.ts for the document
 * and the HTTP statuses); it is not in the registry of the app.
 */
import * as z from "zod/mini";
import type { Country, Refusal } from "../src/countries/country.ts";
import { DomainError } from "../src/errors/domain.ts";

const AUGUST = 8;
const IN_AUGUST = "SPANISH_SITE_IN_AUGUST";

const refusals: Record<typeof IN_AUGUST, Refusal> = {
  [IN_AUGUST]: {
    status: 422,
    title: "Spanish site installed in August",
    description: "A Spanish site's `installation_date` is not in August.",
    example: () => inAugust("2024-08-15"),
  },
};

function inAugust(date: string): DomainError {
  return new DomainError(IN_AUGUST, `installation_date ${date} is in August`, [
    { path: "installation_date", message: "a Spanish site is not installed in August" },
  ]);
}

/** Spain: a capacity factor, and no site is installed in August. */
export const spain: Country = {
  code: "es",
  fields: {
    capacity_factor: {
      schema: z.number().check(z.gte(0), z.lte(1)),
      kind: "number",
      description: "The average output over the maximum, a ratio.",
      example: 0.4,
      totalled: true,
    },
  },
  refusals,
  check: (site) =>
    Number(site.installation_date.slice(5, 7)) === AUGUST ? inAugust(site.installation_date) : undefined,
};
