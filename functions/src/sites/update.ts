import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { http, ok } from "#commons/http";
import { updateSite } from "./routes.ts";

export const handler = http(updateSite, async (request) => {
  const site = await services().sites.update(request.id("id"), request.body, request.ifMatch());
  return withETag(ok(representSite(site)), site.version);
});
