/**
 * The OpenAPI document: valid OpenAPI 3.1, one operation per route of API.md and of the
 * manifest, parameters and schemas generated from the same specs and zod schemas the API uses,
 * examples that the schemas and the real parsers accept, and a contract check that notices drift.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import {
  countries,
  createRegistry,
  createSiteSchemas,
  DEFAULT_LIMIT,
  DomainError,
  groupListSpec,
  MAX_LIMIT,
  parseGroupCreate,
  parseGroupPatch,
  siteListSpec,
} from "@sites-groups/core";
import { statusOf, toProblem } from "@sites-groups/functions/commons/problem";
import { routes } from "@sites-groups/functions/routes";
import type { OperationObject } from "@sites-groups/openapi";
import { describe, expect, it } from "vitest";
import { spain } from "../../packages/core/test/spain.ts";
import { Contract, ContractViolation } from "../support/contract.ts";
import { fixedItalianSite } from "../support/fixtures.ts";
import { servedDocument } from "../support/openapi-document.ts";

const document = servedDocument();
const contract = new Contract(document);

function operation(method: string, path: string): OperationObject {
  const found = document.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`no operation ${method} ${path}`);
  return found;
}

/** The routes table of API.md, as written there. */
const API_MD_ROUTES = [
  "GET /sites",
  "POST /sites",
  "GET /sites/{id}",
  "PATCH /sites/{id}",
  "DELETE /sites/{id}",
  "GET /groups",
  "POST /groups",
  "GET /groups/{id}",
  "PATCH /groups/{id}",
  "DELETE /groups/{id}",
  "PUT /groups/{id}/sites/{site_id}",
  "DELETE /groups/{id}/sites/{site_id}",
  "PUT /groups/{id}/groups/{child_id}",
  "DELETE /groups/{id}/groups/{child_id}",
  "GET /openapi.json",
  "GET /docs",
];

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route of API.md and of the manifest, named after the manifest", () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of API_MD_ROUTES) expect(documented).toContain(route);
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) expect(operation(route.method, route.path).operationId).toBe(route.name);
  });

  it("documents every list parameter: each filter with its operators, sort, limit and cursor", () => {
    const registry = createRegistry();
    for (const [path, spec] of [
      ["/sites", siteListSpec(registry)],
      ["/groups", groupListSpec],
    ] as const) {
      const parameters = new Map((operation("GET", path).parameters ?? []).map((p) => [p.name, p]));
      for (const [field, filter] of Object.entries(spec.filters)) {
        for (const op of filter.operators) expect(parameters.has(op === "eq" ? field : `${field}__${op}`)).toBe(true);
      }
      const sorts = Object.keys(spec.sorts).flatMap((f) => [f, `-${f}`]);
      expect(parameters.get("sort")?.schema).toMatchObject({ enum: sorts, default: "id" });
      expect(parameters.get("limit")?.schema).toMatchObject({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });
      expect(parameters.has("cursor")).toBe(true);
      expect(parameters.size).toBe(Object.values(spec.filters).flatMap((f) => f.operators).length + 3);
    }
    expect(operation("GET", "/sites").parameters?.find((p) => p.name === "country__in")).toMatchObject({
      style: "form",
      explode: true,
      schema: {
        type: "array",
        items: { anyOf: [{ enum: ["fr", "it"] }, { type: "string", pattern: "^(fr|it)(,(fr|it))+$" }] },
        maxItems: 100,
      },
    });
    // filters evaluated as a filter expression are marked as scanning; key lookups are not
    const parameter = (path: string, name: string) =>
      operation("GET", path).parameters?.find((p) => p.name === name) as Record<string, unknown> | undefined;
    for (const [path, name] of [
      ["/sites", "name__contains"],
      ["/sites", "country"],
      ["/sites", "name"],
      ["/groups", "type__in"],
    ] as const) {
      expect(parameter(path, name)?.["x-scanning"], name).toBe(true);
      expect(parameter(path, name)?.description, name).toMatch(/scanning/);
    }
    for (const [path, name] of [
      ["/sites", "group_id"],
      ["/sites", "id__in"],
      ["/groups", "site_id"],
      ["/groups", "parent_group_id"],
    ] as const) {
      expect(parameter(path, name)?.["x-scanning"], name).toBeUndefined();
      expect(parameter(path, name)?.description, name).toMatch(/key lookup/);
    }
  });

  it("documents every error status with the problem schema and the codes the route can return", () => {
    const create = operation("POST", "/sites").responses;
    expect(Object.keys(create).sort()).toEqual([
      "201",
      "400",
      "401",
      "403",
      "409",
      "413",
      "415",
      "422",
      "429",
      "500",
      "503",
    ]);
    const codes = (status: string) => {
      const schema = create[status]?.content?.["application/problem+json"]?.schema ?? {};
      const parts = (schema.allOf ?? []) as { properties?: { code?: { enum: string[] } } }[];
      return parts[1]?.properties?.code?.enum;
    };
    expect(codes("409")).toEqual(["FRENCH_SITE_DAY_TAKEN", "IDEMPOTENCY_KEY_IN_USE"]);
    expect(codes("422")?.sort()).toEqual(
      [
        "GROUP3_CANNOT_HOLD_SITES",
        "ITALIAN_SITE_NOT_ON_WEEKEND",
        "TOO_MANY_CHANGES",
        "UNKNOWN_REFERENCE",
        "IDEMPOTENCY_KEY_REUSED",
      ].sort(),
    );
    // Retry-After comes with IDEMPOTENCY_KEY_IN_USE, not with FRENCH_SITE_DAY_TAKEN
    expect(create["409"]?.headers?.["Retry-After"]?.required).toBe(false);
    expect(create["503"]?.headers?.["Retry-After"]?.required).toBe(true);
    expect(create["503"]?.description).toContain("Retry-After");
    expect(create["201"]?.headers?.Location?.required).toBe(true);
    expect(Object.keys(operation("PUT", "/groups/{id}/groups/{child_id}").responses)).toContain("422");
    expect(Object.keys(operation("GET", "/sites/{id}").responses).sort()).toEqual([
      "200",
      "304",
      "400",
      "401",
      "404",
      "429",
      "500",
      "503",
    ]);
    expect(Object.keys(operation("PATCH", "/groups/{id}").responses)).toContain("412");
    expect(Object.keys(operation("DELETE", "/sites/{id}").responses)).toContain("412");
    expect(create["401"]?.headers?.["WWW-Authenticate"]?.required).toBe(true);
    expect(codes("401")).toEqual(["UNAUTHENTICATED"]);
    expect(codes("403")).toEqual(["FORBIDDEN"]);
    expect(codes("415")).toEqual(["UNSUPPORTED_MEDIA_TYPE"]);
    // RFC 6750's challenges, and 429 as API Gateway (problem+json) and prod's WAF (JSON) send it
    expect(create["403"]?.headers?.["WWW-Authenticate"]?.description).toContain('error="insufficient_scope"');
    expect(create["401"]?.headers?.["WWW-Authenticate"]?.description).toContain('error="invalid_token"');
    expect(codes("429")).toEqual(["TOO_MANY_REQUESTS"]);
    expect(Object.keys(create["429"]?.content ?? {}).sort()).toEqual(["application/json", "application/problem+json"]);
    expect(create["429"]?.headers?.["Retry-After"]?.required).toBe(true);
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        // every route refuses a query parameter it does not define, and every stage throttles
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["400", "429"]));
      }
    }
    // an open stage's document declares no access codes
    const open = servedDocument({ access: { mode: "open" } });
    expect(Object.keys(open.paths["/sites"]?.post?.responses ?? {})).not.toContain("401");
    expect(open.paths["/sites"]?.post?.security).toEqual([]);
    // API.md's silences, and the choices made, are in the document too
    const description = String((document.info as { description: string }).description);
    for (const choice of ["Retry-After: 1", "given twice", "request_id", "PATCH` with `{}`", "control characters"]) {
      expect(description).toContain(choice);
    }
    // the access text names every guarded route, from the route records (GET /events included)
    const guarded = routes.filter((route) => route.scope !== "public");
    expect(guarded.map((route) => `${route.method} ${route.path}`)).toContain("GET /events");
    for (const route of guarded) expect(description).toContain(`\`${route.method} ${route.path}\``);
  });

  it("documents Idempotency-Key, If-Match, If-None-Match, ETag and Idempotent-Replayed where API.md puts them", () => {
    const headerNames = (method: string, path: string) =>
      ((operation(method, path) as { parameters?: { name: string; in: string }[] }).parameters ?? [])
        .filter((p) => p.in === "header")
        .map((p) => p.name);
    for (const path of ["/sites", "/groups"]) {
      expect(headerNames("POST", path)).toEqual(["Idempotency-Key"]);
      expect(Object.keys(operation("POST", path).responses["201"]?.headers ?? {}).sort()).toEqual(
        ["Access-Control-Allow-Origin", "ETag", "Idempotent-Replayed", "Location"].sort(),
      );
      // no key to send by default: Swagger UI would send it with every "Try it out"
      const key = operation("POST", path).parameters?.find((p) => p.name === "Idempotency-Key");
      expect(key).not.toHaveProperty("example");
      expect(key?.schema).not.toHaveProperty("example");
      expect(Object.keys(operation("PATCH", `${path}/{id}`).requestBody?.content ?? {})).toEqual([
        "application/json",
        "application/merge-patch+json",
      ]);
      expect(headerNames("GET", `${path}/{id}`)).toEqual(["If-None-Match"]);
      expect(operation("GET", `${path}/{id}`).responses["200"]?.headers?.ETag?.required).toBe(true);
      expect(operation("GET", `${path}/{id}`).responses["304"]?.content).toBeUndefined();
      expect(headerNames("PATCH", `${path}/{id}`)).toEqual(["If-Match"]);
      expect(operation("PATCH", `${path}/{id}`).responses["200"]?.headers?.ETag?.required).toBe(true);
      expect(headerNames("DELETE", `${path}/{id}`)).toEqual(["If-Match"]);
      expect(headerNames("GET", path)).toEqual([]);
    }
  });

  it("has examples that match their schemas", () => {
    let checked = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const media = [
          ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => ({
            at: ["requestBody", "content", type],
            m,
          })),
          ...Object.entries(op.responses).flatMap(([status, r]) =>
            Object.entries(r.content ?? {}).map(([type, m]) => ({ at: ["responses", status, "content", type], m })),
          ),
        ];
        for (const { at, m } of media) {
          const values = [
            ...(m.example === undefined ? [] : [m.example]),
            ...Object.values(m.examples ?? {}).map((e) => e.value),
          ];
          for (const value of values) {
            expect(
              contract.errorsAt(value, "paths", path, method, ...at, "schema"),
              `${method} ${path} ${at.join(" ")}`,
            ).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("has request examples that the API's own parsers accept", () => {
    const sites = createSiteSchemas(createRegistry());
    const bodies = (method: string, path: string) =>
      Object.values(operation(method, path).requestBody?.content["application/json"]?.examples ?? {}).map(
        (e) => e.value,
      );
    for (const body of bodies("POST", "/sites")) expect(() => sites.parseCreate(body)).not.toThrow();
    for (const body of bodies("PATCH", "/sites/{id}")) expect(() => sites.parsePatch(body)).not.toThrow();
    for (const body of bodies("POST", "/groups")) expect(() => parseGroupCreate(body)).not.toThrow();
    for (const body of bodies("PATCH", "/groups/{id}")) expect(() => parseGroupPatch(body)).not.toThrow();
  });

  it("has request schemas that refuse what the parsers refuse, field by field", () => {
    const sites = createSiteSchemas(createRegistry());
    const [fr, it] = Object.values(
      operation("POST", "/sites").requestBody?.content["application/json"]?.examples ?? {},
    ).map((e) => e.value as Record<string, unknown>);
    const cases: Record<string, unknown>[] = [
      { ...fr, colour: "red" }, // unknown field
      { ...fr, efficiency: 0.5 }, // another country's field
      { ...it, useful_energy_at_1_megawatt: 5 },
      { ...fr, id: 3 }, // read-only
      Object.fromEntries(Object.entries(fr ?? {}).filter(([k]) => k !== "useful_energy_at_1_megawatt")),
      { ...it, efficiency: 0 },
      { ...fr, max_power_megawatt: -1 },
      { ...fr, group_ids: [0] },
      { ...fr, country: "de" },
    ];
    for (const body of cases) {
      expect(() => sites.parseCreate(body), JSON.stringify(body)).toThrow(DomainError);
      expect(contract.errorsAt(body, "components", "schemas", "SiteCreate"), JSON.stringify(body)).not.toEqual([]);
    }
  });

  it("grows with the country registry: a new country module appears with no other change", () => {
    // Spain is one module (packages/core/test/spain.ts) that no file of the app knows
    const withSpain = servedDocument({ countries: [...countries, spain] });
    const schemas = withSpain.components.schemas;
    const field = schemas.Site_es?.properties as Record<string, { description?: string }> | undefined;
    expect(field?.capacity_factor?.description).toContain("The average output over the maximum");
    expect(schemas.SiteCreate_es?.required).toContain("capacity_factor");
    expect(schemas.SiteCreate_es?.properties).toMatchObject({ capacity_factor: { minimum: 0, maximum: 1 } });
    expect(schemas.SitePatch?.properties).toHaveProperty("capacity_factor");
    expect(schemas.Site).toMatchObject({ discriminator: { mapping: { es: "#/components/schemas/Site_es" } } });
    const create = withSpain.paths["/sites"]?.post;
    const refused = create?.responses["422"];
    expect(refused?.description).toContain(
      "`SPANISH_SITE_IN_AUGUST`: A Spanish site's `installation_date` is not in August.",
    );
    expect(refused?.content?.["application/problem+json"]?.examples?.SPANISH_SITE_IN_AUGUST?.value).toMatchObject({
      status: 422,
      code: "SPANISH_SITE_IN_AUGUST",
      title: "Spanish site installed in August",
    });
    expect(create?.description).toContain("`SPANISH_SITE_IN_AUGUST` (spanish site installed in august)");
    const example = create?.requestBody?.content["application/json"]?.examples?.es?.value;
    expect(example).toMatchObject({ country: "es", capacity_factor: 0.4 });
    const spanish = createSiteSchemas(createRegistry([...countries, spain]));
    expect(() => spanish.parseCreate(example)).not.toThrow();
    const names = (withSpain.paths["/sites"]?.get?.parameters ?? []).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["capacity_factor", "capacity_factor__gte", "country__in"]));
    // and its refusal's HTTP status comes with it
    const { catalog } = createRegistry([...countries, spain]);
    expect(statusOf("SPANISH_SITE_IN_AUGUST", catalog)).toBe(422);
    const problem = toProblem(spain.refusals?.SPANISH_SITE_IN_AUGUST?.example(), "r", catalog);
    expect(problem.statusCode).toBe(422);
    expect(JSON.parse(problem.body)).toMatchObject({ code: "SPANISH_SITE_IN_AUGUST", status: 422 });
  });

  it("answers each country's refusal with the status its module declares, and no code without one", () => {
    const registry = createRegistry();
    for (const [code, refusal] of registry.refusals) {
      expect(statusOf(code)).toBe(refusal.status);
      expect(toProblem(refusal.example(), "r").statusCode).toBe(refusal.status);
    }
    expect(statusOf("FRENCH_SITE_DAY_TAKEN")).toBe(409);
    expect(statusOf("ITALIAN_SITE_NOT_ON_WEEKEND")).toBe(422);
    // a code no module declares is a fault, not a guessed 422
    expect(statusOf("SPANISH_SITE_IN_AUGUST")).toBeUndefined();
    const undeclared = toProblem(spain.refusals?.SPANISH_SITE_IN_AUGUST?.example(), "r");
    expect(undeclared.statusCode).toBe(500);
    expect(JSON.parse(undeclared.body)).toMatchObject({ code: "INTERNAL" });
  });
});

