/**
 * The documentation routes, as plain data beside their handlers (each wraps its own record:
 * `http(record, …)`, commons/http.ts); they touch no table. The fields are the route record's
 * (packages/openapi/src/route.ts); functions/src/routes.ts lists every aggregate's.
 */
import type { RouteDefinition } from "@sites-groups/openapi/route";

const SWAGGER_UI = "swagger-ui-dist/package.json";

export const getOpenApiDocument = {
  method: "GET",
  path: "/openapi.json",
  name: "GetOpenApiDocument",
  handler: "docs/openapi",
  scope: "public",
  docs: {
    tag: "Documentation",
    summary: "This OpenAPI 3.1 document",
    description: "Generated from the route manifest and the zod schemas that validate requests; cached for 5 minutes.",
    success: {
      status: 200,
      description: "The document.",
      schema: {
        type: "object",
        required: ["openapi", "info", "paths"],
        properties: { openapi: { type: "string" }, info: { type: "object" }, paths: { type: "object" } },
      },
    },
    errors: [],
  },
} as const satisfies RouteDefinition;

export const getDocs = {
  method: "GET",
  path: "/docs",
  name: "GetDocs",
  handler: "docs/ui",
  scope: "public",
  files: [SWAGGER_UI],
  docs: {
    tag: "Documentation",
    summary: "Interactive documentation (Swagger UI)",
    description: "Works without internet access: its assets are served by this API (`/docs/{asset}`).",
    success: { status: 200, description: "An HTML page.", media: ["text/html"] },
    errors: [],
  },
} as const satisfies RouteDefinition;

export const getDocsAsset = {
  method: "GET",
  path: "/docs/{asset}",
  name: "GetDocsAsset",
  handler: "docs/asset",
  scope: "public",
  // the page asks for each file with its Swagger UI version, so that a new version is fetched anew
  query: ["v"],
  files: [SWAGGER_UI, "swagger-ui-dist/swagger-ui.css", "swagger-ui-dist/swagger-ui-bundle.js"],
  docs: {
    tag: "Documentation",
    summary: "A Swagger UI asset",
    description:
      "A file the documentation page loads: Swagger UI's own (from the `swagger-ui-dist` package) and the script that starts it.",
    success: { status: 200, description: "The file.", media: ["text/css", "text/javascript"] },
    errors: ["NOT_FOUND"],
  },
} as const satisfies RouteDefinition;

export const docsRoutes = [getOpenApiDocument, getDocs, getDocsAsset] as const;
