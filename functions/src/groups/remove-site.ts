import { services } from "#commons/context";
import { http, noContent } from "#commons/http";

export const handler = http(async (request) => {
  await services().groups.removeSite(request.id("id"), request.id("site_id"));
  return noContent();
});
