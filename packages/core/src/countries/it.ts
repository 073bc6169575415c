import * as z from "zod/mini";
import { DomainError } from "../errors/domain.ts";
import { weekday } from "../validation/dates.ts";
import { storableNumber } from "../validation/fields.ts";
import type { Country, Refusal } from "./country.ts";

const SATURDAY = 6;
const SUNDAY = 0;
const NOT_ON_WEEKEND = "ITALIAN_SITE_NOT_ON_WEEKEND";

const refusals: Record<typeof NOT_ON_WEEKEND, Refusal> = {
  [NOT_ON_WEEKEND]: {
    status: 422,
    title: "Italian site not installed on a weekend",
    description: "An Italian site's `installation_date` is a Saturday or a Sunday.",
    example: () => notOnWeekend("2024-05-06"),
  },
};

function notOnWeekend(date: string): DomainError {
  return new DomainError(NOT_ON_WEEKEND, `installation_date ${date} is not a Saturday or a Sunday`, [
    { path: "installation_date", message: "an Italian site is installed on a Saturday or a Sunday" },
  ]);
}

/** Italy: an efficiency ratio, and sites are installed on weekends only. */
export const italy: Country = {
  code: "it",
  fields: {
    efficiency: {
      schema: storableNumber().check(z.gt(0), z.lte(1)),
      kind: "number",
      description: "The share of the energy the site turns into electricity, a ratio.",
      example: 0.82,
      totalled: true,
    },
  },
  refusals,
  check(site) {
    const day = weekday(site.installation_date);
    return day === SATURDAY || day === SUNDAY ? undefined : notOnWeekend(site.installation_date);
  },
  exampleSite: {
    name: "Roma Wind Farm",
    installation_date: "2024-05-04",
    max_power_megawatt: 3,
    min_power_megawatt: 0.5,
  },
};
