import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { http, ok } from "#commons/http";
import { getSite } from "./routes.ts";

export const handler = http(getSite, async (request) => {
  const site = await services().sites.get(request.id("id"));
  return withETag(ok(representSite(site)), site.version);
});
