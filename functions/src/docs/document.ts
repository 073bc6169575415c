/**
 * The OpenAPI 3.1 document of the API: paths from the route manifest, schemas from the zod
 * schemas (./schemas.ts), error statuses from the one code → status mapping
 * (commons/problem.ts), problem examples from the real error constructors. Nothing here is a
 * second copy of a shape; what is written here is prose and which codes each route can answer.
 */
import {
  type Country,
  type CountryRegistry,
  countries,
  createRegistry,
  createSiteSchemas,
  DomainError,
  type ErrorCode,
  group3CannotHoldSites,
  groupCycle,
  groupListSpec,
  notFound,
  parseListRequest,
  ServiceUnavailableError,
  TRANSACTION_LIMIT,
  tooManyChanges,
  unknownReference,
  validationFailed,
} from "@sites-groups/core";
import { MAX_BODY_BYTES } from "#commons/http";
import { statusOf, toProblem } from "#commons/problem";
import { type RouteDefinition, routes } from "../routes.ts";
import { countryRuleRefusals, groupCreateExample, groupExample, siteCreateExample, siteExample } from "./examples.ts";
import { groupListParameters, LIST_RULES, type ParameterObject, siteListParameters } from "./parameters.ts";
import { type JsonSchema, openApiSchemas, SCHEMA_REF } from "./schemas.ts";

export type OpenApiDocument = Record<string, unknown> & {
  openapi: "3.1.0";
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> };
};

interface MediaObject {
  schema: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; required?: boolean; schema: JsonSchema }>;
  content?: Record<string, MediaObject>;
}

export interface OperationObject {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; description?: string; content: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
}

export interface DocumentOptions {
  /** Where clients send requests; `.` (the default) is relative to the document's own URL. */
  servers?: { url: string; description?: string }[];
  countries?: readonly Country[];
}

type RouteName = (typeof routes)[number]["name"];
type Tag = "Sites" | "Groups" | "Documentation";

interface Success {
  status: number;
  description: string;
  /** application/json body: a component name or an inline schema. */
  schema?: string | JsonSchema;
  /** Other media types, each with its schema. */
  media?: Record<string, JsonSchema>;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
  location?: string;
}

interface OperationDoc {
  tag: Tag;
  summary: string;
  description?: string;
  query?: ParameterObject[];
  body?: { schema: string; description?: string; examples: Record<string, { summary?: string; value: unknown }> };
  success: Success;
  /** Every code the route can answer besides INTERNAL (always possible). */
  errors: ErrorCode[];
}

const JSON_TYPE = "application/json";
const PROBLEM_TYPE = "application/problem+json";
const EXAMPLE_REQUEST_ID = "c0a8012e-8f3b-4d8a-9a43-3c1b5e7d2f10";

/** What each code means (API.md's errors and rules tables, and the choices README.md records). */
const CODE_DOCS: Record<string, string> = {
  VALIDATION_FAILED:
    "Malformed JSON, wrong types, unknown or missing fields, bad query parameters (an unknown one, or one given twice), a bad cursor, or a path id that is not a positive integer. `errors[]` names every bad field at once.",
  NOT_FOUND: "No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.",
  FRENCH_SITE_DAY_TAKEN:
    "At most one French site per `installation_date`; the detail names the date and the site holding it. Holds under concurrency: of simultaneous creates for one day, exactly one succeeds.",
  PAYLOAD_TOO_LARGE: `The body is over ${MAX_BODY_BYTES / 1024} KiB.`,
  ITALIAN_SITE_NOT_ON_WEEKEND: "An Italian site's `installation_date` is a Saturday or a Sunday.",
  GROUP3_CANNOT_HOLD_SITES: "No site is directly in a group of type `group3`.",
  GROUP_CYCLE: "Nesting has no cycle: a group is never inside itself, directly or through other groups.",
  UNKNOWN_REFERENCE:
    "An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.",
  TOO_MANY_CHANGES: `The write would not fit in one atomic DynamoDB transaction (at most ${TRANSACTION_LIMIT} items); nothing was written. Split it into smaller writes.`,
  SERVICE_UNAVAILABLE:
    "DynamoDB throttled, or transactions kept conflicting after the retries; nothing was written — except for a `DELETE` of a group or site with more links than one transaction holds, which is then under way (the item already answers 404; the detail says so) and which repeating the `DELETE` finishes. The `Retry-After` header (seconds, `1`) says when to try again.",
  INTERNAL: "A fault. The body holds the request id to quote, never a stack trace.",
};

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  422: "Unprocessable content: a business rule refused the write",
  500: "Internal error",
  503: "Service unavailable",
};

