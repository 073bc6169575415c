import type { AddressInfo } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import type { LocalIssuer } from "@sites-groups/local/auth";
import { createGateway } from "@sites-groups/local/gateway";
import { afterAll } from "vitest";
import { contract } from "./contract.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApi {
  url: string;
  db: TestDatabase;
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
}

/**
 * The API over HTTP, as `pnpm dev` serves it: the API Gateway emulator calling the deployed
 * handler modules, on this file's own table. Every response is checked against the OpenAPI
 * document (tests/support/contract.ts): one that the document does not describe fails the test.
 */
export async function startTestApi(options: { auth?: LocalIssuer } = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  // The handlers read these once, on first use, in this file's module graph.
  process.env.TABLE_NAME = db.table;
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  const server = createGateway({ routes, ...(options.auth ? { auth: options.auth } : {}) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      init.headers = { "content-type": "application/json", ...headers };
    }
    const response = await fetch(url + path, init);
    const text = await response.text();
    const json = /\bjson\b/.test(response.headers.get("content-type") ?? "");
    const parsed = text ? (json ? JSON.parse(text) : text) : undefined;
    contract().check({ method, path, status: response.status, headers: response.headers, body: parsed });
    return { status: response.status, headers: response.headers, body: parsed };
  }
  return {
    url,
    db,
    request,
    get: (path, headers) => request("GET", path, undefined, headers),
    post: (path, body, headers) => request("POST", path, body, headers),
    patch: (path, body, headers) => request("PATCH", path, body, headers),
    put: (path, body) => request("PUT", path, body),
    delete: (path, headers) => request("DELETE", path, undefined, headers),
  };
}
