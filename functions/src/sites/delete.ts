import { services } from "#commons/context";
import { http, noContent } from "#commons/http";
import { deleteSite } from "./routes.ts";

export const handler = http(deleteSite, async (request) => {
  await services().sites.remove(request.id("id"), request.ifMatch());
  return noContent();
});
