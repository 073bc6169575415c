import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";

export const handler = http(async ({ body }) => {
  const site = await services().sites.create(body);
  return withETag(created(`/sites/${site.id}`, representSite(site)), site.version);
});
