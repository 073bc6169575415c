/**
 * The hierarchy's part of `pnpm bench` (bench.ts): the shapes its worst cases need, added to the
 * bulk data before it is loaded, and what the rollups processor writes for each of those changes,
 * given the stream record DynamoDB would give it (built from the items as they are before and
 * after the write: the processor reads nothing else of the record).
 *
 * - a chain of 10 groups above a group P, and a group C directly holding 2,000 sites (every site on
 *   a table of fewer): nesting C under P, then un-nesting it, moves 2,001 items below 11 groups;
 * - a site directly in 50 groups: a PATCH of its power changes 50 summaries.
 */
import { type DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { BulkData, Group, RecomputeStats } from "@sites-groups/core";

export interface HierarchyShape {
  /** The top of the chain, P's 10th group above. */
  top: number;
  /** The group with 10 groups above it. */
  parent: number;
  /** The group holding 2,000 sites. */
  holder: number;
  sitesBelowHolder: number;
  /** The site in 50 groups. */
  busy: number;
}

const AT = "2026-01-01T00:00:00.000Z";

/** Adds the shapes to the data (new groups after its last id). */
export function addHierarchyShape(data: BulkData): HierarchyShape {
  let next = data.groups.length + 1;
  const group = (name: string): Group => {
    const made: Group = {
      id: next++,
      name,
      type: "group1",
      site_ids: [],
      child_group_ids: [],
      parent_group_ids: [],
      created_at: AT,
      updated_at: AT,
      version: 1,
    };
    data.groups.push(made);
    return made;
  };
  const nest = (parent: Group, child: Group) => {
    parent.child_group_ids.push(child.id);
    child.parent_group_ids.push(parent.id);
  };
  const chain = Array.from({ length: 10 }, (_, i) => group(`Chain ${i + 1}`));
  for (let i = 1; i < chain.length; i++) nest(chain[i - 1] as Group, chain[i] as Group);
  const parent = group("Parent of the nest");
  nest(chain.at(-1) as Group, parent);
  const holder = group("Holder of 2,000 sites");
  for (const site of data.sites.slice(0, 2000)) {
    holder.site_ids.push(site.id);
    site.group_ids.push(holder.id);
  }
  const busy = data.sites.at(-1);
  if (!busy) throw new Error("no site to put in 50 groups");
  for (let i = 0; i < 50; i++) {
    const g = group(`Busy ${i + 1}`);
    g.site_ids.push(busy.id);
    busy.group_ids.push(g.id);
  }
  return {
    top: (chain[0] as Group).id,
    parent: parent.id,
    holder: holder.id,
    sitesBelowHolder: holder.site_ids.length,
    busy: busy.id,
  };
}

/** The item as DynamoDB holds it (wire format, as a stream record carries it), or undefined. */
export async function wireItem(raw: DynamoDBClient, table: string, key: Record<string, string>) {
  const { Item } = await raw.send(
    new GetItemCommand({
      TableName: table,
      Key: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
      ConsistentRead: true,
    }),
  );
  return Item as Record<string, unknown> | undefined;
}

let sequence = 0;

/** The stream record of a change of one item, from its images (either absent). */
export function streamRecord(
  key: Record<string, string>,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
) {
  sequence++;
  return {
    eventID: `bench-${sequence}`,
    eventName: before && after ? "MODIFY" : after ? "INSERT" : "REMOVE",
    dynamodb: {
      Keys: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
      ...(before ? { OldImage: before } : {}),
      ...(after ? { NewImage: after } : {}),
      SequenceNumber: String(sequence).padStart(21, "0"),
    },
  };
}

/** A row of the hierarchy's table: what the processor did for one change. */
export interface HierarchyRow {
  change: string;
  stats: RecomputeStats;
  requests: number;
  seconds: number;
}

/**
 * The hierarchy's table. Items written are what AWS charges for: 2 WRU per KB of each item written
 * in a transaction (every one here is under 1 KB, bar summaries of many countries and years), 1
 * for a lone write; DynamoDB Local's own capacity figures for transactions are not AWS's, so none
 * is shown.
 */
export function hierarchyMarkdown(rows: readonly HierarchyRow[]): string[] {
  return [
    "| change (the rollups processor, one record) | items recomputed | ledgers | below items | summary updates | transactions | requests | s | (group, item) pairs / s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((row) => {
      const { items, ledgers, below, summaries, transactions } = row.stats;
      const rate = below > 0 ? Math.round(below / row.seconds).toLocaleString("en") : "";
      return `| ${row.change} | ${items} | ${ledgers} | ${below} | ${summaries} | ${transactions} | ${row.requests} | ${row.seconds.toFixed(2)} | ${rate} |`;
    }),
  ];
}
