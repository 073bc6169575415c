import type { Claim, Country } from "../countries/country.ts";
import type { CountryRegistry } from "../countries/registry.ts";
import type { Database } from "../db/entities.ts";
import { isConditionFailed } from "../db/errors.ts";
import { encodeId, encodeName, encodeNumber, sortKey } from "../db/keys.ts";
import { runTransaction } from "../db/transactions.ts";
import { DomainError, notFound, ServiceUnavailableError } from "../errors.ts";
import { parseListRequest } from "../lists/parse.ts";
import { buildListQuery, readPage } from "../lists/query.ts";
import type { Page } from "../lists/spec.ts";
import { siteListSpec } from "./list.ts";
import { createSiteSchemas } from "./schema.ts";
import type { Site, SiteValues } from "./site.ts";

export interface SiteServiceOptions {
  db: Database;
  registry: CountryRegistry;
  now?: () => Date;
}

/** Attempts of a read-merge-write before giving up on a site that keeps changing under us. */
const OPTIMISTIC_ATTEMPTS = 5;

type StoredSite = Omit<Site, "group_ids"> & { group_ids?: number[] };

/** The stored item: the site plus the sort keys of the list indexes. */
function toItem(site: Site) {
  const { group_ids, ...rest } = site;
  return {
    ...rest,
    ...(group_ids.length > 0 ? { group_ids } : {}),
    name_lower: encodeName(site.name),
    k_id: encodeId(site.id),
    k_name: sortKey(encodeName(site.name), site.id),
    k_date: sortKey(site.installation_date, site.id),
    k_power: sortKey(encodeNumber(site.max_power_megawatt), site.id),
  };
}

function fromItem(item: StoredSite): Site {
  return {
    ...item,
    details: (item.details ?? {}) as Record<string, unknown>,
    group_ids: [...(item.group_ids ?? [])].sort((a, b) => a - b),
  };
}

function sameValues(a: SiteValues, b: SiteValues): boolean {
  const fields = (v: SiteValues) =>
    JSON.stringify([
      v.country,
      v.name,
      v.installation_date,
      v.max_power_megawatt,
      v.min_power_megawatt,
      v.group_ids,
      Object.entries(v.details).sort(([x], [y]) => x.localeCompare(y)),
    ]);
  return fields(a) === fields(b);
}

function claimsOf(country: Country, site: SiteValues): Claim[] {
  return country.claims?.(site) ?? [];
}

