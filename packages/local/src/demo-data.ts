import { faker } from "@faker-js/faker";
import { type Context, DomainError, weekday } from "@sites-groups/core";

export interface DemoOptions {
  sites?: number;
  /** The same seed gives the same data. */
  seed?: number;
}

const SATURDAY = 6;
const SUNDAY = 0;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A random day of 2020–2026, moved to the next weekend day when `weekend` is set. */
function installationDay(weekend: boolean): string {
  const date = faker.date.between({ from: "2020-01-01T00:00:00Z", to: "2026-10-31T00:00:00Z" });
  if (weekend) {
    while (![SATURDAY, SUNDAY].includes(weekday(isoDate(date)))) date.setUTCDate(date.getUTCDate() + 1);
  }
  return isoDate(date);
}

function demoSite() {
  const country = faker.helpers.arrayElement(["fr", "it"] as const);
  const max = faker.number.float({ min: 0.5, max: 250, fractionDigits: 2 });
  const common = {
    name: `${faker.location.city()} ${faker.helpers.arrayElement(["Solar", "Wind", "Hydro", "Biogas"])} ${faker.helpers.arrayElement(["Park", "Farm", "Plant", "Station"])}`,
    max_power_megawatt: max,
    min_power_megawatt: faker.number.float({ min: 0, max, fractionDigits: 2 }),
  };
  return country === "fr"
    ? {
        country,
        ...common,
        installation_date: installationDay(false),
        useful_energy_at_1_megawatt: faker.number.float({ min: 500, max: 3000, fractionDigits: 1 }),
      }
    : {
        country,
        ...common,
        installation_date: installationDay(true),
        efficiency: faker.number.float({ min: 0.05, max: 1, fractionDigits: 3 }),
      };
}

/**
 * Fills the database with realistic sites through the services, so every rule holds: a French
 * day already taken is simply drawn again.
 */
export async function seedDemoData(context: Context, options: DemoOptions = {}): Promise<{ sites: number }> {
  faker.seed(options.seed ?? 2026);
  const wanted = options.sites ?? 60;
  let created = 0;
  for (let attempts = 0; created < wanted && attempts < wanted * 10; attempts++) {
    try {
      await context.sites.create(demoSite());
      created++;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "FRENCH_SITE_DAY_TAKEN")) throw error;
    }
  }
  return { sites: created };
}
