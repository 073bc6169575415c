/**
 * Time limits (API.md): a DynamoDB that accepts connections and never answers must not hold a
 * function until its 10 s timeout nor end in a 500. Every call has a connection and a request
 * timeout and at most 3 tries, and the request's deadline (the invocation's remaining time, less
 * a reserve to answer) stops whatever is still waiting: the answer is a 503 SERVICE_UNAVAILABLE
 * with Retry-After, well inside the function's timeout.
 */
import type { AddressInfo, Server, Socket } from "node:net";
import { createServer } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import { createGateway, loadHandler } from "@sites-groups/local/gateway";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Accepts every connection, reads what comes, and never answers. */
const sockets = new Set<Socket>();
const blackHole: Server = createServer((socket) => {
  sockets.add(socket);
  socket.on("data", () => undefined);
  socket.on("close", () => sockets.delete(socket));
});
const gateway = createGateway({ routes });
let api: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
  process.env.TABLE_NAME = "never-answers";
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  // the handler modules loaded beforehand, as Lambda's init does before an invocation's clock runs
  await Promise.all(routes.filter((route) => "table" in route).map(loadHandler));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => blackHole.close(() => resolve()));
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

/** The function's timeout in every stage (infra/lib/stage.ts). */
const FUNCTION_TIMEOUT_MS = 10_000;

async function timed(request: () => Promise<Response>) {
  const started = Date.now();
  const response = await request();
  return { response, body: (await response.json()) as Record<string, unknown>, elapsed: Date.now() - started };
}

describe("a DynamoDB that never answers", () => {
  it.concurrent.each([
    ["GET", "/groups/1"],
    ["PUT", "/groups/1/groups/2"],
    ["GET", "/sites?limit=5"],
  ])("%s %s: 503 with Retry-After, well before the function's timeout", async (method, path) => {
    const { response, body, elapsed } = await timed(() => fetch(api + path, { method }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    // each only read before its time was spent: nothing was written
    expect(body).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", outcome: "not_applied" });
    expect(elapsed).toBeLessThan(FUNCTION_TIMEOUT_MS - 1_000);
  });

  it("a link PUT, whose one transaction was sent and never answered: 503 unknown, repeat it", async () => {
    const { response, body } = await timed(() => fetch(`${api}/groups/1/sites/2`, { method: "PUT" }));
    expect(response.status).toBe(503);
    expect(body).toMatchObject({ code: "SERVICE_UNAVAILABLE", outcome: "unknown" });
    expect(body.detail).toContain("repeat it");
  });

  it("a POST with a key whose record was never claimed: 503 not_applied (the record is not the change)", async () => {
    const { response, body } = await timed(() =>
      fetch(`${api}/groups`, {
        method: "POST",
        body: JSON.stringify({ name: "Never", type: "group1" }),
        headers: { "content-type": "application/json", "idempotency-key": "never-answered" },
      }),
    );
    expect(response.status).toBe(503);
    expect(body.outcome).toBe("not_applied");
  });

  it("a POST: 503 with Retry-After, never a 500", async () => {
    const { response, body, elapsed } = await timed(() =>
      fetch(`${api}/groups`, {
        method: "POST",
        body: JSON.stringify({ name: "Never", type: "group1" }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(body.code).toBe("SERVICE_UNAVAILABLE");
    // its id was never given out: the change itself was never sent
    expect(body.outcome).toBe("not_applied");
    expect(elapsed).toBeLessThan(FUNCTION_TIMEOUT_MS - 1_000);
  });

  /** A handler called directly, with a Lambda context that has `ms` left. */
  async function invoke(name: string, path: string, pathParameters: Record<string, string>, ms: number) {
    const route = routes.find((r) => r.name === name);
    if (!route) throw new Error(`no ${name} route`);
    const handler = (await loadHandler(route)) as (
      e: APIGatewayProxyEvent,
      c: Context,
    ) => Promise<APIGatewayProxyResult>;
    const end = Date.now() + ms;
    const context = {
      awsRequestId: "deadline-test",
      functionName: name,
      getRemainingTimeInMillis: () => end - Date.now(),
    } as unknown as Context;
    const event = {
      httpMethod: route.method,
      resource: route.path,
      path,
      pathParameters,
      headers: {},
      body: null,
      requestContext: { requestId: "deadline-test" },
    } as unknown as APIGatewayProxyEvent;
    const started = Date.now();
    const result = await handler(event, context);
    return { result, body: JSON.parse(result.body), elapsed: Date.now() - started };
  }

  it("the invocation's remaining time bounds the request: 3 s left answers within 2 s", async () => {
    const { result, body, elapsed } = await invoke(
      "NestGroup",
      "/groups/1/groups/2",
      { id: "1", child_id: "2" },
      3_000,
    );
    expect(result.statusCode).toBe(503);
    expect(result.headers?.["retry-after"]).toBe("1");
    expect(body.outcome).toBe("not_applied");
    expect(elapsed).toBeLessThan(2_000);
  });

  it("a deadline met with a write out: 503 unknown", async () => {
    const { result, body } = await invoke("RemoveSiteFromGroup", "/groups/1/sites/2", { id: "1", site_id: "2" }, 3_000);
    expect(result.statusCode).toBe(503);
    expect(body.outcome).toBe("unknown");
    expect(body.detail).toContain("did not finish within the request's time limit");
  });
});
