import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { notModified, withETag } from "#commons/etag";
import { http, ok } from "#commons/http";

export const handler = http(async (request) => {
  const site = await services().sites.get(request.id("id"));
  return notModified(request.event, site.version) ?? withETag(ok(representSite(site)), site.version);
});
