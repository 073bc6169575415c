import { services } from "#commons/context";
import { http, noContent } from "#commons/http";
import { removeSiteFromGroup } from "./routes.ts";

export const handler = http(removeSiteFromGroup, async (request) => {
  await services().groups.removeSite(request.id("id"), request.id("site_id"));
  return noContent();
});
