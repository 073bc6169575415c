/**
 * The filter operators, once. Each yields both the DynamoDB condition (a filter expression on a
 * list index, lists/query.ts) and the same test on an item in memory (the items a key lookup
 * read, lists/plan.ts), so the two cannot disagree. The in-memory side follows DynamoDB's
 * semantics: a comparison holds only between two numbers or two strings (strings by their UTF-8
 * bytes), `<>` holds on a missing attribute, `contains` finds a substring of a string or an
 * element of a set.
 */
import type { RawItem } from "../db/commands.ts";
import type { Filter, FilterField, FilterValue, ListSpec, Operator } from "./spec.ts";

interface OperatorRule {
  /** The condition on the attribute at `path`, the filter's values written as `placeholders`. */
  expression(path: string, placeholders: string[], values: readonly FilterValue[]): string;
  /** The same condition on the stored value (undefined when the item lacks the attribute). */
  holds(stored: unknown, values: readonly FilterValue[]): boolean;
  /** Case-insensitive: on the field's lower-cased copy, with the values lower-cased. */
  text?: true;
  /** The condition names no value (DynamoDB refuses an unused placeholder). */
  valueless?: true;
}

/** DynamoDB's order: numbers by value, strings by their UTF-8 bytes. */
export function compare(a: FilterValue, b: FilterValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

function comparison(operator: string, holds: (order: number) => boolean): OperatorRule {
  return {
    expression: (path, [value]) => `${path} ${operator} ${value}`,
    holds: (stored, [value]) =>
      (typeof stored === "number" || typeof stored === "string") &&
      value !== undefined &&
      typeof stored === typeof value &&
      holds(compare(stored, value)),
  };
}

/** `contains`: a substring of a string, an element of a set. */
const CONTAINS: OperatorRule = {
  expression: (path, [value]) => `contains(${path}, ${value})`,
  holds: (stored, [value]) => {
    if (typeof stored === "string") return typeof value === "string" && stored.includes(value);
    if (stored instanceof Set || Array.isArray(stored)) return [...stored].includes(value);
    return false;
  },
};

const RULES: Record<Operator, OperatorRule> = {
  eq: { expression: (path, [value]) => `${path} = ${value}`, holds: (stored, [value]) => stored === value },
  ne: { expression: (path, [value]) => `${path} <> ${value}`, holds: (stored, [value]) => stored !== value },
  gt: comparison(">", (order) => order > 0),
  gte: comparison(">=", (order) => order >= 0),
  lt: comparison("<", (order) => order < 0),
  lte: comparison("<=", (order) => order <= 0),
  in: {
    expression: (path, values) => `${path} IN (${values.join(", ")})`,
    holds: (stored, values) => values.some((value) => value === stored),
  },
  contains: { ...CONTAINS, text: true },
  startswith: {
    expression: (path, [value]) => `begins_with(${path}, ${value})`,
    holds: (stored, [value]) => typeof stored === "string" && typeof value === "string" && stored.startsWith(value),
    text: true,
  },
};

/**
 * An `emptySet` field's `=`: `true` holds when the set attribute is absent (DynamoDB stores no
 * empty set), `false` when it is there.
 */
const EMPTY: OperatorRule = {
  expression: (path, _placeholders, [value]) =>
    value === "true" ? `attribute_not_exists(${path})` : `attribute_exists(${path})`,
  holds: (stored, [value]) => (value === "true") === [...((stored as Iterable<unknown> | undefined) ?? [])].length < 1,
  valueless: true,
};

/** What a filter tests, the same for both evaluations: where, by which rule, against which values. */
function testOf(spec: ListSpec, filter: Filter) {
  const field: FilterField | undefined = spec.filters[filter.field];
  if (!field) throw new Error(`no filter field ${filter.field}`);
  if (field.maintained) throw new Error(`${filter.field} is no attribute of the item: its below item says`);
  if (field.emptySet) return { attribute: field.attribute, rule: EMPTY, values: filter.values, optional: false };
  // on a set, `=` means "the set holds the value"
  const rule = field.isSet && filter.operator === "eq" ? CONTAINS : RULES[filter.operator];
  return {
    attribute: rule.text && field.lowerAttribute ? field.lowerAttribute : field.attribute,
    rule,
    values: rule.text ? filter.values.map((value) => String(value).toLowerCase()) : filter.values,
    // every operator, `ne` included, requires the attribute of an optional field
    optional: field.optional === true,
  };
}

/** Where an expression's names and values go (query.ts `Expressions`). */
export interface Placeholders {
  name(path: string): string;
  value(value: FilterValue): string;
}

/** The filter as a DynamoDB condition, its attribute names and values placed in `x`. */
export function filterExpression(spec: ListSpec, filter: Filter, x: Placeholders): string {
  const { attribute, rule, values, optional } = testOf(spec, filter);
  const path = x.name(attribute);
  const placeholders = rule.valueless ? [] : values.map((value) => x.value(value));
  const condition = rule.expression(path, placeholders, values);
  return optional ? `(attribute_exists(${path}) AND ${condition})` : condition;
}

const attributeOf = (item: RawItem, path: string): unknown =>
  path.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], item);

/** The filter on an item in memory, as DynamoDB evaluates `filterExpression`. */
export function matchesFilter(spec: ListSpec, filter: Filter, item: RawItem): boolean {
  const { attribute, rule, values, optional } = testOf(spec, filter);
  const stored = attributeOf(item, attribute);
  if (optional && stored === undefined) return false;
  return rule.holds(stored, values);
}
