import { http } from "#commons/http";
import { buildOpenApiDocument } from "./document.ts";

let body: string | undefined;

/** GET /openapi.json: the document, built on the first request and kept for the container's life. */
export const handler = http(async () => {
  body ??= JSON.stringify(buildOpenApiDocument());
  return {
    statusCode: 200,
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
    body,
  };
});
