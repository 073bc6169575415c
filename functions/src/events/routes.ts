/**
 * The event routes, as plain data beside their handlers (one module per operation here, each
 * wrapping its own record: `http(record, …)`, commons/http.ts). The fields are the route record's
 * (packages/openapi/src/route.ts); functions/src/routes.ts lists every aggregate's. The CDK app and
 * the local emulator load this module without loading any handler code.
 */
import type { RouteDefinition, TableAccess } from "@sites-groups/openapi/route";

export const listEvents = {
  method: "GET",
  path: "/events",
  name: "ListEvents",
  handler: "events/list",
  scope: "read",
  // `after=<id>`: GetItem of that event; a page: a Query on all events (gsi1), one subject's
  // (gsi2) or one type's (gsi3) (core events/list.ts)
  table: { actions: ["GetItem"], indexes: ["gsi1", "gsi2", "gsi3"] },
  docs: {
    tag: "Events",
    summary: "List change events",
    description:
      "The change events of the last 30 days, oldest first, in CloudEvents 1.0 JSON: one per committed change " +
      "(see the `Event` schema for each type and its `data`). An event is listed within 2 seconds of its write, " +
      "exactly once: follow the listing with `next_cursor`, or later with `after=<the last event id you handled>`. " +
      "In AWS events are listed once they are 1 second old, so that nothing stored concurrently (one processor " +
      "per stream shard) can appear behind a position already read. Events of one subject keep the order of " +
      "their writes.",
    list: "events",
    success: { status: 200, description: "A page of events.", schema: "EventPage" },
    errors: ["VALIDATION_FAILED", "SERVICE_UNAVAILABLE"],
  },
} as const satisfies RouteDefinition;

export const eventRoutes = [listEvents] as const;

/**
 * The one function that is not a route: the stream processor (./process.ts), which the table's
 * stream invokes (API.md "Events"). It writes only event items (`pk` = `event#…`): the stack
 * grants `PutItem` on those keys alone; tests/infra/permissions.test.ts checks it sends nothing
 * else.
 */
export const streamProcessor = {
  name: "StreamProcessor",
  handler: "events/process",
  table: { actions: ["PutItem"], indexes: [] },
  /** The only partition-key prefix it writes (IAM `dynamodb:LeadingKeys`). */
  writesKeysStartingWith: "event#",
} as const satisfies { name: string; handler: string; table: TableAccess; writesKeysStartingWith: string };
