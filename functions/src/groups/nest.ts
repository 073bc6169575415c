import { services } from "#commons/context";
import { http, noContent } from "#commons/http";
import { nestGroup } from "./routes.ts";

export const handler = http(nestGroup, async (request) => {
  await services().groups.addChild(request.id("id"), request.id("child_id"));
  return noContent();
});
