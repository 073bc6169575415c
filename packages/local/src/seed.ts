/**
 * Fills a table with realistic sites and groups through the domain services, so every write
 * takes the same conditional transactions as the API and every rule holds: one French site per
 * day, Italian sites on weekends, no site in a group3, nesting without cycles, every reference
 * existing. Writes run many at a time (a pool of `concurrency` service calls); a write the
 * database refused for contention (503, nothing written) is tried again after a pause.
 */
import { faker } from "@faker-js/faker";
import { asUnavailable, DomainError, type Services, weekday } from "@sites-groups/core";

export interface SeedOptions {
  sites: number;
  groups: number;
  /** The same seed gives the same data (ids may be handed out in another order). */
  seed?: number;
  /** Service calls in flight at once. */
  concurrency?: number;
  onProgress?: (phase: "sites" | "groups", done: number, total: number) => void;
}

export interface SeedSummary {
  sites: number;
  sitesByCountry: Record<string, number>;
  groups: number;
  groupsByType: Record<string, number>;
  memberships: number;
  nestings: number;
  /** Writes tried again after a 503 (contention), and French days found taken (a table that had sites). */
  retries: number;
  daysRedrawn: number;
  seconds: { sites: number; groups: number; total: number };
  /** Sites written per second. */
  siteRate: number;
}

const DAY_MS = 86_400_000;
const LAST_DAY = Date.parse("2026-06-30T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** At most this many sites in one group create: 1 + 2 per site + 2 per child must fit a transaction (100). */
const MAX_SITES_PER_GROUP = 40;
const MAX_ATTEMPTS = 10;

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  });
  await Promise.all(workers);
}

/** Calls `write` again after a throttle or a conflict that outlived the service's retries (nothing was written). */
async function patiently<T>(write: () => Promise<T>, onRetry: () => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!asUnavailable(error) || attempt >= MAX_ATTEMPTS) throw error;
      onRetry();
      await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6) * (0.5 + Math.random())));
    }
  }
}

type SiteBody = Record<string, unknown> & { country: string; installation_date: string };

/** Distinct days for French sites (drawn without replacement) and weekend days for Italian ones. */
function dayPools(frenchCount: number) {
  const span = Math.max(Math.ceil(frenchCount * 1.5) + 60, 2500);
  const days = Array.from({ length: span }, (_, i) => iso(LAST_DAY - i * DAY_MS));
  const french = faker.helpers.shuffle(days);
  const weekends = days.filter((d) => [0, 6].includes(weekday(d)));
  let extra = span;
  return {
    /** A French day no earlier draw gave out; past the pool, older days. */
    frenchDay: () => french.pop() ?? iso(LAST_DAY - extra++ * DAY_MS),
    weekendDay: () => faker.helpers.arrayElement(weekends),
  };
}

function siteName(): string {
  const kind = faker.helpers.arrayElement(["Solar", "Wind", "Hydro", "Biogas", "Geothermal"]);
  const what = faker.helpers.arrayElement(["Park", "Farm", "Plant", "Station", "Field"]);
  return `${faker.location.city()} ${kind} ${what}`;
}

function siteBody(country: "fr" | "it", day: string): SiteBody {
  const max = faker.number.float({ min: 0.5, max: 250, fractionDigits: 2 });
  const common = {
    name: siteName(),
    installation_date: day,
    max_power_megawatt: max,
    min_power_megawatt: faker.number.float({ min: 0, max, fractionDigits: 2 }),
  };
  return country === "fr"
    ? {
        country,
        ...common,
        useful_energy_at_1_megawatt: faker.number.float({ min: 500, max: 3000, fractionDigits: 1 }),
      }
    : { country, ...common, efficiency: faker.number.float({ min: 0.05, max: 1, fractionDigits: 3 }) };
}

/**
 * Bodies of `count` sites, French or Italian at random, that every rule accepts together: French
 * days are distinct, Italian days are weekends. Draws from faker's current seed. `frenchDay`
 * gives a day none of them has, for a table whose older sites already hold one.
 */
export function drawSites(count: number): { bodies: SiteBody[]; frenchDay: () => string } {
  const countries = Array.from({ length: count }, () => faker.helpers.arrayElement(["fr", "it"] as const));
  const days = dayPools(countries.filter((c) => c === "fr").length);
  const bodies = countries.map((c) => siteBody(c, c === "fr" ? days.frenchDay() : days.weekendDay()));
  return { bodies, frenchDay: days.frenchDay };
}

