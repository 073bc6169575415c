/**
 * Every route of the API, from the records beside their handlers (sites/, groups/, events/,
 * docs/, explorer/: each aggregate's routes.ts), and the stream processor's. The CDK stack builds one
 * function, one IAM role and one API Gateway method per route; the local emulator serves the same
 * handler modules; GET /openapi.json documents them (packages/openapi). Plain data: the CDK app
 * loads this module without loading any handler code. A new route is one record in its
 * aggregate's routes.ts (and its handler); a new aggregate, one more line here.
 */
import { docsRoutes } from "./docs/routes.ts";
import { eventRoutes } from "./events/routes.ts";
import { explorerRoutes } from "./explorer/routes.ts";
import { groupRoutes } from "./groups/routes.ts";
import { siteRoutes } from "./sites/routes.ts";

export {
  acceptedScopes,
  type DynamoAction,
  OAUTH_SCOPES,
  RESOURCE_SERVER,
  type RouteDefinition,
  type Scope,
  type TableAccess,
  WRITE_ACTIONS,
} from "@sites-groups/openapi/route";
export { streamProcessor } from "./events/routes.ts";
export { rollupsProcessor } from "./rollups/routes.ts";

export const routes = [...siteRoutes, ...groupRoutes, ...eventRoutes, ...docsRoutes, ...explorerRoutes] as const;
