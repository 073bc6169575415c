/**
 * The OpenAPI 3.1 document of the API, the one place it is built: operations from the route
 * records it is given (./route.ts: summary, description, body, success, codes), schemas from the zod schemas
 * that validate requests (./schemas.ts), query parameters from the list specs (./parameters.ts),
 * every code's status, title, description, headers and example from the error catalog joined
 * with the countries' refusals (core errors/catalog.ts, the registry's `catalog`). Nothing here is
 * a second copy of a shape, a route or a code; what is written here is the behaviour the contract
 * leaves open.
 */
import {
  type Catalog,
  type Country,
  type CountryRegistry,
  countries,
  createRegistry,
  createSiteSchemas,
  type ErrorCode,
  type ExampleContext,
  groupListSpec,
  type ListSpec,
  MAX_BODY_BYTES,
  PROBLEM_HEADERS,
  PROBLEM_MEDIA_TYPE,
  type ProblemHeader,
  parseListRequest,
  problemFor,
  readId,
  STATUS_TEXT,
  siteListSpec,
  validationFailed,
} from "@sites-groups/core";
import { eventExamples, groupExample, siteCreateExample, siteExample } from "./examples.ts";
import { CORS_HEADERS, notModifiedResponse, requestHeaders, successHeaders } from "./headers.ts";
import { groupSummaryExample, groupTreeExample } from "./hierarchy.ts";
import {
  eventListParameters,
  groupListParameters,
  LIST_RULES,
  type ParameterObject,
  siteListParameters,
} from "./parameters.ts";
import { acceptedScopes, OAUTH_SCOPES, type RouteDefinition, type SchemaName } from "./route.ts";
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
  servers?: { url: string; description?: string; "x-internal"?: boolean }[];
  countries?: readonly Country[];
  /** Default: access control, with the token endpoint at `/oauth2/token` beside the API (as `AUTH=on pnpm dev`). */
  access?: DocumentAccess;
}

const JSON_TYPE = "application/json";
const MERGE_PATCH_TYPE = "application/merge-patch+json";

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

/** Who may call what, from the route records: every guarded route by name, then the public ones. */
function accessText(all: readonly RouteDefinition[]): string {
  const named = (list: readonly RouteDefinition[]) =>
    list.map((route) => `\`${route.method} ${route.path}\``).join(", ");
  const scoped = (scope: "read" | "write") => named(all.filter((route) => route.scope === scope));
  return `**Access:** these routes need \`Authorization: Bearer <access token>\` from this stage's Amazon Cognito user pool (OAuth 2.0 client-credentials grant for machine clients): scope \`${OAUTH_SCOPES.read}\` (or \`${OAUTH_SCOPES.write}\`: a write token may also read) for ${scoped("read")}; scope \`${OAUTH_SCOPES.write}\` for ${scoped("write")}. Public: ${named(all.filter((route) => route.scope === "public"))}. Use **Authorize** to call the API from this page.`;
}

const OPEN_STAGE =
  "**This stage is OPEN: it was deployed without access control, and anyone who can reach it may read and write.**";

/** What the route is about: its path's first segment. */
const itemOf = (route: RouteDefinition): ExampleContext["item"] => (route.path.startsWith("/sites") ? "site" : "group");

const ID_SCHEMA = { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER, example: 1 };

/** Each path parameter: what it is, its schema, and what a 404 of a route it leads names. */
const PATH_PARAMETERS: Record<
  string,
  { description(item: string): string; schema: ParameterObject["schema"]; missing(item: string): string }
> = {
  id: {
    description: (item) => `The ${item}'s id. Not a positive integer: 400; no such ${item}: 404.`,
    schema: ID_SCHEMA,
    missing: (item) => `${item} 424242`,
  },
  site_id: {
    description: () => "The site's id. Not a positive integer: 400; no such site: 404.",
    schema: ID_SCHEMA,
    missing: () => "site 424242",
  },
  child_id: {
    description: () => "The id of the group nested in `{id}`. Not a positive integer: 400; no such group: 404.",
    schema: ID_SCHEMA,
    missing: () => "group 424242",
  },
  asset: {
    description: () =>
      "A file the page loads: `/docs`' Swagger UI files (`swagger-ui.css`, `swagger-ui-bundle.js`), `/explorer`'s own (`explorer.js`, `explorer.css`).",
    schema: { type: "string" },
    missing: () => "asset swagger.png",
  },
};

