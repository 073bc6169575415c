import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";

export const handler = http(async ({ body }) => {
  const group = await services().groups.create(body);
  return withETag(created(`/groups/${group.id}`, representGroup(group)), group.version);
});
