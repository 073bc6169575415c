import { services } from "#commons/context";
import { http, noContent } from "#commons/http";
import { unnestGroup } from "./routes.ts";

export const handler = http(unnestGroup, async (request) => {
  await services().groups.removeChild(request.id("id"), request.id("child_id"));
  return noContent();
});
