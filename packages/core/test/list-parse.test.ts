import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/countries/registry.ts";
import { parseListRequest } from "../src/lists/parse.ts";
import { siteListSpec } from "../src/sites/list.ts";
import { messageAt, pathsOf, refusal } from "./refusal.ts";

const spec = siteListSpec(createRegistry());

const parse = (query: Record<string, string | undefined>, repeated: string[] = []) =>
  parseListRequest(spec, query, repeated);

/** A list request that must be refused as a 400; returns the parameters it names. */
function refusedParameters(query: Record<string, string | undefined>, repeated: string[] = []): string[] {
  const error = refusal(() => parse(query, repeated));
  expect(error.code).toBe("VALIDATION_FAILED");
  return pathsOf(error);
}

describe("defaults", () => {
  it("reads 20 items sorted by id ascending, unfiltered, from the start", () => {
    expect(parse({})).toEqual({ limit: 20, sort: { field: "id", descending: false }, filters: [] });
  });

  it("ignores parameters without a value", () => {
    expect(parse({ limit: undefined, name: undefined })).toEqual(parse({}));
  });
});

describe("limit: an integer from 1 to 100", () => {
  it.each(["1", "100", "37"])("accepts %s", (limit) => {
    expect(parse({ limit }).limit).toBe(Number(limit));
  });

  it.each(["0", "101", "abc", "1.5", "-1", "", " 5", "1e2", "0x10"])("refuses %j", (limit) => {
    expect(refusedParameters({ limit })).toEqual(["limit"]);
  });
});

describe("sort: one field, '-' in front for descending", () => {
  it.each([
    ["id", "id", false],
    ["-id", "id", true],
    ["name", "name", false],
    ["-name", "name", true],
    ["installation_date", "installation_date", false],
    ["-installation_date", "installation_date", true],
    ["max_power_megawatt", "max_power_megawatt", false],
    ["-max_power_megawatt", "max_power_megawatt", true],
  ])("reads %s", (sort, field, descending) => {
    expect(parse({ sort }).sort).toEqual({ field, descending });
  });

  it.each(["colour", "min_power_megawatt", "efficiency", "--name", "+name", "-", "", "Name", "name,id"])(
    "refuses %j",
    (sort) => {
      expect(refusedParameters({ sort })).toEqual(["sort"]);
    },
  );

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "refuses %j, a name every JavaScript object has",
    (sort) => {
      expect(refusedParameters({ sort })).toEqual(["sort"]);
    },
  );
});

describe("cursor", () => {
  it("is passed on for the listing to check", () => {
    expect(parse({ cursor: "abc.def" }).cursor).toBe("abc.def");
  });

  it("refuses an empty cursor", () => {
    expect(refusedParameters({ cursor: "" })).toEqual(["cursor"]);
  });
});

describe("filters: field=value for equality, field__op=value otherwise", () => {
  it("reads an equality", () => {
    expect(parse({ name: "Lyon" }).filters).toEqual([
      { parameter: "name", field: "name", operator: "eq", values: ["Lyon"] },
    ]);
  });

  it("reads numbers as numbers and dates as written", () => {
    expect(parse({ max_power_megawatt__gte: "2.5", installation_date__lt: "2024-05-01" }).filters).toEqual([
      { parameter: "max_power_megawatt__gte", field: "max_power_megawatt", operator: "gte", values: [2.5] },
      { parameter: "installation_date__lt", field: "installation_date", operator: "lt", values: ["2024-05-01"] },
    ]);
  });

  it("reads a comma-separated list for in", () => {
    expect(parse({ id__in: "3,1,2" }).filters).toEqual([
      { parameter: "id__in", field: "id", operator: "in", values: [3, 1, 2] },
    ]);
    expect(parse({ country__in: "fr,it" }).filters[0]?.values).toEqual(["fr", "it"]);
  });

  it("ANDs several filters: each is kept", () => {
    const { filters } = parse({ country: "fr", name__contains: "on", min_power_megawatt__lte: "4" });
    expect(filters.map((f) => f.parameter).sort()).toEqual(["country", "min_power_megawatt__lte", "name__contains"]);
  });

  it.each([
    "installation_date",
    "installation_date__ne",
    "installation_date__gt",
    "installation_date__gte",
    "installation_date__lt",
    "installation_date__lte",
  ])("takes %s on installation_date", (parameter) => {
    expect(parse({ [parameter]: "2024-05-01" }).filters).toHaveLength(1);
  });

  it.each(["max_power_megawatt", "min_power_megawatt", "useful_energy_at_1_megawatt", "efficiency"])(
    "takes the comparisons on %s",
    (field) => {
      for (const suffix of ["", "__ne", "__gt", "__gte", "__lt", "__lte"]) {
        expect(parse({ [field + suffix]: "0.5" }).filters).toHaveLength(1);
      }
    },
  );

  it.each(["name", "name__contains", "name__startswith"])("takes %s on name", (parameter) => {
    expect(parse({ [parameter]: "Ly" }).filters).toHaveLength(1);
  });

  it("accepts negative, fractional and exponent numbers", () => {
    const values = ["-1", "0.5", ".5", "1e3", "-2.5E-3"].map(
      (value) => parse({ max_power_megawatt__gt: value }).filters[0]?.values[0],
    );
    expect(values).toEqual([-1, 0.5, 0.5, 1000, -0.0025]);
  });

  it("takes group_id (sites directly in that group)", () => {
    expect(parse({ group_id: "3" }).filters).toEqual([
      { parameter: "group_id", field: "group_id", operator: "eq", values: [3] },
    ]);
  });
});

