/**
 * A bulk load for large test tables and the benchmark: sites, groups and their membership and
 * nesting items written as the services would write them (same entities, same keys), and the
 * hierarchy's maintained items as the rollups processor would leave them, but many at a time
 * through BatchWriteItem, without the transactions, the French day claims or the checks. The caller gives consistent data (every linked id exists, no cycle); the id counters
 * are raised past the highest ids so that later creates do not reuse them.
 */
import { BatchWriteCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import type { CountryRegistry } from "../countries/registry.ts";
import type { Group } from "../groups/group.ts";
import { toItem as groupItem } from "../groups/store.ts";
import { belowItem, type Placed, rollupKeys } from "../rollups/keys.ts";
import { ledgerAttributes } from "../rollups/ledger.ts";
import { rollupsFromScratch } from "../rollups/scratch.ts";
import { SUMMARY_FIELDS } from "../rollups/store.ts";
import type { Site } from "../sites/site.ts";
import { toItem as siteItem } from "../sites/store.ts";
import type { Database } from "./entities.ts";
import { encodeId } from "./keys.ts";

type Item = Record<string, NativeAttributeValue>;
const BATCH_WRITE_ITEMS = 25;

export interface BulkData {
  /** `group_ids` must match the groups' `site_ids`. */
  sites: Site[];
  /** `parent_group_ids` must match the other groups' `child_group_ids`. */
  groups: Group[];
}

function itemsOf(db: Database, data: BulkData): Item[] {
  const { entities } = db;
  const items: Item[] = [];
  for (const site of data.sites) items.push(entities.site.put(siteItem(site)).params().Item);
  for (const group of data.groups) {
    items.push(entities.group.put(groupItem(group)).params().Item);
    const group_key = encodeId(group.id);
    for (const site of group.site_ids) {
      items.push(
        entities.membership.put({ group_id: group.id, site_id: site, group_key, site_key: encodeId(site) }).params()
          .Item,
      );
    }
    for (const child of group.child_group_ids) {
      items.push(
        entities.nesting
          .put({ parent_id: group.id, child_id: child, parent_key: group_key, child_key: encodeId(child) })
          .params().Item,
      );
    }
  }
  return items;
}

/** Puts the items into a table, `concurrency` BatchWriteItem calls of 25 items at a time. */
async function putAll(db: Database, table: string, items: readonly Item[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let batch = items.slice(next, next + BATCH_WRITE_ITEMS).map((Item) => ({ PutRequest: { Item } }));
      next += BATCH_WRITE_ITEMS;
      while (batch.length > 0) {
        const result = await db.client.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
        batch = (result.UnprocessedItems?.[table] ?? []) as typeof batch;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * The hierarchy's maintained items of the data, computed from scratch (rollups/scratch.ts) as the
 * rollups processor would leave them once it has folded every change in: each item's ledger and
 * below items, each group's summary.
 */
function rollupItemsOf(registry: CountryRegistry, data: BulkData): Item[] {
  const scratch = rollupsFromScratch(registry, data.sites, data.groups);
  const items: Item[] = [];
  for (const [key, up] of scratch.up) {
    const [kind, raw] = key.split("#") as [Placed, string];
    const id = Number(raw);
    const contrib = kind === "site" ? scratch.contributions.get(id) : undefined;
    items.push({
      ...rollupKeys.ledger(kind, id),
      version: 1,
      ...ledgerAttributes({ up, ...(contrib ? { contrib } : {}), stale: new Set() }),
    });
    for (const group of up) items.push(belowItem(group, kind, id));
  }
  for (const [group, totals] of scratch.summaries) {
    items.push({
      ...rollupKeys.summary(group),
      group_id: group,
      [SUMMARY_FIELDS.revision]: 1,
      ...Object.fromEntries(totals),
    });
  }
  return items;
}

/**
 * Writes the data, `concurrency` BatchWriteItem calls of 25 items at a time, and the hierarchy's
 * maintained items as the rollups processor would have them.
 */
export async function bulkLoad(
  db: Database,
  registry: CountryRegistry,
  data: BulkData,
  concurrency = 8,
): Promise<void> {
  await putAll(db, db.table, itemsOf(db, data), concurrency);
  await putAll(db, db.rollupsTable, rollupItemsOf(registry, data), concurrency);
  const highest = (ids: number[]) => ids.reduce((a, b) => Math.max(a, b), 0);
  for (const [name, ids] of [
    ["site", data.sites.map((s) => s.id)],
    ["group", data.groups.map((g) => g.id)],
  ] as const) {
    await db.entities.counter.put({ name, value: highest(ids) }).go();
  }
}
