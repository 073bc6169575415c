/**
 * The list planner: for each list request, the access path that reads least while keeping the
 * requested order. One place decides (`planList`), one place reads (`readList`).
 *
 * - `id__in` → `ids`: a BatchGetItem of exactly those ids (at most 100), never a range.
 * - `group_id` (sites), `site_id`, `parent_group_id` (groups) → `links`: the edge items of that id
 *   (a Query on one partition of the table or gsi1), then a BatchGetItem of the linked items; the
 *   same for `within_group_id`, `contains_site_id`, `contains_group_id` with the maintained below
 *   items (the rollups table), and `root` with the group items' root index (gsi3). Beside the
 *   link, a maintained filter is checked by reading the listed items' below items by key.
 *   Sorted by id, the edges come in the requested order: a page reads about `limit` edges and
 *   `limit` items. Sorted by another field, the whole link set is read and ordered in memory, up
 *   to SORTED_LINKS_BOUND links; past it the request is served as an `index` plan with the link
 *   filter as a filter expression (the set is then a large share of the table, so the filter
 *   keeps a good share of what it reads).
 * - Default sort (`id`) with an equality on an indexed field (`name`, `installation_date`,
 *   `max_power_megawatt`) → that field's index, whose equal values are in id order.
 * - Otherwise → the sort's index: the filters on the sort field are key conditions, the others a
 *   filter expression (a scanning filter, so marked in the OpenAPI document: see `scanning`).
 *
 * Every plan's cursor is the key, in the sort's index, of the last item returned (or passed over),
 * so a cursor stays valid whichever of `links` and its fallback serves the next page.
 */
