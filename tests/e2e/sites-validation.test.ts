import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { frenchSite, freshDay, italianSite } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

/** Sends a raw body, as a client that does not go through JSON.stringify would. */
function postRaw(body: string) {
  return api.raw("POST", "/sites", body);
}

/** Nothing was written: the list of the whole table is still empty. */
async function expectNoSite() {
  const response = await api.GET("/sites", { params: { query: { limit: 100 } } });
  expect(response.body.items).toEqual([]);
}

describe("POST /sites refuses bad bodies with 400 VALIDATION_FAILED", () => {
  it("malformed JSON", async () => {
    expectProblem(await postRaw('{"country": "fr", "name": '), 400, "VALIDATION_FAILED");
    expectProblem(await postRaw("{'country': 'fr'}"), 400, "VALIDATION_FAILED");
  });

  it("an empty body", async () => {
    const response = await fetch(`${api.url}/sites`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json\b/);
    expect(await response.json()).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
  });

  it.each([
    ["an array", [frenchSite()]],
    ["a string", "Lyon"],
    ["a number", 42],
    ["null", null],
  ])("a body that is %s, not an object", async (_, body) => {
    expectProblem(await postRaw(JSON.stringify(body)), 400, "VALIDATION_FAILED");
  });

  it("an unknown field, named", async () => {
    expectInvalid(await api.raw("POST", "/sites", frenchSite({ colour: "blue" })), "colour");
  });

  it("read-only fields, named", async () => {
    expectInvalid(await api.raw("POST", "/sites", frenchSite({ id: 5 })), "id");
    expectInvalid(
      await api.raw(
        "POST",
        "/sites",
        italianSite({ created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z" }),
      ),
      "created_at",
      "updated_at",
    );
  });

  it("the other country's field, named: useful_energy_at_1_megawatt on an Italian site", async () => {
    expectInvalid(
      await api.raw("POST", "/sites", italianSite({ useful_energy_at_1_megawatt: 1 })),
      "useful_energy_at_1_megawatt",
    );
  });

  it("the other country's field, named: efficiency on a French site, even as null", async () => {
    expectInvalid(await api.raw("POST", "/sites", frenchSite({ efficiency: 0.5 })), "efficiency");
    expectInvalid(await api.raw("POST", "/sites", frenchSite({ efficiency: null })), "efficiency");
  });

  it("every missing field of a French site, each named", async () => {
    expectInvalid(
      await api.raw("POST", "/sites", { country: "fr" }),
      "name",
      "installation_date",
      "max_power_megawatt",
      "min_power_megawatt",
      "useful_energy_at_1_megawatt",
    );
  });

  it("every missing field of an Italian site, each named", async () => {
    expectInvalid(
      await api.raw("POST", "/sites", { country: "it" }),
      "name",
      "installation_date",
      "max_power_megawatt",
      "min_power_megawatt",
      "efficiency",
    );
  });

  it("a missing country, named along with the other bad fields", async () => {
    const { country: _, ...rest } = frenchSite();
    expectInvalid(await api.raw("POST", "/sites", rest), "country");
    expectInvalid(await api.raw("POST", "/sites", { ...rest, name: "" }), "country", "name");
  });

  it.each(["FR", "es", "", 1, null])("a country that is not registered: %j", async (country) => {
    expectInvalid(await api.raw("POST", "/sites", frenchSite({ country })), "country");
  });

  it("wrong types, every one named", async () => {
    expectInvalid(
      await api.raw("POST", "/sites", {
        country: "fr",
        name: 5,
        installation_date: 20240101,
        max_power_megawatt: "10",
        min_power_megawatt: null,
        useful_energy_at_1_megawatt: true,
        group_ids: "none",
      }),
      "name",
      "installation_date",
      "max_power_megawatt",
      "min_power_megawatt",
      "useful_energy_at_1_megawatt",
      "group_ids",
    );
  });

  it.each([
    "2023-02-29",
    "2024-02-30",
    "2024-13-01",
    "2024-00-10",
    "24-05-04",
    "12024-05-04",
    "2024-5-4",
    "2024-05-04T00:00:00Z",
    "",
  ])("an installation_date that is not a real YYYY-MM-DD calendar date: %j", async (installation_date) => {
    expectInvalid(await api.POST("/sites", { body: frenchSite({ installation_date }) }), "installation_date");
  });

  it("a name of 201 characters, or of 201 code points", async () => {
    expectInvalid(await api.POST("/sites", { body: frenchSite({ name: "n".repeat(201) }) }), "name");
    expectInvalid(await api.POST("/sites", { body: frenchSite({ name: "🌞".repeat(201) }) }), "name");
  });

  it("a name that is empty once trimmed", async () => {
    expectInvalid(await api.POST("/sites", { body: frenchSite({ name: "" }) }), "name");
    expectInvalid(await api.POST("/sites", { body: italianSite({ name: " \t " }) }), "name");
  });

  it("min_power_megawatt above max_power_megawatt, naming min_power_megawatt", async () => {
    expectInvalid(
      await api.POST("/sites", { body: frenchSite({ max_power_megawatt: 3, min_power_megawatt: 3.01 }) }),
      "min_power_megawatt",
    );
  });

  it.each([0, -0.1, 1.01, 2])("an efficiency outside 0 < e ≤ 1: %j", async (efficiency) => {
    expectInvalid(await api.POST("/sites", { body: italianSite({ efficiency }) }), "efficiency");
  });

  it("negative powers and useful energy, each named", async () => {
    const negativeMax = expectProblem(
      await api.POST("/sites", { body: frenchSite({ max_power_megawatt: -1, min_power_megawatt: 0 }) }),
      400,
      "VALIDATION_FAILED",
    );
    // min 0 is then above max too; naming it as well is fair, naming max is required.
    expect(negativeMax.errors?.map((e: { path: string }) => e.path)).toContain("max_power_megawatt");
    expectInvalid(
      await api.POST("/sites", { body: frenchSite({ min_power_megawatt: -0.5, useful_energy_at_1_megawatt: -2 }) }),
      "min_power_megawatt",
      "useful_energy_at_1_megawatt",
    );
  });

  it("a number too large to be finite (1e400 parses as Infinity)", async () => {
    const body = JSON.stringify(frenchSite()).replace('"max_power_megawatt":10', '"max_power_megawatt":1e400');
    expect(body).toContain("1e400");
    expectInvalid(await postRaw(body), "max_power_megawatt");
  });

  it("group_ids that are not a list of positive integers", async () => {
    expectInvalid(await api.POST("/sites", { body: frenchSite({ group_ids: [0] }) }), "group_ids.0");
    expectInvalid(await api.raw("POST", "/sites", frenchSite({ group_ids: ["1"] })), "group_ids.0");
  });

  it("many bad fields at once: every one is named in errors[] and in the detail", async () => {
    const problem = expectInvalid(
      await api.raw("POST", "/sites", {
        country: "it",
        name: "x".repeat(201),
        installation_date: "2023-02-29",
        max_power_megawatt: -1,
        min_power_megawatt: "1",
        efficiency: 0,
        useful_energy_at_1_megawatt: 3,
        colour: "blue",
      }),
      "name",
      "installation_date",
      "max_power_megawatt",
      "min_power_megawatt",
      "efficiency",
      "useful_energy_at_1_megawatt",
      "colour",
    );
    expect(problem.title).toBe("Validation failed");
  });

  it("none of the refused bodies above wrote anything", async () => {
    await expectNoSite();
  });
});

describe("Body size: 64 KiB", () => {
  /** A site body padded with a long unknown field to exactly `bytes` bytes of UTF-8. */
  function bodyOf(bytes: number, filler = "x"): string {
    const base = JSON.stringify({ ...frenchSite({ installation_date: freshDay() }), padding: "" });
    const room = bytes - Buffer.byteLength(base);
    const width = Buffer.byteLength(filler);
    const padding = filler.repeat(Math.floor(room / width)) + "x".repeat(room % width);
    const body = base.replace('"padding":""', `"padding":"${padding}"`);
    expect(Buffer.byteLength(body)).toBe(bytes);
    return body;
  }

  it("a body over 64 KiB is refused with 413 PAYLOAD_TOO_LARGE", async () => {
    expectProblem(await postRaw(bodyOf(64 * 1024 + 1)), 413, "PAYLOAD_TOO_LARGE");
    expectProblem(await postRaw(bodyOf(200 * 1024)), 413, "PAYLOAD_TOO_LARGE");
  });

  it("counts bytes, not characters: 40,000 two-byte characters are over the limit", async () => {
    expectProblem(await postRaw(bodyOf(80_000 + 200, "é")), 413, "PAYLOAD_TOO_LARGE");
  });

  it("a body of exactly 64 KiB, or just under, is read and its long unknown field refused (400, not 413)", async () => {
    expectInvalid(await postRaw(bodyOf(64 * 1024)), "padding");
    expectInvalid(await postRaw(bodyOf(64 * 1024 - 10)), "padding");
  });

  it("PATCH has the same limit", async () => {
    const site = await create(api, "/sites", italianSite());
    const big = JSON.stringify({ name: "y".repeat(64 * 1024) });
    expectProblem(await api.raw("PATCH", `/sites/${site.id}`, big), 413, "PAYLOAD_TOO_LARGE");
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toEqual(site);
  });
});
