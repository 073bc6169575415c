/**
 * The schemas and examples of the hierarchy's answers (API.md "The hierarchy"): a group's summary
 * (core rollups/totals.ts `SummaryRepresentation`: its totalled fields per country from the
 * country modules) and its tree (core groups/tree.ts `TreeNode`). Written as JSON Schema: these
 * answers are built by the server, no zod schema validates them.
 */
import { COMMON_TOTALLED, type CountryRegistry, GROUP_TYPES, totalledFields } from "@sites-groups/core";
import { type JsonSchema, SCHEMA_REF } from "./schemas.ts";

const count = { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const id = { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
/** The nodes of a tree, at most (core groups/tree.ts). */
const TREE_NODES = 1000;
const total: JsonSchema = {
  type: "object",
  required: ["sum", "mean"],
  properties: {
    sum: {
      type: "number",
      description:
        "Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative).",
    },
    mean: { type: ["number", "null"], description: "`sum / count`, unrounded; null when the count is 0." },
  },
  additionalProperties: false,
};

/** The totals of some sites: their count and a total of each field. */
function totals(fields: readonly string[], description: string): JsonSchema {
  return {
    type: "object",
    description,
    required: ["count", ...fields],
    properties: { count, ...Object.fromEntries(fields.map((field) => [field, total])) },
  };
}

export function hierarchySchemas(registry: CountryRegistry): Record<string, JsonSchema> {
  const byCountry = Object.fromEntries(
    registry.all.map((country) => [
      country.code,
      {
        ...totals(totalledFields(registry, country.code), `The sites of \`${country.code}\` below the group.`),
        additionalProperties: false,
      },
    ]),
  );
  const sites = totals(COMMON_TOTALLED, "The sites below the group, each once.");
  return {
    GroupSummary: {
      type: "object",
      description: "The totals over the sites below a group, at any depth, each once (`GET /groups/{id}/summary`).",
      required: ["group_id", "groups_below", "as_of", "sites"],
      properties: {
        group_id: id,
        groups_below: { ...count, description: "The distinct groups nested below the group." },
        as_of: {
          description:
            "The last change event folded into these values (its id as `GET /events` lists it, and its time); null for a group with nothing below yet.",
          oneOf: [
            { type: "null" },
            {
              type: "object",
              required: ["event_id", "time"],
              properties: {
                event_id: { type: "string", pattern: "^[0-9a-f]{32}$" },
                time: { type: "string", format: "date-time" },
              },
              additionalProperties: false,
            },
          ],
        },
        sites: {
          ...sites,
          required: [...(sites.required as string[]), "by_country", "by_installation_year"],
          properties: {
            ...(sites.properties as JsonSchema),
            by_country: {
              type: "object",
              description:
                "One entry per country with at least one site below; each country module declares its own totalled fields.",
              properties: byCountry,
              additionalProperties: false,
            },
            by_installation_year: {
              type: "object",
              description:
                "Per installation year (`YYYY`) with at least one site below: the count and the power's sum.",
              propertyNames: { pattern: "^[0-9]{4}$" },
              additionalProperties: {
                type: "object",
                required: ["count", "max_power_megawatt"],
                properties: {
                  count,
                  max_power_megawatt: {
                    type: "object",
                    required: ["sum"],
                    properties: { sum: { type: "number" } },
                    additionalProperties: false,
                  },
                },
                additionalProperties: false,
              },
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    GroupTree: {
      type: "object",
      description:
        "A group and what is nested below it (`children`, ascending by id); a group shown again is `repeated`, one whose children did not fit the 1,000 nodes `truncated`, and one at the last level shown has no `children`.",
      required: ["id", "name", "type"],
      properties: {
        id,
        name: { type: "string" },
        type: { type: "string", enum: [...GROUP_TYPES] },
        site_count: { ...count, description: "The sites directly in the group." },
        sites_below: { ...count, description: "The sites below it at any depth, as in its summary." },
        repeated: { const: true, description: "Shown, with its children, where it is nearer the root." },
        truncated: { const: true, description: "Its children are not shown: the tree reached 1,000 nodes." },
        children: { type: "array", maxItems: TREE_NODES - 1, items: { $ref: SCHEMA_REF("GroupTree") } },
      },
      additionalProperties: false,
    },
  };
}

const perCountry = (registry: CountryRegistry, code: string, n: number, max: number, min: number, own: number) => {
  const fields = totalledFields(registry, code).slice(COMMON_TOTALLED.length);
  const entry = (sum: number) => ({ sum, mean: sum / n });
  return {
    count: n,
    max_power_megawatt: entry(max),
    min_power_megawatt: entry(min),
    ...Object.fromEntries(fields.map((field) => [field, entry(own)])),
  };
};

/** The contract's example of a summary, with the registry's countries (the first two). */
export function groupSummaryExample(registry: CountryRegistry) {
  const [first, second] = registry.all;
  const byCountry = {
    ...(first ? { [first.code]: perCountry(registry, first.code, 40, 600, 80, 51234.5) } : {}),
    ...(second ? { [second.code]: perCountry(registry, second.code, 17, 212.5, 21.2, 6.97) } : {}),
  };
  return {
    group_id: 3,
    groups_below: 4,
    as_of: { event_id: "c34a5640466152712224ea82e3cb9d9c", time: "2026-12-01T18:10:03.329Z" },
    sites: {
      count: 57,
      max_power_megawatt: { sum: 812.5, mean: 812.5 / 57 },
      min_power_megawatt: { sum: 101.2, mean: 101.2 / 57 },
      by_country: byCountry,
      by_installation_year: {
        "2024": { count: 3, max_power_megawatt: { sum: 40.5 } },
        "2025": { count: 54, max_power_megawatt: { sum: 772 } },
      },
    },
  };
}

export const groupTreeExample = {
  id: 5,
  name: "Reporting",
  type: "group3",
  site_count: 0,
  sites_below: 40,
  children: [
    {
      id: 3,
      name: "Europe",
      type: "group1",
      site_count: 0,
      sites_below: 40,
      children: [
        { id: 1, name: "France", type: "group2", site_count: 20, sites_below: 20, children: [] },
        { id: 2, name: "Italy", type: "group2", site_count: 20, sites_below: 20, children: [] },
      ],
    },
    {
      id: 4,
      name: "Flagships",
      type: "group1",
      site_count: 5,
      sites_below: 5,
      children: [{ id: 1, name: "France", type: "group2", repeated: true }],
    },
  ],
};
