import { buildOpenApiDocument, type DocumentAccess } from "@sites-groups/openapi";
import { accessSettings } from "#commons/environment";
import { http } from "#commons/http";
import { routes } from "../routes.ts";
import { getOpenApiDocument } from "./routes.ts";

let body: string | undefined;

/** GET /openapi.json: the document, built on the first request and kept for the container's life. */
export const handler = http(getOpenApiDocument, async () => {
  if (body === undefined) {
    const { mode, tokenUrl } = accessSettings();
    const access: DocumentAccess = mode === "open" ? { mode } : { mode, tokenUrl: tokenUrl ?? "/oauth2/token" };
    body = JSON.stringify(buildOpenApiDocument(routes, { access }));
  }
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body,
  };
});