const pathParameterNames = (route: RouteDefinition) =>
  [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string);

function pathParameter(name: string) {
  const parameter = PATH_PARAMETERS[name];
  if (!parameter) throw new Error(`the path parameter {${name}} is not described in PATH_PARAMETERS`);
  return parameter;
}

function pathParameters(route: RouteDefinition): ParameterObject[] {
  return pathParameterNames(route).map((name) => ({
    name,
    in: "path",
    required: true,
    description: pathParameter(name).description(itemOf(route)),
    schema: pathParameter(name).schema,
  }));
}

/** The query parameters of the routes that are not listings, by name (the route record's `query`). */
const QUERY_PARAMETERS: Record<string, ParameterObject> = {
  depth: {
    name: "depth",
    in: "query",
    description:
      "The levels shown below the group, 1–16 (default 16): `depth=1` is the group and its children, without theirs.",
    schema: { type: "integer", minimum: 1, maximum: 16, default: 16 },
  },
  v: {
    name: "v",
    in: "query",
    description: "The Swagger UI version the page asks for, so that a browser fetches a new version anew; any value.",
    schema: { type: "string", maxLength: 64 },
  },
};

function queryParameters(route: RouteDefinition): ParameterObject[] {
  return (route.query ?? []).map((name) => {
    const parameter = QUERY_PARAMETERS[name];
    if (!parameter) throw new Error(`${route.name} takes the query parameter ${name}, which has no description`);
    return parameter;
  });
}

/**
 * The 403's challenge, which names the route's scope (RFC 6750) and so is its occurrence's, not
 * the catalog's (core errors/requests.ts `forbidden`).
 */
function challengeHeaders(status: number): ResponseObject["headers"] {
  if (status !== 403) return {};
  return {
    "WWW-Authenticate": {
      description:
        '`Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs.',
      required: true,
      schema: { type: "string", maxLength: 256 },
    },
  };
}

/**
 * A mixed batch: each country's example site, the first site again (its claim, a French day, is
 * then taken), and a body whose minimum power is over its maximum (a 400 of the item alone: the
 * body is one the schema admits, so a validating proxy passes the batch on); and what
 * `POST /sites/batch` answers for it.
 */
function batchExample(registry: CountryRegistry) {
  const schemas = createSiteSchemas(registry);
  const fresh = registry.all.map((country) => siteCreateExample(country));
  const claiming = registry.all.find((country) => country.claims);
  const again = claiming ? [siteCreateExample(claiming)] : [];
  const [first = {}] = fresh;
  const items = [...fresh, ...again, { ...first, min_power_megawatt: Number(first.max_power_megawatt) + 1 }];
  const problem = (make: () => unknown) => {
    try {
      make();
      return undefined;
    } catch (error) {
      return problemFor(registry.catalog, error, EXAMPLE_REQUEST_ID);
    }
  };
  const refusals = [
    ...again.map(() => () => {
      const values = schemas.parseCreate(again[0]);
      throw claiming?.claims?.(values)[0]?.taken(61 + registry.all.indexOf(claiming));
    }),
    () => schemas.parseCreate(items.at(-1)),
  ].map(problem);
  const results = [
    ...registry.all.map((country, i) => ({ index: i, status: 201, site: siteExample(country, 61 + i), etag: '"1"' })),
    ...refusals.map((occurrence, i) => ({
      index: fresh.length + i,
      status: occurrence?.kind.status,
      problem: occurrence?.problem,
    })),
  ];
  return { items, answer: { results, created: fresh.length, failed: refusals.length } };
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
    case "GroupSummary":
      return { example: groupSummaryExample(registry) };
    case "GroupTree":
      return { example: groupTreeExample };
    case "SiteBatch":
      return { examples: { mixed: { summary: "A mixed batch", value: { items: batchExample(registry).items } } } };
    case "SiteBatchAnswer":
      return { example: batchExample(registry).answer };
    default:
      return {};
  }
}

/** Whether the route needs a token in this document's stage. */
const guarded = (route: RouteDefinition, access: DocumentAccess) =>
  access.mode === "cognito" && route.scope !== "public";