const SILENT_CHOICES = `
### Choices where API.md is silent
- DynamoDB throttling, or transactions that keep conflicting after the retries, answer **503 \`SERVICE_UNAVAILABLE\` with \`Retry-After: 1\`**; nothing was written, except for a multi-transaction \`DELETE\`, which the detail says is under way and which repeating the \`DELETE\` finishes.
- Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991; others (in a body or a list filter) are a 400 naming the field.
- A body is parsed as JSON whatever its \`Content-Type\`; \`PATCH\` with \`{}\` changes nothing and returns the resource as it is.
- Names are trimmed, 1–200 characters counted as Unicode code points, and may not contain control characters.
- \`country\` may appear in a site \`PATCH\` only with the site's own value.
- A query parameter given twice (\`?country=fr&country=it\`) is a 400; use \`country__in=fr,it\`. \`__in\` takes at most 100 values.
- A filter on a country's own field (\`efficiency__ne=0.5\`) matches only sites that have that field.
- Every problem body carries \`request_id\` (the API Gateway request id), not only 500s.
- A route that does not exist (or a method a path does not have) is a 404 \`NOT_FOUND\` problem.
`;

function problemExample(error: unknown): unknown {
  return JSON.parse(toProblem(error, EXAMPLE_REQUEST_ID).body);
}

function pathParameters(route: RouteDefinition): ParameterObject[] {
  const owner = route.path.startsWith("/sites") ? "site" : "group";
  const docs: Record<string, string> = {
    id: `The ${owner}'s id. Not a positive integer: 400; no such ${owner}: 404.`,
    site_id: "The site's id. Not a positive integer: 400; no such site: 404.",
    child_id: "The id of the group nested in `{id}`. Not a positive integer: 400; no such group: 404.",
    asset: "A file of the Swagger UI distribution (`swagger-ui.css`, `swagger-ui-bundle.js`).",
  };
  return [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name: name as string,
    in: "path",
    required: true,
    description: docs[name as string] ?? "",
    schema:
      name === "asset"
        ? { type: "string" }
        : { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER, example: 1 },
  }));
}