interface GroupPlan {
  name: string;
  type: "group1" | "group2" | "group3";
  level: number;
  /** Indexes into the created sites. */
  sites: number[];
  /** Indexes of groups of lower levels, created before this one. */
  children: number[];
}

/**
 * Groups in levels: level 0 has no children, a group of level n nests groups of levels below n,
 * so the nesting graph is acyclic by construction (and the service refuses a cycle anyway). Each
 * level is created after the one below, with its children's ids known; a new group has no
 * parent, so its creation needs no walk of the graph.
 */
function planGroups(count: number, siteCount: number): GroupPlan[] {
  const plans: GroupPlan[] = [];
  for (let i = 0; i < count; i++) {
    const level = i < count * 0.5 ? 0 : i < count * 0.75 ? 1 : i < count * 0.9 ? 2 : 3;
    const type = faker.helpers.weightedArrayElement([
      { weight: 4, value: "group1" as const },
      { weight: 4, value: "group2" as const },
      { weight: 2, value: "group3" as const },
    ]);
    const below = plans.map((p, index) => ({ p, index })).filter(({ p }) => p.level < level);
    const children =
      level === 0 || below.length === 0
        ? []
        : faker.helpers.arrayElements(below, { min: 1, max: Math.min(3, below.length) }).map(({ index }) => index);
    const sites =
      type === "group3" || siteCount === 0
        ? []
        : faker.helpers.uniqueArray(
            () => faker.number.int({ min: 0, max: siteCount - 1 }),
            Math.min(siteCount, faker.number.int({ min: 0, max: MAX_SITES_PER_GROUP })),
          );
    const region = faker.helpers.arrayElement(["North", "South", "East", "West", "Central", "Coastal", "Alpine"]);
    plans.push({ name: `${region} ${faker.word.noun()} portfolio ${i + 1}`, type, level, sites, children });
  }
  return plans;
}

export async function seed(context: Services, options: SeedOptions): Promise<SeedSummary> {
  faker.seed(options.seed ?? 2026);
  const concurrency = options.concurrency ?? 16;
  const started = performance.now();
  let retries = 0;
  let daysRedrawn = 0;
  const onRetry = () => {
    retries++;
  };

  // Everything random is drawn up front, in order, so a seed gives the same data.
  const { bodies, frenchDay } = drawSites(options.sites);
  const plans = planGroups(options.groups, options.sites);

  const siteIds: number[] = new Array(options.sites);
  let done = 0;
  await pool(bodies, concurrency, async (body, index) => {
    for (;;) {
      try {
        siteIds[index] = (await patiently(() => context.sites.create(body), onRetry)).id;
        break;
      } catch (error) {
        // a table that already had French sites: draw another day
        if (!(error instanceof DomainError && error.code === "FRENCH_SITE_DAY_TAKEN")) throw error;
        daysRedrawn++;
        body.installation_date = frenchDay();
      }
    }
    options.onProgress?.("sites", ++done, bodies.length);
  });
  const sitesDone = performance.now();

  const groupIds: number[] = new Array(plans.length);
  done = 0;
  for (const level of [0, 1, 2, 3]) {
    const wave = plans.map((plan, index) => ({ plan, index })).filter(({ plan }) => plan.level === level);
    await pool(wave, concurrency, async ({ plan, index }) => {
      const body = {
        name: plan.name,
        type: plan.type,
        site_ids: plan.sites.map((i) => siteIds[i] as number),
        child_group_ids: plan.children.map((i) => groupIds[i] as number),
      };
      groupIds[index] = (await patiently(() => context.groups.create(body), onRetry)).id;
      options.onProgress?.("groups", ++done, plans.length);
    });
  }
  const finished = performance.now();

  const count = <T extends string>(values: T[]) =>
    values.reduce<Record<string, number>>((acc, v) => {
      acc[v] = (acc[v] ?? 0) + 1;
      return acc;
    }, {});
  const siteSeconds = (sitesDone - started) / 1000;
  return {
    sites: bodies.length,
    sitesByCountry: count(bodies.map((b) => b.country)),
    groups: plans.length,
    groupsByType: count(plans.map((p) => p.type)),
    memberships: plans.reduce((n, p) => n + p.sites.length, 0),
    nestings: plans.reduce((n, p) => n + p.children.length, 0),
    retries,
    daysRedrawn,
    seconds: { sites: siteSeconds, groups: (finished - sitesDone) / 1000, total: (finished - started) / 1000 },
    siteRate: siteSeconds > 0 ? bodies.length / siteSeconds : 0,
  };
}
