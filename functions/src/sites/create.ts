import { representSite } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";
import { createSite } from "./routes.ts";

// its record is `idempotent`: http() runs it once per caller and key through `once`, which only
// this bundle carries; problems are thrown through it, so only successes are remembered
export const handler = http(
  createSite,
  async ({ body }) => {
    const site = await services().sites.create(body);
    return withETag(created(`/sites/${site.id}`, representSite(site)), site.version);
  },
  { once },
);
