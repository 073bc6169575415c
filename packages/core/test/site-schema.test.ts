import { describe, expect, it } from "vitest";
import { fixedFrenchSite, fixedItalianSite } from "../../../tests/support/fixtures.ts";
import { createRegistry } from "../src/countries/registry.ts";
import { createSiteSchemas } from "../src/sites/schema.ts";
import type { Site } from "../src/sites/site.ts";
import { messageAt, pathsOf, refusal } from "./refusal.ts";

const schemas = createSiteSchemas(createRegistry());

const frenchSite = fixedFrenchSite();

const italianSite = fixedItalianSite();

function without(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _, ...rest } = body;
  return rest;
}

/** A create that must be refused as a 400, naming what is wrong. */
function createRefusal(body: unknown) {
  const error = refusal(() => schemas.parseCreate(body));
  expect(error.code).toBe("VALIDATION_FAILED");
  return error;
}

function stored(body: Record<string, unknown>): Site {
  return {
    ...schemas.parseCreate(body),
    id: 7,
    version: 1,
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
  };
}

describe("creating a site", () => {
  it("accepts a French site, its own field kept apart from the common ones", () => {
    expect(schemas.parseCreate(frenchSite)).toEqual({
      country: "fr",
      name: "Lyon",
      installation_date: "2024-05-06",
      max_power_megawatt: 10,
      min_power_megawatt: 2,
      group_ids: [],
      details: { useful_energy_at_1_megawatt: 3.5 },
    });
  });

  it("accepts an Italian site, its own field kept apart from the common ones", () => {
    expect(schemas.parseCreate(italianSite)).toEqual({
      country: "it",
      name: "Roma",
      installation_date: "2024-05-04",
      max_power_megawatt: 3,
      min_power_megawatt: 1,
      group_ids: [],
      details: { efficiency: 0.5 },
    });
  });

  it("keeps group_ids in ascending order", () => {
    expect(schemas.parseCreate({ ...frenchSite, group_ids: [3, 1, 2] }).group_ids).toEqual([1, 2, 3]);
  });

  describe("every field is required", () => {
    it.each(Object.keys(frenchSite))("refuses a French site without %s", (field) => {
      const error = createRefusal(without(frenchSite, field));
      expect(error.errors).toEqual([{ path: field, message: "Required" }]);
    });

    it.each(Object.keys(italianSite))("refuses an Italian site without %s", (field) => {
      const error = createRefusal(without(italianSite, field));
      expect(error.errors).toEqual([{ path: field, message: "Required" }]);
    });
  });

  describe("a field of another country is refused", () => {
    it("refuses an Italian site with useful_energy_at_1_megawatt", () => {
      const error = createRefusal({ ...italianSite, useful_energy_at_1_megawatt: 1 });
      expect(pathsOf(error)).toEqual(["useful_energy_at_1_megawatt"]);
      expect(messageAt(error, "useful_energy_at_1_megawatt")).toMatch(/fr/);
    });

    it("refuses a French site with efficiency", () => {
      const error = createRefusal({ ...frenchSite, efficiency: 0.5 });
      expect(pathsOf(error)).toEqual(["efficiency"]);
      expect(messageAt(error, "efficiency")).toMatch(/it/);
    });
  });

  it("refuses an unknown field, naming it, rather than dropping it", () => {
    const error = createRefusal({ ...frenchSite, colour: "green" });
    expect(error.errors).toEqual([{ path: "colour", message: "Unknown field" }]);
  });

  it("refuses read-only fields in the body", () => {
    const error = createRefusal({ ...frenchSite, id: 3, created_at: "2024-01-01T00:00:00Z" });
    expect(pathsOf(error).sort()).toEqual(["created_at", "id"]);
  });

  it("refuses an unknown field named __proto__", () => {
    const error = createRefusal(JSON.parse(`{"__proto__": {"admin": true}, ${JSON.stringify(frenchSite).slice(1)}`));
    expect(pathsOf(error)).toEqual(["__proto__"]);
  });

  describe("name: 1 to 200 characters after trimming", () => {
    it("accepts 200 characters", () => {
      expect(schemas.parseCreate({ ...frenchSite, name: "a".repeat(200) }).name).toHaveLength(200);
    });

    it("refuses 201 characters", () => {
      const error = createRefusal({ ...frenchSite, name: "a".repeat(201) });
      expect(pathsOf(error)).toEqual(["name"]);
    });

    it("counts characters, not UTF-16 code units", () => {
      expect(schemas.parseCreate({ ...frenchSite, name: "⚡️".repeat(100) }).name).toBe("⚡️".repeat(100));
      expect(schemas.parseCreate({ ...frenchSite, name: "😀".repeat(200) }).name).toBe("😀".repeat(200));
    });

    it("trims the name", () => {
      expect(schemas.parseCreate({ ...frenchSite, name: "  a  " }).name).toBe("a");
    });

    it("measures the length after trimming", () => {
      const padded = `   ${"a".repeat(200)}   `;
      expect(schemas.parseCreate({ ...frenchSite, name: padded }).name).toBe("a".repeat(200));
    });

    it("refuses an empty name", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, name: "" }))).toEqual(["name"]);
    });

    it("refuses a name of whitespace only", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, name: " \t\n " }))).toEqual(["name"]);
    });

    it("refuses control characters inside a name (sort keys rely on them being absent)", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, name: "a\u0001b" }))).toEqual(["name"]);
    });

    it("refuses a name that is not a string", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, name: 42 }))).toEqual(["name"]);
    });
  });

  describe("installation_date: a real calendar date", () => {
    it("refuses 2023-02-29", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, installation_date: "2023-02-29" }))).toEqual(["installation_date"]);
    });

    it("refuses a timestamp", () => {
      const error = createRefusal({ ...frenchSite, installation_date: "2024-05-06T00:00:00Z" });
      expect(pathsOf(error)).toEqual(["installation_date"]);
    });
  });

  describe("power: finite, at least 0, min at most max", () => {
    it("accepts min equal to max", () => {
      const values = schemas.parseCreate({ ...frenchSite, min_power_megawatt: 4, max_power_megawatt: 4 });
      expect([values.min_power_megawatt, values.max_power_megawatt]).toEqual([4, 4]);
    });

    it("accepts zero power", () => {
      const values = schemas.parseCreate({ ...frenchSite, min_power_megawatt: 0, max_power_megawatt: 0 });
      expect(values.max_power_megawatt).toBe(0);
    });

    it("refuses min above max, naming min_power_megawatt", () => {
      const error = createRefusal({ ...frenchSite, min_power_megawatt: 5, max_power_megawatt: 4 });
      expect(pathsOf(error)).toEqual(["min_power_megawatt"]);
    });

    it("refuses a negative max_power_megawatt", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, max_power_megawatt: -1 }))).toContain("max_power_megawatt");
    });

    it("refuses a negative min_power_megawatt", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, min_power_megawatt: -0.5 }))).toEqual(["min_power_megawatt"]);
    });

    it("refuses a non-finite power", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, max_power_megawatt: Number.POSITIVE_INFINITY }))).toContain(
        "max_power_megawatt",
      );
      expect(pathsOf(createRefusal({ ...frenchSite, max_power_megawatt: Number.NaN }))).toContain("max_power_megawatt");
    });

    it("refuses power written as a string", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, max_power_megawatt: "10" }))).toEqual(["max_power_megawatt"]);
    });
  });

  it("refuses a negative useful_energy_at_1_megawatt", () => {
    const error = createRefusal({ ...frenchSite, useful_energy_at_1_megawatt: -1 });
    expect(pathsOf(error)).toEqual(["useful_energy_at_1_megawatt"]);
  });

  describe("efficiency: a ratio, 0 < e <= 1", () => {
    it("refuses 0", () => {
      expect(pathsOf(createRefusal({ ...italianSite, efficiency: 0 }))).toEqual(["efficiency"]);
    });

    it("accepts 1", () => {
      expect(schemas.parseCreate({ ...italianSite, efficiency: 1 }).details).toEqual({ efficiency: 1 });
    });

    it("accepts a small positive ratio", () => {
      expect(schemas.parseCreate({ ...italianSite, efficiency: 0.0001 }).details).toEqual({ efficiency: 0.0001 });
    });

    it("refuses 1.0001", () => {
      expect(pathsOf(createRefusal({ ...italianSite, efficiency: 1.0001 }))).toEqual(["efficiency"]);
    });

    it("refuses a negative ratio", () => {
      expect(pathsOf(createRefusal({ ...italianSite, efficiency: -0.5 }))).toEqual(["efficiency"]);
    });
  });

  describe("country: a registered lower-case code", () => {
    it("refuses an unknown country, listing the known ones", () => {
      const error = createRefusal({ ...frenchSite, country: "es" });
      expect(pathsOf(error)).toContain("country");
      expect(messageAt(error, "country")).toMatch(/fr.*it/);
    });

    it("refuses an upper-case code", () => {
      expect(pathsOf(createRefusal({ ...frenchSite, country: "FR" }))).toContain("country");
    });

    it("still reports the other bad fields when the country is unknown", () => {
      const error = createRefusal({ ...frenchSite, country: "xx", name: "", min_power_megawatt: 11 });
      expect(pathsOf(error).sort()).toEqual(["country", "min_power_megawatt", "name"]);
    });
  });

  it.each([
    ["an array", [frenchSite]],
    ["null", null],
    ["a string", "Lyon"],
    ["a number", 42],
    ["nothing", undefined],
  ])("refuses %s as the body", (_, body) => {
    const error = createRefusal(body);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.message).toMatch(/object/);
  });

  it("reports every bad field at once", () => {
    const error = createRefusal({
      country: "it",
      name: "   ",
      installation_date: "2023-02-30",
      max_power_megawatt: -1,
      min_power_megawatt: "1",
      useful_energy_at_1_megawatt: 2,
      colour: "blue",
    });
    expect(pathsOf(error).sort()).toEqual([
      "colour",
      "efficiency",
      "installation_date",
      "max_power_megawatt",
      "min_power_megawatt",
      "name",
      "useful_energy_at_1_megawatt",
    ]);
    for (const path of pathsOf(error)) expect(error.detail).toContain(path);
  });
});

