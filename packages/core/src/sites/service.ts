import type { Country } from "../countries/country.ts";
import type { CountryRegistry } from "../countries/registry.ts";
import { deleteWithLinks, type LinkedDeletion } from "../db/deletion.ts";
import type { Database } from "../db/entities.ts";
import { listIndexNames } from "../db/keys.ts";
import { commitChange, optimistic, type Recorded, type Step } from "../db/transactions.ts";
import { unknownReference } from "../errors/refusals.ts";
import type { Cursors } from "../lists/cursor.ts";
import { parseListRequest } from "../lists/parse.ts";
import { readList } from "../lists/plan.ts";
import type { Page } from "../lists/spec.ts";
import { diff, linkSteps } from "../records/edges.ts";
import type { IfMatch } from "../records/preconditions.ts";
import { nextId, recordSteps } from "../records/record.ts";
import { sharedItemsOf } from "./batch.ts";
import { claimChanges, claimsOf, releaseClaim, takeClaim } from "./claims.ts";
import { siteListSpec } from "./list.ts";
import { createSiteSchemas } from "./schema.ts";
import type { Site, SiteValues } from "./site.ts";
import { fromItem, readExistingSite, readStoredSite, sitesOfPage, toItem } from "./store.ts";

export interface SiteServiceOptions {
  db: Database;
  /** Seals and opens list cursors with the stage\'s secret. */
  cursors: Cursors;
  registry: CountryRegistry;
  now?: () => Date;
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

const unknownGroup = (id: number) => unknownReference("group_ids", [id], "group");

export function createSiteService({ db, registry, cursors, now = () => new Date() }: SiteServiceOptions) {
  const schemas = createSiteSchemas(registry);
  const listSpec = siteListSpec(registry);

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

  return {
    /**
     * With `recorded`, the step that commits an `Idempotency-Key`'s record with the answer for
     * the new site, in the same transaction (idempotency/record.ts).
     */
    async create(body: unknown, recorded?: Recorded<Site>): Promise<Site> {
      const values = schemas.parseCreate(body);
      const country = countryOf(values.country);
      checkRules(country, values);
      const id = await nextId(db, "site");
      const at = now().toISOString();
      const site: Site = { ...values, id, version: 1, created_at: at, updated_at: at };
      const { membership } = linkSteps(at);
      const steps: Step[] = [
        ...(recorded ? [recorded(site)] : []),
        recordSteps("site", id).create(toItem(site)),
        ...claimsOf(country, values).map((claim) => takeClaim(claim, id)),
        ...values.group_ids.flatMap((g) => [
          membership.put(g, id),
          membership.group.gains(g, id, unknownGroup, "group_ids"),
        ]),
      ];
      await optimistic(`site ${id}`, () => commitChange(db, steps, "group_ids"));
      return site;
    },

    /**
     * What a create of this body writes that another create may write too (batch.ts
     * `sharedItemsOf`); nothing for a body that `create` refuses before any write.
     */
    contended(body: unknown): string[] {
      try {
        const values = schemas.parseCreate(body);
        return sharedItemsOf(countryOf(values.country), values);
      } catch {
        return [];
      }
    },

    get: (id: number): Promise<Site> => readExistingSite(db, id),

    /** With `ifMatch`, a site at another version is a 412 and nothing is written. */
    async update(id: number, body: unknown, ifMatch?: IfMatch): Promise<Site> {
      const patch = schemas.parsePatch(body);
      return optimistic(`site ${id}`, async () => {
        const current = await readExistingSite(db, id, true, ifMatch);
        const values = schemas.merge(current, patch);
        const country = countryOf(current.country);
        checkRules(country, values);
        if (sameValues(current, values)) return current;
        const at = now().toISOString();
        const next: Site = { ...current, ...values, version: current.version + 1, updated_at: at };
        const claims = claimChanges(country, current, values);
        const groups = diff(current.group_ids, values.group_ids);
        const { membership } = linkSteps(at);
        const steps: Step[] = [
          recordSteps("site", id).replace(toItem(next), current.version),
          ...claims.taken.map((claim) => takeClaim(claim, id)),
          ...claims.released.map((key) => releaseClaim(key, id)),
          ...groups.added.flatMap((g) => [
            membership.put(g, id),
            membership.group.gains(g, id, unknownGroup, "group_ids"),
          ]),
          ...groups.removed.flatMap((g) => [membership.delete(g, id), membership.group.loses(g, id)]),
        ];
        const result = await commitChange(db, steps, "group_ids");
        return result === "retry" ? "retry" : next;
      });
    },

    /** With `ifMatch`, a site at another version is a 412 and nothing is deleted. */
    async remove(id: number, ifMatch?: IfMatch): Promise<void> {
      const { membership } = linkSteps(now().toISOString());
      const record = recordSteps("site", id);
      let held: string[] = [];
      const deletion: LinkedDeletion<number> = {
        what: `site ${id}`,
        read: async () => {
          const stored = await readStoredSite(db, id, true);
          if (!stored) return undefined;
          const site = fromItem(stored);
          held = claimsOf(countryOf(site.country), site).map((c) => c.key);
          return { deleting: stored.deleting === true, version: site.version, links: site.group_ids };
        },
        key: () => record.key(db),
        indexes: listIndexNames("site"),
        unlink: (g) => [membership.delete(g, id), membership.group.loses(g, id)],
        forget: (groups) => record.forget({ group_ids: groups }),
        finish: (version) => [record.remove(version), ...held.map((key) => releaseClaim(key, id))],
      };
      await deleteWithLinks(db, deletion, ifMatch);
    },

    async list(query: Record<string, string | undefined>, repeated: readonly string[] = []): Promise<Page<Site>> {
      const request = parseListRequest(listSpec, query, repeated);
      const page = await readList(db, cursors, listSpec, request);
      return { items: sitesOfPage(db, page.items), next_cursor: page.next_cursor };
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
