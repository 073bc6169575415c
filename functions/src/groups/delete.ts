import { services } from "#commons/context";
import { http, noContent } from "#commons/http";
import { deleteGroup } from "./routes.ts";

export const handler = http(deleteGroup, async (request) => {
  await services().groups.remove(request.id("id"), request.ifMatch());
  return noContent();
});
