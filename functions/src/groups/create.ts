import { representGroup } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";
import { createGroup } from "./routes.ts";

// its record is `idempotent`: http() runs it once per caller and key through `once`, which only
// this bundle carries; problems are thrown through it, so only successes are remembered
export const handler = http(
  createGroup,
  async ({ body }) => {
    const group = await services().groups.create(body);
    return withETag(created(`/groups/${group.id}`, representGroup(group)), group.version);
  },
  { once },
);
