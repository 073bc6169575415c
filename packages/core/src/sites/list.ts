import type { CountryRegistry } from "../countries/registry.ts";
import { edgesFrom } from "../db/keys.ts";
import { type FilterField, type ListSpec, NAME_FILTER, type Operator, sortsOf } from "../lists/spec.ts";
import { belowLink } from "../rollups/keys.ts";

const COMPARISONS: readonly Operator[] = ["eq", "ne", "gt", "gte", "lt", "lte"];

/**
 * What `GET /sites` accepts. Each sort has its list index (db/keys.ts `RECORDS.site`). A country's
 * own fields are filterable with the comparisons, from the registry. `group_id` is answered by the
 * group's membership items, `within_group_id` by its below items (lists/plan.ts).
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
    entity: "site",
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
    sorts: sortsOf("site"),
    // the membership items in the group's partition; the sites below a group at any depth: its
    // below items, in site id order
    links: { group_id: edgesFrom("membership"), within_group_id: belowLink("site") },
  };
}
