import type { RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { encodeName, listKeys } from "../db/keys.ts";
import { notFound } from "../errors/domain.ts";
import { checkIfMatch, type IfMatch } from "../records/preconditions.ts";
import { readRecord } from "../records/record.ts";
import type { Site } from "./site.ts";

/** A site as stored: `group_ids` absent when empty; `deleting` marks a tombstone (see db/deletion.ts). */
export type StoredSite = Omit<Site, "group_ids"> & { group_ids?: number[]; deleting?: boolean };

/** The stored item: the site plus the keys of its item and list indexes (db/keys.ts). */
export function toItem(site: Site) {
  const { group_ids, ...rest } = site;
  return {
    ...rest,
    ...(group_ids.length > 0 ? { group_ids } : {}),
    name_lower: encodeName(site.name),
    ...listKeys("site", site),
  };
}

export function fromItem({ deleting: _, ...item }: StoredSite): Site {
  return {
    ...item,
    details: (item.details ?? {}) as Record<string, unknown>,
    group_ids: [...(item.group_ids ?? [])].sort((a, b) => a - b),
  };
}

/** The site as stored, tombstone included, or undefined. */
export function readStoredSite(db: Database, id: number, consistent = false): Promise<StoredSite | undefined> {
  return readRecord<StoredSite>(db, "site", id, consistent);
}

/**
 * The site if it exists and is not being deleted; else 404, or 412 with an `ifMatch` (which
 * never matches a gone item). With one, a site at another version is a 412 too.
 */
export async function readExistingSite(db: Database, id: number, consistent = false, ifMatch?: IfMatch): Promise<Site> {
  const stored = await readStoredSite(db, id, consistent);
  const current = stored && !stored.deleting ? stored : undefined;
  checkIfMatch(ifMatch, `site ${id}`, current?.version);
  if (!current) throw notFound(`site ${id}`);
  return fromItem(current);
}

/** The sites of a page of raw items (a list Query). */
export function sitesOfPage(db: Database, items: RawItem[]): Site[] {
  const { data } = db.entities.site.parse({ Items: items });
  return (data as unknown as StoredSite[]).map(fromItem);
}