export function createSiteService({ db, registry, now = () => new Date() }: SiteServiceOptions) {
  const schemas = createSiteSchemas(registry);
  const listSpec = siteListSpec(registry);
  const { site: sites, counter } = db.entities;

  function countryOf(code: string): Country {
    const country = registry.get(code);
    if (!country) throw new Error(`site of unregistered country ${code}`);
    return country;
  }

  /** Rules a site must satisfy by itself, checked before any write. */
  function checkRules(country: Country, values: SiteValues) {
    const refusal = country.check?.(values);
    if (refusal) throw refusal;
    if (values.group_ids.length > 0) {
      // No group exists until the groups feature lands, so every id is unknown.
      throw new DomainError("UNKNOWN_REFERENCE", "Unknown reference", "group_ids names groups that do not exist", [
        { path: "group_ids", message: `no group ${values.group_ids.join(", ")}` },
      ]);
    }
  }

  async function nextId(): Promise<number> {
    const { data } = await counter.update({ name: "site" }).add({ value: 1 }).go({ response: "all_new" });
    if (data.value === undefined) throw new Error("the site counter returned no value");
    return data.value;
  }

  function holderOf(item: unknown): number {
    return (item as { site_id?: number } | null)?.site_id ?? 0;
  }

  async function read(id: number): Promise<Site | undefined> {
    const { data } = await sites.get({ k_id: encodeId(id) }).go({ attributes: undefined });
    return data ? fromItem(data as unknown as StoredSite) : undefined;
  }

  return {
    async create(body: unknown): Promise<Site> {
      const values = schemas.parseCreate(body);
      const country = countryOf(values.country);
      checkRules(country, values);
      const id = await nextId();
      const at = now().toISOString();
      const site: Site = { ...values, id, version: 1, created_at: at, updated_at: at };
      const wanted = claimsOf(country, values);
      if (wanted.length === 0) {
        await sites.create(toItem(site)).go();
        return site;
      }
      const outcome = await runTransaction(() =>
        db.service.transaction
          .write(({ site: s, claim: c }) => [
            s.create(toItem(site)).commit(),
            ...wanted.map((w) => c.create({ key: w.key, site_id: id }).commit({ response: "all_old" })),
          ])
          .go(),
      );
      if (!outcome.ok) {
        const refused = wanted[outcome.index - 1];
        if (!refused) throw new Error(`site ${id} already exists`);
        throw refused.taken(holderOf(outcome.item));
      }
      return site;
    },

    async get(id: number): Promise<Site> {
      const site = await read(id);
      if (!site) throw notFound(`site ${id}`);
      return site;
    },

    async update(id: number, body: unknown): Promise<Site> {
      const patch = schemas.parsePatch(body);
      for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
        const current = await read(id);
        if (!current) throw notFound(`site ${id}`);
        const values = schemas.merge(current, patch);
        const country = countryOf(current.country);
        checkRules(country, values);
        const next: Site = { ...current, ...values, version: current.version + 1, updated_at: now().toISOString() };
        if (sameValues(current, values)) return current;
        const before = new Map(claimsOf(country, current).map((c) => [c.key, c]));
        const after = new Map(claimsOf(country, values).map((c) => [c.key, c]));
        const released = [...before.keys()].filter((key) => !after.has(key));
        const taken = [...after.values()].filter((c) => !before.has(c.key));
        const put = sites.put(toItem(next)).where((a, { eq }) => eq(a.version, current.version));

        if (released.length === 0 && taken.length === 0) {
          try {
            await put.go();
            return next;
          } catch (error) {
            if (isConditionFailed(error)) continue;
            throw error;
          }
        }
        const outcome = await runTransaction(() =>
          db.service.transaction
            .write(({ site: s, claim: c }) => [
              s
                .put(toItem(next))
                .where((a, { eq }) => eq(a.version, current.version))
                .commit(),
              ...taken.map((t) => c.create({ key: t.key, site_id: id }).commit({ response: "all_old" })),
              ...released.map((key) =>
                c
                  .delete({ key })
                  .where((a, { eq }) => eq(a.site_id, id))
                  .commit(),
              ),
            ])
            .go(),
        );
        if (outcome.ok) return next;
        if (outcome.index === 0) continue; // changed since we read it: merge again
        const refused = taken[outcome.index - 1];
        if (refused) throw refused.taken(holderOf(outcome.item));
        throw new Error(`site ${id} does not hold the claim it is releasing`);
      }
      throw new ServiceUnavailableError(`site ${id} kept changing under concurrent writes`);
    },

    async remove(id: number): Promise<void> {
      for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
        const current = await read(id);
        if (!current) throw notFound(`site ${id}`);
        const held = claimsOf(countryOf(current.country), current);
        const outcome = await runTransaction(() =>
          db.service.transaction
            .write(({ site: s, claim: c }) => [
              s
                .delete({ k_id: encodeId(id) })
                .where((a, { eq }) => eq(a.version, current.version))
                .commit(),
              ...held.map((h) =>
                c
                  .delete({ key: h.key })
                  .where((a, { eq }) => eq(a.site_id, id))
                  .commit(),
              ),
            ])
            .go(),
        );
        if (outcome.ok) return;
        if (outcome.index > 0) throw new Error(`site ${id} does not hold its claim ${held[outcome.index - 1]?.key}`);
      }
      throw new ServiceUnavailableError(`site ${id} kept changing under concurrent writes`);
    },

    async list(query: Record<string, string | undefined>, repeated: readonly string[] = []): Promise<Page<Site>> {
      const request = parseListRequest(listSpec, query, repeated);
      const listQuery = buildListQuery(listSpec, request, db.table);
      const page = await readPage(db.client, listQuery, request);
      const { data } = sites.parse({ Items: page.items });
      return { items: (data as unknown as StoredSite[]).map(fromItem), next_cursor: page.next_cursor };
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
