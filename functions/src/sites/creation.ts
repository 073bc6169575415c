/**
 * `POST /sites`'s own code, between the request and the service: what `create.ts` runs for one
 * body and `create-batch.ts` for each item of a batch, so that both are the same create.
 */
import { representSite, type Site } from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";
import { services } from "#commons/context";
import { withETag } from "#commons/etag";
import { created, type Request } from "#commons/http";

const answerOf = (site: Site) => withETag(created(`/sites/${site.id}`, representSite(site)), site.version);

/**
 * Creates the site of `body`: its 201 answer (`Location`, the site, its `ETag`). With a key held
 * (`record`, commons/idempotency.ts), the answer is committed with the site.
 */
export async function createSiteAnswer(body: unknown, record: Request["record"]): Promise<APIGatewayProxyResult> {
  return answerOf(await services().sites.create(body, record(answerOf)));
}
