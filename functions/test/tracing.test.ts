/**
 * X-Ray tracing as prod runs it (commons/tracing.ts): the Tracer is loaded on the first invocation
 * that X-Ray samples, not at init, and from then on the invocation's subsegment and each DynamoDB
 * call's reach the X-Ray daemon (here a UDP socket of the test standing in for it). The handler,
 * the middleware stack, the services and the table are the real ones; the environment is the one
 * Lambda gives a function with active tracing.
 */
import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/database.ts";
import { lambdaContext, proxyEvent } from "./event.ts";

interface Sent {
  name: string;
  trace_id: string;
  annotations?: Record<string, unknown>;
  aws?: { operation?: string; table_name?: string };
}

let daemon: Socket;
const sent: Sent[] = [];

beforeAll(async () => {
  const db = await createTestDatabase();
  daemon = createSocket("udp4");
  // each datagram: X-Ray's JSON header line, then one segment or subsegment
  daemon.on("message", (message) => sent.push(JSON.parse(message.toString("utf8").split("\n")[1]!) as Sent));
  await new Promise<void>((resolve) => daemon.bind(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    TABLE_NAME: db.table,
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: "eu-west-3",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    // what Lambda sets for a function with active tracing
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    LAMBDA_TASK_ROOT: import.meta.dirname,
    _HANDLER: "index.handler",
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
    AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
  });
});
afterAll(() => daemon?.close());

/** Lambda sets the invocation's trace header in the environment before it calls the handler. */
function invoke(traceId: string, sampled: boolean) {
  process.env._X_AMZN_TRACE_ID = `Root=${traceId};Parent=0123456789abcdef;Sampled=${sampled ? 1 : 0}`;
  return import("../src/sites/get.ts").then(({ handler }) =>
    handler(proxyEvent("GET", "/sites/{id}", { path: "/sites/404", pathParameters: { id: "404" } }), lambdaContext),
  );
}

async function sentFor(traceId: string, count: number): Promise<Sent[]> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const found = sent.filter((s) => s.trace_id === traceId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return sent.filter((s) => s.trace_id === traceId);
}

describe("X-Ray tracing", () => {
  const unsampled = "1-67890abc-00000000000000000000000a";
  const sampled = "1-67890abc-00000000000000000000000b";

  it("loads nothing and sends nothing for an invocation X-Ray does not sample", async () => {
    const { services } = await import("../src/commons/context.ts");
    expect((await invoke(unsampled, false)).statusCode).toBe(404);
    const stack = services().db.client.middlewareStack.identify();
    expect(stack.some((name) => name.startsWith("XRaySDKInstrumentation"))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent.filter((s) => s.trace_id === unsampled)).toEqual([]);
  });

  it("sends a sampled invocation's subsegment and its DynamoDB call's, on a client made before", async () => {
    const { services } = await import("../src/commons/context.ts");
    expect((await invoke(sampled, true)).statusCode).toBe(404);
    const stack = services().db.client.middlewareStack.identify();
    expect(stack.some((name) => name.startsWith("XRaySDKInstrumentation"))).toBe(true);
    const found = await sentFor(sampled, 2);
    const call = found.find((s) => s.name === "DynamoDB");
    expect(call?.aws).toMatchObject({ operation: "GetItem", table_name: process.env.TABLE_NAME });
    // the container's first invocation was the unsampled one: this is no cold start
    const invocation = found.find((s) => s.name === "## index.handler");
    expect(invocation?.annotations).toMatchObject({ ColdStart: false, Service: expect.any(String) });
  });
});
