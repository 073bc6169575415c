import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { notFound } from "@sites-groups/core";
import { http } from "#commons/http";
import { explorerFile, getExplorerAsset } from "./routes.ts";

/** The explorer's own files (functions/src/explorer/assets), by name, and their media types. */
export const EXPLORER_ASSETS: Readonly<Record<string, string>> = {
  "explorer.js": "text/javascript; charset=utf-8",
  "explorer.css": "text/css; charset=utf-8",
};

const require = createRequire(import.meta.url);
const cache = new Map<string, string>();

/** GET /explorer/{asset}: one of the explorer's files, read once per container. */
export const handler = http(getExplorerAsset, async ({ event }) => {
  const name = event.pathParameters?.asset ?? "";
  if (!Object.hasOwn(EXPLORER_ASSETS, name)) throw notFound(`asset ${name}`);
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(require.resolve(explorerFile(name)), "utf8");
    cache.set(name, text);
  }
  return { statusCode: 200, headers: { "content-type": EXPLORER_ASSETS[name] as string }, body: text };
});
