/**
 * Writes tests/support/api-schema.ts, the TypeScript types of the document the API serves
 * (openapi-typescript), which the typed test client (./client.ts, openapi-fetch) is built on.
 * Run `pnpm client:generate` after changing the document; tests/docs/api-schema.test.ts fails
 * while the committed file is stale.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { servedDocument } from "./openapi-document.ts";

export const SCHEMA_FILE = fileURLToPath(new URL("./api-schema.ts", import.meta.url));
export const REGENERATE = "pnpm client:generate";

const HEADER = `// Generated from the served OpenAPI document by \`${REGENERATE}\` (tests/support/generate-client.ts).
// Do not edit: regenerate.
// biome-ignore-all format: generated
// biome-ignore-all lint: generated
`;

/** The file's text, as the document stands now. */
export async function schemaSource(): Promise<string> {
  const ast = await openapiTS(servedDocument() as unknown as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}

export async function committedSchemaSource(): Promise<string> {
  return readFile(SCHEMA_FILE, "utf8");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(SCHEMA_FILE, await schemaSource());
  console.log(`wrote ${SCHEMA_FILE}`);
}
