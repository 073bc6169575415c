import { describe, expect, it } from "vitest";
import { fixedFrenchSite, fixedItalianSite } from "../../../tests/support/fixtures.ts";
import { france } from "../src/countries/fr.ts";
import { italy } from "../src/countries/it.ts";
import { countries, createRegistry } from "../src/countries/registry.ts";
import type { SiteValues } from "../src/sites/site.ts";

/** Roma and Lyon of the shared fixtures on this day, as the domain holds them (country fields under `details`). */
function italianSite(installation_date: string): SiteValues {
  const { efficiency, ...common } = fixedItalianSite({ installation_date });
  return { ...common, group_ids: [], details: { efficiency } };
}

function frenchSite(installation_date: string): SiteValues {
  const { useful_energy_at_1_megawatt, ...common } = fixedFrenchSite({ installation_date });
  return { ...common, group_ids: [], details: { useful_energy_at_1_megawatt } };
}

describe("Italy: a site is installed on a Saturday or a Sunday", () => {
  it.each([
    ["Monday", "2024-05-06"],
    ["Friday", "2024-05-03"],
    ["Wednesday", "2024-02-28"],
  ])("refuses a %s (%s)", (_, date) => {
    const refusal = italy.check?.(italianSite(date));
    expect(refusal?.code).toBe("ITALIAN_SITE_NOT_ON_WEEKEND");
    expect(refusal?.detail).toContain(date);
    expect(refusal?.errors.map((e) => e.path)).toEqual(["installation_date"]);
  });

  it.each([
    ["Saturday", "2024-05-04"],
    ["Sunday", "2024-05-05"],
  ])("accepts a %s (%s)", (_, date) => {
    expect(italy.check?.(italianSite(date))).toBeUndefined();
  });

  it("claims no installation day: two Italian sites may share one", () => {
    expect(italy.claims?.(italianSite("2024-05-04")) ?? []).toEqual([]);
  });
});

describe("France: at most one French site per installation day", () => {
  it("claims the key fr-day#<date> for its installation date", () => {
    const claims = france.claims?.(frenchSite("2024-05-06")) ?? [];
    expect(claims.map((c) => c.key)).toEqual(["fr-day#2024-05-06"]);
  });

  it("claims a different key for a different day", () => {
    const [monday] = france.claims?.(frenchSite("2024-05-06")) ?? [];
    const [tuesday] = france.claims?.(frenchSite("2024-05-07")) ?? [];
    expect(monday?.key).not.toBe(tuesday?.key);
  });

  it("refuses a taken day with FRENCH_SITE_DAY_TAKEN, naming the date and the site holding it", () => {
    const [claim] = france.claims?.(frenchSite("2024-05-06")) ?? [];
    const refusal = claim?.taken(42);
    expect(refusal?.code).toBe("FRENCH_SITE_DAY_TAKEN");
    expect(refusal?.detail).toContain("2024-05-06");
    expect(refusal?.detail).toMatch(/\b42\b/);
    expect(refusal?.errors.map((e) => e.path)).toEqual(["installation_date"]);
  });

  it("accepts a site on any weekday: the weekend rule is Italian only", () => {
    expect(france.check?.(frenchSite("2024-05-06"))).toBeUndefined();
  });
});

describe("the country registry", () => {
  const registry = createRegistry();

  it("serves France and Italy by default", () => {
    expect(countries.map((c) => c.code)).toEqual(["fr", "it"]);
    expect(registry.get("fr")).toBe(france);
    expect(registry.get("it")).toBe(italy);
  });

  it("knows no other country", () => {
    expect(registry.get("es")).toBeUndefined();
    expect(registry.get("FR")).toBeUndefined();
    expect(registry.get("constructor")).toBeUndefined();
  });

  it("names the country that owns each country-specific field", () => {
    expect(registry.ownerOf("useful_energy_at_1_megawatt")).toBe(france);
    expect(registry.ownerOf("efficiency")).toBe(italy);
  });

  it("names no owner for a common field or an unknown one", () => {
    expect(registry.ownerOf("name")).toBeUndefined();
    expect(registry.ownerOf("colour")).toBeUndefined();
    expect(registry.ownerOf("toString")).toBeUndefined();
  });

  it("refuses two countries claiming one field", () => {
    const copycat = { code: "xx", fields: { efficiency: italy.fields.efficiency! } };
    expect(() => createRegistry([france, italy, copycat])).toThrow(/efficiency/);
  });
});
