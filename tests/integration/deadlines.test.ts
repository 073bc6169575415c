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
    expect(body).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE" });
    expect(elapsed).toBeLessThan(FUNCTION_TIMEOUT_MS - 1_000);
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
    expect(elapsed).toBeLessThan(FUNCTION_TIMEOUT_MS - 1_000);
  });

  it("the invocation's remaining time bounds the request: 3 s left answers within 2 s", async () => {
    const route = routes.find((r) => r.name === "NestGroup");
    if (!route) throw new Error("no NestGroup route");
    const handler = (await loadHandler(route)) as (
      e: APIGatewayProxyEvent,
      c: Context,
    ) => Promise<APIGatewayProxyResult>;
    const end = Date.now() + 3_000;
    const context = {
      awsRequestId: "deadline-test",
      functionName: "NestGroup",
      getRemainingTimeInMillis: () => end - Date.now(),
    } as unknown as Context;
    const event = {
      httpMethod: "PUT",
      resource: route.path,
      path: "/groups/1/groups/2",
      pathParameters: { id: "1", child_id: "2" },
      headers: {},
      body: null,
      requestContext: { requestId: "deadline-test" },
    } as unknown as APIGatewayProxyEvent;
    const started = Date.now();
    const result = await handler(event, context);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.["retry-after"]).toBe("1");
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