function operationDocs(registry: CountryRegistry): Record<RouteName, OperationDoc> {
  const refusals = countryRuleRefusals(registry);
  const ruleCodes = [...refusals.keys()];
  const exampleOf = (country: Country, i: number) => siteExample(country, 61 + i);
  const siteCreateExamples = Object.fromEntries(
    registry.all.map((c) => [c.code, { summary: `A new site in country ${c.code}`, value: siteCreateExample(c) }]),
  );
  const siteExamples = Object.fromEntries(
    registry.all.map((c, i) => [c.code, { summary: `A site in country ${c.code}`, value: exampleOf(c, i) }]),
  );
  const siteWrites: ErrorCode[] = [
    "VALIDATION_FAILED",
    "PAYLOAD_TOO_LARGE",
    ...ruleCodes,
    "GROUP3_CANNOT_HOLD_SITES",
    "UNKNOWN_REFERENCE",
    "TOO_MANY_CHANGES",
    "SERVICE_UNAVAILABLE",
  ];
  const reads: ErrorCode[] = ["VALIDATION_FAILED", "NOT_FOUND", "SERVICE_UNAVAILABLE"];
  const linkDoc = (what: string) =>
    `${what} Touches only the two items and their link, atomically; always fits one transaction.`;

  return {
    ListSites: {
      tag: "Sites",
      summary: "List sites",
      description: `Sites matching every filter, in \`sort\` order, a page at a time. ${LIST_RULES}`,
      query: siteListParameters(registry),
      success: {
        status: 200,
        description: "A page of sites.",
        schema: "SitePage",
        example: { items: registry.all.map(exampleOf), next_cursor: "eyJsIjoiMnZ…opaque…Q.Xb1k" },
      },
      errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
    },
    CreateSite: {
      tag: "Sites",
      summary: "Create a site",
      description: `The body's shape depends on \`country\`: the common fields plus that country's own, required there; a field of another country is refused. Country rules: ${[...refusals.values()].map((r) => `\`${r.code}\` (${r.title.toLowerCase()})`).join(", ")}. \`group_ids\` links the site to those groups in the same atomic write.`,
      body: { schema: "SiteCreate", examples: siteCreateExamples },
      success: {
        status: 201,
        description: "Created; `Location` is the site's URL.",
        schema: "Site",
        examples: siteExamples,
        location: "/sites/61",
      },
      errors: siteWrites,
    },
    GetSite: {
      tag: "Sites",
      summary: "Read a site",
      success: { status: 200, description: "The site.", schema: "Site", examples: siteExamples },
      errors: reads,
    },
    UpdateSite: {
      tag: "Sites",
      summary: "Update a site (partial)",
      description:
        "The fields present replace the stored ones; the merged site is validated as a whole and its country's rules are checked again (a French site moving to a taken day is a 409). `{}` changes nothing.",
      body: {
        schema: "SitePatch",
        examples: {
          rename: { summary: "Rename", value: { name: "Lyon Solar Park II" } },
          move: { summary: "Move to another day", value: { installation_date: "2024-05-03" } },
        },
      },
      success: { status: 200, description: "The site as stored now.", schema: "Site", examples: siteExamples },
      errors: [...siteWrites, "NOT_FOUND"],
    },
    DeleteSite: {
      tag: "Sites",
      summary: "Delete a site",
      description:
        "Also removes the site from every group and frees its French installation day. Its id is never reused.",
      success: { status: 204, description: "Deleted; no body." },
      errors: reads,
    },
    ListGroups: {
      tag: "Groups",
      summary: "List groups",
      description: `Groups matching every filter, in \`sort\` order, a page at a time. ${LIST_RULES}`,
      query: groupListParameters(),
      success: {
        status: 200,
        description: "A page of groups.",
        schema: "GroupPage",
        example: { items: [groupExample], next_cursor: null },
      },
      errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
    },
    CreateGroup: {
      tag: "Groups",
      summary: "Create a group",
      description: "`site_ids` and `child_group_ids` link the group in the same atomic write.",
      body: {
        schema: "GroupCreate",
        examples: {
          portfolio: { summary: "A group holding one site", value: groupCreateExample },
          empty: { summary: "An empty group3", value: { name: "Regions", type: "group3" } },
        },
      },
      success: {
        status: 201,
        description: "Created; `Location` is the group's URL.",
        schema: "Group",
        example: groupExample,
        location: "/groups/7",
      },
      errors: [
        "VALIDATION_FAILED",
        "PAYLOAD_TOO_LARGE",
        "GROUP3_CANNOT_HOLD_SITES",
        "UNKNOWN_REFERENCE",
        "TOO_MANY_CHANGES",
        "SERVICE_UNAVAILABLE",
      ],
    },
    GetGroup: {
      tag: "Groups",
      summary: "Read a group",
      success: { status: 200, description: "The group.", schema: "Group", example: groupExample },
      errors: reads,
    },
    UpdateGroup: {
      tag: "Groups",
      summary: "Update a group (partial)",
      description:
        "The fields present replace the stored ones; `site_ids` and `child_group_ids` are the new sets. Turning a group that holds sites into `group3` is refused.",
      body: {
        schema: "GroupPatch",
        examples: { rename: { summary: "Rename", value: { name: "South-East" } } },
      },
      success: { status: 200, description: "The group as stored now.", schema: "Group", example: groupExample },
      errors: [
        "VALIDATION_FAILED",
        "PAYLOAD_TOO_LARGE",
        "NOT_FOUND",
        "GROUP3_CANNOT_HOLD_SITES",
        "GROUP_CYCLE",
        "UNKNOWN_REFERENCE",
        "TOO_MANY_CHANGES",
        "SERVICE_UNAVAILABLE",
      ],
    },
    DeleteGroup: {
      tag: "Groups",
      summary: "Delete a group",
      description: "Removes its membership and nesting links, never the sites or groups they point at.",
      success: { status: 204, description: "Deleted; no body." },
      errors: reads,
    },
    AddSiteToGroup: {
      tag: "Groups",
      summary: "Add a site to a group",
      description: linkDoc("Idempotent: adding a site already in the group changes nothing."),
      success: { status: 204, description: "The site is in the group." },
      errors: ["VALIDATION_FAILED", "NOT_FOUND", "GROUP3_CANNOT_HOLD_SITES", "SERVICE_UNAVAILABLE"],
    },
    RemoveSiteFromGroup: {
      tag: "Groups",
      summary: "Remove a site from a group",
      description: linkDoc("404 if the site was not in the group."),
      success: { status: 204, description: "The site is no longer in the group." },
      errors: reads,
    },
    NestGroup: {
      tag: "Groups",
      summary: "Nest a group in another",
      description: linkDoc("Idempotent. Refused when `{child_id}` already contains `{id}`, directly or not."),
      success: { status: 204, description: "`{child_id}` is directly inside `{id}`." },
      errors: ["VALIDATION_FAILED", "NOT_FOUND", "GROUP_CYCLE", "SERVICE_UNAVAILABLE"],
    },
    UnnestGroup: {
      tag: "Groups",
      summary: "Un-nest a group",
      description: linkDoc("404 if it was not nested there."),
      success: { status: 204, description: "`{child_id}` is no longer directly inside `{id}`." },
      errors: reads,
    },
    GetOpenApiDocument: {
      tag: "Documentation",
      summary: "This OpenAPI 3.1 document",
      success: {
        status: 200,
        description: "The document, generated from the zod schemas and the route manifest.",
        schema: { type: "object", required: ["openapi", "info", "paths"] },
      },
      errors: [],
    },
    GetDocs: {
      tag: "Documentation",
      summary: "Interactive documentation (Swagger UI)",
      description: "Works without internet access: its assets are served by this API (`/docs/{asset}`).",
      success: { status: 200, description: "An HTML page.", media: { "text/html": { type: "string" } } },
      errors: [],
    },
    GetDocsAsset: {
      tag: "Documentation",
      summary: "A Swagger UI asset",
      success: {
        status: 200,
        description: "The file, from the `swagger-ui-dist` package.",
        media: { "text/css": { type: "string" }, "text/javascript": { type: "string" } },
      },
      errors: ["NOT_FOUND"],
    },
  };
}

