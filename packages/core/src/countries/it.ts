import * as z from "zod/mini";
import { weekday } from "../dates.ts";
import { DomainError } from "../errors.ts";
import { storableNumber } from "../validation.ts";
import type { Country } from "./country.ts";

const SATURDAY = 6;
const SUNDAY = 0;

/** Italy: an efficiency ratio, and sites are installed on weekends only. */
export const italy: Country = {
  code: "it",
  fields: {
    efficiency: { schema: storableNumber().check(z.gt(0), z.lte(1)), kind: "number" },
  },
  check(site) {
    const day = weekday(site.installation_date);
    if (day === SATURDAY || day === SUNDAY) return undefined;
    return new DomainError(
      "ITALIAN_SITE_NOT_ON_WEEKEND",
      "Italian site not installed on a weekend",
      `installation_date ${site.installation_date} is not a Saturday or a Sunday`,
      [{ path: "installation_date", message: "an Italian site is installed on a Saturday or a Sunday" }],
    );
  },
};
