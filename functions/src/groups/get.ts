import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { notModified, withETag } from "#commons/etag";
import { http, ok } from "#commons/http";

export const handler = http(async (request) => {
  const group = await services().groups.get(request.id("id"));
  return notModified(request.event, group.version) ?? withETag(ok(representGroup(group)), group.version);
});
