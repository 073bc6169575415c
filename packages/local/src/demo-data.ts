import { faker } from "@faker-js/faker";
import { type Context, DomainError, type Site, weekday } from "@sites-groups/core";

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
export async function seedDemoData(
  context: Context,
  options: DemoOptions = {},
): Promise<{ sites: number; groups: number }> {
  faker.seed(options.seed ?? 2026);
  const wanted = options.sites ?? 60;
  const sites: Site[] = [];
  for (let attempts = 0; sites.length < wanted && attempts < wanted * 10; attempts++) {
    try {
      sites.push(await context.sites.create(demoSite()));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "FRENCH_SITE_DAY_TAKEN")) throw error;
    }
  }
  const groups = await demoGroups(context, sites);
  return { sites: sites.length, groups };
}

/**
 * Groups of every type, nested, holding sites, through the services (so every rule holds):
 * Europe (group1) ⊃ France, Italy (group2, holding their country's sites); Flagships (group1)
 * holds the five most powerful sites; Reporting (group3) holds groups only.
 */
async function demoGroups(context: Context, sites: Site[]): Promise<number> {
  const ids = (list: Site[]) => list.map((s) => s.id);
  const byCountry = (code: string) => sites.filter((s) => s.country === code).slice(0, 20);
  const strongest = [...sites].sort((a, b) => b.max_power_megawatt - a.max_power_megawatt).slice(0, 5);
  const france = await context.groups.create({ name: "France", type: "group2", site_ids: ids(byCountry("fr")) });
  const italy = await context.groups.create({ name: "Italy", type: "group2", site_ids: ids(byCountry("it")) });
  const europe = await context.groups.create({
    name: "Europe",
    type: "group1",
    child_group_ids: [france.id, italy.id],
  });
  const flagships = await context.groups.create({ name: "Flagships", type: "group1", site_ids: ids(strongest) });
  await context.groups.create({ name: "Reporting", type: "group3", child_group_ids: [europe.id, flagships.id] });
  return 5;
}
