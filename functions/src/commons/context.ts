import { type Context, createContext, createDocumentClient } from "@sites-groups/core";
import { tracer } from "./tracing.ts";

let context: Context | undefined;

/**
 * The domain services, created on first use and kept for the container's life (one client, one
 * connection pool). `TABLE_NAME` names the table; `DYNAMODB_ENDPOINT` points at DynamoDB Local
 * or LocalStack instead of AWS.
 */
export function services(): Context {
  if (!context) {
    const table = process.env.TABLE_NAME;
    if (!table) throw new Error("TABLE_NAME is not set");
    const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined });
    context = createContext({ table, client: tracer.captureAWSv3Client(client) });
  }
  return context;
}
