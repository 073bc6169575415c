/**
 * The OpenAPI 3.1 document of the API, the one place it is built: operations from the route
 * record (routes.ts: summary, description, body, success, codes), schemas from the zod schemas
 * that validate requests (./schemas.ts), query parameters from the list specs (./parameters.ts),
 * statuses from the one code → status table (commons/problem.ts), countries' fields and refusals
 * from their modules, problem examples from the real error constructors. Nothing here is a
 * second copy of a shape or of a route; what is written here is what every code means and the
 * behaviour the contract leaves open.
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
  nestingTooDeep,
  notFound,
  parseListRequest,
  preconditionFailed,
  readId,
  ServiceUnavailableError,
  TRANSACTION_LIMIT,
  tooManyChanges,
  unknownReference,
  validationFailed,
} from "@sites-groups/core";
import { MAX_BODY_BYTES } from "#commons/http";
import { type Statuses, statusesOf, statusOf, toProblem } from "#commons/problem";
import { keyInUse, keyReused } from "#commons/replay";
import { acceptedScopes, OAUTH_SCOPES, type RouteDefinition, routes, type SchemaName } from "../routes.ts";
import { countryRefusals, eventExamples, groupExample, siteCreateExample, siteExample } from "./examples.ts";
import { notModifiedResponse, requestHeaders, successHeaders } from "./headers.ts";
import {
  eventListParameters,
  groupListParameters,
  LIST_RULES,
  type ParameterObject,
  siteListParameters,
} from "./parameters.ts";
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
  security?: Record<string, string[]>[];
  requestBody?: { required: boolean; description?: string; content: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
}

/** Whether the stage's routes need tokens, and where its user pool issues them. */
export type DocumentAccess = { mode: "cognito"; tokenUrl: string } | { mode: "open" };

export interface DocumentOptions {
  /** Where clients send requests; `.` (the default) is relative to the document's own URL. */
  servers?: { url: string; description?: string }[];
  countries?: readonly Country[];
  /** Default: access control, with the token endpoint at `/oauth2/token` beside the API (as `AUTH=on pnpm dev`). */
  access?: DocumentAccess;
}

const JSON_TYPE = "application/json";
const PROBLEM_TYPE = "application/problem+json";
const EXAMPLE_REQUEST_ID = "c0a8012e-8f3b-4d8a-9a43-3c1b5e7d2f10";

/** What each code of the API itself means; a country's codes are described by its module. */
const CODE_DOCS: Record<string, string> = {
  UNAUTHENTICATED:
    "No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`.",
  FORBIDDEN:
    "A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`).",
  UNSUPPORTED_MEDIA_TYPE:
    "A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed), or with none.",
  VALIDATION_FAILED:
    "Malformed JSON, wrong types, unknown or missing fields, bad query parameters (an unknown one, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.",
  NOT_FOUND: "No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.",
  PAYLOAD_TOO_LARGE: `The body is over ${MAX_BODY_BYTES / 1024} KiB.`,
  GROUP3_CANNOT_HOLD_SITES: "No site is directly in a group of type `group3`.",
  GROUP_CYCLE: "Nesting has no cycle: a group is never inside itself, directly or through other groups.",
  NESTING_TOO_DEEP:
    "Nesting is at most 16 levels deep: a chain of groups, each inside the next, holds at most 16 groups.",
  UNKNOWN_REFERENCE:
    "An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.",
  TOO_MANY_CHANGES: `The write would not fit in one atomic DynamoDB transaction (at most ${TRANSACTION_LIMIT} items); nothing was written. Split it into smaller writes.`,
  SERVICE_UNAVAILABLE:
    "DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.",
  INTERNAL:
    "A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.",
  IDEMPOTENCY_KEY_IN_USE:
    "A request with the same `Idempotency-Key` is still running; the `Retry-After` header (seconds) says when to try again.",
  IDEMPOTENCY_KEY_REUSED:
    "The `Idempotency-Key` was used in the last 24 hours with another body or route; use a new key for a new request.",
  PRECONDITION_FAILED:
    "`If-Match` does not name the item's current `ETag`, or the item is gone or being deleted (an `If-Match`, `*` included, never matches it); nothing was written. Read it again.",
};

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  415: "Unsupported media type",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  422: "Unprocessable content: a business rule refused the write",
  500: "Internal error",
  503: "Service unavailable",
};

