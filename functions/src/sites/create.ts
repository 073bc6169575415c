import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { created, http } from "#commons/http";

export const handler = http(async ({ body }) => {
  const site = await services().sites.create(body);
  return created(`/sites/${site.id}`, representSite(site));
});
