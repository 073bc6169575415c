/**
 * The API at a URL (the test gateway of ./api.ts, or a `pnpm dev` child process) as the HTTP
 * suites drive it: the typed client (./client.ts) and the raw escape hatch, every response checked
 * against the OpenAPI document (./contract.ts).
 */
import { type Reply, type TypedApi, typedApi } from "./client.ts";
import { contract } from "./contract.ts";

export interface HttpApi extends TypedApi {
  url: string;
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
 * The API at `url` (a test gateway, or a `pnpm dev` child process), driven through the typed
 * client (./client.ts) and the raw escape hatch. Every response is checked against the OpenAPI
 * document (tests/support/contract.ts): one that the document does not describe fails the test.
 */
export function httpApi(url: string): HttpApi {
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
  return { url, raw, ...typed };
}