const OPEN_BEHAVIOUR = `
### Behaviour the contract leaves open
- DynamoDB throttling, timeouts, or transactions that keep conflicting after the retries, answer **503 \`SERVICE_UNAVAILABLE\` with \`Retry-After: 1\`**; its \`outcome\` (as every 500's) says whether the write may have applied, and a keyed \`POST\` retried with the same \`Idempotency-Key\` never creates twice. A multi-transaction \`DELETE\` that stopped half-way is \`unknown\`: the detail says it is under way, and repeating the \`DELETE\` finishes it.
- An \`If-Match\` never matches an item that is gone or being deleted (RFC 9110 §13.1.1): a \`PATCH\` or \`DELETE\` carrying one is then a 412, without one a 404. Of concurrent \`DELETE\`s of one item exactly one answers 204.
- Path segments are taken literally: \`.\`, \`..\` (plain or percent-encoded) and \`%2F\` are never resolved, so such a segment in place of an id is a 400. The local server answers an \`Expect\` other than \`100-continue\` with a 417 \`EXPECTATION_FAILED\` problem before any route.
- Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991; others (in a body or a list filter) are a 400 naming the field.
- \`PATCH\` with \`{}\` changes nothing and returns the resource as it is.
- Access: the stage's API Gateway authorizer admits an access token of its user pool carrying either scope, and the function checks the route's own scope (a 403 \`FORBIDDEN\` rather than the gateway's 401 for an unmet scope).
- Names are trimmed, 1–200 characters counted as Unicode code points, and may not contain control characters.
- \`country\` may appear in a site \`PATCH\` only with the site's own value.
- A query parameter given twice (\`?country=fr&country=it\`) is a 400; use \`country__in=fr,it\` or the repeated \`country__in=fr&country__in=it\` (both mean the same). \`__in\` takes at most 100 values.
- A filter on a country's own field (\`efficiency__ne=0.5\`) matches only sites that have that field.
- Every problem body carries \`request_id\` (the API Gateway request id), not only 500s.
- A route that does not exist (or a method a path does not have) is a 404 \`NOT_FOUND\` problem.
`;

const ACCESS = `**Access:** every \`/sites\` and \`/groups\` route needs \`Authorization: Bearer <access token>\` from this stage's Amazon Cognito user pool (OAuth 2.0 client-credentials grant for machine clients): scope \`${OAUTH_SCOPES.read}\` for the \`GET\` routes, \`${OAUTH_SCOPES.write}\` for every other route (a write token may also read). This document and \`/docs\` are public. Use **Authorize** to call the API from this page.`;

const OPEN_STAGE =
  "**This stage is OPEN: it was deployed without access control, and anyone who can reach it may read and write.**";

function problemExample(error: unknown, statuses: Statuses): unknown {
  return JSON.parse(toProblem(error, EXAMPLE_REQUEST_ID, statuses).body);
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

/** The examples of a component schema, per country for sites. */
function schemaExamples(registry: CountryRegistry, schema: SchemaName): Pick<MediaObject, "example" | "examples"> {
  const site = (country: Country, i: number) => siteExample(country, 61 + i);
  switch (schema) {
    case "Site":
      return {
        examples: Object.fromEntries(
          registry.all.map((c, i) => [c.code, { summary: `A site in country ${c.code}`, value: site(c, i) }]),
        ),
      };
    case "SiteCreate":
      return {
        examples: Object.fromEntries(
          registry.all.map((c) => [
            c.code,
            { summary: `A new site in country ${c.code}`, value: siteCreateExample(c) },
          ]),
        ),
      };
    case "SitePage":
      return { example: { items: registry.all.map(site), next_cursor: "eyJsIjoiMnZ…opaque…Q.Xb1k" } };
    case "Group":
      return { example: groupExample };
    case "GroupPage":
      return { example: { items: [groupExample], next_cursor: null } };
    case "EventPage":
      return { example: { items: eventExamples(registry), next_cursor: null } };
    default:
      return {};
  }
}

/** Whether the route needs a token in this document's stage. */
const guarded = (route: RouteDefinition, access: DocumentAccess) =>
  access.mode === "cognito" && route.scope !== "public";

/**
 * The codes a route can answer: its own, its country refusals spelled out, the access codes of a
 * guarded route and the media-type code of a route with a body.
 */
function errorCodes(registry: CountryRegistry, route: RouteDefinition, access: DocumentAccess): ErrorCode[] {
  const own = route.docs.errors.flatMap((code) =>
    code === "COUNTRY_REFUSALS" ? [...registry.refusals.keys()] : [code],
  );
  return [
    ...(guarded(route, access) ? (["UNAUTHENTICATED"] as const) : []),
    // a token the authorizer admits has a scope that reads; only writes can be refused
    ...(guarded(route, access) && route.scope === "write" ? (["FORBIDDEN"] as const) : []),
    ...(route.docs.body ? (["UNSUPPORTED_MEDIA_TYPE"] as const) : []),
    ...own,
  ];
}

/** Who may call the operation: OAuth 2.0 with one of the route's scopes, or any bearer token of the pool. */
function securityOf(route: RouteDefinition, access: DocumentAccess): Record<string, string[]>[] {
  if (!guarded(route, access) || route.scope === "public") return [];
  return [...acceptedScopes(route.scope).map((scope) => ({ oauth2: [scope] })), { bearer: [] }];
}

function securitySchemes(tokenUrl: string) {
  return {
    oauth2: {
      type: "oauth2",
      description:
        "Machine clients: the client-credentials grant at the stage's user pool token endpoint, with the client id and secret of an app client of the pool.",
      flows: {
        clientCredentials: {
          tokenUrl,
          scopes: {
            [OAUTH_SCOPES.read]: "Read sites and groups (the `GET` routes).",
            [OAUTH_SCOPES.write]: "Create, change and delete sites, groups and their links; also read.",
          },
        },
      },
    },
    bearer: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "An access token of the stage's user pool, however it was obtained.",
    },
  };
}

