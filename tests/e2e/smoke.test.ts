import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { fixedItalianSite } from "../support/fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

describe("smoke", () => {
  it("creates and reads a site", async () => {
    const created = await api.POST("/sites", {
      body: fixedItalianSite(),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/sites/${created.body.id}`);
    const read = await api.GET("/sites/{id}", { params: { path: { id: created.body.id } } });
    expect(read.body).toEqual(created.body);
  });
});
