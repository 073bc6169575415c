import { type Group, representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";
import { createGroup } from "./routes.ts";

const answerOf = (group: Group) => withETag(created(`/groups/${group.id}`, representGroup(group)), group.version);

// its record is `idempotent`: http() runs it once per caller and key through `once`, which only
// this bundle carries, and the answer is committed with the group (commons/idempotency.ts)
export const handler = http(
  createGroup,
  async ({ body, record }) => answerOf(await services().groups.create(body, record(answerOf))),
  { once },
);