/** The route's description, with what depends on the deployment (its countries' rules, the list rules). */
function describe(registry: CountryRegistry, route: RouteDefinition): string {
  const parts = [route.docs.description];
  if (route.docs.list && route.docs.list !== "events") parts.push(LIST_RULES);
  if (route.docs.errors.includes("COUNTRY_REFUSALS")) {
    const rules = [...registry.refusals.values()].map((r) => `\`${r.code}\` (${r.title.toLowerCase()})`);
    parts.push(`Country rules: ${rules.join(", ")}.`);
  }
  return parts.join(" ");
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
        const read = readId("abc");
        return validationFailed([{ path: "id", message: "message" in read ? read.message : "" }]);
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
    ["NESTING_TOO_DEEP", nestingTooDeep(17, 16, route.name === "NestGroup" ? "child_id" : "child_group_ids")],
    [
      "UNKNOWN_REFERENCE",
      unknownReference(owner === "site" ? "group_ids" : "site_ids", [99], owner === "site" ? "group" : "site"),
    ],
    ["TOO_MANY_CHANGES", tooManyChanges(121, owner === "site" ? "group_ids" : "site_ids")],
    ["SERVICE_UNAVAILABLE", new ServiceUnavailableError("the write kept conflicting with concurrent writes")],
    ["UNAUTHENTICATED", new DomainError("UNAUTHENTICATED", "Unauthenticated", "the token has expired")],
    [
      "FORBIDDEN",
      new DomainError(
        "FORBIDDEN",
        "Forbidden",
        `${route.method} ${route.path} needs the ${OAUTH_SCOPES.write} scope; the token has ${OAUTH_SCOPES.read}`,
      ),
    ],
    [
      "UNSUPPORTED_MEDIA_TYPE",
      new DomainError(
        "UNSUPPORTED_MEDIA_TYPE",
        "Unsupported media type",
        'the body must be sent as application/json, not "text/plain;charset=UTF-8"',
      ),
    ],
    ["INTERNAL", new Error("an unexpected fault")],
    ["PRECONDITION_FAILED", preconditionFailed(`${owner} 7`, 4)],
    ["IDEMPOTENCY_KEY_IN_USE", keyInUse()],
    ["IDEMPOTENCY_KEY_REUSED", keyReused()],
    ...countryRefusals(registry),
  ]);
  const statuses = statusesOf(registry);
  return new Map([...examples].map(([code, error]) => [code, problemExample(error, statuses)]));
}