/** One example problem per code, from the constructors the API itself uses. */
function problemExamples(registry: CountryRegistry, route: RouteDefinition): Map<string, unknown> {
  const schemas = createSiteSchemas(registry);
  const invalid = (() => {
    try {
      if (route.name === "ListSites" || route.name === "ListGroups") {
        parseListRequest(groupListSpec, { colour: "red", limit: "500" });
      } else if (route.name === "CreateSite") {
        const [first] = registry.all;
        if (first) schemas.parseCreate({ ...siteCreateExample(first), installation_date: "2023-02-29", name: "" });
      } else if (route.path.includes("{")) {
        return validationFailed([{ path: "id", message: '"abc" is not a positive integer' }]);
      }
      return validationFailed([{ path: "name", message: "must not be empty" }]);
    } catch (error) {
      return error;
    }
  })();
  const owner = route.path.startsWith("/sites") ? "site" : "group";
  const examples = new Map<string, unknown>([
    ["VALIDATION_FAILED", invalid],
    ["NOT_FOUND", route.name === "GetDocsAsset" ? notFound("asset swagger.png") : notFound(`${owner} 424242`)],
    [
      "PAYLOAD_TOO_LARGE",
      new DomainError(
        "PAYLOAD_TOO_LARGE",
        "Payload too large",
        `the body is 70000 bytes; the limit is ${MAX_BODY_BYTES} bytes (64 KiB)`,
      ),
    ],
    ["GROUP3_CANNOT_HOLD_SITES", group3CannotHoldSites(7, owner === "site" ? "group_ids" : "site_ids")],
    ["GROUP_CYCLE", groupCycle(3, 7, route.name === "NestGroup" ? "child_id" : "child_group_ids")],
    [
      "UNKNOWN_REFERENCE",
      unknownReference(owner === "site" ? "group_ids" : "site_ids", [99], owner === "site" ? "group" : "site"),
    ],
    ["TOO_MANY_CHANGES", tooManyChanges(121, owner === "site" ? "group_ids" : "site_ids")],
    ["SERVICE_UNAVAILABLE", new ServiceUnavailableError("the write kept conflicting with concurrent writes")],
    ["INTERNAL", new Error("an unexpected fault")],
    ...countryRuleRefusals(registry),
  ]);
  return new Map([...examples].map(([code, error]) => [code, problemExample(error)]));
}

