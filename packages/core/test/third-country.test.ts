/**
 * "Adding a country is one module plus one registry line": Spain (./spain.ts, a module no other
 * file knows) is served by the real site service over DynamoDB Local with no other change: its
 * schema, its filters and its refusal follow from the module. tests/docs/openapi.test.ts shows
 * the same for the OpenAPI document and the HTTP statuses.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/database.ts";
import { fixedFrenchSite as frenchSite, fixedItalianSite as italianSite } from "../../../tests/support/fixtures.ts";
import { france } from "../src/countries/fr.ts";
import { italy } from "../src/countries/it.ts";
import { createRegistry } from "../src/countries/registry.ts";
import { createServices } from "../src/services.ts";
import { representSite, type Site } from "../src/sites/site.ts";
import { asyncRefusal, messageAt, pathsOf } from "./refusal.ts";
import { spain } from "./spain.ts";

/** The registry with Spain: the one line a deployment adds. */
const withSpain = [france, italy, spain];

/** One table for the file (see context.test.ts for why not one per describe). */
const db = await createTestDatabase({ countries: withSpain });
const { sites } = db.context;

function spanishSite(fields: Record<string, unknown> = {}) {
  return {
    country: "es",
    name: "Sevilla",
    installation_date: "2024-05-06",
    max_power_megawatt: 8,
    min_power_megawatt: 1,
    capacity_factor: 0.4,
    ...fields,
  };
}

