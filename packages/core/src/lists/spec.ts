import type { IndexName } from "../db/table.ts";
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

export interface SortOption {
  index: IndexName;
  /** The filter field this sort orders by; its filters can become key conditions. */
  field: string;
  /** Encodes a value as the prefix of the index's sort key; absent for id (fixed-width key). */
  encode?: (value: FilterValue) => string;
}

/**
 * Where the edge items that answer an `=` filter on a link field are: the edges of one id share a
 * partition (of the table, or of gsi1 for the other end), and their sort keys are `prefix` + the
 * padded id of the listed item, so they come in id order.
 */
export interface LinkPath {
  /** The maintained items' table (db/table.ts, the rollups table); absent: the main table. */
  table?: "rollups";
  /** Absent: the table's own key. */
  index?: "gsi1" | "gsi3";
  /** The partition key of the edges of the filter's value (an id, or `root`'s `true`/`false`). */
  partition: (value: FilterValue) => string;
  /** The sort key's prefix before the listed item's padded id. */
  prefix: string;
  /** The edge item's attribute that holds the listed item's id. */
  idAttribute: string;
  /** For a maintained filter: the key of the item that says the listed item matches `value`. */
  member?: (value: number, listed: number) => Record<string, string>;
}

export interface ListSpec {
  /** Stable name of the listing, part of every cursor so one listing's cursor fails on another. */
  resource: string;
  /** The constant partition key of the list indexes for this resource, and its entity's name. */
  partition: "site" | "group";
  filters: Record<string, FilterField>;
  sorts: Record<string, SortOption>;
  /** The link filters (`group_id`, `site_id`, …) that the edge items answer. */
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
