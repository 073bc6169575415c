import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/database.ts";
import { createRegistry } from "../src/countries/registry.ts";
import { bulkLoad } from "../src/db/bulk.ts";
import { batchGetItems, queryPage, type RawItem } from "../src/db/commands.ts";
import type { Database } from "../src/db/entities.ts";
import { groupListSpec } from "../src/groups/list.ts";
import { matchesFilter } from "../src/lists/operators.ts";
import { parseListRequest } from "../src/lists/parse.ts";
import { planList, scanning } from "../src/lists/plan.ts";
import { buildListQuery } from "../src/lists/query.ts";
import { type ListSpec, OPERATORS } from "../src/lists/spec.ts";
import { recordKey } from "../src/records/record.ts";
import { siteListSpec } from "../src/sites/list.ts";

const registry = createRegistry();
const sites = siteListSpec(registry);
const plan = (query: Record<string, string>, spec: ListSpec = sites) => planList(spec, parseListRequest(spec, query));
const kind = (query: Record<string, string>, spec: ListSpec = sites) => {
  const chosen = plan(query, spec);
  return chosen.kind === "index" ? `index ${chosen.keyed.index}` : chosen.kind;
};

describe("the list planner", () => {
  it("looks up id__in by key, whatever the other filters and the sort", () => {
    expect(plan({ id__in: "5,4000,17,5" })).toMatchObject({ kind: "ids", ids: [5, 4000, 17], rest: [] });
    expect(kind({ id__in: "5", group_id: "1", sort: "-name" })).toBe("ids");
  });

  it("reads the edges of a link filter, the other filters applied to what they return", () => {
    const chosen = plan({ group_id: "7", country: "fr", sort: "name" });
    expect(chosen).toMatchObject({ kind: "links", id: 7, path: { prefix: "site#", idAttribute: "site_id" } });
    expect(chosen.kind === "links" && chosen.rest.map((f) => f.field)).toEqual(["country"]);
    expect(plan({ site_id: "3" }, groupListSpec)).toMatchObject({ kind: "links", path: { index: "gsi1" } });
    expect(plan({ parent_group_id: "3" }, groupListSpec)).toMatchObject({ kind: "links", path: { prefix: "child#" } });
  });

  it("reads what lies below a group, or above an item, from the maintained below items", () => {
    expect(plan({ within_group_id: "3", sort: "name" })).toMatchObject({
      kind: "links",
      id: 3,
      path: { table: "rollups", prefix: "site#", idAttribute: "below_id" },
    });
    expect(plan({ within_group_id: "3" }, groupListSpec)).toMatchObject({
      path: { table: "rollups", prefix: "group#" },
    });
    for (const field of ["contains_site_id", "contains_group_id"]) {
      expect(plan({ [field]: "8" }, groupListSpec)).toMatchObject({
        kind: "links",
        path: { table: "rollups", index: "gsi1", idAttribute: "above_id" },
      });
    }
  });

  it("reads root=true|false from the group items' root index, after any link of one id", () => {
    const root = plan({ root: "true" }, groupListSpec);
    expect(root).toMatchObject({ kind: "links", id: "true", path: { index: "gsi3", prefix: "", idAttribute: "id" } });
    expect(root.kind === "links" && [root.path.partition("true"), root.path.partition("false")]).toEqual([
      "group#root",
      "group#nested",
    ]);
    const both = plan({ root: "false", within_group_id: "2" }, groupListSpec);
    expect(both.kind === "links" && [both.path.prefix, both.rest.map((f) => f.field)]).toEqual(["group#", ["root"]]);
  });

  it("serves an equality on an indexed field with the default sort from that field's index", () => {
    expect(kind({ name: "Lyon" })).toBe("index gsi2");
    expect(kind({ installation_date: "2024-01-01", sort: "-id" })).toBe("index gsi3");
    expect(kind({ max_power_megawatt: "10", country: "fr" })).toBe("index gsi4");
    expect(kind({ name: "Lyon" }, groupListSpec)).toBe("index gsi2");
  });

  it("otherwise uses the sort's index", () => {
    expect(kind({})).toBe("index gsi1");
    expect(kind({ name: "Lyon", sort: "installation_date" })).toBe("index gsi3");
    expect(kind({ country: "fr", name__contains: "y" })).toBe("index gsi1");
    expect(kind({ type: "group1", sort: "name" }, groupListSpec)).toBe("index gsi2");
  });
});

/**
 * Each operator both ways on the same stored items: as the filter expression DynamoDB Local
 * evaluates on the list index, and in memory, as the key lookups apply it to the items they read.
 */
