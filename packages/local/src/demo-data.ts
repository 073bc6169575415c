import { faker } from "@faker-js/faker";
import type { Services, Site } from "@sites-groups/core";
import { drawSites } from "./seed.ts";

export interface DemoOptions {
  sites?: number;
  /** The same seed gives the same data. */
  seed?: number;
}

/**
 * Fills an empty database with realistic sites and groups through the services, so every rule
 * holds (the sites are drawn as `pnpm seed` draws them).
 */
export async function seedDemoData(
  context: Services,
  options: DemoOptions = {},
): Promise<{ sites: number; groups: number }> {
  faker.seed(options.seed ?? 2026);
  // demo data goes into an empty table only, so these bodies cannot collide with stored sites
  const sites: Site[] = [];
  for (const body of drawSites(options.sites ?? 60).bodies) sites.push(await context.sites.create(body));
  const groups = await demoGroups(context, sites);
  return { sites: sites.length, groups };
}

/**
 * Groups of every type, nested, holding sites, through the services (so every rule holds):
 * Europe (group1) ⊃ France, Italy (group2, holding their country's sites); Flagships (group1)
 * holds the five most powerful sites; Reporting (group3) holds groups only.
 */
async function demoGroups(context: Services, sites: Site[]): Promise<number> {
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
