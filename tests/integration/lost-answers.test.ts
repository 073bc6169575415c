/**
 * A write whose answer is lost on the way back (API.md "Unknown outcomes"). Between the handlers
 * and DynamoDB Local sits a TCP proxy that can swallow the answer to one request: the write is
 * applied, the SDK's 2 s request timeout passes, and the SDK sends it again. A transaction's
 * resend carries the same ClientRequestToken, so DynamoDB answers it with success; a single
 * conditional write's resend fails its own condition, since the item is no longer as it was —
 * which must be answered as the unknown outcome it is, never as a refusal or a 500.
 */
import { randomUUID } from "node:crypto";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import { createGateway } from "@sites-groups/local/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../support/client.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { italianSite } from "../support/fixtures.ts";
import { type HttpApi, httpApi } from "../support/http.ts";

/** The next request whose text this accepts has its answer swallowed. */
let swallow: ((request: string) => boolean) | undefined;
const sockets = new Set<Socket>();
let db: TestDatabase;
let api: HttpApi;

const proxy = createServer((client) => {
  const target = new URL(db.endpoint);
  const upstream = connect(Number(target.port), target.hostname);
  let dropping = false;
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => {
      sockets.delete(socket);
      client.destroy();
      upstream.destroy();
    });
  }
  client.on("data", (chunk: Buffer) => {
    if (swallow?.(chunk.toString("latin1"))) {
      swallow = undefined;
      dropping = true;
    }
    upstream.write(chunk);
  });
  upstream.on("data", (chunk: Buffer) => {
    if (!dropping) client.write(chunk);
  });
});
const gateway = createGateway({ routes });

beforeAll(async () => {
  db = await createTestDatabase();
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  process.env.TABLE_NAME = db.table;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  api = httpApi(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}`);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

/** A request through the handlers; an answer the test asked to swallow must have been swallowed by then. */
async function send(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const reply = (await api.raw(method, path, body, headers)) as Reply<any>;
  expect(swallow, "an answer was to be swallowed").toBeUndefined();
  return reply;
}

/** A request of this DynamoDB operation; with `record`, one that writes a key's record, or one that does not. */
const operation = (name: string, record?: boolean) => (request: string) =>
  request.includes(`DynamoDB_20120810.${name}`) &&
  (record === undefined || request.includes("idempotency#") === record);

const named = async (name: string) =>
  (await db.scanAll()).filter((item) => item.__edb_e__ === "site" && item.name === name);

describe("a write whose answer is lost, resent by the SDK", () => {
  it("a PATCH (one conditional write): 503 unknown, and it had landed", async () => {
    const site = await db.context.sites.create(italianSite());
    swallow = operation("PutItem", false);
    const lost = await send("PATCH", `/sites/${site.id}`, { name: "Landed" }, { "if-match": `"${site.version}"` });
    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({ code: "SERVICE_UNAVAILABLE", outcome: "unknown" });
    expect(lost.body.detail).toContain("read the resource, then repeat with If-Match");
    expect((await db.context.sites.get(site.id)).name).toBe("Landed");
    const again = await send("PATCH", `/sites/${site.id}`, { name: "Landed" }, { "if-match": `"${site.version}"` });
    expect(again.status).toBe(412);
  });

  it("a POST without a key (one conditional write): 503 unknown, saying a retry may create a second one", async () => {
    const name = `Unkeyed ${randomUUID()}`;
    swallow = operation("PutItem", false);
    const lost = await send("POST", "/sites", italianSite({ name }));
    expect(lost.status).toBe(503);
    expect(lost.body.outcome).toBe("unknown");
    expect(lost.body.detail).toContain("a retry may create a second one");
    expect(await named(name)).toHaveLength(1);
  });

  it("a POST with a key: its transaction's resend is answered by its token, 201 once", async () => {
    const name = `Keyed ${randomUUID()}`;
    const body = italianSite({ name });
    const headers = { "idempotency-key": randomUUID() };
    swallow = operation("TransactWriteItems");
    const created = await send("POST", "/sites", body, headers);
    expect(created.status).toBe(201);
    expect(created.headers.get("idempotent-replayed")).toBeNull();
    const again = await send("POST", "/sites", body, headers);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(created.body.id);
    expect(await named(name)).toHaveLength(1);
  });

  it("a POST with a key whose record's claim is resent: the claim is its own, 201 once", async () => {
    const name = `Claimed ${randomUUID()}`;
    swallow = operation("PutItem", true);
    const created = await send("POST", "/sites", italianSite({ name }), { "idempotency-key": randomUUID() });
    expect(created.status).toBe(201);
    expect(await named(name)).toHaveLength(1);
  });

  it("a link (a transaction): its resend is answered by its token, 204", async () => {
    const group = await db.context.groups.create({ name: "Linked", type: "group1" });
    const site = await db.context.sites.create(italianSite());
    swallow = operation("TransactWriteItems");
    expect((await send("PUT", `/groups/${group.id}/sites/${site.id}`)).status).toBe(204);
    expect((await db.context.groups.get(group.id)).site_ids).toEqual([site.id]);
  });
});
