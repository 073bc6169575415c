import { http } from "#commons/http";
import { swaggerUiVersion } from "./swagger-ui.ts";

/**
 * GET /docs: Swagger UI over /openapi.json. Every URL in the page is relative, so it works under
 * an API Gateway stage (`/prod/docs`) as well as locally (`/docs`), with or without a final slash.
 */
export function docsPage(path: string, version: string): string {
  const [assets, spec] = path.endsWith("/") ? ["./", "../openapi.json"] : ["./docs/", "./openapi.json"];
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sites &amp; Groups API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assets}swagger-ui.css?v=${v}">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${assets}swagger-ui-bundle.js?v=${v}"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: new URL(${JSON.stringify(spec)}, window.location.href).href,
      dom_id: "#swagger-ui",
      deepLinking: true,
      docExpansion: "list",
      defaultModelsExpandDepth: 0,
      displayRequestDuration: true,
      showExtensions: true,
      validatorUrl: null,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
  </script>
</body>
</html>
`;
}

let version: string | undefined;

export const handler = http(async ({ event }) => {
  version ??= swaggerUiVersion();
  return {
    statusCode: 200,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
    body: docsPage(event.path ?? "/docs", version),
  };
});
