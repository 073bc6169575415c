/**
 * `ETag`, `If-Match` and `If-None-Match` on sites and groups (API.md "Concurrent edits"), over
 * HTTP through the API Gateway emulator on DynamoDB Local; the race as a race.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { italianSite as fixtureSite } from "../support/fixtures.ts";
import { expectStatus } from "../support/replies.ts";

/** A request with headers of its own, through the test API's escape hatch (checked against the document). */
const send = (on: TestApi, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  on.raw(method, path, body, headers) as Promise<Reply<any>>;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

const italianSite = () => fixtureSite({ name: `Tagged ${randomUUID()}` });
const newGroup = () => ({ name: `Tagged ${randomUUID()}`, type: "group1" });

async function created(path: "/sites" | "/groups") {
  const response = await send(api, "POST", path, path === "/sites" ? italianSite() : newGroup());
  const { id } = expectStatus<{ id: number }>(response, 201);
  return { path: `${path}/${id}`, id, etag: response.headers.get("etag") };
}
const etagOf = async (path: string) => (await send(api, "GET", path)).headers.get("etag");

describe.each(["/sites", "/groups"] as const)("%s: ETag", (collection) => {
  it("is a strong tag on POST, GET and PATCH, which changes with the item and not without", async () => {
    const item = await created(collection);
    expect(item.etag).toMatch(/^"[^"]+"$/);
    expect(await etagOf(item.path)).toBe(item.etag);
    const renamed = await send(api, "PATCH", item.path, { name: `Renamed ${randomUUID()}` });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get("etag")).not.toBe(item.etag);
    expect(await etagOf(item.path)).toBe(renamed.headers.get("etag"));
    const unchanged = await send(api, "PATCH", item.path, {});
    expect(unchanged.headers.get("etag")).toBe(renamed.headers.get("etag"));
  });

  it("of 10 simultaneous PATCHes with one If-Match, exactly one wins; the version advances by one", async () => {
    const item = await created(collection);
    const etag = item.etag as string;
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => send(api, "PATCH", item.path, { name: `Racer ${i}` }, { "if-match": etag })),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 412)).toHaveLength(9);
    for (const loser of responses.filter((r) => r.status === 412)) expect(loser.body.code).toBe("PRECONDITION_FAILED");
    const stored = await send(api, "GET", item.path);
    expect(stored.body.name).toBe(winners[0]?.body.name);
    expect(stored.headers.get("etag")).toBe(winners[0]?.headers.get("etag"));
    const entity = collection === "/sites" ? "sites" : "groups";
    expect((await api.db.context[entity].get(item.id)).version).toBe(2);
  });

  it("If-Match: * or a list naming the current tag writes; a stale, weak or foreign tag is a 412 writing nothing", async () => {
    const item = await created(collection);
    const current = item.etag as string;
    const star = await send(api, "PATCH", item.path, { name: `Star ${randomUUID()}` }, { "if-match": "*" });
    expect(star.status).toBe(200);
    const now = star.headers.get("etag") as string;
    const before = await api.db.scanAll();
    for (const stale of [current, `W/${now}`, '"not-ours"', `${current}, "999999"`]) {
      const refused = await send(api, "PATCH", item.path, { name: "Never written" }, { "if-match": stale });
      expect(refused.status, stale).toBe(412);
      expect(refused.body.code).toBe("PRECONDITION_FAILED");
      // a PATCH that would change nothing still honours If-Match
      expect((await send(api, "PATCH", item.path, {}, { "if-match": stale })).status).toBe(412);
    }
    expect(await api.db.scanAll()).toEqual(before);
    const listed = await send(
      api,
      "PATCH",
      item.path,
      { name: `Listed ${randomUUID()}` },
      { "if-match": `"999999", ${now}` },
    );
    expect(listed.status).toBe(200);
  });

  it("a malformed If-Match is a 400 naming the header", async () => {
    const item = await created(collection);
    const response = await send(api, "PATCH", item.path, { name: "x" }, { "if-match": "not a tag" });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: "If-Match", message: expect.any(String) }]);
  });

  it("GET with If-None-Match naming the current tag (or *) is a 304 with no body; else a 200", async () => {
    const item = await created(collection);
    const etag = item.etag as string;
    for (const value of [etag, `W/${etag}`, `"999999", ${etag}`, "*"]) {
      const response = await send(api, "GET", item.path, undefined, { "if-none-match": value });
      expect(response.status, value).toBe(304);
      expect(response.body).toBeUndefined();
      expect(response.headers.get("etag")).toBe(etag);
    }
    const other = await send(api, "GET", item.path, undefined, { "if-none-match": '"999999"' });
    expect(other.status).toBe(200);
    expect(other.body.id).toBe(item.id);
  });

  it("DELETE with a stale If-Match is a 412 and writes nothing; with the current one it deletes", async () => {
    const item = await created(collection);
    const stale = item.etag as string;
    const now = (await send(api, "PATCH", item.path, { name: `Moved on ${randomUUID()}` })).headers.get(
      "etag",
    ) as string;
    const before = await api.db.scanAll();
    const refused = await send(api, "DELETE", item.path, undefined, { "if-match": stale });
    expect(refused.status).toBe(412);
    expect(refused.body.code).toBe("PRECONDITION_FAILED");
    expect(await api.db.scanAll()).toEqual(before);
    expect((await send(api, "DELETE", item.path, undefined, { "if-match": now })).status).toBe(204);
    expect((await send(api, "GET", item.path)).status).toBe(404);
    // an If-Match never matches a gone item, `*` included (RFC 9110 §13.1.1): 412, and 404 without one
    for (const tag of [now, "*"]) {
      for (const method of ["DELETE", "PATCH"]) {
        const gone = await send(api, method, item.path, method === "PATCH" ? { name: "Gone" } : undefined, {
          "if-match": tag,
        });
        expect(gone.status, `${method} If-Match: ${tag}`).toBe(412);
        expect(gone.body.code).toBe("PRECONDITION_FAILED");
      }
    }
    expect((await send(api, "DELETE", item.path)).status).toBe(404);
    expect((await send(api, "PATCH", item.path, { name: "Gone" })).status).toBe(404);
  });
});

describe("links and ETags", () => {
  it("a link or unlink changes both ends' ETags, and a stale If-Match then refuses", async () => {
    const site = await created("/sites");
    const group = await created("/groups");
    const child = await created("/groups");
    const tags = async () => Promise.all([site, group, child].map((item) => etagOf(item.path)));
    let before = await tags();
    expect((await send(api, "PUT", `${group.path}/sites/${site.id}`)).status).toBe(204);
    let after = await tags();
    expect([after[0] !== before[0], after[1] !== before[1], after[2] === before[2]]).toEqual([true, true, true]);
    // a link already there changes nothing, its ETags neither
    expect((await send(api, "PUT", `${group.path}/sites/${site.id}`)).status).toBe(204);
    expect(await tags()).toEqual(after);

    before = after;
    expect((await send(api, "PUT", `${group.path}/groups/${child.id}`)).status).toBe(204);
    after = await tags();
    expect([after[0] === before[0], after[1] !== before[1], after[2] !== before[2]]).toEqual([true, true, true]);

    before = after;
    expect((await send(api, "DELETE", `${group.path}/sites/${site.id}`)).status).toBe(204);
    expect((await send(api, "DELETE", `${group.path}/groups/${child.id}`)).status).toBe(204);
    after = await tags();
    expect(after.every((tag, i) => tag !== before[i])).toBe(true);
    const stale = await send(api, "PATCH", group.path, { name: "Stale" }, { "if-match": before[1] as string });
    expect(stale.status).toBe(412);
  });
});
