import { http } from "#commons/http";
import { htmlPage, pageAnswer, pageBase } from "#commons/pages";
import { getDocs } from "./routes.ts";
import { swaggerUiVersion } from "./swagger-ui.ts";

/** GET /docs: Swagger UI over /openapi.json (see commons/pages.ts for its relative URLs). */
export function docsPage(path: string, version: string): string {
  const { files, api } = pageBase(path, "docs");
  const v = encodeURIComponent(version);
  return htmlPage(
    "Sites &amp; Groups API",
    `${files}swagger-ui.css?v=${v}`,
    `  <div id="swagger-ui"></div>
  <script src="${files}swagger-ui-bundle.js?v=${v}"></script>
  <script src="${files}swagger-init.js?v=${v}" data-spec="${api}openapi.json"></script>`,
  );
}

let version: string | undefined;

export const handler = http(getDocs, async ({ event }) => {
  version ??= swaggerUiVersion();
  return pageAnswer(docsPage(event.path ?? "/docs", version));
});
