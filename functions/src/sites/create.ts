import { representSite, type Site } from "@sites-groups/core";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, http } from "#commons/http";
import { once } from "#commons/idempotency";
import { createSite } from "./routes.ts";

const answerOf = (site: Site) => withETag(created(`/sites/${site.id}`, representSite(site)), site.version);

// its record is `idempotent`: http() runs it once per caller and key through `once`, which only
// this bundle carries, and the answer is committed with the site (commons/idempotency.ts)
export const handler = http(
  createSite,
  async ({ body, record }) => answerOf(await services().sites.create(body, record(answerOf))),
  { once },
);
