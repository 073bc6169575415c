/**
 * Inputs at the edges of what JSON, URLs and the database allow: each answered with a clear
 * problem naming what is wrong, never a 500.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { frenchSite, italianSite } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

describe("numbers the database cannot store as given", () => {
  for (const value of [9007199254740992, 1e20, 1e200, 1e-200, 5e-324]) {
    it(`max_power_megawatt ${value} is a 400 naming the field`, async () => {
      const problem = expectInvalid(
        await api.POST("/sites", { body: italianSite({ max_power_megawatt: value, min_power_megawatt: 0 }) }),
        "max_power_megawatt",
      );
      expect(problem.detail).toContain("9007199254740991");
    });
  }

  it("in a country's own field and on PATCH too", async () => {
    expectInvalid(
      await api.POST("/sites", { body: frenchSite({ useful_energy_at_1_megawatt: 1e30 }) }),
      "useful_energy_at_1_megawatt",
    );
    expectInvalid(await api.POST("/sites", { body: italianSite({ efficiency: 1e-200 }) }), "efficiency");
    const site = await create(api, "/sites", italianSite());
    expectInvalid(
      await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { max_power_megawatt: 1e20 } }),
      "max_power_megawatt",
    );
  });

  it("the largest storable numbers are accepted", async () => {
    const created = await create(
      api,
      "/sites",
      italianSite({ max_power_megawatt: 9007199254740991, min_power_megawatt: 1e-130 }),
    );
    expect(created.max_power_megawatt).toBe(9007199254740991);
    expect(created.min_power_megawatt).toBe(1e-130);
  });

  for (const query of [
    "min_power_megawatt__lt=1e16",
    "max_power_megawatt=1.7976931348623157e308",
    "efficiency=1e-300",
  ]) {
    it(`a list filter ${query} is a 400 naming the parameter`, async () => {
      expectInvalid(await api.raw("GET", `/sites?${query}`), query.split("=")[0] as string);
    });
  }
});

describe("messages tell a wrong type from a missing field", () => {
  it("a value of the wrong type is not called missing", async () => {
    const problem = expectInvalid(
      await api.raw("POST", "/sites", italianSite({ name: 5, max_power_megawatt: "1", efficiency: null })),
      "name",
      "max_power_megawatt",
      "efficiency",
    );
    for (const error of problem.errors ?? []) expect(error.message).not.toBe("Required");
    const { efficiency: _, ...withoutEfficiency } = italianSite();
    const missing = expectInvalid(await api.raw("POST", "/sites", withoutEfficiency), "efficiency");
    expect(missing.errors?.[0]?.message).toBe("Required");
  });

  it("one entry per field", async () => {
    const problem = expectInvalid(
      await api.POST("/sites", { body: italianSite({ group_ids: [Number.MAX_SAFE_INTEGER + 2] }) }),
      "group_ids.0",
    );
    expect(problem.errors).toHaveLength(1);
  });
});

describe("query parameters and paths the URL allows", () => {
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    it(`?${name}=1 is a 400 naming the parameter`, async () => {
      expectInvalid(await api.raw("GET", `/sites?${name}=1`), name);
      expectInvalid(await api.raw("GET", `/groups?${name}=1`), name);
    });
  }

  it("a query parameter a one-item route does not define is a 400 naming it, and nothing is written", async () => {
    const { body: site } = await api.POST("/sites", { body: italianSite() });
    const before = await api.db.scanAll();
    expectInvalid(await api.raw("PATCH", `/sites/${site.id}?dry_run=true`, { name: "Dry run" }), "dry_run");
    expectInvalid(await api.raw("DELETE", `/sites/${site.id}?force=1&dry_run=true`), "force", "dry_run");
    expectInvalid(await api.raw("GET", `/sites/${site.id}?fields=name`), "fields");
    expectInvalid(await api.raw("PUT", `/groups/1/sites/${site.id}?x=1`), "x");
    expectInvalid(await api.raw("GET", "/openapi.json?x=1"), "x");
    expect(await api.db.scanAll()).toEqual(before);
    // the one a route does define passes: the docs page's cache key
    expect((await api.raw("GET", "/docs/swagger-init.js?v=1")).status).toBe(200);
  });

  it("a PATCH as application/merge-patch+json means what the JSON says; a null for a field that cannot be absent is a 400", async () => {
    const { body: site } = await api.POST("/sites", { body: italianSite() });
    const type = { "content-type": "application/merge-patch+json" };
    const patched = await api.raw("PATCH", `/sites/${site.id}`, { name: "Merged" }, type);
    expect(patched.status).toBe(200);
    expect((patched.body as { name: string }).name).toBe("Merged");
    expectInvalid(await api.raw("PATCH", `/sites/${site.id}`, { name: null }, type), "name");
    // only a PATCH takes it
    expectProblem(await api.raw("POST", "/sites", italianSite(), type), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("a header named like an Object.prototype member is just a header", async () => {
    const response = await fetch(`${api.url}/sites`, { headers: { constructor: "x", __proto__: "y" } as never });
    expect(response.status).toBe(200);
  });

  it("a malformed percent-encoding in a path id is a 400 naming it", async () => {
    expectInvalid(await api.raw("GET", "/sites/%ZZ"), "id");
    expectInvalid(await api.raw("PUT", "/groups/1/sites/%E0%A4%A"), "site_id");
  });
});

describe("ids that do not exist are a 404 before any rule", () => {
  it("nesting a missing group in itself", async () => {
    expectProblem(
      await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: 99999, child_id: 99999 } } }),
      404,
      "NOT_FOUND",
    );
  });

  it("patching a missing group to contain itself", async () => {
    expectProblem(
      await api.PATCH("/groups/{id}", { params: { path: { id: 99999 } }, body: { child_group_ids: [99999] } }),
      404,
      "NOT_FOUND",
    );
  });
});

describe("every unknown id of a write is named", () => {
  it("group_ids with two unknown groups", async () => {
    const group = await create(api, "/groups", { name: "Known", type: "group1" });
    const response = await api.POST("/sites", { body: italianSite({ group_ids: [group.id, 99998, 99999] }) });
    const problem = expectProblem(response, 422, "UNKNOWN_REFERENCE");
    expect(problem.errors).toEqual([{ path: "group_ids", message: "No group 99998, 99999" }]);
  });
});

describe("repeated parameters", () => {
  it("a repeated __in means its values comma-separated, cursor included; other repeats are a 400", async () => {
    await Promise.all([create(api, "/sites", frenchSite()), create(api, "/sites", italianSite())]);
    type Page = { items: { id: number }[]; next_cursor: string | null };
    const repeated = await api.raw("GET", "/sites?country__in=fr&country__in=it&limit=1");
    const joined = await api.raw("GET", "/sites?country__in=fr,it&limit=1");
    expect(repeated.status).toBe(200);
    // the same page; each cursor is sealed with its own nonce, so they differ as text but not in where they lead
    expect((repeated.body as Page).items).toEqual((joined.body as Page).items);
    const first = repeated.body as Page;
    const next = await api.raw("GET", `/sites?country__in=it&country__in=fr&limit=1&cursor=${first.next_cursor}`);
    const nextJoined = await api.raw(
      "GET",
      `/sites?country__in=fr,it&limit=1&cursor=${(joined.body as Page).next_cursor}`,
    );
    expect(next.status).toBe(200);
    expect((next.body as Page).items[0]?.id).not.toBe(first.items[0]?.id);
    expect((next.body as Page).items).toEqual((nextJoined.body as Page).items);
    expect((await api.raw("GET", "/groups?type__in=group1&type__in=group2,group3")).status).toBe(200);
    for (const query of ["country=fr&country=it", "sort=id&sort=name", "limit=1&limit=2"]) {
      const problem = expectProblem(await api.raw("GET", `/sites?${query}`), 400, "VALIDATION_FAILED");
      expect(problem.errors).toEqual([{ path: query.split("=")[0], message: "Must be given once" }]);
    }
  });
});

describe("a cursor is the listing's, whatever the order of an in's values", () => {
  it("country__in=fr,it and country__in=it,fr page the same listing", async () => {
    await Promise.all([
      create(api, "/sites", frenchSite()),
      create(api, "/sites", italianSite()),
      create(api, "/sites", italianSite()),
    ]);
    const first = await api.GET("/sites", { params: { query: { country__in: ["fr", "it"], limit: 1 } } });
    expect(first.body.next_cursor).not.toBeNull();
    const next = await api.GET("/sites", {
      params: { query: { country__in: ["it", "fr"], limit: 1, cursor: first.body.next_cursor ?? undefined } },
    });
    expect(next.status).toBe(200);
    expect(next.body.items[0]?.id).not.toBe(first.body.items[0]?.id);
  });
});