function errorResponses(
  registry: CountryRegistry,
  route: RouteDefinition,
  codes: ErrorCode[],
): Record<string, ResponseObject> {
  const examples = problemExamples(registry, route);
  const statuses = statusesOf(registry);
  const byStatus = new Map<number, string[]>();
  for (const code of [...new Set([...codes, "INTERNAL"])]) {
    const status = statusOf(code, statuses);
    if (status === undefined) throw new Error(`${route.name} answers ${code}, a code with no status`);
    if (byStatus.get(status)?.includes(code)) continue;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const text = list.map((code) => `- \`${code}\`: ${CODE_DOCS[code] ?? registry.refusals.get(code)?.description}`);
    responses[String(status)] = {
      description: `${STATUS_TEXT[status] ?? "Error"}.\n\n${text.join("\n")}`,
      ...(status === 401
        ? {
            headers: {
              "WWW-Authenticate": {
                description: "`Bearer`: the route needs a bearer access token.",
                required: true,
                schema: { type: "string", example: "Bearer" },
              },
            },
          }
        : {}),
      ...(status === 503 || list.includes("IDEMPOTENCY_KEY_IN_USE")
        ? {
            headers: {
              "Retry-After": {
                description:
                  status === 503
                    ? "Seconds to wait before trying again."
                    : "With `IDEMPOTENCY_KEY_IN_USE`: seconds to wait before trying again.",
                required: list.every((code) => code === "SERVICE_UNAVAILABLE" || code === "IDEMPOTENCY_KEY_IN_USE"),
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
                // a 5xx always says whether the write may have applied
                ...(status === 500 || status === 503 ? { required: ["outcome"] } : {}),
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

function successResponse(registry: CountryRegistry, route: RouteDefinition): ResponseObject {
  const success = route.docs.success;
  const content: Record<string, MediaObject> = {};
  if (success.schema) {
    content[JSON_TYPE] =
      typeof success.schema === "string"
        ? { schema: { $ref: SCHEMA_REF(success.schema) }, ...schemaExamples(registry, success.schema) }
        : { schema: success.schema };
  }
  for (const type of success.media ?? []) content[type] = { schema: { type: "string" } };
  const headers: ResponseObject["headers"] = {
    ...(success.location
      ? {
          Location: {
            description: "The new resource's path.",
            required: true,
            schema: { type: "string", example: success.location },
          },
        }
      : {}),
    ...successHeaders(route),
  };
  return {
    description: success.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

/** Builds the whole document; cheap (a few milliseconds), but the route caches it per container. */
export function buildOpenApiDocument(options: DocumentOptions = {}): OpenApiDocument {
  const registry = createRegistry(options.countries ?? countries);
  const access = options.access ?? { mode: "cognito", tokenUrl: "/oauth2/token" };
  const paths: Record<string, Record<string, OperationObject>> = {};
  for (const route of routes as readonly RouteDefinition[]) {
    const { docs } = route;
    const query = {
      sites: () => siteListParameters(registry),
      groups: groupListParameters,
      events: eventListParameters,
      none: () => [],
    }[docs.list ?? "none"]();
    const parameters = [...pathParameters(route), ...requestHeaders(route), ...query];
    const operation: OperationObject = {
      operationId: route.name,
      tags: [docs.tag],
      summary: docs.summary,
      description: describe(registry, route),
      ...(parameters.length > 0 ? { parameters } : {}),
      security: securityOf(route, access),
      ...(docs.body
        ? {
            requestBody: {
              required: true,
              content: {
                [JSON_TYPE]: {
                  schema: { $ref: SCHEMA_REF(docs.body.schema) },
                  examples: docs.body.examples ?? schemaExamples(registry, docs.body.schema).examples ?? {},
                },
              },
            },
          }
        : {}),
      responses: {
        [String(docs.success.status)]: successResponse(registry, route),
        ...notModifiedResponse(route),
        ...errorResponses(registry, route, errorCodes(registry, route, access)),
      },
    };
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, OperationObject>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sites & Groups API",
      version: "1.0.0",
      summary: "Energy sites (French, Italian, more countries later) and the groups that organise them.",
      contact: { name: "Sites & Groups maintainers" },
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      description: `${access.mode === "open" ? OPEN_STAGE : ACCESS}

JSON everywhere (\`application/json\`); errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`. Field names are snake_case. Unknown body fields are refused (400), never silently dropped.

Business rules hold under concurrency and every write is atomic: it happens whole or not at all.
${OPEN_BEHAVIOUR}`,
    },
    servers: options.servers ?? [{ url: ".", description: "This API (relative to this document)" }],
    tags: [
      { name: "Sites", description: "Energy sites; their fields depend on their country." },
      { name: "Groups", description: "Groups of sites and of other groups (`group1`, `group2`, `group3`)." },
      {
        name: "Events",
        description:
          "What changed: one CloudEvents 1.0 event per committed change, for the systems around the registry.",
      },
      { name: "Documentation", description: "This document and its interactive view." },
    ],
    paths,
    components: {
      schemas: openApiSchemas(registry),
      ...(access.mode === "cognito" ? { securitySchemes: securitySchemes(access.tokenUrl) } : {}),
    },
  };
}
