import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { ifMatch, withETag } from "#commons/etag";
import { http, ok } from "#commons/http";

export const handler = http(async (request) => {
  const site = await services().sites.update(request.id("id"), request.body, ifMatch(request.event));
  return withETag(ok(representSite(site)), site.version);
});
