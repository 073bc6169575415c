import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { frenchSite } from "../support/fixtures.ts";
import { expectInvalid, expectProblem } from "./fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

describe("A route that does not exist is a 404 NOT_FOUND problem (not API Gateway's 403)", () => {
  it.each([
    ["GET", "/nope"],
    ["GET", "/"],
    ["DELETE", "/sites"],
    ["PUT", "/sites"],
    ["POST", "/sites/1"],
    ["PUT", "/sites/1"],
    ["GET", "/sites/1/extra"],
    ["GET", "/site"],
  ])("%s %s", async (method, path) => {
    const problem = expectProblem(await api.raw(method, path), 404, "NOT_FOUND");
    expect(problem.title).toBeTruthy();
  });

  it("even with a body, which is not read", async () => {
    expectProblem(await api.raw("POST", "/nope", frenchSite()), 404, "NOT_FOUND");
  });
});

describe("Every error is an RFC 9457 problem with a stable code", () => {
  it("a validation problem: type, title, status, code, a detail naming the field, errors[] with path and message", async () => {
    const response = await api.POST("/sites", { body: frenchSite({ installation_date: "2023-02-29" }) });
    const problem = expectInvalid(response, "installation_date");
    expect(problem).toMatchObject({ type: "about:blank", title: "Validation failed", status: 400 });
    expect(problem.detail).toMatch(/^installation_date: /);
    expect(problem.errors).toEqual([{ path: "installation_date", message: expect.any(String) }]);
  });

  it("a not-found problem for a well-formed id", async () => {
    const problem = expectProblem(await api.GET("/sites/{id}", { params: { path: { id: 424242 } } }), 404, "NOT_FOUND");
    expect(problem.detail).toContain("424242");
  });

  it("a bad path id is a 400 naming id, whatever the method", async () => {
    for (const method of ["GET", "PATCH", "DELETE"]) {
      expectInvalid(await api.raw(method, "/sites/abc", method === "PATCH" ? { name: "x" } : undefined), "id");
    }
  });

  it("a bad list parameter is a 400 naming it", async () => {
    expectInvalid(await api.raw("GET", "/sites?colour=red"), "colour");
  });
});
