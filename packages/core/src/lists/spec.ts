import { type LinkPath, type ListIndex, RECORDS, type RecordEntity } from "../db/keys.ts";
import { NAME_MAX_LENGTH } from "../validation/fields.ts";

export const OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "startswith"] as const;
export type Operator = (typeof OPERATORS)[number];

/** How a query-string value is read. */
export type ValueKind = "id" | "number" | "date" | "string" | { oneOf: readonly string[] };
export type FilterValue = string | number;

export interface FilterField {
  kind: ValueKind;
  operators: readonly Operator[];
  /** Where the value is stored on the item (a dotted path for nested attributes). */
  attribute: string;
  /** Lower-cased copy used by `contains` and `startswith`, which are case-insensitive. */
  lowerAttribute?: string;
  /** For a set attribute: `eq` means "the set contains the value". */
  isSet?: boolean;
  /** Only some items have the attribute (a country's field): every operator, `ne` included, requires it. */
  optional?: boolean;
  /** No stored value is longer (in code points): a longer `=` or prefix matches nothing. */
  maxLength?: number;
  /** `true` means the set `attribute` is empty (absent), `false` that it is not (`root`). */
  emptySet?: true;
  /**
   * Answered by the hierarchy's maintained items (the rollups table), not by an attribute of the
   * item (`attribute` is unused): as the plan's link, a Query of them; beside another, a lookup
   * of the listed item's own (its `LinkPath.member`).
   */
  maintained?: true;
}

/** A sort: its list index (db/keys.ts), whose `encode` makes a value the prefix of the index's sort key. */
export interface SortOption extends ListIndex {
  /** The filter field this sort orders by; its filters can become key conditions. */
  field: string;
}

/** The sorts of a record's listing: one per list index (db/keys.ts), ordering by the field it is named after. */
export function sortsOf(entity: RecordEntity): Record<string, SortOption> {
  const lists: Record<string, ListIndex> = RECORDS[entity].lists;
  return Object.fromEntries(Object.entries(lists).map(([field, list]) => [field, { ...list, field }]));
}

export interface ListSpec {
  /** Stable name of the listing, part of every cursor so one listing's cursor fails on another. */
  resource: string;
  /** The entity listed: its list indexes (db/keys.ts `RECORDS`) serve the sorts. */
  entity: RecordEntity;
  filters: Record<string, FilterField>;
  sorts: Record<string, SortOption>;
  /**
   * The link filters (`group_id`, `site_id`, …) that the edge items answer: an `=` on one reads
   * the edges of that id (db/keys.ts `edgesFrom`, `edgesTo`), in the listed items' id order.
   */
  links: Record<string, LinkPath>;
}

export interface Filter {
  /** The query parameter as written, for messages. */
  parameter: string;
  field: string;
  operator: Operator;
  values: FilterValue[];
}

export interface ListRequest {
  limit: number;
  cursor?: string;
  sort: { field: string; descending: boolean };
  filters: Filter[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** The `name` filter of every listing: exact, or case-insensitive through the lower-cased copy. */
export const NAME_FILTER: FilterField = {
  kind: "string",
  operators: ["eq", "contains", "startswith"],
  attribute: "name",
  lowerAttribute: "name_lower",
  maxLength: NAME_MAX_LENGTH,
};
