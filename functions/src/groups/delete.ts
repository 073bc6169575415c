import { services } from "#commons/context";
import { http, noContent } from "#commons/http";

export const handler = http(async (request) => {
  await services().groups.remove(request.id("id"));
  return noContent();
});