describe("the contract check of every response", () => {
  const headers = (values: Record<string, string> = {}) =>
    new Headers({ "content-type": "application/json", etag: '"1"', ...values });
  const site = {
    id: 1,
    ...fixedItalianSite(),
    group_ids: [],
    created_at: "2024-05-06T09:30:00.000Z",
    updated_at: "2024-05-06T09:30:00.000Z",
  };
  const check = (response: Partial<Parameters<Contract["check"]>[0]>) => () =>
    contract.check({ method: "GET", path: "/sites/1", status: 200, headers: headers(), body: site, ...response });

  it("accepts a response as documented", () => {
    expect(check({})).not.toThrow();
    expect(
      check({ method: "POST", path: "/sites", status: 201, headers: headers({ location: "/sites/1" }) }),
    ).not.toThrow();
  });

  it.each([
    ["a field of another country", { body: { ...site, useful_energy_at_1_megawatt: 3 } }],
    ["a missing field", { body: { ...site, group_ids: undefined } }],
    ["a wrong type", { body: { ...site, id: "1" } }],
    ["a status the route does not document", { status: 409 }],
    ["a missing Location", { method: "POST", path: "/sites", status: 201 }],
    ["a site without its ETag", { headers: new Headers({ "content-type": "application/json" }) }],
    ["a 304 with a body", { status: 304 }],
    ["another media type", { headers: new Headers({ "content-type": "text/plain" }) }],
    ["a body on a 204", { method: "DELETE", status: 204, body: {} }],
    [
      "a problem with a code the status does not have",
      {
        status: 404,
        headers: headers({ "content-type": "application/problem+json" }),
        body: { type: "about:blank", title: "x", status: 404, code: "GROUP_CYCLE", detail: "x", request_id: "r" },
      },
    ],
    ["an unknown route that is not a 404", { path: "/nope" }],
  ])("refuses %s", (_, response) => {
    expect(check(response as Partial<Parameters<Contract["check"]>[0]>)).toThrow(ContractViolation);
  });
});
