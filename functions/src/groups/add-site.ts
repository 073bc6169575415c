import { services } from "#commons/context";
import { http, noContent } from "#commons/http";
import { addSiteToGroup } from "./routes.ts";

export const handler = http(addSiteToGroup, async (request) => {
  await services().groups.addSite(request.id("id"), request.id("site_id"));
  return noContent();
});
