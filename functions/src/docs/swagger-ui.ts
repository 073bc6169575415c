/**
 * Swagger UI's files, read from the `swagger-ui-dist` package once per container: no CDN, so
 * `/docs` works without internet access. Deployed, the docs functions need the package beside
 * their bundle (NodejsFunction `bundling.nodeModules: ["swagger-ui-dist"]`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The files `/docs/{asset}` serves, and their media types. */
export const SWAGGER_ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-init.js": "text/javascript; charset=utf-8",
};

/**
 * Starts Swagger UI over the document the page names (`data-spec`, relative to the page): a file
 * of its own rather than an inline script, so that the page's Content-Security-Policy can allow
 * only the API's own scripts.
 */
const INIT_SCRIPT = `"use strict";
(function () {
  var spec = document.currentScript.getAttribute("data-spec");
  window.ui = SwaggerUIBundle({
    url: new URL(spec, window.location.href).href,
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
})();
`;

const require = createRequire(import.meta.url);
const cache = new Map<string, string>();

export function swaggerUiVersion(): string {
  return (require("swagger-ui-dist/package.json") as { version: string }).version;
}

/** The file's text, or undefined when it is not one of SWAGGER_ASSETS. */
export function swaggerAsset(name: string): string | undefined {
  if (!Object.hasOwn(SWAGGER_ASSETS, name)) return undefined;
  if (name === "swagger-init.js") return INIT_SCRIPT;
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(require.resolve(`swagger-ui-dist/${name}`), "utf8");
    cache.set(name, text);
  }
  return text;
}
