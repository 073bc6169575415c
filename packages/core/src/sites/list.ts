import type { CountryRegistry } from "../countries/registry.ts";
import { encodeId, encodeName, encodeNumber } from "../db/keys.ts";
import { type FilterField, type ListSpec, NAME_FILTER, type Operator } from "../lists/spec.ts";
import { BELOW_IDS, belowPartition, belowPrefix, rollupKeys } from "../rollups/keys.ts";

const COMPARISONS: readonly Operator[] = ["eq", "ne", "gt", "gte", "lt", "lte"];

/**
 * What `GET /sites` accepts. Each sort has its index (see db/entities.ts): id → gsi1,
 * name → gsi2, installation_date → gsi3, max_power_megawatt → gsi4. A country's own fields are
 * filterable with the comparisons, from the registry. `group_id` is answered by the group's
 * membership items, `within_group_id` by its below items (lists/plan.ts).
 */
export function siteListSpec(registry: CountryRegistry): ListSpec {
  const countryFields: Record<string, FilterField> = {};
  for (const country of registry.all) {
    for (const [name, field] of Object.entries(country.fields)) {
      countryFields[name] = { kind: field.kind, operators: COMPARISONS, attribute: `details.${name}`, optional: true };
    }
  }
  return {
    resource: "sites",
    partition: "site",
    filters: {
      id: { kind: "id", operators: ["in"], attribute: "id" },
      country: { kind: { oneOf: registry.all.map((c) => c.code) }, operators: ["eq", "in"], attribute: "country" },
      name: NAME_FILTER,
      installation_date: { kind: "date", operators: COMPARISONS, attribute: "installation_date" },
      max_power_megawatt: { kind: "number", operators: COMPARISONS, attribute: "max_power_megawatt" },
      min_power_megawatt: { kind: "number", operators: COMPARISONS, attribute: "min_power_megawatt" },
      ...countryFields,
      group_id: { kind: "id", operators: ["eq"], attribute: "group_ids", isSet: true },
      within_group_id: { kind: "id", operators: ["eq"], attribute: "", maintained: true },
    },
    sorts: {
      id: { index: "gsi1", field: "id" },
      name: { index: "gsi2", field: "name", encode: (v) => encodeName(String(v)) },
      installation_date: { index: "gsi3", field: "installation_date", encode: String },
      max_power_megawatt: { index: "gsi4", field: "max_power_megawatt", encode: (v) => encodeNumber(Number(v)) },
    },
    links: {
      // membership items, in the group's partition (db/entities.ts)
      group_id: { partition: (id) => `group#${encodeId(Number(id))}`, prefix: "site#", idAttribute: "site_id" },
      // the sites below a group, at any depth: its below items (rollups/keys.ts), in site id order
      within_group_id: {
        table: "rollups",
        partition: (id) => belowPartition(Number(id)),
        prefix: belowPrefix("site"),
        idAttribute: BELOW_IDS.below,
        member: (group, site) => rollupKeys.below(group, "site", site),
      },
    },
  };
}