/**
 * The codes a route can answer: its own, its country refusals spelled out, the access codes of a
 * guarded route, the media-type code of a route with a body, the key codes of an idempotent one
 * and the precondition code of one that honours If-Match.
 */
function errorCodes(registry: CountryRegistry, route: RouteDefinition, access: DocumentAccess): ErrorCode[] {
  const own = route.docs.errors.flatMap((code) =>
    code === "COUNTRY_REFUSALS" ? [...registry.refusals.keys()] : [code],
  );
  return [
    // every route refuses a query parameter it does not define, and every stage throttles
    "VALIDATION_FAILED",
    "TOO_MANY_REQUESTS",
    ...(guarded(route, access) ? (["UNAUTHENTICATED"] as const) : []),
    // a token the authorizer admits has a scope that reads; only writes can be refused
    ...(guarded(route, access) && route.scope === "write" ? (["FORBIDDEN"] as const) : []),
    ...(route.docs.body ? (["UNSUPPORTED_MEDIA_TYPE"] as const) : []),
    ...own,
    ...(route.precondition === "If-Match" ? (["PRECONDITION_FAILED"] as const) : []),
    // a batch's items answer these in their results, never the batch itself
    ...(route.idempotent === true ? (["IDEMPOTENCY_KEY_IN_USE", "IDEMPOTENCY_KEY_REUSED"] as const) : []),
  ];
}

/** Who may call the operation: OAuth 2.0 with one of the route's scopes, or any bearer token of the pool. */
function securityOf(route: RouteDefinition, access: DocumentAccess): Record<string, string[]>[] {
  if (!guarded(route, access) || route.scope === "public") return [];
  return [...acceptedScopes(route.scope).map((scope) => ({ oauth2: [scope] })), { bearer: [] }];
}

/** How tokens are checked (the stage's Cognito authorizer; aws-jwt-verify locally), as RFC 8725 asks of JWT users. */
const JWT_PRACTICE =
  "Tokens are JWS signed with the pool's RS256 keys and are verified as RFC8725 (JSON Web Token Best Current Practices) recommends: the algorithm is fixed by the key (never `none`, never taken from the token alone), the key comes from the pool's own key set, and the issuer, `token_use` (`access`), client and expiry are checked.";

