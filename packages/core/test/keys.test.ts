import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/countries/registry.ts";
import { createDatabase } from "../src/db/entities.ts";
import {
  AFTER_SEPARATOR,
  encodeId,
  encodeName,
  encodeNumber,
  kindOfKey,
  listIndexNames,
  RECORD_PARTITION_PREFIXES,
  ROOT_INDEX,
  SEPARATOR,
  sortKey,
} from "../src/db/keys.ts";
import { keyAttributeNames, tableDefinition } from "../src/db/table.ts";
import { groupListSpec } from "../src/groups/list.ts";
import { toItem as groupItem } from "../src/groups/store.ts";
import { siteListSpec } from "../src/sites/list.ts";
import { toItem as siteItem } from "../src/sites/store.ts";

/** Plain string order, as DynamoDB compares the ASCII keys below. */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("encodeNumber: string order is numeric order", () => {
  const sample = [
    0,
    -0,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    1e-300,
    -1e-300,
    Number.EPSILON,
    0.1,
    0.2,
    0.30000000000000004,
    0.5,
    -0.5,
    1,
    -1,
    1.5,
    -1.5,
    2,
    9.99,
    10,
    -10,
    100.25,
    1e21,
    -1e21,
    2 ** 53,
    2 ** 53 + 2,
    1e300,
    -1e300,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER,
  ];

  it("sorts a sample of zeros, tiny, large, fractional and negative values as the numbers sort", () => {
    const numeric = [...sample].sort((a, b) => a - b);
    const encoded = sample.map((n) => ({ n, key: encodeNumber(n) })).sort((a, b) => byString(a.key, b.key));
    expect(encoded.map((e) => e.n)).toEqual(numeric);
  });

  it("orders every pair of the sample strictly as the numbers compare", () => {
    for (const a of sample) {
      for (const b of sample) {
        expect(Math.sign(byString(encodeNumber(a), encodeNumber(b))), `${a} vs ${b}`).toBe(Math.sign(a - b) || 0);
      }
    }
  });

  it("writes -0 and 0 alike: equal numbers, equal keys", () => {
    expect(encodeNumber(-0)).toBe(encodeNumber(0));
  });

  it("writes every number as 16 hex digits, so no key is a prefix of another", () => {
    for (const n of sample) expect(encodeNumber(n)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps the order of neighbouring floats", () => {
    const next = 1 + Number.EPSILON;
    expect(byString(encodeNumber(1), encodeNumber(next))).toBe(-1);
    expect(byString(encodeNumber(-next), encodeNumber(-1))).toBe(-1);
  });
});

describe("encodeId: fixed width, so string order is numeric order", () => {
  it("sorts ids numerically", () => {
    const ids = [1, 2, 9, 10, 11, 99, 100, 1_000_000, Number.MAX_SAFE_INTEGER];
    const sorted = [...ids].sort((a, b) => byString(encodeId(a), encodeId(b)));
    expect(sorted).toEqual(ids);
  });

  it("has the same width for every safe id", () => {
    expect(encodeId(1)).toHaveLength(encodeId(Number.MAX_SAFE_INTEGER).length);
  });
});

describe("sortKey: the value first, ties broken by id", () => {
  it("orders equal values by id, numerically", () => {
    const keys = [10, 2, 1].map((id) => sortKey(encodeNumber(5), id)).sort(byString);
    expect(keys).toEqual([1, 2, 10].map((id) => sortKey(encodeNumber(5), id)));
  });

  it("orders by value before id", () => {
    expect(byString(sortKey(encodeNumber(1), 999), sortKey(encodeNumber(2), 1))).toBe(-1);
    expect(byString(sortKey("2024-05-01", 999), sortKey("2024-05-02", 1))).toBe(-1);
  });

  it("puts a name before the longer names it starts, whatever their ids", () => {
    expect(byString(sortKey(encodeName("Lyon"), 999), sortKey(encodeName("Lyon Est"), 1))).toBe(-1);
    expect(byString(sortKey(encodeName("ab"), 5), sortKey(encodeName("ab!"), 1))).toBe(-1);
  });

  it("sorts names case-insensitively, ties broken by id", () => {
    const names: [string, number][] = [
      ["beta", 1],
      ["Alpha", 3],
      ["alpha", 2],
      ["ALPHA", 4],
    ];
    const sorted = names.sort(([a, i], [b, j]) => byString(sortKey(encodeName(a), i), sortKey(encodeName(b), j)));
    expect(sorted.map(([, id]) => id)).toEqual([2, 3, 4, 1]);
  });

  it("keeps every key of a value between value+SEPARATOR and value+AFTER_SEPARATOR (the range bounds)", () => {
    const value = encodeNumber(5);
    for (const id of [1, 42, Number.MAX_SAFE_INTEGER]) {
      const key = sortKey(value, id);
      expect(byString(value + SEPARATOR, key)).toBe(-1);
      expect(byString(key, value + AFTER_SEPARATOR)).toBe(-1);
    }
    expect(byString(sortKey(encodeNumber(4.999), Number.MAX_SAFE_INTEGER), value + SEPARATOR)).toBe(-1);
    expect(byString(value + AFTER_SEPARATOR, sortKey(encodeNumber(5.001), 1))).toBe(-1);
  });
});

/** The items as the entities write them (`params()` sends nothing), reduced to their key attributes. */
const { entities } = createDatabase(DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" })), "t");
const keysOf = (item: Record<string, unknown>) =>
  Object.fromEntries(keyAttributeNames().flatMap((name) => (name in item ? [[name, String(item[name])]] : [])));
/** An item's keys as docs/design.md writes them: `pk / sk` for the table, `gsiNpk / gsiNsk` for each index it is in. */
function asInDesign(keys: Record<string, string>) {
  const parts = { table: tableDefinition, ...tableDefinition.indexes };
  return Object.fromEntries(
    Object.entries(parts).flatMap(([name, { partitionKey, sortKey }]) =>
      partitionKey in keys ? [[name, `${keys[partitionKey]} / ${keys[sortKey]}`]] : [],
    ),
  );
}
const at = "2024-05-02T10:00:00.000Z";
const site = keysOf(
  entities.site
    .put(
      siteItem({
        id: 7,
        country: "fr",
        name: "Lyon Solar Park",
        installation_date: "2024-05-02",
        max_power_megawatt: 12.5,
        min_power_megawatt: 1,
        details: { useful_energy_at_1_megawatt: 1450 },
        group_ids: [3],
        version: 1,
        created_at: at,
        updated_at: at,
      }),
    )
    .params().Item,
);
const group = keysOf(
  entities.group
    .put(
      groupItem({
        id: 3,
        name: "South-East",
        type: "group1",
        site_ids: [7],
        child_group_ids: [5],
        parent_group_ids: [],
        version: 1,
        created_at: at,
        updated_at: at,
      }),
    )
    .params().Item,
);
const membership = keysOf(
  entities.membership.put({ group_id: 3, site_id: 7, group_key: encodeId(3), site_key: encodeId(7) }).params().Item,
);
const nesting = keysOf(
  entities.nesting.put({ parent_id: 3, child_id: 5, parent_key: encodeId(3), child_key: encodeId(5) }).params().Item,
);
const claim = keysOf(entities.claim.put({ key: "fr-day#2024-05-02", site_id: 7 }).params().Item);
const counter = keysOf(entities.counter.put({ name: "site", value: 7 }).params().Item);

describe("the key layout: exactly the keys of docs/design.md's data model", () => {
  it("keys a site by `site#<id16>` / `site`, and lists it in gsi1–gsi4 under `site`", () => {
    expect(asInDesign(site)).toEqual({
      table: "site#0000000000000007 / site",
      gsi1: "site / 0000000000000007",
      gsi2: "site / lyon solar park\u00010000000000000007",
      gsi3: "site / 2024-05-02\u00010000000000000007",
      gsi4: "site / c029000000000000\u00010000000000000007",
    });
  });

  it("keys a group by `group#<id16>` / `group`, lists it in gsi1–gsi2 under `group`, and in the root index", () => {
    expect(asInDesign(group)).toEqual({
      table: "group#0000000000000003 / group",
      gsi1: "group / 0000000000000003",
      gsi2: "group / south-east\u00010000000000000003",
      gsi3: "group#root / 0000000000000003",
    });
  });

  it("keys the edges in the group's partition, and on gsi1 from the other end", () => {
    expect(asInDesign(membership)).toEqual({
      table: "group#0000000000000003 / site#0000000000000007",
      gsi1: "site#0000000000000007 / group#0000000000000003",
    });
    expect(asInDesign(nesting)).toEqual({
      table: "group#0000000000000003 / child#0000000000000005",
      gsi1: "child#0000000000000005 / parent#0000000000000003",
    });
  });

  it("keys a claim by `claim#<key>` / `claim` and a counter by `counter#<entity>` / `counter`", () => {
    expect(asInDesign(claim)).toEqual({ table: "claim#fr-day#2024-05-02 / claim" });
    expect(asInDesign(counter)).toEqual({ table: "counter#site / counter" });
  });

  it("serves each sort from the index of the design's table", () => {
    const indexOf = (sorts: Record<string, { index: string }>) =>
      Object.fromEntries(Object.entries(sorts).map(([name, sort]) => [name, sort.index]));
    expect(indexOf(siteListSpec(createRegistry()).sorts)).toEqual({
      id: "gsi1",
      name: "gsi2",
      installation_date: "gsi3",
      max_power_megawatt: "gsi4",
    });
    expect(indexOf(groupListSpec.sorts)).toEqual({ id: "gsi1", name: "gsi2" });
  });

  it("takes a tombstone out of exactly the indexes its item is listed in", () => {
    expect(listIndexNames("site")).toEqual(["gsi1", "gsi2", "gsi3", "gsi4"]);
    expect(listIndexNames("group")).toEqual(["gsi1", "gsi2"]);
    const indexesOf = (keys: Record<string, string>) =>
      Object.keys(asInDesign(keys)).filter((name) => name !== "table");
    expect(indexesOf(site)).toEqual(listIndexNames("site"));
    // and a group's root index entry (the `root` filter's)
    expect(indexesOf(group)).toEqual([...listIndexNames("group"), ROOT_INDEX]);
  });
});

describe("the link filters read the edges where the entities write them", () => {
  const sites = siteListSpec(createRegistry());
  const pathKeys = (path: { index?: string }) => (path.index ? { pk: "gsi1pk", sk: "gsi1sk" } : { pk: "pk", sk: "sk" });
  it.each([
    ["sites: group_id", sites.links.group_id, membership, 3, 7, "site_id"],
    ["groups: site_id", groupListSpec.links.site_id, membership, 7, 3, "group_id"],
    ["groups: parent_group_id", groupListSpec.links.parent_group_id, nesting, 3, 5, "child_id"],
  ] as const)("%s", (_, path, edge, id, listed, idAttribute) => {
    if (!path) throw new Error("no such link");
    const keys = pathKeys(path);
    expect(edge[keys.pk]).toBe(path.partition(id));
    expect(edge[keys.sk]).toBe(path.prefix + encodeId(listed));
    expect(path.idAttribute).toBe(idAttribute);
  });
});

describe("the kind of an item, from its key (the change events)", () => {
  it("tells records and edges apart, and nothing else is one", () => {
    const kinds = [site, group, membership, nesting, claim, counter].map((k) => kindOfKey(k.pk ?? "", k.sk ?? ""));
    expect(kinds).toEqual(["site", "group", "membership", "nesting", undefined, undefined]);
    expect(kindOfKey("idempotency#abc", "idempotency")).toBeUndefined();
    expect(kindOfKey("event#abc", "event")).toBeUndefined();
    expect(kindOfKey("site#0000000000000007", "group#0000000000000003")).toBeUndefined();
  });

  it("keeps every record and edge in a partition the stream filter lets through", () => {
    expect(RECORD_PARTITION_PREFIXES).toEqual(["site#", "group#"]);
    for (const item of [site, group, membership, nesting]) {
      expect(RECORD_PARTITION_PREFIXES.some((prefix) => String(item.pk).startsWith(prefix))).toBe(true);
    }
    for (const item of [claim, counter]) {
      expect(RECORD_PARTITION_PREFIXES.some((prefix) => String(item.pk).startsWith(prefix))).toBe(false);
    }
  });
});