function errorResponses(
  registry: CountryRegistry,
  route: RouteDefinition,
  codes: ErrorCode[],
): Record<string, ResponseObject> {
  const examples = problemExamples(registry, route);
  const byStatus = new Map<number, string[]>();
  for (const code of [...new Set([...codes, "INTERNAL"])]) {
    const status = code === "INTERNAL" ? 500 : statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const text = list.map((code) => `- \`${code}\`: ${CODE_DOCS[code] ?? "a country rule refused the write."}`);
    responses[String(status)] = {
      description: `${STATUS_TEXT[status] ?? "Error"}.\n\n${text.join("\n")}`,
      ...(status === 503
        ? {
            headers: {
              "Retry-After": {
                description: "Seconds to wait before trying again.",
                required: true,
                schema: { type: "integer", minimum: 1, example: 1 },
              },
            },
          }
        : {}),
      content: {
        [PROBLEM_TYPE]: {
          schema: {
            allOf: [
              { $ref: SCHEMA_REF("Problem") },
              {
                type: "object",
                properties: { status: { const: status }, code: { type: "string", enum: list } },
              },
            ],
          },
          examples: Object.fromEntries(list.map((code) => [code, { summary: code, value: examples.get(code) }])),
        },
      },
    };
  }
  return responses;
}

function successResponse(success: Success): ResponseObject {
  const content: Record<string, MediaObject> = {};
  if (success.schema) {
    content[JSON_TYPE] = {
      schema: typeof success.schema === "string" ? { $ref: SCHEMA_REF(success.schema) } : success.schema,
      ...(success.example !== undefined ? { example: success.example } : {}),
      ...(success.examples ? { examples: success.examples } : {}),
    };
  }
  for (const [type, schema] of Object.entries(success.media ?? {})) content[type] = { schema };
  return {
    description: success.description,
    ...(success.location
      ? {
          headers: {
            Location: {
              description: "The new resource's path.",
              required: true,
              schema: { type: "string", example: success.location },
            },
          },
        }
      : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

/** Builds the whole document; cheap (a few milliseconds), but the route caches it per container. */
export function buildOpenApiDocument(options: DocumentOptions = {}): OpenApiDocument {
  const registry = createRegistry(options.countries ?? countries);
  const docs = operationDocs(registry);
  const paths: Record<string, Record<string, OperationObject>> = {};
  for (const route of routes as readonly RouteDefinition[]) {
    const doc = docs[route.name as RouteName];
    if (!doc) throw new Error(`route ${route.name} has no OpenAPI description`);
    const parameters = [...pathParameters(route), ...(doc.query ?? [])];
    const operation: OperationObject = {
      operationId: route.name,
      tags: [doc.tag],
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(doc.body
        ? {
            requestBody: {
              required: true,
              ...(doc.body.description ? { description: doc.body.description } : {}),
              content: { [JSON_TYPE]: { schema: { $ref: SCHEMA_REF(doc.body.schema) }, examples: doc.body.examples } },
            },
          }
        : {}),
      responses: {
        [String(doc.success.status)]: successResponse(doc.success),
        ...errorResponses(registry, route, doc.errors),
      },
    };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, OperationObject>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "Sites & Groups API",
      version: "1.0.0",
      summary: "Energy sites (French, Italian, more countries later) and the groups that organise them.",
      description: `JSON everywhere (\`application/json\`); errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`. Field names are snake_case. Unknown body fields are refused (400), never silently dropped.

Business rules hold under concurrency and every write is atomic: it happens whole or not at all.
${SILENT_CHOICES}`,
    },
    servers: options.servers ?? [{ url: ".", description: "This API (relative to this document)" }],
    tags: [
      { name: "Sites", description: "Energy sites; their fields depend on their country." },
      { name: "Groups", description: "Groups of sites and of other groups (`group1`, `group2`, `group3`)." },
      { name: "Documentation", description: "This document and its interactive view." },
    ],
    paths,
    components: { schemas: openApiSchemas(registry) },
  };
}
