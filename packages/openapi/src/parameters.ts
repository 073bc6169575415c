/**
 * The query parameters of a listing, generated from its ListSpec (the same object the request
 * parser reads): one parameter per filter field and operator, `sort` with the spec's sorts, and
 * `limit` and `cursor` with the parser's bounds.
 */
import {
  type CountryRegistry,
  DEFAULT_LIMIT,
  EVENT_TYPES,
  type FilterField,
  groupListSpec,
  HIERARCHY_FRESHNESS,
  type ListSpec,
  MAX_IN_VALUES,
  MAX_LIMIT,
  NAME_MAX_LENGTH,
  type Operator,
  SETTLE_MS,
  STORABLE,
  scanning,
  siteListSpec,
  type ValueKind,
} from "@sites-groups/core";
import { CURSOR_MAX_LENGTH, type JsonSchema } from "./schemas.ts";

export interface ParameterObject {
  name: string;
  in: "query" | "path" | "header";
  description: string;
  required?: boolean;
  schema: JsonSchema;
  style?: "form";
  explode?: boolean;
  example?: unknown;
  /** A filter that may be evaluated as a filter expression over the list (core's lists/plan.ts says when). */
  "x-scanning"?: true;
}

const LIMIT = { type: "integer", format: "int32", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT };
const CURSOR = { type: "string", minLength: 1, maxLength: CURSOR_MAX_LENGTH };

const OPERATOR_TEXT: Record<Operator, string> = {
  eq: "equal to",
  ne: "not equal to",
  gt: "greater than",
  gte: "greater than or equal to",
  lt: "less than",
  lte: "less than or equal to",
  in: "one of",
  contains: "containing, case-insensitively,",
  startswith: "starting, case-insensitively, with",
};

