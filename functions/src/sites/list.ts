import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { http, ok } from "#commons/http";
import { listSites } from "./routes.ts";

export const handler = http(listSites, async ({ query, repeated }) => {
  const page = await services().sites.list(query, repeated);
  return ok({ items: page.items.map(representSite), next_cursor: page.next_cursor });
});