describe("an unknown parameter, field or operator is refused, naming it", () => {
  it.each(["colour", "page", "offset", "created_at", "name__"])("refuses the parameter %s", (parameter) => {
    expect(refusedParameters({ [parameter]: "x" })).toEqual([parameter]);
  });

  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "refuses the parameter %s, a name every JavaScript object has",
    (parameter) => {
      expect(refusedParameters({ [parameter]: "1" })).toEqual([parameter]);
    },
  );

  it.each([
    ["name__gt", "a"],
    ["name__in", "a,b"],
    ["name__eq", "Lyon"],
    ["id", "5"],
    ["id__gt", "5"],
    ["country__gt", "fr"],
    ["country__contains", "f"],
    ["max_power_megawatt__contains", "1"],
    ["max_power_megawatt__between", "1,2"],
    ["installation_date__startswith", "2024"],
  ])("refuses the operator of %s", (parameter, value) => {
    const error = refusal(() => parse({ [parameter]: value }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(pathsOf(error)).toEqual([parameter]);
    expect(messageAt(error, parameter)).toMatch(/operator/);
  });

  it("says which operators the field takes", () => {
    const error = refusal(() => parse({ id: "5" }));
    expect(messageAt(error, "id")).toContain("id__in");
  });
});

describe("a value of the wrong type is refused, naming its parameter", () => {
  it.each([
    ["max_power_megawatt__gt", "abc"],
    ["max_power_megawatt__gt", ""],
    ["max_power_megawatt__gt", "1e400"],
    ["max_power_megawatt__gt", "Infinity"],
    ["max_power_megawatt__gt", "0x10"],
    ["min_power_megawatt", "1,5"],
    ["efficiency__lte", "half"],
    ["installation_date", "2023-02-29"],
    ["installation_date__gte", "2024-5-1"],
    ["installation_date__lt", "yesterday"],
    ["country", "es"],
    ["country", "FR"],
    ["country__in", "fr,es"],
    ["country__in", "fr,,it"],
    ["id__in", "1,x"],
    ["id__in", "0"],
    ["id__in", "-1"],
    ["id__in", "1.5"],
    ["id__in", "9007199254740993"],
    ["id__in", ""],
  ])("refuses %s=%j", (parameter, value) => {
    expect(refusedParameters({ [parameter]: value })).toEqual([parameter]);
  });

  it("quotes the bad value", () => {
    const error = refusal(() => parse({ id__in: "1,x" }));
    expect(messageAt(error, "id__in")).toContain('"x"');
  });

  it("takes any text for contains and startswith, even on a name that looks like a number", () => {
    expect(parse({ name__contains: "42" }).filters[0]?.values).toEqual(["42"]);
  });
});

describe("in: at most 100 values", () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(",");

  it("accepts 100 values", () => {
    expect(parse({ id__in: ids(100) }).filters[0]?.values).toHaveLength(100);
  });

  it("refuses 101 values", () => {
    expect(refusedParameters({ id__in: ids(101) })).toEqual(["id__in"]);
  });
});

describe("a parameter given more than once is refused", () => {
  it.each(["limit", "sort", "cursor", "name", "country__in"])("refuses %s twice", (parameter) => {
    expect(refusedParameters({}, [parameter])).toEqual([parameter]);
  });
});

it("reports every bad parameter at once, each error naming its parameter", () => {
  const parameters = refusedParameters(
    {
      limit: "0",
      sort: "colour",
      cursor: "",
      colour: "red",
      name__gt: "a",
      max_power_megawatt__gt: "abc",
      country: "es",
      id__in: "1,x",
    },
    ["installation_date"],
  );
  expect(parameters.sort()).toEqual([
    "colour",
    "country",
    "cursor",
    "id__in",
    "installation_date",
    "limit",
    "max_power_megawatt__gt",
    "name__gt",
    "sort",
  ]);
});
