import { createServices, type Services } from "@sites-groups/core";

let context: Services | undefined;

/**
 * The domain services, created on first use and kept for the container's life (one client, one
 * connection pool). `TABLE_NAME` names the table; `DYNAMODB_ENDPOINT` points at DynamoDB Local
 * or LocalStack instead of AWS.
 */
export function services(): Services {
  if (!context) {
    const table = process.env.TABLE_NAME;
    if (!table) throw new Error("TABLE_NAME is not set");
    context = createServices({ table, endpoint: process.env.DYNAMODB_ENDPOINT || undefined });
  }
  return context;
}
