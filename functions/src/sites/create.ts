import { representSite, type Site } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";

// POST with an Idempotency-Key: once per caller and key, the answer committed with the site
// (commons/idempotency.ts)
export const handler = http(
  once({
    create: (body, recorded) => services().sites.create(body, recorded),
    answer: (site: Site) => withETag(created(`/sites/${site.id}`, representSite(site)), site.version),
  }),
);
