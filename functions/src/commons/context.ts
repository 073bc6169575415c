import { createDocumentClient, createServices, type Services } from "@sites-groups/core";
import { secretReader } from "./cursor-secret.ts";
import { cursorSecretArn, eventSettings, tableSettings } from "./environment.ts";
import { traceCalls } from "./tracing.ts";

let context: Services | undefined;

/**
 * The domain services, created on first use and kept for the container's life (one client, one
 * connection pool), on the table environment.ts names.
 */
export function services(): Services {
  if (!context) {
    const { table, endpoint } = tableSettings();
    if (!table) throw new Error("TABLE_NAME is not set");
    const client = createDocumentClient({ endpoint });
    const arn = cursorSecretArn();
    const { settleMs } = eventSettings();
    context = createServices({
      table,
      ...(settleMs === undefined ? {} : { eventSettleMs: settleMs }),
      client: traceCalls(client),
      ...(arn ? { cursorSecret: secretReader(arn) } : {}),
    });
  }
  return context;
}
