/**
 * The explorer's routes (API.md "The hierarchy", `GET /explorer`), as plain data beside their
 * handlers; they touch no table: the page's script reads everything from the API's own routes.
 */
import type { RouteDefinition } from "@sites-groups/openapi/route";

/** Where the explorer's files are: in the package locally, beside the bundle in Lambda (`files`). */
export const explorerFile = (name: string) => `@sites-groups/functions/explorer-assets/${name}`;

export const getExplorer = {
  method: "GET",
  path: "/explorer",
  name: "GetExplorer",
  handler: "explorer/page",
  scope: "public",
  docs: {
    tag: "Documentation",
    summary: "The explorer: the hierarchy, for people",
    description:
      "A page that shows the root groups as an expandable tree, each group with its totals (sites below and capacity by country), and the sites below a selected group in a paged table, with a field for a bearer token where the stage needs one. Works offline (its own files only, `/explorer/{asset}`), under the same Content-Security-Policy as `/docs`; everything it shows comes from this API's answers.",
    success: { status: 200, description: "An HTML page.", media: ["text/html"] },
    errors: [],
  },
} as const satisfies RouteDefinition;

export const getExplorerAsset = {
  method: "GET",
  path: "/explorer/{asset}",
  name: "GetExplorerAsset",
  handler: "explorer/asset",
  scope: "public",
  files: [explorerFile("explorer.js"), explorerFile("explorer.css")],
  docs: {
    tag: "Documentation",
    summary: "A file of the explorer",
    description: "The explorer's script and style sheet (`explorer.js`, `explorer.css`).",
    success: { status: 200, description: "The file.", media: ["text/css", "text/javascript"] },
    errors: ["NOT_FOUND"],
  },
} as const satisfies RouteDefinition;

export const explorerRoutes = [getExplorer, getExplorerAsset] as const;
