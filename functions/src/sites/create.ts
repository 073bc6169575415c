import { http } from "#commons/http";
import { once } from "#commons/idempotency";
import { createSiteAnswer } from "./creation.ts";
import { createSite } from "./routes.ts";

// its record is `idempotent`: http() runs it once per caller and key through `once`, which only
// this bundle carries, and the answer is committed with the site (commons/idempotency.ts)
export const handler = http(createSite, ({ body, record }) => createSiteAnswer(body, record), { once });
