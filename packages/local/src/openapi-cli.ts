/**
 * `pnpm openapi`: writes the OpenAPI document to a file, for client generators.
 *
 *   pnpm openapi [--out dist/openapi.json] [--server URL]...
 *
 * The file names the servers given (default: pnpm dev's http://localhost:3000); the document
 * served at /openapi.json names its own location instead.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { routes } from "@sites-groups/functions/routes";
import { buildOpenApiDocument } from "@sites-groups/openapi";
import { invocationDirectory } from "./config.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "dist/openapi.json" },
    server: { type: "string", multiple: true },
  },
});
const servers = (values.server ?? []).map((url) => ({ url }));
const document = buildOpenApiDocument(routes, {
  servers: servers.length > 0 ? servers : [{ url: "http://localhost:3000", description: "pnpm dev" }],
});
// pnpm runs scripts from the workspace root; INIT_CWD is where the command was typed
const out = resolve(invocationDirectory(), values.out as string);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods)).length;
console.log(
  `OpenAPI ${document.openapi}: ${operations} operations, ${Object.keys(document.components.schemas).length} schemas → ${out}`,
);
