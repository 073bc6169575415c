/**
 * The table both benches read (cold-start.ts, warm-path.ts) and the requests they make of it:
 * API Gateway proxy events that every route answers from the table on every run.
 */

import { createServices, tableDefinition } from "@sites-groups/core";
import { OAUTH_SCOPES, type RouteDefinition } from "@sites-groups/functions/routes";
import { ensureTable } from "@sites-groups/local/dynamodb-local";
import type { APIGatewayProxyEvent } from "aws-lambda";

/** What the bench puts in the table: the ids the requests name. */
export interface Seeded {
  site: number;
  groups: [number, number];
  /** The site's item key, which the floor reads. */
  siteKey: Record<string, unknown>;
}

/** The items of an ElectroDB answer given `data: "raw"` (DynamoDB's own, which its types do not say). */
function rawItems(data: unknown): Record<string, unknown>[] {
  const items = (data as { Items?: unknown } | undefined)?.Items;
  if (!Array.isArray(items)) throw new Error("ElectroDB's raw scan answered no Items");
  return items;
}

/** Creates the table and what the requests name: a site and two groups. */
export async function seed(endpoint: string, table: string): Promise<Seeded> {
  await ensureTable(endpoint, table, { stream: false });
  const services = createServices({ table, endpoint });
  const site = await services.sites.create(SITE);
  const first = await services.groups.create({ name: "Bench group", type: "group1" });
  const second = await services.groups.create({ name: "Bench child", type: "group2" });
  // the site's item as stored (ElectroDB's raw answer keeps its key attributes)
  const { data } = await services.db.entities.site.scan.go({ data: "raw" });
  const [item] = rawItems(data);
  services.db.client.destroy();
  const { partitionKey, sortKey } = tableDefinition;
  return {
    site: site.id,
    groups: [first.id, second.id],
    siteKey: { [partitionKey]: item![partitionKey], [sortKey]: item![sortKey] },
  };
}

/** An Italian site on a Saturday: created on every run. */
export const SITE = {
  country: "it",
  name: "Bench site",
  installation_date: "2024-05-04",
  max_power_megawatt: 3,
  min_power_megawatt: 0.5,
  efficiency: 0.8,
};
/** A request body that the route accepts on every run, by its schema; other bodies are `{}`. */
const BODIES: Record<string, unknown> = {
  SiteCreate: SITE,
  GroupCreate: { name: "Bench group", type: "group1" },
  SiteBatch: { items: [SITE] },
  SitePatch: { name: "Bench site" },
  GroupPatch: { name: "Bench group" },
};
/** No such item: the deletes answer the same 404 on every run, after reading. */
const MISSING = 999_999;

/**
 * A request each route answers from the table on every run: a read of the seeded items, a
 * create, a rename, a link made again (204 each time), a delete of a missing item (404).
 */
export function requestOf(route: RouteDefinition, seeded: Seeded): APIGatewayProxyEvent {
  const [parent, child] = seeded.groups;
  const ids: Record<string, number | string> =
    route.method === "DELETE"
      ? { id: MISSING, site_id: MISSING, child_id: MISSING }
      : { id: route.path.startsWith("/sites") ? seeded.site : parent, site_id: seeded.site, child_id: child };
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const parameters = Object.fromEntries(names.map((name) => [name, String(ids[name] ?? "swagger-ui.css")]));
  const body = route.docs.body ? JSON.stringify(BODIES[route.docs.body.schema] ?? {}) : null;
  const requestPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => parameters[name]!);
  return {
    resource: route.path,
    path: requestPath,
    httpMethod: route.method,
    headers: { "content-type": "application/json" },
    multiValueHeaders: { "content-type": ["application/json"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: names.length > 0 ? parameters : null,
    stageVariables: null,
    requestContext: {
      accountId: "000000000000",
      apiId: "bench",
      protocol: "HTTP/1.1",
      identity: { sourceIp: "127.0.0.1" } as APIGatewayProxyEvent["requestContext"]["identity"],
      requestTimeEpoch: Date.now(),
      resourceId: route.name,
      resourcePath: route.path,
      requestId: "probe-request",
      stage: "prod",
      httpMethod: route.method,
      path: `/prod${requestPath}`,
      // as the stage's Cognito authorizer passes a token's claims
      authorizer: { claims: { scope: Object.values(OAUTH_SCOPES).join(" "), client_id: "bench", sub: "bench" } },
    },
    body,
    isBase64Encoded: false,
  };
}
