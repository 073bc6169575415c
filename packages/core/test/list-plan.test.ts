import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/countries/registry.ts";
import { groupListSpec } from "../src/groups/list.ts";
import { parseListRequest } from "../src/lists/parse.ts";
import { matchesFilter, planList, scanning } from "../src/lists/plan.ts";
import type { ListSpec } from "../src/lists/spec.ts";
import { siteListSpec } from "../src/sites/list.ts";

const sites = siteListSpec(createRegistry());
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

describe("filters evaluated in memory, as DynamoDB evaluates them", () => {
  const item = {
    id: 3,
    country: "fr",
    name: "Lyon Sud",
    name_lower: "lyon sud",
    installation_date: "2024-05-01",
    max_power_megawatt: 10,
    details: { useful_energy_at_1_megawatt: 2 },
    group_ids: new Set([4, 9]),
  };
  const matches = (query: Record<string, string>) =>
    parseListRequest(sites, query).filters.every((f) => matchesFilter(sites, f, item));

  it.each([
    [{ name: "Lyon Sud" }, true],
    [{ name: "lyon sud" }, false],
    [{ name__contains: "N s" }, true],
    [{ name__startswith: "LYON" }, true],
    [{ name__startswith: "Sud" }, false],
    [{ country__in: "it,fr" }, true],
    [{ country: "it" }, false],
    [{ installation_date__gte: "2024-05-01" }, true],
    [{ installation_date__lt: "2024-05-01" }, false],
    [{ max_power_megawatt__gt: "9.5" }, true],
    [{ max_power_megawatt__ne: "10" }, false],
    [{ useful_energy_at_1_megawatt__lte: "2" }, true],
    [{ efficiency__ne: "1" }, false],
    [{ group_id: "9" }, true],
    [{ group_id: "5" }, false],
  ])("%o → %s", (query, expected) => {
    expect(matches(query as Record<string, string>)).toBe(expected);
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
