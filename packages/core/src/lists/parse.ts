import { type FieldError, validationFailed } from "../errors/domain.ts";
import { isCalendarDate } from "../validation/dates.ts";
import { readId, STORABLE_MESSAGE, storable } from "../validation/fields.ts";
import {
  DEFAULT_LIMIT,
  type Filter,
  type FilterValue,
  type ListRequest,
  type ListSpec,
  MAX_LIMIT,
  OPERATORS,
  type Operator,
  type ValueKind,
} from "./spec.ts";

const INTEGER = /^[1-9]\d*$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** DynamoDB's IN takes at most 100 operands. */
export const MAX_IN_VALUES = 100;

/** What a value of this kind must be, for an error naming it. */
export function describeKind(kind: ValueKind): string {
  if (typeof kind === "object") return `one of: ${kind.oneOf.join(", ")}`;
  return {
    id: "a positive integer",
    number: `a number the API stores (${STORABLE_MESSAGE})`,
    date: "a calendar date (YYYY-MM-DD)",
    string: "a string",
  }[kind];
}

/** A value of this kind written as text (a query parameter, a CSV cell), as the API reads it; undefined when it is none. */
export function readValue(kind: ValueKind, raw: string): FilterValue | undefined {
  if (typeof kind === "object") return kind.oneOf.includes(raw) ? raw : undefined;
  switch (kind) {
    case "id": {
      const read = readId(raw);
      return "id" in read ? read.id : undefined;
    }
    case "number": {
      const n = Number(raw);
      return DECIMAL.test(raw) && Number.isFinite(n) && storable(n) ? n : undefined;
    }
    case "date":
      return isCalendarDate(raw) ? raw : undefined;
    case "string":
      return raw;
  }
}

/**
 * Reads `limit`, `cursor`, `sort` and the `field[__op]=value` filters of a list request.
 * Everything wrong is reported at once, each error naming its parameter.
 */
export function parseListRequest(
  spec: ListSpec,
  query: Record<string, string | undefined>,
  repeated: readonly string[] = [],
): ListRequest {
  const errors: FieldError[] = [];
  for (const name of repeated) errors.push({ path: name, message: "must be given once" });

  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    const n = Number(query.limit);
    if (!INTEGER.test(query.limit) || n > MAX_LIMIT) {
      errors.push({ path: "limit", message: `must be an integer from 1 to ${MAX_LIMIT}` });
    } else limit = n;
  }

  const sort = { field: "id", descending: false };
  if (query.sort !== undefined) {
    const descending = query.sort.startsWith("-");
    const field = descending ? query.sort.slice(1) : query.sort;
    if (Object.hasOwn(spec.sorts, field)) Object.assign(sort, { field, descending });
    else {
      const allowed = Object.keys(spec.sorts).flatMap((f) => [f, `-${f}`]);
      errors.push({ path: "sort", message: `must be one of: ${allowed.join(", ")}` });
    }
  }

  if (query.cursor === "") errors.push({ path: "cursor", message: "must not be empty" });

  const filters: Filter[] = [];
  for (const [parameter, raw] of Object.entries(query)) {
    if (raw === undefined || parameter === "limit" || parameter === "sort" || parameter === "cursor") continue;
    const split = parameter.lastIndexOf("__");
    const [fieldName, operatorName] =
      split > 0 ? [parameter.slice(0, split), parameter.slice(split + 2)] : [parameter, "eq"];
    const field = Object.hasOwn(spec.filters, fieldName) ? spec.filters[fieldName] : undefined;
    if (!field) {
      errors.push({ path: parameter, message: "unknown parameter" });
      continue;
    }
    const operator = operatorName as Operator;
    if (!OPERATORS.includes(operator) || !field.operators.includes(operator) || (split > 0 && operator === "eq")) {
      const allowed = field.operators.map((op) => (op === "eq" ? fieldName : `${fieldName}__${op}`));
      errors.push({ path: parameter, message: `unknown operator; ${fieldName} takes ${allowed.join(", ")}` });
      continue;
    }
    const parts = operator === "in" ? raw.split(",") : [raw];
    if (operator === "in" && parts.length > MAX_IN_VALUES) {
      errors.push({ path: parameter, message: `takes at most ${MAX_IN_VALUES} values` });
      continue;
    }
    // contains/startswith compare text, whatever the field's kind.
    const kind: ValueKind = operator === "contains" || operator === "startswith" ? "string" : field.kind;
    const values = parts.map((part) => readValue(kind, part));
    const bad = parts.filter((_, i) => values[i] === undefined);
    if (bad.length > 0) {
      // digits that are no safe integer: 2^53 and up
      const tooLarge = kind === "id" && bad.every((b) => INTEGER.test(b));
      errors.push({
        path: parameter,
        message: tooLarge
          ? `${bad.join(", ")}: too large (ids are at most ${Number.MAX_SAFE_INTEGER})`
          : `${bad.map((b) => JSON.stringify(b)).join(", ")}: not ${describeKind(kind)}`,
      });
      continue;
    }
    filters.push({ parameter, field: fieldName, operator, values: values as FilterValue[] });
  }

  if (errors.length > 0) throw validationFailed(errors);
  return { limit, sort, filters, ...(query.cursor ? { cursor: query.cursor } : {}) };
}
