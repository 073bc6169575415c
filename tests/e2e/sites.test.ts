import { beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { ItalianSite } from "../support/client.ts";
import { frenchSite, freshDay, freshWeekday, freshWeekend, italianSite, weekdayOf } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";
import { COMMON_KEYS, expectInvalid, expectProblem, RFC3339_UTC } from "./fixtures.ts";
import type { SiteQuery } from "./paging.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

async function idsListed(query: SiteQuery): Promise<number[]> {
  const response = await api.GET("/sites", { params: { query } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((s) => s.id);
}

/** The sites of one installation day, as the list says. */
async function sitesOn(date: string) {
  const response = await api.GET("/sites", { params: { query: { installation_date: date, limit: 100 } } });
  expect(response.status).toBe(200);
  return response.body.items as { id: number; country: string }[];
}

describe("POST /sites", () => {
  it("answers 201 with a Location of /sites/{id} and the site, which GET /sites/{id} returns unchanged", async () => {
    const before = Date.now();
    const response = await api.POST("/sites", {
      body: frenchSite({ name: "Marseille", installation_date: "2024-03-15" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(response.headers.get("location")).toBe(`/sites/${response.body.id}`);
    expect(response.body).toMatchObject({
      country: "fr",
      name: "Marseille",
      installation_date: "2024-03-15",
      max_power_megawatt: 10,
      min_power_megawatt: 2,
      useful_energy_at_1_megawatt: 0.7,
      group_ids: [],
    });
    expect(Date.parse(response.body.created_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(response.body.created_at)).toBeLessThanOrEqual(Date.now() + 1000);

    const read = await api.raw("GET", response.headers.get("location") as string);
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(read.body).toEqual(response.body);
  });

  it("represents a French site with its own fields only: no efficiency key at all", async () => {
    const site = await create(api, "/sites", frenchSite());
    expect(Object.keys(site).sort()).toEqual([...COMMON_KEYS, "useful_energy_at_1_megawatt"].sort());
    expect(site).not.toHaveProperty("efficiency");
    expect(Object.keys((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).sort()).toEqual(
      Object.keys(site).sort(),
    );
  });

  it("represents an Italian site with its own fields only: no useful_energy_at_1_megawatt key at all", async () => {
    const site = await create(api, "/sites", italianSite());
    expect(Object.keys(site).sort()).toEqual([...COMMON_KEYS, "efficiency"].sort());
    expect(site).not.toHaveProperty("useful_energy_at_1_megawatt");
    expect(Object.keys((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).sort()).toEqual(
      Object.keys(site).sort(),
    );
  });

  it("always shows group_ids, as [] when the request left it out or sent it empty", async () => {
    expect((await create(api, "/sites", frenchSite())).group_ids).toEqual([]);
    expect((await create(api, "/sites", italianSite({ group_ids: [] }))).group_ids).toEqual([]);
  });

  it("refuses group_ids naming groups that do not exist (none exists yet) with 422 UNKNOWN_REFERENCE on group_ids", async () => {
    const day = freshDay();
    const problem = expectProblem(
      await api.POST("/sites", { body: frenchSite({ installation_date: day, group_ids: [1] }) }),
      422,
      "UNKNOWN_REFERENCE",
    );
    expect(problem.errors?.map((e: { path: string }) => e.path)).toEqual(["group_ids"]);
    expect(await sitesOn(day)).toEqual([]);
  });

  it("stamps created_at and updated_at as equal RFC 3339 UTC timestamps", async () => {
    const site = await create(api, "/sites", italianSite());
    expect(site.created_at).toMatch(RFC3339_UTC);
    expect(site.updated_at).toMatch(RFC3339_UTC);
    expect(Number.isNaN(Date.parse(site.created_at))).toBe(false);
    expect(site.updated_at).toBe(site.created_at);
  });

  it("assigns integer ids of at least 1, each new one larger than the last", async () => {
    const a = await create(api, "/sites", frenchSite());
    const b = await create(api, "/sites", italianSite());
    for (const site of [a, b]) {
      expect(Number.isInteger(site.id)).toBe(true);
      expect(site.id).toBeGreaterThanOrEqual(1);
    }
    expect(b.id).toBeGreaterThan(a.id);
  });

  it("never reuses the id of a deleted site", async () => {
    const first = await create(api, "/sites", frenchSite());
    expect((await api.DELETE("/sites/{id}", { params: { path: { id: first.id } } })).status).toBe(204);
    const second = await create(api, "/sites", frenchSite());
    expect(second.id).toBeGreaterThan(first.id);
  });

  it("accepts the bounds of every number: powers of 0, min equal to max, efficiency 1, useful energy 0", async () => {
    await create(
      api,
      "/sites",
      frenchSite({ max_power_megawatt: 0, min_power_megawatt: 0, useful_energy_at_1_megawatt: 0 }),
    );
    await create(api, "/sites", italianSite({ max_power_megawatt: 3.5, min_power_megawatt: 3.5, efficiency: 1 }));
  });

  it("accepts a leap day that exists (2024-02-29)", async () => {
    expect((await create(api, "/sites", frenchSite({ installation_date: "2024-02-29" }))).installation_date).toBe(
      "2024-02-29",
    );
  });

  it("counts 200 characters after trimming, in code points, not UTF-16 units", async () => {
    const padded = `  ${"n".repeat(200)}  `;
    const trimmed = await create(api, "/sites", frenchSite({ name: padded }));
    expect(trimmed.name).toBe("n".repeat(200));
    expect((await create(api, "/sites", frenchSite({ name: "🌞".repeat(200) }))).name).toBe("🌞".repeat(200));
  });
});

describe("At most one French site per installation_date", () => {
  it("refuses a second French site on a taken day with 409 FRENCH_SITE_DAY_TAKEN naming the date and the holder", async () => {
    const day = freshDay();
    const holder = await create(api, "/sites", frenchSite({ installation_date: day }));
    const problem = expectProblem(
      await api.POST("/sites", { body: frenchSite({ name: "Second", installation_date: day }) }),
      409,
      "FRENCH_SITE_DAY_TAKEN",
    );
    expect(problem.detail).toContain(day);
    expect(problem.detail).toMatch(new RegExp(`\\b${holder.id}\\b`));
    expect((await sitesOn(day)).map((s) => s.id)).toEqual([holder.id]);
  });

  it("lets a French site and an Italian site share a day", async () => {
    const saturday = freshWeekend();
    await create(api, "/sites", frenchSite({ installation_date: saturday }));
    await create(api, "/sites", italianSite({ installation_date: saturday }));
    expect(await sitesOn(saturday)).toHaveLength(2);
  });

  it("lets Italian sites share a day with each other", async () => {
    const sunday = freshWeekend("sunday");
    await create(api, "/sites", italianSite({ installation_date: sunday }));
    await create(api, "/sites", italianSite({ installation_date: sunday }));
    expect(await sitesOn(sunday)).toHaveLength(2);
  });

  it("holds under concurrency: of 50 simultaneous French sites for one day exactly one is created", async () => {
    const day = freshDay();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.POST("/sites", { body: frenchSite({ name: `Racer ${i}`, installation_date: day }) }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(49).fill(409)]);
    const winner = responses.find((r) => r.status === 201)?.body;
    for (const loser of responses.filter((r) => r.status === 409)) {
      const problem = expectProblem(loser, 409, "FRENCH_SITE_DAY_TAKEN");
      expect(problem.detail).toMatch(new RegExp(`\\b${winner?.id}\\b`));
    }
    expect((await sitesOn(day)).map((s) => s.id)).toEqual([winner?.id]);
  });
});

describe("An Italian site is installed on a Saturday or a Sunday", () => {
  it("refuses a Monday with 422 ITALIAN_SITE_NOT_ON_WEEKEND", async () => {
    expect(weekdayOf("2024-05-06")).toBe(1);
    expectProblem(
      await api.POST("/sites", { body: italianSite({ installation_date: "2024-05-06" }) }),
      422,
      "ITALIAN_SITE_NOT_ON_WEEKEND",
    );
    expect((await sitesOn("2024-05-06")).filter((s) => s.country === "it")).toEqual([]);
  });

  it("refuses every weekday from Monday to Friday", async () => {
    for (const date of ["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09", "2024-05-10"]) {
      expectProblem(
        await api.POST("/sites", { body: italianSite({ installation_date: date }) }),
        422,
        "ITALIAN_SITE_NOT_ON_WEEKEND",
      );
    }
  });

  it("accepts a Saturday and a Sunday", async () => {
    expect(weekdayOf("2024-05-04")).toBe(6);
    expect(weekdayOf("2024-05-05")).toBe(0);
    await create(api, "/sites", italianSite({ installation_date: "2024-05-04" }));
    await create(api, "/sites", italianSite({ installation_date: "2024-05-05" }));
  });

  it("does not apply to French sites", async () => {
    await create(api, "/sites", frenchSite({ installation_date: freshWeekday() }));
  });
});

describe("GET /sites/{id}", () => {
  it("answers 404 NOT_FOUND for an id that does not exist", async () => {
    expectProblem(await api.GET("/sites/{id}", { params: { path: { id: 999999 } } }), 404, "NOT_FOUND");
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", " 1"])("answers 400 naming id for the id %j", async (id) => {
    expectInvalid(await api.raw("GET", `/sites/${encodeURIComponent(id)}`), "id");
  });
});

describe("PATCH /sites/{id}", () => {
  it("replaces only the fields given; updated_at moves on, created_at and id do not", async () => {
    const site = await create(api, "/sites", frenchSite({ name: "Before" }));
    // the PATCH a second later by this process's clock, which the handlers behind the test API
    // read: updated_at must move on, whichever millisecond the two requests fall in
    const later = Date.parse(site.updated_at) + 1000;
    vi.useFakeTimers({ toFake: ["Date"], now: later });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const response = await api.PATCH("/sites/{id}", {
      params: { path: { id: site.id } },
      body: { name: "After", max_power_megawatt: 12.5 },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    const { updated_at, ...rest } = response.body;
    expect(rest).toEqual({ ...site, name: "After", max_power_megawatt: 12.5, updated_at: undefined });
    expect(updated_at).toMatch(RFC3339_UTC);
    expect(Date.parse(updated_at)).toBeGreaterThan(Date.parse(site.updated_at));
    expect(Date.parse(updated_at), "the time of the PATCH").toBe(later);
    expect(response.body.created_at).toBe(site.created_at);
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toEqual(response.body);
  });

  it("updates a country's own field", async () => {
    const site = await create(api, "/sites", italianSite());
    const response = await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { efficiency: 0.25 } });
    expect(response.status).toBe(200);
    expect((response.body as ItalianSite).efficiency).toBe(0.25);
    const read = await api.GET("/sites/{id}", { params: { path: { id: site.id } } });
    expect((read.body as ItalianSite).efficiency).toBe(0.25);
  });

  it("validates the merged site: a min above the stored max is a 400 naming min_power_megawatt", async () => {
    const site = await create(api, "/sites", frenchSite({ max_power_megawatt: 5, min_power_megawatt: 1 }));
    expectInvalid(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { min_power_megawatt: 6 } }),
      "min_power_megawatt",
    );
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toEqual(site);
  });

  it("accepts a min and max that are only consistent together", async () => {
    const site = await create(api, "/sites", frenchSite({ max_power_megawatt: 5, min_power_megawatt: 1 }));
    const response = await api.PATCH("/sites/{id}", {
      params: { path: { id: site.id } },
      body: { min_power_megawatt: 8, max_power_megawatt: 9 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ min_power_megawatt: 8, max_power_megawatt: 9 });
  });

  it("refuses to change the country (400 naming country)", async () => {
    const site = await create(api, "/sites", frenchSite());
    expectInvalid(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { country: "it" } }),
      "country",
    );
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toEqual(site);
  });

  it("refuses the other country's field (400 naming it), on a French and on an Italian site", async () => {
    const french = await create(api, "/sites", frenchSite());
    expectInvalid(
      await api.PATCH("/sites/{id}", { params: { path: { id: french.id } }, body: { efficiency: 0.5 } }),
      "efficiency",
    );
    const italian = await create(api, "/sites", italianSite());
    expectInvalid(
      await api.PATCH("/sites/{id}", {
        params: { path: { id: italian.id } },
        body: { useful_energy_at_1_megawatt: 1 },
      }),
      "useful_energy_at_1_megawatt",
    );
    expect((await api.GET("/sites/{id}", { params: { path: { id: french.id } } })).body).toEqual(french);
    expect((await api.GET("/sites/{id}", { params: { path: { id: italian.id } } })).body).toEqual(italian);
  });

  it("refuses unknown fields and bad values, naming each", async () => {
    const site = await create(api, "/sites", italianSite());
    expectInvalid(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { colour: "blue" } }),
      "colour",
    );
    expectInvalid(await api.raw("PATCH", `/sites/${site.id}`, { efficiency: null, name: null }), "efficiency", "name");
    expectInvalid(
      await api.PATCH("/sites/{id}", {
        params: { path: { id: site.id } },
        body: { name: " ", installation_date: "2023-02-29", efficiency: 0 },
      }),
      "name",
      "installation_date",
      "efficiency",
    );
    expectInvalid(await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { id: 1234 } }), "id");
    expectInvalid(
      await api.PATCH("/sites/{id}", {
        params: { path: { id: site.id } },
        body: { created_at: "2020-01-01T00:00:00Z" },
      }),
      "created_at",
    );
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toEqual(site);
  });

  it("refuses a JSON body that is not an object", async () => {
    const site = await create(api, "/sites", italianSite());
    expectProblem(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: [{ name: "x" }] }),
      400,
      "VALIDATION_FAILED",
    );
    expectProblem(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: "{not json" }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("refuses group_ids naming a group that does not exist with 422 UNKNOWN_REFERENCE on group_ids", async () => {
    const site = await create(api, "/sites", frenchSite());
    const problem = expectProblem(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [7] } }),
      422,
      "UNKNOWN_REFERENCE",
    );
    expect(problem.errors?.map((e: { path: string }) => e.path)).toEqual(["group_ids"]);
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body.group_ids).toEqual([]);
  });

  it("checks the weekend rule when an Italian site's date changes", async () => {
    const site = await create(api, "/sites", italianSite());
    expectProblem(
      await api.PATCH("/sites/{id}", {
        params: { path: { id: site.id } },
        body: { installation_date: freshWeekday() },
      }),
      422,
      "ITALIAN_SITE_NOT_ON_WEEKEND",
    );
    const sunday = freshWeekend("sunday");
    expect(
      (await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { installation_date: sunday } })).body
        .installation_date,
    ).toBe(sunday);
  });

  it("refuses to move a French site onto a taken day with 409 naming the date and the holder", async () => {
    const taken = freshDay();
    const holder = await create(api, "/sites", frenchSite({ installation_date: taken }));
    const mover = await create(api, "/sites", frenchSite());
    const problem = expectProblem(
      await api.PATCH("/sites/{id}", { params: { path: { id: mover.id } }, body: { installation_date: taken } }),
      409,
      "FRENCH_SITE_DAY_TAKEN",
    );
    expect(problem.detail).toContain(taken);
    expect(problem.detail).toMatch(new RegExp(`\\b${holder.id}\\b`));
    expect((await api.GET("/sites/{id}", { params: { path: { id: mover.id } } })).body).toEqual(mover);
    // The mover still holds its own day.
    expectProblem(
      await api.POST("/sites", { body: frenchSite({ installation_date: mover.installation_date }) }),
      409,
      "FRENCH_SITE_DAY_TAKEN",
    );
  });

  it("moving a French site to a free day takes that day and frees the old one", async () => {
    const site = await create(api, "/sites", frenchSite());
    const oldDay = site.installation_date;
    const newDay = freshDay();
    expect(
      (await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { installation_date: newDay } }))
        .status,
    ).toBe(200);

    const successor = await create(api, "/sites", frenchSite({ installation_date: oldDay }));
    expect(successor.installation_date).toBe(oldDay);
    const problem = expectProblem(
      await api.POST("/sites", { body: frenchSite({ installation_date: newDay }) }),
      409,
      "FRENCH_SITE_DAY_TAKEN",
    );
    expect(problem.detail).toMatch(new RegExp(`\\b${site.id}\\b`));
  });

  it("a PATCH that keeps a French site's day (other fields, or the same date) keeps the day held", async () => {
    const site = await create(api, "/sites", frenchSite());
    expect(
      (await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { name: "Renamed" } })).status,
    ).toBe(200);
    expect(
      (
        await api.PATCH("/sites/{id}", {
          params: { path: { id: site.id } },
          body: { installation_date: site.installation_date },
        })
      ).status,
    ).toBe(200);
    expectProblem(
      await api.POST("/sites", { body: frenchSite({ installation_date: site.installation_date }) }),
      409,
      "FRENCH_SITE_DAY_TAKEN",
    );
  });

  it("holds under concurrency: of two French sites moved at once onto one free day, exactly one gets it", async () => {
    const [a, b] = [await create(api, "/sites", frenchSite()), await create(api, "/sites", frenchSite())];
    const day = freshDay();
    const responses = await Promise.all([
      api.PATCH("/sites/{id}", { params: { path: { id: a.id } }, body: { installation_date: day } }),
      api.PATCH("/sites/{id}", { params: { path: { id: b.id } }, body: { installation_date: day } }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await sitesOn(day)).toHaveLength(1);
  });

  it("loses no update when two PATCHes of different fields of one site run at once", async () => {
    const site = await create(api, "/sites", italianSite());
    const responses = await Promise.all([
      api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { name: "Concurrent" } }),
      api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { max_power_megawatt: 42 } }),
      api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { efficiency: 0.33 } }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await api.GET("/sites/{id}", { params: { path: { id: site.id } } })).body).toMatchObject({
      name: "Concurrent",
      max_power_megawatt: 42,
      efficiency: 0.33,
    });
  });

  it("moves the site in every sorted listing", async () => {
    const site = await create(api, "/sites", frenchSite({ name: "Old Name", max_power_megawatt: 31.5 }));
    const changes = { name: "New Name", installation_date: freshDay(), max_power_megawatt: 32.5 };
    expect((await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: changes })).status).toBe(200);
    expect(await idsListed({ name: "New Name", sort: "name" })).toEqual([site.id]);
    expect(await idsListed({ name__startswith: "new n", sort: "-name" })).toEqual([site.id]);
    expect(await idsListed({ installation_date: changes.installation_date, sort: "installation_date" })).toEqual([
      site.id,
    ]);
    expect(await idsListed({ max_power_megawatt: 32.5, sort: "max_power_megawatt" })).toEqual([site.id]);
    expect(await idsListed({ name__startswith: "old n", sort: "name" })).toEqual([]);
    expect(await idsListed({ installation_date: site.installation_date, sort: "-installation_date" })).toEqual([]);
    expect(await idsListed({ max_power_megawatt: 31.5, sort: "-max_power_megawatt" })).toEqual([]);
  });

  it("answers 404 NOT_FOUND for an id that does not exist", async () => {
    expectProblem(
      await api.PATCH("/sites/{id}", { params: { path: { id: 999999 } }, body: { name: "Ghost" } }),
      404,
      "NOT_FOUND",
    );
  });

  it.each(["abc", "0", "-1", "1.5"])("answers 400 naming id for the id %j", async (id) => {
    expectInvalid(await api.raw("PATCH", `/sites/${id}`, { name: "x" }), "id");
  });
});