function valueSchema(kind: ValueKind): JsonSchema {
  if (typeof kind === "object") return { type: "string", enum: [...kind.oneOf] };
  switch (kind) {
    case "id":
      return { type: "integer", format: "int64", minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
    case "number":
      return { type: "number", minimum: -STORABLE.max, maximum: STORABLE.max };
    case "date":
      return { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$", maxLength: 10 };
    case "string":
      // a name is at most NAME_MAX_LENGTH code points: a longer value can match nothing
      return { type: "string", maxLength: NAME_MAX_LENGTH };
  }
}

/** One value of an `__in` list, as a regular expression: an id, or one of the enumerated values. */
function listedValue(item: JsonSchema): string {
  if (Array.isArray(item.enum))
    return item.enum.map((value) => String(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  if (item.type === "integer") return "[1-9][0-9]{0,15}";
  throw new Error(`an __in filter over ${JSON.stringify(item)} has no comma-separated spelling`);
}

/**
 * The schema of an `__in` parameter, so that both spellings pass a validating proxy: repeated
 * (`x__in=a&x__in=b`, each item one value, as generated clients send an array) or comma-separated
 * (`x__in=a,b`: one item holding the list).
 */
export function inListSchema(item: JsonSchema): JsonSchema {
  const value = listedValue(item);
  const longest = Array.isArray(item.enum) ? Math.max(...item.enum.map((v) => String(v).length)) : 16;
  return {
    type: "array",
    items: {
      anyOf: [
        item,
        {
          type: "string",
          description: "Several values, comma-separated.",
          pattern: `^(${value})(,(${value}))+$`,
          maxLength: MAX_IN_VALUES * (longest + 1),
        },
      ],
    },
    minItems: 1,
    maxItems: MAX_IN_VALUES,
  };
}

function filterParameter(
  spec: ListSpec,
  name: string,
  field: FilterField,
  operator: Operator,
  note: string | undefined,
): ParameterObject {
  const resource = spec.resource;
  const scans = scanning(spec, name, operator);
  const marks = scans ? { "x-scanning": true as const } : {};
  const parameter = operator === "eq" ? name : `${name}__${operator}`;
  const text = operator === "contains" || operator === "startswith";
  const base = valueSchema(text ? "string" : field.kind);
  const what =
    field.isSet && operator === "eq"
      ? `${resource} whose \`${field.attribute}\` contain the value`
      : `${resource} whose \`${name}\` is ${OPERATOR_TEXT[operator]} the value`;
  const extra = [
    note,
    field.optional ? `Matches only ${resource} that have this field.` : undefined,
    scans ?? "A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`.",
  ]
    .filter(Boolean)
    .join(" ");
  if (operator === "in") {
    return {
      name: parameter,
      in: "query",
      description:
        `Filter: ${what} values, repeated (\`${parameter}=a&${parameter}=b\`, as generated clients send an array) or comma-separated (\`${parameter}=a,b\`); both mean the same. At most ${MAX_IN_VALUES} values. ${extra}`.trim(),
      schema: inListSchema(base),
      style: "form",
      explode: true,
      ...marks,
    };
  }
  return { name: parameter, in: "query", description: `Filter: ${what}. ${extra}`.trim(), schema: base, ...marks };
}

/**
 * `GET /<resource>`'s query parameters. `notes` adds a sentence to a field's filters (e.g. what
 * `group_id` means).
 */
export function listParameters(spec: ListSpec, notes: Record<string, string> = {}): ParameterObject[] {
  const sorts = Object.keys(spec.sorts);
  const parameters: ParameterObject[] = [];
  for (const [name, field] of Object.entries(spec.filters)) {
    for (const operator of field.operators) parameters.push(filterParameter(spec, name, field, operator, notes[name]));
  }
  parameters.push(
    {
      name: "sort",
      in: "query",
      description: `One field, \`-\` in front for descending. Ties are broken by \`id\` in the same direction. Names sort case-insensitively. Default \`id\`.`,
      schema: { type: "string", enum: sorts.flatMap((f) => [f, `-${f}`]), default: "id" },
    },
    {
      name: "limit",
      in: "query",
      description: `Page size, 1–${MAX_LIMIT}. A page never holds more; it holds fewer only at the end of the listing or when the request's read budget (5 queries) ran out first, and then \`next_cursor\` still says whether more may match.`,
      schema: LIMIT,
    },
    {
      name: "cursor",
      in: "query",
      description:
        "The `next_cursor` of the previous page, passed back unchanged with the same filters and sort. An edited, truncated or foreign cursor, or one passed with other filters or another sort, is a 400 naming `cursor`.",
      schema: CURSOR,
    },
  );
  return parameters;
}

export const LIST_RULES =
  "Filters are `field=value` for equality and `field__op=value` otherwise; several filters are ANDed. " +
  "An unknown parameter, field or operator, or a value of the wrong type, is a 400 naming it. " +
  "An `__in` parameter may be repeated (`country__in=fr&country__in=it`) or comma-separated (`country__in=fr,it`); " +
  "any other parameter given twice (`?country=fr&country=it`) is a 400.";

/** What the hierarchy's maintained filters promise (API.md "The hierarchy"). */
const MAINTAINED = `Each once, however many paths; an unknown id gives an empty list. ${HIERARCHY_FRESHNESS} Sorted by another field than \`id\`, the whole set is read and ordered up to 1,000 items; past that, the sort's index is read and its items checked, and a page may come back short.`;

export function siteListParameters(registry: CountryRegistry): ParameterObject[] {
  return listParameters(siteListSpec(registry), {
    group_id: "Sites directly in that group.",
    within_group_id: `Sites below that group: in it, or in a group nested in it at any depth. ${MAINTAINED}`,
  });
}

export function groupListParameters(): ParameterObject[] {
  return listParameters(groupListSpec, {
    site_id: "Groups that directly hold that site.",
    parent_group_id: "Groups directly inside that group.",
    within_group_id: `Groups nested below that group at any depth (not the group itself). ${MAINTAINED}`,
    contains_site_id: `Groups that hold that site directly or through nesting. ${MAINTAINED}`,
    contains_group_id: `Groups that group is nested below, at any depth. ${MAINTAINED}`,
    root: "`true`: the groups no group contains; `false`: the others. Read from the group items' own root index, with no stream in between.",
  });
}

/** `GET /events`'s query parameters (core events/list.ts reads them). */
export function eventListParameters(): ParameterObject[] {
  const types = { type: "string", enum: [...EVENT_TYPES] };
  return [
    { name: "type", in: "query", description: "Only events of this type.", schema: types },
    {
      name: "type__in",
      in: "query",
      description: `Only events of these types: comma-separated, or the parameter repeated (at most ${MAX_IN_VALUES}).`,
      schema: inListSchema(types),
      style: "form",
      explode: true,
    },
    {
      name: "type__startswith",
      in: "query",
      description:
        "Only events whose type starts with this text: `site.` for every site event, `group.site_` for memberships.",
      schema: { type: "string", maxLength: Math.max(...EVENT_TYPES.map((type) => type.length)) },
      example: "site.",
    },
    {
      name: "subject",
      in: "query",
      description:
        "Only the events of one site or group (its path: `sites/12`, `groups/3`), in the order of its writes.",
      schema: { type: "string", pattern: "^(sites|groups)/[1-9][0-9]{0,15}$", maxLength: 23 },
      example: "sites/12",
    },
    {
      name: "after",
      in: "query",
      description:
        "Start after this event (the `id` of the last event you handled): how a consumer follows the events. " +
        "An id that names no event of the last 30 days is a 400 naming `after`: start again from the first page.",
      schema: { type: "string", pattern: "^[0-9a-f]{32}$", maxLength: 32 },
    },
    {
      name: "limit",
      in: "query",
      description: `Page size, 1–${MAX_LIMIT}. A page is full unless it is the last.`,
      schema: LIMIT,
    },
    {
      name: "cursor",
      in: "query",
      description: `The \`next_cursor\` of the previous page, passed back unchanged with the same filters. \`next_cursor\` is null when no event is left now; events stored later (listed ${SETTLE_MS / 1000} s after they are stored in AWS) are found with \`after\`.`,
      schema: CURSOR,
    },
  ];
}
