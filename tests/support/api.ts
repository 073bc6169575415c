import type { AddressInfo } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import type { LocalIssuer } from "@sites-groups/local/auth";
import { createGateway } from "@sites-groups/local/gateway";
import { afterAll } from "vitest";
import { type Reply, type TypedApi, typedApi } from "./client.ts";
import { contract } from "./contract.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export interface TestApi extends TypedApi {
  url: string;
  db: TestDatabase;
  /**
   * The deliberate escape hatch: a request the typed client refuses to write (malformed JSON, a
   * field the document does not have, a value of the wrong type, an id that is not one, an
   * undocumented method or path, a repeated query parameter) or one whose path comes from a
   * response (`Location`), or one with request headers of its own (`Idempotency-Key`, `If-Match`).
   * `body` is sent as is when a string, as JSON otherwise.
   */
  raw(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<unknown>>;
}

/** The body as the suites see it: the parsed JSON, the text of any other body, undefined when empty. */
async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  const json = /\bjson\b/.test(response.headers.get("content-type") ?? "");
  return text ? (json ? JSON.parse(text) : text) : undefined;
}

/**
 * The API over HTTP, as `pnpm dev` serves it: the API Gateway emulator calling the deployed
 * handler modules, on this file's own table, driven through the typed client (./client.ts). Every
 * response is checked against the OpenAPI document (tests/support/contract.ts): one that the
 * document does not describe fails the test.
 */
export async function startTestApi(options: { auth?: LocalIssuer } = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  // The handlers read these once, on first use, in this file's module graph.
  process.env.TABLE_NAME = db.table;
  // as pnpm dev: one in-process stream processor, so events are listed at once (no settle time)
  process.env.EVENTS_SETTLE_MS = "0";
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  const server = createGateway({ routes, ...(options.auth ? { auth: options.auth } : {}) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function check(method: string, path: string, response: Response, body: unknown) {
    contract().check({ method, path, status: response.status, headers: response.headers, body });
  }

  async function raw(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<unknown>> {
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      init.headers = { "content-type": "application/json", ...headers };
    }
    const response = await fetch(url + path, init);
    const parsed = await bodyOf(response);
    check(method, path, response, parsed);
    return { status: response.status, headers: response.headers, body: parsed };
  }

  const typed = typedApi(url, async ({ request, response }) => {
    const { pathname, search } = new URL(request.url);
    check(request.method, pathname + search, response, await bodyOf(response.clone()));
  });
  return { url, db, raw, ...typed };
}
