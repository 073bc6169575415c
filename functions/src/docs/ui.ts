import { accessSettings } from "#commons/environment";
import { http } from "#commons/http";
import { getDocs } from "./routes.ts";
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
  <script src="${assets}swagger-init.js?v=${v}" data-spec="${spec}"></script>
</body>
</html>
`;
}

let version: string | undefined;

/**
 * The page may run only the API's own scripts and styles (no inline script), talk only to the
 * API and to the user pool's token endpoint (Swagger UI's Authorize button), and be framed by
 * no other page.
 */
export function contentSecurityPolicy(tokenUrl: string | undefined): string {
  const tokenOrigin = tokenUrl && /^https?:/.test(tokenUrl) ? ` ${new URL(tokenUrl).origin}` : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${tokenOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const handler = http(getDocs, async ({ event }) => {
  version ??= swaggerUiVersion();
  return {
    statusCode: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": contentSecurityPolicy(accessSettings().tokenUrl),
      "x-frame-options": "DENY",
    },
    body: docsPage(event.path ?? "/docs", version),
  };
});
