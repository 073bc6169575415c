import type { Claim, Country } from "../countries/country.ts";
import type { Step } from "../db/transactions.ts";
import type { SiteValues } from "./site.ts";

/** The unique keys a site holds under its country's rules (France: its day). */
export function claimsOf(country: Country, site: SiteValues): Claim[] {
  return country.claims?.(site) ?? [];
}

/** The claims a change of a site takes and the keys it releases. */
export function claimChanges(country: Country, current: SiteValues, next: SiteValues) {
  const before = new Map(claimsOf(country, current).map((c) => [c.key, c]));
  const after = new Map(claimsOf(country, next).map((c) => [c.key, c]));
  return {
    taken: [...after.values()].filter((c) => !before.has(c.key)),
    released: [...before.keys()].filter((key) => !after.has(key)),
  };
}

const holderOf = (item: Record<string, unknown> | null) => Number(item?.site_id ?? 0);

/** Taking a claim: refused with the country's error, naming the site that holds it. */
export const takeClaim = (claim: Claim, siteId: number): Step => ({
  write: (entities) => entities.claim.create({ key: claim.key, site_id: siteId }).commit({ response: "all_old" }),
  refused: (old) => claim.taken(holderOf(old)),
});

export const releaseClaim = (key: string, siteId: number): Step => ({
  write: (entities) =>
    entities.claim
      .delete({ key })
      .where((a, { eq }) => eq(a.site_id, siteId))
      .commit(),
  // not ours any more: the site changed since we read it
  refused: () => "retry",
});