import { batchGetItems, queryPage, type RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { ABOVE_EVERY_ID, encodeId, type LinkPath, RECORDS } from "../db/keys.ts";
import { rollupsTableDefinition, tableDefinition } from "../db/table.ts";
import { recordKey } from "../records/record.ts";
import type { Cursors, StartKey } from "./cursor.ts";
import { compare, matchesFilter } from "./operators.ts";
import { buildListQuery, QUERY_BUDGET, readPage, sortOf } from "./query.ts";
import type { Filter, FilterValue, ListRequest, ListSpec, Operator, SortOption } from "./spec.ts";

/** Sorted by another field than id, at most this many links are read and ordered in memory. */
export const SORTED_LINKS_BOUND = 1000;
/** Items looked up per round when filters beside the key lookup may drop some. */
const LOOKUP_CHUNK = 100;

export type ListPlan =
  | { kind: "ids"; ids: number[]; rest: Filter[] }
  | { kind: "links"; id: FilterValue; path: LinkPath; rest: Filter[] }
  | { kind: "index"; keyed: SortOption };

const isIds = (f: Filter) => f.field === "id" && f.operator === "in";

/** The equality filter an index can serve with the default sort, with that index. */
function keyedEquality(spec: ListSpec, request: ListRequest): SortOption | undefined {
  if (request.sort.field !== "id") return undefined;
  for (const f of request.filters) {
    if (f.operator !== "eq") continue;
    const option = Object.values(spec.sorts).find((s) => s.field === f.field && s.encode);
    if (option) return option;
  }
  return undefined;
}

/** The access path of a list request (see the module's header). */
export function planList(spec: ListSpec, request: ListRequest): ListPlan {
  const ids = request.filters.find(isIds);
  if (ids) {
    return { kind: "ids", ids: [...new Set(ids.values as number[])], rest: request.filters.filter((f) => f !== ids) };
  }
  // the links of one id before `root`, whose partitions hold about a whole kind of group
  const links = request.filters.filter((f) => f.operator === "eq" && Object.hasOwn(spec.links, f.field));
  const link = links.find((f) => !spec.filters[f.field]?.emptySet) ?? links[0];
  if (link) {
    const path = spec.links[link.field] as LinkPath;
    return { kind: "links", id: link.values[0] as FilterValue, path, rest: request.filters.filter((f) => f !== link) };
  }
  return { kind: "index", keyed: keyedEquality(spec, request) ?? sortOf(spec, request) };
}

/** The path before the planner: always the sort's index (for the benchmark's "before" column). */
export const sortIndexOnly = (spec: ListSpec, request: ListRequest): ListPlan => ({
  kind: "index",
  keyed: sortOf(spec, request),
});

/**
 * How a filter parameter is served, for the OpenAPI document: undefined when always by a key
 * lookup, else a sentence saying when it is evaluated as a filter over the list (scanning).
 */
export function scanning(spec: ListSpec, field: string, operator: Operator): string | undefined {
  if (field === "id" && operator === "in") return undefined;
  if (operator === "eq" && Object.hasOwn(spec.links, field)) return undefined;
  const sorted = Object.entries(spec.sorts).find(([, s]) => s.field === field && s.encode)?.[0];
  if (sorted) {
    if (operator === "eq") {
      return `A key lookup with the default sort or \`sort=${sorted}\`; with another sort, evaluated as a filter over the list (scanning: a page may come back empty with a \`next_cursor\`).`;
    }
    if (operator !== "ne" && operator !== "contains") {
      return `A key condition with \`sort=${sorted}\`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a \`next_cursor\`).`;
    }
  }
  return "Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first.";
}

interface Reading {
  db: Database;
  cursors: Cursors;
  spec: ListSpec;
  request: ListRequest;
  rest: Filter[];
  listing: string;
  /** The key names of the sort's index: the cursor's. */
  keyNames: string[];
  /** The partition key attribute of the sort's index. */
  partitionKey: string;
  /** The sort key attribute of the sort's index. */
  sortKey: string;
  after: StartKey | undefined;
}

/**
 * The items the maintained filters keep: those whose below item (`LinkPath.member`) is there, read
 * by key from the rollups table, one BatchGetItem per 100 items and filter.
 */
async function members(reading: Reading, items: RawItem[], filters: readonly Filter[]): Promise<RawItem[]> {
  let kept = items;
  for (const filter of filters) {
    const member = reading.spec.links[filter.field]?.member;
    if (!member || kept.length === 0) continue;
    const keyOf = (item: RawItem) => member(filter.values[0] as number, Number(item.id));
    const found = await batchGetItems(reading.db, kept.map(keyOf), { table: reading.db.rollupsTable });
    const there = new Set(found.map((item) => `${item.pk}\u0000${item.sk}`));
    kept = kept.filter((item) => {
      const key = keyOf(item);
      return there.has(`${key.pk}\u0000${key.sk}`);
    });
  }
  return kept;
}

const maintainedOf = (spec: ListSpec, filters: readonly Filter[]) =>
  filters.filter((f) => spec.filters[f.field]?.maintained);

/** The items of these ids that are listed (not tombstones) and pass the other filters. */
async function lookUp(reading: Reading, ids: readonly number[]): Promise<RawItem[]> {
  const { db, spec, rest, sortKey } = reading;
  const keys = ids.map((id) => recordKey(db, spec.entity, id));
  const items = await batchGetItems(db, keys);
  const maintained = maintainedOf(spec, rest);
  const plain = rest.filter((f) => !maintained.includes(f));
  const listed = items.filter(
    (item) => item[sortKey] !== undefined && plain.every((f) => matchesFilter(spec, f, item)),
  );
  return members(reading, listed, maintained);
}

/** The order of the request: by the sort index's key, in its direction. */
function ordered(reading: Reading, items: RawItem[]): RawItem[] {
  const sign = reading.request.sort.descending ? -1 : 1;
  const key = reading.sortKey;
  return items.sort((a, b) => sign * compare(String(a[key]), String(b[key])));
}

const positionOf = (reading: Reading, item: RawItem): StartKey =>
  Object.fromEntries(reading.keyNames.map((name) => [name, String(item[name])]));

/** The id of the cursor's position, when sorted by id (the id index's sort key is the padded id). */
const afterId = (reading: Reading): number | undefined =>
  reading.after ? Number(reading.after[reading.sortKey]) : undefined;

/** A page cut from the whole matching set, in order: for sorts the key lookup does not carry. */
async function pageOfSet(reading: Reading, items: RawItem[]) {
  const { request, after, sortKey } = reading;
  const sign = request.sort.descending ? -1 : 1;
  const rest = ordered(reading, items).filter(
    (item) => !after || sign * compare(String(item[sortKey]), String(after[sortKey])) > 0,
  );
  const page = rest.slice(0, request.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    next_cursor:
      rest.length > page.length && last ? await reading.cursors.seal(reading.listing, positionOf(reading, last)) : null,
  };
}

/**
 * A page sorted by id from a source of ids already in that order: each round looks up the ids
 * still needed (one more than the page, to learn whether more exist), at most QUERY_BUDGET
 * rounds. A page comes back short, with a cursor, only when filters beside the key lookup drop
 * items until the budget is spent.
 */
async function pageOfStream(
  reading: Reading,
  next: (count: number, after: number | undefined) => Promise<{ ids: number[]; done: boolean }>,
) {
  const { request } = reading;
  const matched: RawItem[] = [];
  let last = afterId(reading);
  let done = false;
  for (let round = 0; round < QUERY_BUDGET && matched.length <= request.limit && !done; round++) {
    const needed = request.limit + 1 - matched.length;
    const source = await next(reading.rest.length > 0 ? Math.max(needed, LOOKUP_CHUNK) : needed, last);
    done = source.done;
    if (source.ids.length === 0) continue;
    last = source.ids[source.ids.length - 1];
    matched.push(...ordered(reading, await lookUp(reading, source.ids)));
  }
  if (matched.length > request.limit) {
    const items = matched.slice(0, request.limit);
    const position = positionOf(reading, items.at(-1) as RawItem);
    return { items, next_cursor: await reading.cursors.seal(reading.listing, position) };
  }
  if (done || last === undefined) return { items: matched, next_cursor: null };
  // the budget ran out: resume after the last id looked at, which is a key of the id index (the sort's)
  const position = {
    ...recordKey(reading.db, reading.spec.entity, last),
    [reading.partitionKey]: RECORDS[reading.spec.entity].listPartition,
    [reading.sortKey]: encodeId(last),
  };
  return { items: matched, next_cursor: await reading.cursors.seal(reading.listing, position) };
}

/** One Query on the edges of a link filter: ids after `after` in the request's direction. */
async function readEdges(reading: Reading, path: LinkPath, id: FilterValue, count: number, after: number | undefined) {
  const definition = path.table === "rollups" ? rollupsTableDefinition : tableDefinition;
  // the rollups table's gsi1 has the main table's key names
  const { partitionKey: pk, sortKey: sk } = path.index ? tableDefinition.indexes[path.index] : definition;
  const descending = reading.request.sort.descending;
  const low = path.prefix + (after !== undefined && !descending ? encodeId(after + 1) : encodeId(0));
  const high = path.prefix + (after !== undefined && descending ? encodeId(after - 1) : ABOVE_EVERY_ID);
  const page = await queryPage(reading.db, {
    TableName: path.table === "rollups" ? reading.db.rollupsTable : reading.db.table,
    ...(path.index ? { IndexName: path.index } : {}),
    KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :low AND :high",
    ExpressionAttributeNames: { "#pk": pk, "#sk": sk },
    ExpressionAttributeValues: { ":pk": path.partition(id), ":low": low, ":high": high },
    ScanIndexForward: !descending,
    Limit: count,
  });
  return { ids: page.items.map((item) => Number(item[path.idAttribute])), done: page.lastKey === undefined };
}

/**
 * One page of a list request, as raw items in order, by the plan's access path. `next_cursor` is
 * null exactly when the listing has ended.
 */
export async function readList(
  db: Database,
  cursors: Cursors,
  spec: ListSpec,
  request: ListRequest,
  planner: (spec: ListSpec, request: ListRequest) => ListPlan = planList,
): Promise<{ items: RawItem[]; next_cursor: string | null }> {
  const plan = planner(spec, request);
  if (plan.kind === "index") return readPage(db, cursors, buildListQuery(spec, request, db.table, plan.keyed), request);

  // every plan's cursor is a position in the sort's index, checked as that index's listing checks it
  const sorted = buildListQuery(spec, request, db.table);
  const index = tableDefinition.indexes[sortOf(spec, request).index];
  const keyNames = [...sorted.keyNames];
  const listing = sorted.listing;
  const after = request.cursor ? await cursors.open(request.cursor, sorted) : undefined;
  const reading: Reading = {
    db,
    cursors,
    spec,
    request,
    rest: plan.rest,
    listing,
    keyNames,
    partitionKey: index.partitionKey,
    sortKey: index.sortKey,
    after,
  };
  const byId = request.sort.field === "id";

  if (plan.kind === "ids") {
    if (!byId) return pageOfSet(reading, await lookUp(reading, plan.ids));
    const sign = request.sort.descending ? -1 : 1;
    const ids = [...plan.ids].sort((a, b) => sign * (a - b));
    return pageOfStream(reading, async (count, last) => {
      const start = last === undefined ? 0 : ids.findIndex((id) => sign * (id - last) > 0);
      const from = start < 0 ? ids.length : start;
      return { ids: ids.slice(from, from + count), done: from + count >= ids.length };
    });
  }

  if (byId) return pageOfStream(reading, (count, last) => readEdges(reading, plan.path, plan.id, count, last));
  // another sort: the whole link set, when it is small enough to order in memory
  const linked: number[] = [];
  let last: number | undefined;
  let done = false;
  while (!done && linked.length <= SORTED_LINKS_BOUND) {
    const edges = await readEdges(
      { ...reading, request: { ...request, sort: { field: "id", descending: false } } },
      plan.path,
      plan.id,
      SORTED_LINKS_BOUND + 1 - linked.length,
      last,
    );
    linked.push(...edges.ids);
    last = linked[linked.length - 1];
    done = edges.done;
  }
  if (linked.length > SORTED_LINKS_BOUND) {
    // the sort's index, each Query's items then checked against what no filter expression says
    const maintained = maintainedOf(spec, request.filters);
    const keep = maintained.length > 0 ? (items: RawItem[]) => members(reading, items, maintained) : undefined;
    return readPage(db, cursors, sorted, request, keep);
  }
  return pageOfSet(reading, await lookUp(reading, linked));
}
