import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { ifMatch, withETag } from "#commons/etag";
import { http, ok } from "#commons/http";

export const handler = http(async (request) => {
  const group = await services().groups.update(request.id("id"), request.body, ifMatch(request.event));
  return withETag(ok(representGroup(group)), group.version);
});
