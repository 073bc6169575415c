import type { Claim, Country } from "../countries/country.ts";
import type { CountryRegistry } from "../countries/registry.ts";
import { deleteWithLinks } from "../db/deletion.ts";
import type { Database } from "../db/entities.ts";
import { encodeId, encodeName, encodeNumber, sortKey } from "../db/keys.ts";
import { commitChange, optimistic, type Step, transact } from "../db/transactions.ts";
import { notFound } from "../errors.ts";
import { diff, linkSteps, unknownReference } from "../links.ts";
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

type StoredSite = Omit<Site, "group_ids"> & { group_ids?: number[]; deleting?: boolean };

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

function fromItem({ deleting: _, ...item }: StoredSite): Site {
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
  const unknownGroup = (id: number) => unknownReference("group_ids", [id], "group");

  function countryOf(code: string): Country {
    const country = registry.get(code);
    if (!country) throw new Error(`site of unregistered country ${code}`);
    return country;
  }

  /** Rules that depend on the site alone, checked before any write. */
  function checkRules(country: Country, values: SiteValues) {
    const refusal = country.check?.(values);
    if (refusal) throw refusal;
  }

  async function nextId(): Promise<number> {
    const { data } = await counter.update({ name: "site" }).add({ value: 1 }).go({ response: "all_new" });
    if (data.value === undefined) throw new Error("the site counter returned no value");
    return data.value;
  }

  const holderOf = (item: Record<string, unknown> | null) => Number(item?.site_id ?? 0);

  async function readStored(id: number, consistent = false): Promise<StoredSite | undefined> {
    const { data } = await sites.get({ k_id: encodeId(id) }).go({ consistent });
    return data ? (data as unknown as StoredSite) : undefined;
  }

  async function readLive(id: number, consistent = false): Promise<Site> {
    const stored = await readStored(id, consistent);
    if (!stored || stored.deleting) throw notFound(`site ${id}`);
    return fromItem(stored);
  }

  /** Taking a claim: refused with the country's error, naming the site that holds it. */
  const takeClaim = (claim: Claim, siteId: number): Step => ({
    commit: (tx) => tx.claim.create({ key: claim.key, site_id: siteId }).commit({ response: "all_old" }),
    refused: (old) => claim.taken(holderOf(old)),
  });
  const releaseClaim = (key: string, siteId: number): Step => ({
    commit: (tx) =>
      tx.claim
        .delete({ key })
        .where((a, { eq }) => eq(a.site_id, siteId))
        .commit(),
    // not ours any more: the site changed since we read it
    refused: () => "retry",
  });

  return {
    async create(body: unknown): Promise<Site> {
      const values = schemas.parseCreate(body);
      const country = countryOf(values.country);
      checkRules(country, values);
      const id = await nextId();
      const at = now().toISOString();
      const site: Site = { ...values, id, version: 1, created_at: at, updated_at: at };
      const claims = claimsOf(country, values);
      if (claims.length === 0 && values.group_ids.length === 0) {
        await sites.create(toItem(site)).go();
        return site;
      }
      const links = linkSteps(at);
      const steps: Step[] = [
        { commit: (tx) => tx.site.create(toItem(site)).commit() },
        ...claims.map((claim) => takeClaim(claim, id)),
        ...values.group_ids.flatMap((g) => [
          links.membershipPut(g, id),
          links.groupGainsSite(g, id, unknownGroup, "group_ids"),
        ]),
      ];
      await optimistic(`site ${id}`, () => transact(db, steps, "group_ids"));
      return site;
    },

    get: (id: number): Promise<Site> => readLive(id),

    async update(id: number, body: unknown): Promise<Site> {
      const patch = schemas.parsePatch(body);
      return optimistic(`site ${id}`, async () => {
        const current = await readLive(id, true);
        const values = schemas.merge(current, patch);
        const country = countryOf(current.country);
        checkRules(country, values);
        if (sameValues(current, values)) return current;
        const at = now().toISOString();
        const next: Site = { ...current, ...values, version: current.version + 1, updated_at: at };
        const before = new Map(claimsOf(country, current).map((c) => [c.key, c]));
        const after = new Map(claimsOf(country, values).map((c) => [c.key, c]));
        const released = [...before.keys()].filter((key) => !after.has(key));
        const taken = [...after.values()].filter((c) => !before.has(c.key));
        const groups = diff(current.group_ids, values.group_ids);
        const links = linkSteps(at);
        const steps: Step[] = [
          {
            commit: (tx) =>
              tx.site
                .put(toItem(next))
                .where((a, { eq }) => eq(a.version, current.version))
                .commit(),
            refused: () => "retry",
          },
          ...taken.map((claim) => takeClaim(claim, id)),
          ...released.map((key) => releaseClaim(key, id)),
          ...groups.added.flatMap((g) => [
            links.membershipPut(g, id),
            links.groupGainsSite(g, id, unknownGroup, "group_ids"),
          ]),
          ...groups.removed.flatMap((g) => [links.membershipDelete(g, id), links.groupLosesSite(g, id)]),
        ];
        const result = await commitChange(
          db,
          steps,
          () =>
            sites
              .put(toItem(next))
              .where((a, { eq }) => eq(a.version, current.version))
              .go(),
          "group_ids",
        );
        return result === "retry" ? "retry" : next;
      });
    },

    async remove(id: number): Promise<void> {
      const links = linkSteps(now().toISOString());
      let held: string[] = [];
      const found = await deleteWithLinks<number>(db, {
        what: `site ${id}`,
        read: async () => {
          const stored = await readStored(id, true);
          if (!stored) return undefined;
          const site = fromItem(stored);
          held = claimsOf(countryOf(site.country), site).map((c) => c.key);
          return { deleting: stored.deleting === true, version: site.version, links: site.group_ids };
        },
        key: () => sites.get({ k_id: encodeId(id) }).params().Key,
        indexes: ["gsi1", "gsi2", "gsi3", "gsi4"],
        unlink: (g) => [links.membershipDelete(g, id), links.groupLosesSite(g, id)],
        forget: (groups) => ({
          commit: (tx) =>
            tx.site
              .patch({ k_id: encodeId(id) })
              .delete({ group_ids: groups })
              .where((a, { exists }) => exists(a.deleting))
              .commit(),
          refused: () => "retry",
        }),
        finish: (version) => [
          {
            commit: (tx) =>
              tx.site
                .delete({ k_id: encodeId(id) })
                .where((a, { eq, exists }) => (version === undefined ? exists(a.deleting) : eq(a.version, version)))
                .commit(),
            refused: () => "retry",
          },
          ...held.map((key) => releaseClaim(key, id)),
        ],
      });
      if (!found) throw notFound(`site ${id}`);
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