function securitySchemes(tokenUrl: string) {
  return {
    oauth2: {
      type: "oauth2",
      description: `Machine clients: the client-credentials grant at the stage's user pool token endpoint, with the client id and secret of an app client of the pool. An access token lasts an hour (no refresh token: the grant is simply repeated). ${JWT_PRACTICE}`,
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
      description: `An access token of the stage's user pool, however it was obtained. ${JWT_PRACTICE}`,
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

/** What the route's own parsers throw for a bad request: its list's, its body's, its path id's. */
function invalidRequest(registry: CountryRegistry, route: RouteDefinition): unknown {
  try {
    const lists: Record<string, ListSpec> = { sites: siteListSpec(registry), groups: groupListSpec };
    const list = lists[route.docs.list ?? ""];
    if (list) {
      parseListRequest(list, { colour: "red", limit: "500" });
    } else if (route.docs.body?.schema === "SiteCreate") {
      const [first] = registry.all;
      if (first) {
        const body = { ...siteCreateExample(first), installation_date: "2023-02-29", name: "" };
        createSiteSchemas(registry).parseCreate(body);
      }
    } else if (route.path.includes("{")) {
      const read = readId("abc");
      return validationFailed([{ path: "id", message: "message" in read ? read.message : "" }]);
    }
    return validationFailed([{ path: "name", message: "must not be empty" }]);
  } catch (error) {
    return error;
  }
}

/** What the catalog's examples name of this route. */
function exampleContext(registry: CountryRegistry, route: RouteDefinition): ExampleContext {
  const item = itemOf(route);
  const [first] = pathParameterNames(route);
  return {
    operation: `${route.method} ${route.path}`,
    item,
    missing: pathParameter(first ?? "id").missing(item),
    links: item === "site" ? "group_ids" : "site_ids",
    child: pathParameterNames(route).includes("child_id") ? "child_id" : "child_group_ids",
    scopes: OAUTH_SCOPES,
    invalid: invalidRequest(registry, route),
    bodyLimit: route.maxBody ?? MAX_BODY_BYTES,
  };
}

const EXAMPLE_REQUEST_ID = "c0a8012e-8f3b-4d8a-9a43-3c1b5e7d2f10";

/** The example answer of a code on this route: the catalog's example, answered as the functions answer it. */
function problemExample(catalog: Catalog, code: ErrorCode, context: ExampleContext): unknown {
  const example = catalog.get(code)?.example(context);
  return problemFor(catalog, example, EXAMPLE_REQUEST_ID).problem;
}

/** The headers of a status's answers: each that one of its codes carries, required when all do. */
function problemHeaderObjects(catalog: Catalog, codes: readonly string[]): ResponseObject["headers"] | undefined {
  const names = [...new Set(codes.flatMap((code) => Object.keys(catalog.get(code)?.headers ?? {})))] as ProblemHeader[];
  if (names.length === 0) return undefined;
  return Object.fromEntries(
    names.map((name) => {
      const carrying = codes.filter((code) => catalog.get(code)?.headers?.[name] !== undefined);
      const value = catalog.get(carrying[0] ?? "")?.headers?.[name] ?? "";
      const { description, schema } = PROBLEM_HEADERS[name];
      const required = carrying.length === codes.length;
      return [
        name,
        {
          description: required
            ? description
            : `With ${carrying.map((code) => `\`${code}\``).join(", ")}: ${description.charAt(0).toLowerCase()}${description.slice(1)}`,
          required,
          schema: { ...schema, example: schema.type === "integer" ? Number(value) : value },
        },
      ];
    }),
  );
}

/**
 * Prod's AWS WAF answers its rate rule itself: a static custom response, served as
 * application/json (WAF cannot say application/problem+json), with the problem's members but
 * `request_id` (infra/lib/waf.ts).
 */
const FIREWALL_PROBLEM: JsonSchema = {
  type: "object",
  description: "AWS WAF's answer in prod: the problem's members but `request_id`.",
  required: ["type", "title", "status", "code", "detail"],
  properties: {
    type: { const: "about:blank" },
    title: { type: "string" },
    status: { const: 429 },
    code: { const: "TOO_MANY_REQUESTS" },
    detail: { type: "string" },
  },
  additionalProperties: false,
};

function firewallProblem(example: unknown): MediaObject {
  const { request_id: _, ...members } = example as Record<string, unknown>;
  return { schema: { $ref: SCHEMA_REF("FirewallProblem") }, example: members };
}

function errorResponses(
  registry: CountryRegistry,
  route: RouteDefinition,
  codes: ErrorCode[],
): Record<string, ResponseObject> {
  const { catalog } = registry;
  const context = exampleContext(registry, route);
  const byStatus = new Map<number, string[]>();
  for (const code of [...new Set([...codes, "INTERNAL"])]) {
    const status = catalog.get(code)?.status;
    if (status === undefined) throw new Error(`${route.name} answers ${code}, a code with no status`);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const text = list.map((code) => `- \`${code}\`: ${catalog.get(code)?.description}`);
    const headers = problemHeaderObjects(catalog, list);
    responses[String(status)] = {
      description: `${STATUS_TEXT[status] ?? "Error"}.\n\n${text.join("\n")}`,
      headers: { ...headers, ...challengeHeaders(status), ...CORS_HEADERS },
      content: {
        [PROBLEM_MEDIA_TYPE]: {
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
          examples: Object.fromEntries(
            list.map((code) => [code, { summary: code, value: problemExample(catalog, code, context) }]),
          ),
        },
        ...(status === 429
          ? { [JSON_TYPE]: firewallProblem(problemExample(catalog, "TOO_MANY_REQUESTS", context)) }
          : {}),
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
            schema: { type: "string", pattern: "^/[a-z]+/[1-9][0-9]{0,15}$", maxLength: 24, example: success.location },
          },
        }
      : {}),
    ...successHeaders(route),
    ...CORS_HEADERS,
  };
  return {
    description: success.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

/**
 * No answer of a function is longer: Lambda's response payload limit (a request body is at most
 * 64 KiB, its URL and headers 10 KiB). The bound of every string that has no tighter one.
 */
const LAMBDA_PAYLOAD_MAX = 6 * 1024 * 1024;
/** The length of the strings of a format, where the format bounds it. */
const FORMAT_MAX_LENGTH: Record<string, number> = { date: 10, "date-time": 35 };

const isType = (node: JsonSchema, type: string) =>
  node.type === type || (Array.isArray(node.type) && node.type.includes(type));

/**
 * Every string schema of the document gets a `maxLength` and every integer a `format`, as
 * resource limits a client can rely on: the ones the schemas state, else the format's length,
 * else the largest a function can answer. (Spectral's OWASP ruleset asks for both.)
 */
function boundScalars(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) boundScalars(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (isType(schema, "string") && !("maxLength" in schema || "enum" in schema || "const" in schema)) {
    schema.maxLength = FORMAT_MAX_LENGTH[String(schema.format)] ?? LAMBDA_PAYLOAD_MAX;
  }
  if (isType(schema, "integer") && !("format" in schema)) {
    schema.format = Number(schema.maximum) <= 2 ** 31 - 1 ? "int32" : "int64";
  }
  for (const [key, value] of Object.entries(schema)) {
    // examples are values, not schemas
    if (key !== "example" && key !== "examples") boundScalars(value);
  }
}

/**
 * The whole document of these routes (the API's: functions/src/routes.ts); cheap (a few
 * milliseconds), but the route that serves it caches it per container.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  options: DocumentOptions = {},
): OpenApiDocument {
  const registry = createRegistry(options.countries ?? countries);
  const access = options.access ?? { mode: "cognito", tokenUrl: "/oauth2/token" };
  const paths: Record<string, Record<string, OperationObject>> = {};
  for (const route of routes) {
    const { docs } = route;
    const query = {
      sites: () => siteListParameters(registry),
      groups: groupListParameters,
      events: eventListParameters,
      none: () => [],
    }[docs.list ?? "none"]();
    const parameters = [...pathParameters(route), ...requestHeaders(route), ...query, ...queryParameters(route)];
    const body = docs.body;
    const operation: OperationObject = {
      operationId: route.name,
      tags: [docs.tag],
      summary: docs.summary,
      description: describe(registry, route),
      ...(parameters.length > 0 ? { parameters } : {}),
      security: securityOf(route, access),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                // RFC 7396: a PATCH may say it is a JSON merge patch, which is what it is
                (route.method === "PATCH" ? [JSON_TYPE, MERGE_PATCH_TYPE] : [JSON_TYPE]).map((type) => [
                  type,
                  {
                    schema: { $ref: SCHEMA_REF(body.schema) },
                    examples: body.examples ?? schemaExamples(registry, body.schema).examples ?? {},
                  },
                ]),
              ),
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
  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: "Sites & Groups API",
      version: "1.0.0",
      summary: "Energy sites (French, Italian, more countries later) and the groups that organise them.",
      contact: { name: "Sites & Groups maintainers" },
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      description: `${access.mode === "open" ? OPEN_STAGE : accessText(routes)}

JSON everywhere (\`application/json\`); errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`. Field names are snake_case. Unknown body fields are refused (400), never silently dropped.

Business rules hold under concurrency and every write is atomic: it happens whole or not at all.
${OPEN_BEHAVIOUR}`,
    },
    servers: options.servers ?? [
      {
        url: ".",
        description: "This stage of the API, relative to this document: local (pnpm dev), dev or prod",
        "x-internal": false,
      },
    ],
    tags: [
      { name: "Sites", description: "Energy sites; their fields depend on their country." },
      { name: "Groups", description: "Groups of sites and of other groups (`group1`, `group2`, `group3`)." },
      {
        name: "Events",
        description:
          "What changed: one CloudEvents 1.0 event per committed change, for the systems around the registry.",
      },
      { name: "Documentation", description: "This document, its interactive view, and the explorer of the hierarchy." },
    ],
    paths,
    components: {
      schemas: { ...openApiSchemas(registry), FirewallProblem: FIREWALL_PROBLEM },
      ...(access.mode === "cognito" ? { securitySchemes: securitySchemes(access.tokenUrl) } : {}),
    },
  };
  boundScalars(document.paths);
  boundScalars(document.components);
  return document;
}
