import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { http, ok } from "#commons/http";
import { getGroup } from "./routes.ts";

export const handler = http(getGroup, async (request) => {
  const group = await services().groups.get(request.id("id"));
  return withETag(ok(representGroup(group)), group.version);
});