describe("listing with a Spanish field", () => {
  // This block runs first: the table holds exactly these sites while it runs.
  const created: Site[] = [];
  beforeAll(async () => {
    for (const body of [
      spanishSite({ name: "Low", capacity_factor: 0.2, installation_date: "2024-03-01" }),
      frenchSite({ installation_date: "2024-03-02" }),
      spanishSite({ name: "Half", capacity_factor: 0.5, installation_date: "2024-03-03" }),
      italianSite({ installation_date: "2024-03-09" }),
      spanishSite({ name: "High", capacity_factor: 0.8, installation_date: "2024-03-04" }),
      spanishSite({ name: "Full", capacity_factor: 1, installation_date: "2024-03-05" }),
    ]) {
      created.push(await sites.create(body));
    }
  });
  const idsOf = (names: string[]) => names.map((name) => created.find((s) => s.name === name)?.id);
  const namesIn = (page: { items: Site[] }) => page.items.map((s) => s.name);

  it("filters on capacity_factor__gte=0.5, leaving out sites without the field", async () => {
    const page = await sites.list({ capacity_factor__gte: "0.5" });
    expect(page.items.map((s) => s.id)).toEqual(idsOf(["Half", "High", "Full"]));
    expect(page.next_cursor).toBeNull();
  });

  it("takes every comparison on the new field", async () => {
    expect(namesIn(await sites.list({ capacity_factor: "0.5" }))).toEqual(["Half"]);
    expect(namesIn(await sites.list({ capacity_factor__gt: "0.5" }))).toEqual(["High", "Full"]);
    expect(namesIn(await sites.list({ capacity_factor__lt: "0.5" }))).toEqual(["Low"]);
    expect(namesIn(await sites.list({ capacity_factor__lte: "0.5" }))).toEqual(["Low", "Half"]);
  });

  it("answers ne with Spanish sites only: a site without the field does not match", async () => {
    expect(namesIn(await sites.list({ capacity_factor__ne: "0.5" }))).toEqual(["Low", "High", "Full"]);
  });

  it("combines the new field with the common filters and sorts", async () => {
    const page = await sites.list({ capacity_factor__gte: "0.5", sort: "-installation_date", name__contains: "h" });
    expect(namesIn(page)).toEqual(["High", "Half"]);
  });

  it("filters on the new country code", async () => {
    expect(namesIn(await sites.list({ country: "es" }))).toEqual(["Low", "Half", "High", "Full"]);
    expect(namesIn(await sites.list({ country__in: "es,it" }))).toEqual(["Low", "Half", "Roma", "High", "Full"]);
  });

  it("pages through the new field's matches, each exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sites.list({ capacity_factor__gte: "0", limit: "1", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...namesIn(page));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["Low", "Half", "High", "Full"]);
  });

  it("refuses a field no registered country has", async () => {
    const error = await asyncRefusal(() => sites.list({ power_factor__gte: "0.5" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(pathsOf(error)).toEqual(["power_factor__gte"]);
  });

  it("refuses an operator the new field does not take", async () => {
    const error = await asyncRefusal(() => sites.list({ capacity_factor__contains: "5" }));
    expect(pathsOf(error)).toEqual(["capacity_factor__contains"]);
  });

  it("refuses a value of the wrong type for the new field", async () => {
    const error = await asyncRefusal(() => sites.list({ capacity_factor__gte: "half" }));
    expect(pathsOf(error)).toEqual(["capacity_factor__gte"]);
  });

  describe("a deployment without Spain, on the same table", () => {
    const franceAndItaly = createServices({ table: db.table, client: db.context.db.client });

    it("refuses the Spanish field as an unknown filter", async () => {
      const error = await asyncRefusal(() => franceAndItaly.sites.list({ capacity_factor__gte: "0.5" }));
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(pathsOf(error)).toEqual(["capacity_factor__gte"]);
    });

    it("refuses the Spanish country code in a filter", async () => {
      const error = await asyncRefusal(() => franceAndItaly.sites.list({ country: "es" }));
      expect(pathsOf(error)).toEqual(["country"]);
    });

    it("refuses a Spanish site, naming its country and its field", async () => {
      const error = await asyncRefusal(() => franceAndItaly.sites.create(spanishSite()));
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(pathsOf(error).sort()).toEqual(["capacity_factor", "country"]);
    });
  });
});

describe("a Spanish site, through the real service", () => {
  it("is created and returned with its own field, and no other country's", async () => {
    const created = await sites.create(spanishSite());
    const representation = representSite(created);
    expect(representation).toMatchObject({
      id: created.id,
      country: "es",
      name: "Sevilla",
      installation_date: "2024-05-06",
      capacity_factor: 0.4,
      group_ids: [],
    });
    expect(representation).not.toHaveProperty("efficiency");
    expect(representation).not.toHaveProperty("useful_energy_at_1_megawatt");
    expect(representSite(await sites.get(created.id))).toEqual(representation);
  });

  it("requires its own field", async () => {
    const { capacity_factor: _, ...body } = spanishSite();
    const error = await asyncRefusal(() => sites.create(body));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.errors).toEqual([{ path: "capacity_factor", message: "Required" }]);
  });

  it("validates its own field", async () => {
    const error = await asyncRefusal(() => sites.create(spanishSite({ capacity_factor: 1.5 })));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(pathsOf(error)).toEqual(["capacity_factor"]);
  });

  it("is held to the common rules too", async () => {
    const error = await asyncRefusal(() => sites.create(spanishSite({ name: " ", min_power_megawatt: 9 })));
    expect(pathsOf(error).sort()).toEqual(["min_power_megawatt", "name"]);
  });

  it("declares its refusal in the registry, beside the other countries'", () => {
    const registry = createRegistry(withSpain);
    expect(registry.refusals.get("SPANISH_SITE_IN_AUGUST")).toMatchObject({ status: 422, country: spain });
    expect(registry.refusals.get("SPANISH_SITE_IN_AUGUST")?.example().code).toBe("SPANISH_SITE_IN_AUGUST");
    expect([...registry.refusals.keys()].sort()).toEqual(
      ["FRENCH_SITE_DAY_TAKEN", "ITALIAN_SITE_NOT_ON_WEEKEND", "SPANISH_SITE_IN_AUGUST"].sort(),
    );
    expect(() => createRegistry([...withSpain, { ...spain, code: "pt", fields: {} }])).toThrow(/both es and pt/);
  });

  it("is refused by its own rule, with its own code, and nothing is stored", async () => {
    const before = (await db.scanAll()).length;
    const error = await asyncRefusal(() => sites.create(spanishSite({ installation_date: "2024-08-15" })));
    expect(error.code).toBe("SPANISH_SITE_IN_AUGUST");
    expect(pathsOf(error)).toEqual(["installation_date"]);
    expect(messageAt(error, "installation_date")).toMatch(/August/);
    expect((await db.scanAll()).length).toBe(before);
  });

  it("is refused by its own rule when a PATCH moves it into August", async () => {
    const { id } = await sites.create(spanishSite());
    const error = await asyncRefusal(() => sites.update(id, { installation_date: "2024-08-01" }));
    expect(error.code).toBe("SPANISH_SITE_IN_AUGUST");
    expect(pathsOf(error)).toEqual(["installation_date"]);
    expect((await sites.get(id)).installation_date).toBe("2024-05-06");
  });

  it("is not held to the other countries' rules: any weekday, any number per day", async () => {
    const first = await sites.create(spanishSite({ installation_date: "2024-05-07" }));
    const second = await sites.create(spanishSite({ installation_date: "2024-05-07" }));
    expect(second.id).not.toBe(first.id);
  });

  it("refuses a French field, naming the country that owns it", async () => {
    const error = await asyncRefusal(() => sites.create(spanishSite({ useful_energy_at_1_megawatt: 2 })));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(pathsOf(error)).toEqual(["useful_energy_at_1_megawatt"]);
    expect(messageAt(error, "useful_energy_at_1_megawatt")).toMatch(/fr/);
  });

  it("refuses an Italian field in a PATCH", async () => {
    const { id } = await sites.create(spanishSite());
    const error = await asyncRefusal(() => sites.update(id, { efficiency: 0.5 }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(pathsOf(error)).toEqual(["efficiency"]);
  });

  it("takes a PATCH of its own field", async () => {
    const { id } = await sites.create(spanishSite());
    const updated = await sites.update(id, { capacity_factor: 0.9 });
    expect(representSite(updated)).toMatchObject({ capacity_factor: 0.9 });
    expect((await sites.get(id)).details).toEqual({ capacity_factor: 0.9 });
  });

  it("cannot be turned into a French site", async () => {
    const { id } = await sites.create(spanishSite());
    const error = await asyncRefusal(() => sites.update(id, { country: "fr", useful_energy_at_1_megawatt: 1 }));
    expect(pathsOf(error)).toContain("country");
  });

  it("leaves French and Italian sites refusing the Spanish field", async () => {
    const french = await asyncRefusal(() => sites.create(frenchSite({ capacity_factor: 0.5 })));
    expect(pathsOf(french)).toEqual(["capacity_factor"]);
    expect(messageAt(french, "capacity_factor")).toMatch(/es/);
    const italian = await asyncRefusal(() => sites.create(italianSite({ capacity_factor: 0.5 })));
    expect(pathsOf(italian)).toEqual(["capacity_factor"]);
  });

  it("is deleted like any other site", async () => {
    const { id } = await sites.create(spanishSite());
    await sites.remove(id);
    expect((await asyncRefusal(() => sites.get(id))).code).toBe("NOT_FOUND");
  });
});