describe("filters: the expression and the in-memory test agree, operator by operator", () => {
  let db: Database;
  const items = new Map<ListSpec, RawItem>();
  beforeAll(async () => {
    db = (await createTestDatabase()).context.db;
    const at = "2024-05-01T10:00:00.000Z";
    const record = { version: 1, created_at: at, updated_at: at };
    await bulkLoad(db, registry, {
      sites: [
        {
          ...record,
          id: 3,
          country: "fr",
          name: "Lyon Sud",
          installation_date: "2024-05-01",
          max_power_megawatt: 10,
          min_power_megawatt: 1,
          details: { useful_energy_at_1_megawatt: 2 },
          group_ids: [4, 9],
        },
      ],
      groups: [
        {
          ...record,
          id: 4,
          name: "Sud-Est",
          type: "group1",
          site_ids: [3],
          child_group_ids: [9],
          parent_group_ids: [],
        },
        {
          ...record,
          id: 9,
          name: "Éoliennes",
          type: "group2",
          site_ids: [3],
          child_group_ids: [],
          parent_group_ids: [4],
        },
      ],
    });
    // as the key lookups read them
    const read = await batchGetItems(db, [recordKey(db, "site", 3), recordKey(db, "group", 9)]);
    for (const [spec, id] of [
      [sites, 3],
      [groupListSpec, 9],
    ] as const) {
      items.set(spec, read.find((item) => item.id === id) as RawItem);
    }
  });

  /** Whether the item matches, in memory and by DynamoDB's evaluation of the list's filter expression. */
  async function bothWays(spec: ListSpec, query: Record<string, string>) {
    const request = parseListRequest(spec, query);
    const item = items.get(spec);
    if (!item) throw new Error(`no item for ${spec.resource}`);
    const inMemory = request.filters.every((f) => matchesFilter(spec, f, item));
    const { input } = buildListQuery(spec, request, db.table);
    const { items: found } = await queryPage(db, input);
    return { inMemory, dynamodb: found.some((i) => i.id === item.id) };
  }

  const specs = { sites, groups: groupListSpec };
  const cases: [keyof typeof specs, Record<string, string>, boolean][] = [
    ["sites", { name: "Lyon Sud" }, true],
    ["sites", { name: "lyon sud" }, false],
    ["sites", { country: "fr" }, true],
    ["sites", { country: "it" }, false],
    ["sites", { max_power_megawatt: "10" }, true],
    ["sites", { installation_date: "2024-05-02" }, false],
    ["sites", { group_id: "9" }, true],
    ["sites", { group_id: "5" }, false],
    ["sites", { max_power_megawatt__ne: "10" }, false],
    ["sites", { max_power_megawatt__ne: "11" }, true],
    ["sites", { useful_energy_at_1_megawatt__ne: "3" }, true],
    ["sites", { efficiency__ne: "1" }, false],
    ["sites", { max_power_megawatt__gt: "9.5" }, true],
    ["sites", { max_power_megawatt__gt: "10" }, false],
    ["sites", { installation_date__gt: "2024-04-30" }, true],
    ["sites", { installation_date__gte: "2024-05-01" }, true],
    ["sites", { max_power_megawatt__gte: "10.5" }, false],
    ["sites", { installation_date__lt: "2024-05-01" }, false],
    ["sites", { min_power_megawatt__lt: "2" }, true],
    ["sites", { useful_energy_at_1_megawatt__lte: "2" }, true],
    ["sites", { useful_energy_at_1_megawatt__lte: "1.5" }, false],
    ["sites", { efficiency__lte: "5" }, false],
    ["sites", { country__in: "it,fr" }, true],
    ["sites", { country__in: "it" }, false],
    ["sites", { id__in: "3,999" }, true],
    ["sites", { id__in: "998,999" }, false],
    ["sites", { name__contains: "N s" }, true],
    ["sites", { name__contains: "nord" }, false],
    ["sites", { name__startswith: "LYON" }, true],
    ["sites", { name__startswith: "Sud" }, false],
    ["sites", { name__startswith: "" }, true],
    ["groups", { type: "group2" }, true],
    ["groups", { type__ne: "group2" }, false],
    ["groups", { type__in: "group1,group3" }, false],
    ["groups", { site_id: "3" }, true],
    ["groups", { parent_group_id: "4" }, true],
    ["groups", { parent_group_id: "9" }, false],
    ["groups", { root: "false" }, true],
    ["groups", { root: "true" }, false],
    ["groups", { name__contains: "ÉOL" }, true],
    ["groups", { name__startswith: "eol" }, false],
    ["sites", { country: "fr", name__contains: "sud", max_power_megawatt__lte: "10" }, true],
    ["sites", { country: "fr", name__contains: "sud", max_power_megawatt__lt: "10" }, false],
  ];

  it.each(cases)("%s: %o → %s", async (resource, query, expected) => {
    expect(await bothWays(specs[resource], query)).toEqual({ inMemory: expected, dynamodb: expected });
  });

  it("checks every operator both matching and not matching", () => {
    const seen = new Set(
      cases.flatMap(([resource, query, expected]) =>
        parseListRequest(specs[resource], query).filters.map((f) => `${f.operator} ${expected}`),
      ),
    );
    for (const operator of OPERATORS) {
      expect(seen).toContain(`${operator} true`);
      expect(seen).toContain(`${operator} false`);
    }
  });

  it("root=true holds for a group without parents, root=false for one with", () => {
    const root = (value: string, group: Record<string, unknown>) =>
      parseListRequest(groupListSpec, { root: value }).filters.every((f) => matchesFilter(groupListSpec, f, group));
    expect([root("true", { id: 1 }), root("false", { id: 1 })]).toEqual([true, false]);
    expect([
      root("true", { id: 2, parent_group_ids: new Set([1]) }),
      root("false", { id: 2, parent_group_ids: new Set([1]) }),
    ]).toEqual([false, true]);
  });
});

describe("scanning filters, as the OpenAPI document marks them", () => {
  it("key lookups never scan; an equality on an indexed field scans only with another sort", () => {
    expect(scanning(sites, "id", "in")).toBeUndefined();
    expect(scanning(sites, "group_id", "eq")).toBeUndefined();
    expect(scanning(groupListSpec, "parent_group_id", "eq")).toBeUndefined();
    for (const field of ["within_group_id", "contains_site_id", "contains_group_id", "root"]) {
      expect(scanning(groupListSpec, field, "eq"), field).toBeUndefined();
    }
    expect(scanning(sites, "within_group_id", "eq")).toBeUndefined();
    expect(scanning(sites, "name", "eq")).toMatch(/default sort or `sort=name`/);
    expect(scanning(sites, "installation_date", "gte")).toMatch(/key condition with `sort=installation_date`/);
    expect(scanning(sites, "country", "eq")).toMatch(/scanning/);
    expect(scanning(sites, "name", "contains")).toMatch(/scanning/);
  });
});