describe("patching a site: the fields present replace the stored ones, then the whole is validated", () => {
  const lyon = stored(frenchSite);
  const roma = stored(italianSite);

  function patchRefusal(site: Site, body: unknown) {
    const error = refusal(() => schemas.merge(site, schemas.parsePatch(body)));
    expect(error.code).toBe("VALIDATION_FAILED");
    return error;
  }

  it("replaces only the fields present", () => {
    const merged = schemas.merge(lyon, schemas.parsePatch({ name: "  Lyon Est  ", useful_energy_at_1_megawatt: 9 }));
    expect(merged).toEqual({
      country: "fr",
      name: "Lyon Est",
      installation_date: "2024-05-06",
      max_power_megawatt: 10,
      min_power_megawatt: 2,
      group_ids: [],
      details: { useful_energy_at_1_megawatt: 9 },
    });
  });

  it("leaves the site as it was for an empty patch", () => {
    const { id: _, version: __, created_at: ___, updated_at: ____, ...values } = lyon;
    expect(schemas.merge(lyon, schemas.parsePatch({}))).toEqual(values);
  });

  it("refuses a min_power_megawatt above the stored max_power_megawatt", () => {
    const error = patchRefusal(lyon, { min_power_megawatt: 11 });
    expect(pathsOf(error)).toEqual(["min_power_megawatt"]);
  });

  it("refuses a max_power_megawatt below the stored min_power_megawatt", () => {
    const error = patchRefusal(lyon, { max_power_megawatt: 1 });
    expect(pathsOf(error)).toEqual(["min_power_megawatt"]);
  });

  it("accepts raising min and max together past the stored max", () => {
    const merged = schemas.merge(lyon, schemas.parsePatch({ min_power_megawatt: 20, max_power_megawatt: 30 }));
    expect([merged.min_power_megawatt, merged.max_power_megawatt]).toEqual([20, 30]);
  });

  it("refuses a change of country", () => {
    const error = patchRefusal(lyon, { country: "it", efficiency: 0.5 });
    expect(pathsOf(error)).toContain("country");
  });

  it("accepts the site's own country repeated", () => {
    expect(schemas.merge(lyon, schemas.parsePatch({ country: "fr" })).country).toBe("fr");
  });

  it("refuses efficiency on a French site", () => {
    const error = patchRefusal(lyon, { efficiency: 0.5 });
    expect(pathsOf(error)).toEqual(["efficiency"]);
  });

  it("refuses useful_energy_at_1_megawatt on an Italian site", () => {
    const error = patchRefusal(roma, { useful_energy_at_1_megawatt: 1 });
    expect(pathsOf(error)).toEqual(["useful_energy_at_1_megawatt"]);
  });

  it("refuses an unknown field, naming it", () => {
    const error = refusal(() => schemas.parsePatch({ colour: "green" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.errors).toEqual([{ path: "colour", message: "Unknown field" }]);
  });

  it("refuses null for a required field rather than erasing it", () => {
    const error = refusal(() => schemas.parsePatch({ name: null }));
    expect(pathsOf(error)).toEqual(["name"]);
  });

  it("checks each present field as on create", () => {
    const error = refusal(() =>
      schemas.parsePatch({ name: "", installation_date: "2023-02-29", efficiency: 0, max_power_megawatt: -1 }),
    );
    expect(pathsOf(error).sort()).toEqual(["efficiency", "installation_date", "max_power_megawatt", "name"]);
  });

  it("refuses a body that is not an object", () => {
    const error = refusal(() => schemas.parsePatch([]));
    expect(error.code).toBe("VALIDATION_FAILED");
  });
});
