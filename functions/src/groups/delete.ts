import { services } from "#commons/context";
import { ifMatch } from "#commons/etag";
import { http, noContent } from "#commons/http";

export const handler = http(async (request) => {
  await services().groups.remove(request.id("id"), ifMatch(request.event));
  return noContent();
});
