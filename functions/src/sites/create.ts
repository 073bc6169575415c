import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";

// POST with an Idempotency-Key: once per caller and key; problems are thrown through it, so only
// successes are remembered (commons/idempotency.ts)
export const handler = http(
  once(async ({ body }) => {
    const site = await services().sites.create(body);
    return withETag(created(`/sites/${site.id}`, representSite(site)), site.version);
  }),
);
