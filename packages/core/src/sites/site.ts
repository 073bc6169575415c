/** What a client writes of a site, validated: the common fields plus its country's own. */
export interface SiteValues {
  country: string;
  name: string;
  installation_date: string;
  max_power_megawatt: number;
  min_power_megawatt: number;
  /** The groups that directly contain the site, ascending. */
  group_ids: number[];
  /** The country's own fields, e.g. `{ efficiency: 0.8 }`. */
  details: Record<string, unknown>;
}

export interface Site extends SiteValues {
  id: number;
  created_at: string;
  updated_at: string;
  /** Incremented by every write; a write that read the site conditions on it (optimistic concurrency). */
  version: number;
}

/** The JSON representation of API.md: the country's fields inline, nothing of other countries. */
export type SiteRepresentation = Record<string, unknown> & {
  id: number;
  country: string;
  group_ids: number[];
};

/** The fields a client writes, flat, in the representation's order: a PATCH merges onto these. */
export function writableFields(site: SiteValues): Record<string, unknown> & { country: string } {
  return {
    country: site.country,
    name: site.name,
    installation_date: site.installation_date,
    max_power_megawatt: site.max_power_megawatt,
    min_power_megawatt: site.min_power_megawatt,
    ...site.details,
    group_ids: site.group_ids,
  };
}

export function representSite(site: Site): SiteRepresentation {
  return {
    id: site.id,
    ...writableFields(site),
    group_ids: [...site.group_ids].sort((a, b) => a - b),
    created_at: site.created_at,
    updated_at: site.updated_at,
  };
}
