import type { AddressInfo } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import type { LocalIssuer } from "@sites-groups/local/auth";
import { createGateway } from "@sites-groups/local/gateway";
import { afterAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type HttpApi, httpApi } from "./http.ts";

export interface TestApi extends HttpApi {
  db: TestDatabase;
}

/**
 * The API over HTTP, as `pnpm dev` serves it: the API Gateway emulator calling the deployed
 * handler modules, on this file's own table, driven through `httpApi`.
 */
export async function startTestApi(
  options: { auth?: LocalIssuer; stream?: boolean; endpoint?: string } = {},
): Promise<TestApi> {
  const db = await createTestDatabase({
    stream: options.stream === true,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  // The handlers read these once, on first use, in this file's module graph.
  process.env.TABLE_NAME = db.table;
  // as pnpm dev: one in-process stream processor, so events are listed at once (no settle time)
  process.env.EVENTS_SETTLE_MS = "0";
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  const server = createGateway({ routes, ...(options.auth ? { auth: options.auth } : {}) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { db, ...httpApi(url) };
}
