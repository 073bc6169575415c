import { type Group, representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";

// POST with an Idempotency-Key: once per caller and key, the answer committed with the group
// (commons/idempotency.ts)
export const handler = http(
  once({
    create: (body, recorded) => services().groups.create(body, recorded),
    answer: (group: Group) => withETag(created(`/groups/${group.id}`, representGroup(group)), group.version),
  }),
);
