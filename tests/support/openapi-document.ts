/**
 * The OpenAPI document the API serves: the generator (packages/openapi) over the API's routes, as
 * GET /openapi.json builds it. The one place the tests build it: repoint it here when it moves.
 */
import { routes } from "@sites-groups/functions/routes";
import { buildOpenApiDocument, type DocumentOptions, type OpenApiDocument } from "@sites-groups/openapi";

export const servedDocument = (options?: DocumentOptions): OpenApiDocument => buildOpenApiDocument(routes, options);
