/**
 * Concurrent DELETEs of one item (API.md "Unknown outcomes"): exactly one answers 204, the one
 * whose conditional write removed the item; the others 404 without an If-Match and 412 with one,
 * since an If-Match never matches an item that is gone or being deleted — also during a long
 * (tombstone) delete, and for a PATCH. Over HTTP through the local API Gateway; the items are
 * made, and a long delete left half-way, through the services on the same table.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { fixedItalianSite, saturdays } from "../support/fixtures.ts";
import { expectConsistent } from "../support/invariants.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  api.raw(method, path, body, headers) as Promise<Reply<any>>;

const saturday = saturdays("2032-01-03", 300);
let made = 0;
const site = (group_ids: number[] = []) =>
  api.db.context.sites.create(fixedItalianSite({ name: `Race ${++made}`, installation_date: saturday(), group_ids }));

/** A group holding `count` sites: past 49 links its delete is a tombstone job. */
async function groupWithSites(count: number) {
  const group = await api.db.context.groups.create({ name: `Racing ${++made}`, type: "group1" });
  for (let i = 0; i < count; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, count - i) }, () => site([group.id])));
  }
  return api.db.context.groups.get(group.id);
}

/** `n` DELETEs of one path at once, with the same headers: their statuses, sorted. */
async function race(n: number, path: string, headers?: Record<string, string>) {
  const answers = await Promise.all(Array.from({ length: n }, () => send("DELETE", path, undefined, headers)));
  for (const answer of answers.filter((a) => a.status !== 204)) {
    expect(answer.body.code).toBe(answer.status === 412 ? "PRECONDITION_FAILED" : "NOT_FOUND");
  }
  return answers.map((a) => a.status).sort();
}

const ones = (n: number, status: number) => Array.from({ length: n }, () => status);

describe("concurrent DELETEs of one item", () => {
  it("a short delete: one 204, the others 404 without If-Match", async () => {
    const group = await api.db.context.groups.create({ name: "Short", type: "group1" });
    const member = await site([group.id]);
    expect(await race(8, `/sites/${member.id}`)).toEqual([204, ...ones(7, 404)]);
    expect(await race(6, `/groups/${group.id}`)).toEqual([204, ...ones(5, 404)]);
    await expectConsistent(api.db);
  });

  it("a short delete: one 204, the others 412 with the current If-Match", async () => {
    const member = await site();
    expect(await race(8, `/sites/${member.id}`, { "if-match": `"${member.version}"` })).toEqual([204, ...ones(7, 412)]);
    const group = await api.db.context.groups.create({ name: "Short, matched", type: "group2" });
    expect(await race(6, `/groups/${group.id}`, { "if-match": "*" })).toEqual([204, ...ones(5, 412)]);
  });

  it("a long delete: one 204, the others 404 without If-Match", async () => {
    const group = await groupWithSites(60);
    expect(await race(4, `/groups/${group.id}`)).toEqual([204, 404, 404, 404]);
    expect((await send("GET", `/groups/${group.id}`)).status).toBe(404);
    await expectConsistent(api.db);
  }, 60_000);

  it("a long delete: one 204, the others 412 with the current If-Match", async () => {
    const group = await groupWithSites(60);
    expect(await race(4, `/groups/${group.id}`, { "if-match": `"${group.version}"` })).toEqual([204, 412, 412, 412]);
    await expectConsistent(api.db);
  }, 60_000);
});

describe("an If-Match on an item being deleted", () => {
  it("is a 412 for a stale, the last or any tag, for DELETE and PATCH; without one the DELETE finishes the job", async () => {
    const group = await groupWithSites(60);
    const before = group.version;
    // the tombstone is written, then the first chunk of links fails: the delete is under way
    api.db.failRequest("TransactWriteItems");
    await expect(api.db.context.groups.remove(group.id)).rejects.toThrow(/injected fault/);
    const tombstone = (await api.db.scanAll()).find((i) => i.pk === `group#${String(group.id).padStart(16, "0")}`);
    expect(tombstone?.deleting).toBe(true);
    for (const tag of [`"${before}"`, `"${tombstone?.version}"`, "*"]) {
      const deleted = await send("DELETE", `/groups/${group.id}`, undefined, { "if-match": tag });
      expect(deleted.status, `DELETE If-Match: ${tag}`).toBe(412);
      const patched = await send("PATCH", `/groups/${group.id}`, { name: "Never" }, { "if-match": tag });
      expect(patched.status, `PATCH If-Match: ${tag}`).toBe(412);
    }
    expect((await send("PATCH", `/groups/${group.id}`, { name: "Never" })).status).toBe(404);
    expect((await send("DELETE", `/groups/${group.id}`)).status).toBe(204);
    expect((await send("DELETE", `/groups/${group.id}`)).status).toBe(404);
    await expectConsistent(api.db);
  }, 60_000);
});
