import { services } from "#commons/context";
import { http, noContent } from "#commons/http";

export const handler = http(async (request) => {
  await services().groups.addChild(request.id("id"), request.id("child_id"));
  return noContent();
});
