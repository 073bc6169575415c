import type { NativeAttributeValue, QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { queryPage, type RawItem } from "../db/commands.ts";
import type { Database } from "../db/entities.ts";
import { AFTER_SEPARATOR, encodeId, RECORDS, SEPARATOR } from "../db/keys.ts";
import { tableDefinition } from "../db/table.ts";
import { type Cursors, type CursorTarget, fingerprint, type StartKey } from "./cursor.ts";
import { filterExpression } from "./operators.ts";
import type { Filter, FilterValue, ListRequest, ListSpec, SortOption } from "./spec.ts";

/**
 * The read budget of one list request: at most QUERY_BUDGET Query calls. Without a filter
 * expression each call asks for exactly the items still needed (plus one to learn whether more
 * exist); with one, each call evaluates at most FILTERED_PAGE items. So one page reads at most
 * QUERY_BUDGET × FILTERED_PAGE items; when a selective filter spends that, the page comes back
 * short, with a cursor to go on.
 */
export const QUERY_BUDGET = 5;
export const FILTERED_PAGE = 200;

type Values = Record<string, NativeAttributeValue>;

class Expressions {
  readonly names: Record<string, string> = {};
  readonly values: Values = {};
  private count = 0;

  name(path: string): string {
    return path
      .split(".")
      .map((part) => {
        const placeholder = `#${part.replace(/\W/g, "_")}`;
        this.names[placeholder] = part;
        return placeholder;
      })
      .join(".");
  }

  value(value: NativeAttributeValue): string {
    const placeholder = `:v${this.count++}`;
    this.values[placeholder] = value;
    return placeholder;
  }
}

interface KeyPlan {
  condition?: string;
  /** What the condition allows of the index's sort key (for checking a cursor's position). */
  bounds?: { prefix?: string; low?: string; high?: string };
  /** Filters the key condition fully answers. */
  absorbed: Set<Filter>;
  /** The bounds exclude everything. */
  empty: boolean;
}

/**
 * Turns the filters on the sort field into one key condition on the sort index: an equality or
 * a prefix becomes begins_with, ranges become one BETWEEN (or >=, <=). See keys.ts for the
 * encoding that makes these string bounds exact.
 */
function planKey(spec: ListSpec, request: ListRequest, sort: SortOption, sortKey: string, x: Expressions): KeyPlan {
  const mine = request.filters.filter((f) => f.field === sort.field);
  const encode = sort.encode;
  const sk = () => x.name(sortKey);
  const absorbed = new Set<Filter>();

  // An empty prefix matches everything: it is no condition at all.
  for (const f of mine) if (f.operator === "startswith" && f.values[0] === "") absorbed.add(f);
  const prefix = mine.find(
    (f) => (f.operator === "eq" && encode) || (f.operator === "startswith" && f.values[0] !== ""),
  );
  if (prefix && encode) {
    const [value] = prefix.values as [FilterValue];
    const begins = prefix.operator === "eq" ? encode(value) + SEPARATOR : String(value).toLowerCase();
    // An equality on a name stays a filter too: the key is lower-cased, the comparison is exact.
    if (prefix.operator === "startswith" || !spec.filters[prefix.field]?.lowerAttribute) absorbed.add(prefix);
    return {
      condition: `begins_with(${sk()}, ${x.value(begins)})`,
      bounds: { prefix: begins },
      absorbed,
      empty: false,
    };
  }

  let low: string | undefined;
  let high: string | undefined;
  const raise = (b: string) => {
    if (low === undefined || b > low) low = b;
  };
  const cap = (b: string) => {
    if (high === undefined || b < high) high = b;
  };
  for (const f of mine) {
    const [value] = f.values as [FilterValue];
    if (!encode) {
      // The id index: the key is the padded id alone, and only `in` applies to ids.
      if (f.operator !== "in") continue;
      const ids = (f.values as number[]).map(encodeId).sort();
      raise(ids[0] as string);
      cap(ids[ids.length - 1] as string);
      continue; // the IN itself stays a filter
    }
    const e = encode(value);
    if (f.operator === "gte") raise(e + SEPARATOR);
    else if (f.operator === "gt") raise(e + AFTER_SEPARATOR);
    else if (f.operator === "lte") cap(e + AFTER_SEPARATOR);
    else if (f.operator === "lt") cap(e);
    else continue;
    absorbed.add(f);
  }
  if (low !== undefined && high !== undefined) {
    if (low > high) return { absorbed, empty: true };
    const condition = `${sk()} BETWEEN ${x.value(low)} AND ${x.value(high)}`;
    return { condition, bounds: { low, high }, absorbed, empty: false };
  }
  if (low !== undefined) return { condition: `${sk()} >= ${x.value(low)}`, bounds: { low }, absorbed, empty: false };
  if (high !== undefined) return { condition: `${sk()} <= ${x.value(high)}`, bounds: { high }, absorbed, empty: false };
  return { absorbed, empty: false };
}

export interface ListQuery extends CursorTarget {
  input: QueryCommandInput;
  filtered: boolean;
  empty: boolean;
}

/** The fingerprint of a listing: the same however its parameters (and the values of an `in`) are ordered. */
export function listingOf(spec: ListSpec, request: ListRequest): string {
  const canonicalFilters = request.filters
    .map((f) => [f.field, f.operator, f.operator === "in" ? [...f.values].sort() : f.values])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return fingerprint([spec.resource, request.sort, canonicalFilters]);
}

/** The option of the request's sort. */
export function sortOf(spec: ListSpec, request: ListRequest): SortOption {
  const sort = spec.sorts[request.sort.field];
  if (!sort) throw new Error(`no sort ${request.sort.field}`);
  return sort;
}

/**
 * The Query that serves a list request on one list index: the sort's, or (`keyed`) the index of
 * a field that an equality filter pins, whose equal values are in id order (lists/plan.ts).
 * Key condition from the filters on that index's field, the other filters as a filter expression.
 */
export function buildListQuery(
  spec: ListSpec,
  request: ListRequest,
  tableName: string,
  keyed: SortOption = sortOf(spec, request),
): ListQuery {
  const index = tableDefinition.indexes[keyed.index];
  const x = new Expressions();
  const key = planKey(spec, request, keyed, index.sortKey, x);
  // A value longer than any stored one matches nothing (and could not be a key condition:
  // DynamoDB caps sort keys at 1,024 bytes).
  const impossible = request.filters.some((f) => {
    const max = spec.filters[f.field]?.maxLength;
    return (
      max !== undefined && (f.operator === "eq" || f.operator === "startswith") && [...String(f.values[0])].length > max
    );
  });
  const partition = RECORDS[spec.entity].listPartition;
  const keyCondition = [`${x.name(index.partitionKey)} = ${x.value(partition)}`, key.condition]
    .filter(Boolean)
    .join(" AND ");
  // a maintained filter is no attribute of the item: its reader checks it (lists/plan.ts)
  const maintained = request.filters.some((f) => spec.filters[f.field]?.maintained);
  const rest = request.filters.filter((f) => !key.absorbed.has(f) && !spec.filters[f.field]?.maintained);
  const filters = rest.map((f) => filterExpression(spec, f, x)).join(" AND ");
  const bounds = key.bounds ?? {};
  return {
    listing: listingOf(spec, request),
    keyNames: [tableDefinition.partitionKey, tableDefinition.sortKey, index.partitionKey, index.sortKey],
    // a position of this listing: in its index partition, inside its key condition's range
    accepts: (position) => {
      const sk = position[index.sortKey] ?? "";
      return (
        position[index.partitionKey] === partition &&
        (bounds.prefix === undefined || sk.startsWith(bounds.prefix)) &&
        (bounds.low === undefined || sk >= bounds.low) &&
        (bounds.high === undefined || sk <= bounds.high)
      );
    },
    filtered: filters.length > 0 || maintained,
    empty: key.empty || impossible,
    input: {
      TableName: tableName,
      IndexName: keyed.index,
      KeyConditionExpression: keyCondition,
      ...(filters ? { FilterExpression: filters } : {}),
      ExpressionAttributeNames: x.names,
      ExpressionAttributeValues: x.values,
      ScanIndexForward: !request.sort.descending,
    },
  };
}

/**
 * Reads one page: exactly `limit` items unless the listing ends or the read budget is spent
 * first; `next_cursor` is null exactly when the listing has ended. `keep` checks each Query's
 * items for what no filter expression can say (a maintained filter: lists/plan.ts).
 */
export async function readPage(
  db: Database,
  cursors: Cursors,
  query: ListQuery,
  request: ListRequest,
  keep?: (items: RawItem[]) => Promise<RawItem[]>,
): Promise<{ items: RawItem[]; next_cursor: string | null }> {
  let start: StartKey | undefined = request.cursor ? await cursors.open(request.cursor, query) : undefined;
  if (query.empty) return { items: [], next_cursor: null };

  const matched: RawItem[] = [];
  let ended = false;
  for (let calls = 0; calls < QUERY_BUDGET && matched.length <= request.limit; calls++) {
    const page = await queryPage(db, {
      ...query.input,
      Limit: query.filtered ? FILTERED_PAGE : request.limit + 1 - matched.length,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    matched.push(...(keep ? await keep(page.items) : page.items));
    start = page.lastKey;
    if (!start) {
      ended = true;
      break;
    }
  }

  if (matched.length > request.limit) {
    const items = matched.slice(0, request.limit);
    const last = items[items.length - 1] as Record<string, string>;
    const key = Object.fromEntries(query.keyNames.map((name) => [name, last[name] as string]));
    return { items, next_cursor: await cursors.seal(query.listing, key) };
  }
  if (ended || !start) return { items: matched, next_cursor: null };
  return { items: matched, next_cursor: await cursors.seal(query.listing, start) };
}
