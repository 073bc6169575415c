import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { http, ok } from "#commons/http";
import { updateGroup } from "./routes.ts";

export const handler = http(updateGroup, async (request) => {
  const group = await services().groups.update(request.id("id"), request.body, request.ifMatch());
  return withETag(ok(representGroup(group)), group.version);
});