describe("DELETE /sites/{id}", () => {
  it("answers 204 with no body; the site is gone afterwards", async () => {
    const site = await create(api, "/sites", italianSite());
    const response = await fetch(`${api.url}/sites/${site.id}`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expectProblem(await api.GET("/sites/{id}", { params: { path: { id: site.id } } }), 404, "NOT_FOUND");
    expectProblem(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { name: "x" } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } }), 404, "NOT_FOUND");
    expect((await api.GET("/sites", { params: { query: { id__in: [site.id] } } })).body.items).toEqual([]);
  });

  it("takes the site out of every sorted listing", async () => {
    const site = await create(api, "/sites", italianSite({ name: "Doomed Site", max_power_megawatt: 41.5 }));
    expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);
    for (const sort of ["id", "-id", "name", "-name", "installation_date", "max_power_megawatt"] as const) {
      expect(await idsListed({ sort, limit: 100, name__startswith: "doomed" })).toEqual([]);
    }
    expect(await idsListed({ name: "Doomed Site", sort: "name" })).toEqual([]);
    expect(await idsListed({ installation_date: site.installation_date, sort: "installation_date" })).toEqual([]);
    expect(await idsListed({ max_power_megawatt: 41.5, sort: "max_power_megawatt" })).toEqual([]);
  });

  it("frees the French installation day", async () => {
    const site = await create(api, "/sites", frenchSite());
    expect((await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } })).status).toBe(204);
    const successor = await create(api, "/sites", frenchSite({ installation_date: site.installation_date }));
    expect(successor.id).toBeGreaterThan(site.id);
  });

  it("answers 404 NOT_FOUND for an id that does not exist", async () => {
    expectProblem(await api.DELETE("/sites/{id}", { params: { path: { id: 999999 } } }), 404, "NOT_FOUND");
  });

  it.each(["abc", "0", "-1", "1.5"])("answers 400 naming id for the id %j", async (id) => {
    expectInvalid(await api.raw("DELETE", `/sites/${id}`), "id");
  });
});
