import { notFound } from "@sites-groups/core";
import { http } from "#commons/http";
import { getDocsAsset } from "./routes.ts";
import { SWAGGER_ASSETS, swaggerAsset } from "./swagger-ui.ts";

/** GET /docs/{asset}: a Swagger UI file from the swagger-ui-dist package (see ui.ts). */
export const handler = http(getDocsAsset, async ({ event }) => {
  const name = event.pathParameters?.asset ?? "";
  const text = swaggerAsset(name);
  if (text === undefined) throw notFound(`asset ${name}`);
  return {
    statusCode: 200,
    headers: { "content-type": SWAGGER_ASSETS[name] as string },
    body: text,
  };
});
