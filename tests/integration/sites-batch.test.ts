/**
 * `POST /sites/batch` (API.md "Many at once") over HTTP, through the local API Gateway and the
 * real handler, on this file's own table: mixed batches answered item by item exactly as
 * `POST /sites` answers each body, French days claimed twice in one batch and across two
 * concurrent batches, the envelope's 400s and the route's own 256 KiB cap, idempotent retries
 * (also of the same items in other batches under one key), and, at the end, exactly the events of
 * the created items (the stream processor over the table's stream).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { aGroup, fixedItalianSite, frenchSite, freshDay, freshWeekday, italianSite } from "../support/fixtures.ts";
import { processorOf, startTestRunner, storedEvents } from "../support/processed-events.ts";

let api: TestApi;
let group: number;
let group3: number;
beforeAll(async () => {
  api = await startTestApi({ stream: true });
  group = ((await api.raw("POST", "/groups", aGroup({ name: "Batch group" }))) as Reply<any>).body.id;
  group3 = ((await api.raw("POST", "/groups", aGroup({ name: "Batch group3", type: "group3" }))) as Reply<any>).body.id;
});

type Result = { index: number; status: number; site?: any; etag?: string; problem?: any };
type Answer = { status: number; body: { results: Result[]; created: number; failed: number }; replayed: number[] };

async function batch(items: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const reply = (await api.raw("POST", "/sites/batch", { items }, headers)) as Reply<any>;
  const replayed = reply.headers.get("idempotent-replayed-items");
  return { status: reply.status, body: reply.body, replayed: replayed ? replayed.split(",").map(Number) : [] };
}

/** What `POST /sites` answers for the body, but its request id. */
async function singleProblem(body: unknown) {
  const reply = (await api.raw("POST", "/sites", body)) as Reply<any>;
  const { request_id: _, ...problem } = reply.body;
  return { status: reply.status, problem };
}

const withoutRequestId = ({ request_id: _, ...problem }: Record<string, unknown>) => problem;

async function sites() {
  return (await api.db.scanAll()).filter((item) => item.__edb_e__ === "site");
}

/** Every site the file created, by id, with the groups it joined: the events they must make. */
const created = new Map<number, number[]>();
function remember(answer: Answer) {
  for (const result of answer.body.results) {
    if (result.status === 201) created.set(result.site.id, result.site.group_ids);
  }
}

describe("POST /sites/batch", () => {
  it("answers a mixed batch item by item, in order, as POST /sites answers each body", async () => {
    const day = freshDay();
    const items = [
      frenchSite({ installation_date: day, name: "First of the day", group_ids: [group] }),
      italianSite({ name: "Weekend" }),
      frenchSite({ installation_date: "2023-02-29" }),
      frenchSite({ installation_date: day, name: "Second of the day" }),
      fixedItalianSite({ installation_date: freshWeekday(), name: "Weekday" }),
      italianSite({ group_ids: [987654] }),
      frenchSite({ group_ids: [group3] }),
      frenchSite({ installation_date: day, name: "Third of the day" }),
      frenchSite({ name: "Last" }),
    ];
    const before = (await sites()).length;
    const answer = await batch(items);
    remember(answer);
    expect(answer.status).toBe(200);
    const { results } = answer.body;
    expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
    expect(results.map((r) => r.status)).toEqual([201, 201, 400, 409, 422, 422, 422, 409, 201]);
    expect(answer.body).toMatchObject({ created: 3, failed: 6 });
    expect((await sites()).length).toBe(before + 3);
    expect(answer.replayed).toEqual([]);

    for (const result of results.filter((r) => r.status === 201)) {
      const read = (await api.raw("GET", `/sites/${result.site.id}`)) as Reply<any>;
      expect(result.site).toEqual(read.body);
      expect(result.etag).toBe(read.headers.get("etag"));
    }
    expect(results[0]?.site.group_ids).toEqual([group]);
    const holder = results[0]?.site.id;
    for (const i of [3, 7]) {
      expect(results[i]?.problem.code).toBe("FRENCH_SITE_DAY_TAKEN");
      expect(results[i]?.problem.detail).toContain(`site ${holder}`);
    }
    expect(results.map((r) => r.problem?.code)).toEqual([
      undefined,
      undefined,
      "VALIDATION_FAILED",
      "FRENCH_SITE_DAY_TAKEN",
      "ITALIAN_SITE_NOT_ON_WEEKEND",
      "UNKNOWN_REFERENCE",
      "GROUP3_CANNOT_HOLD_SITES",
      "FRENCH_SITE_DAY_TAKEN",
      undefined,
    ]);
    // every problem is the batch's request's, and exactly what POST /sites answers for its body
    const ids = new Set(results.flatMap((r) => (r.problem ? [r.problem.request_id] : [])));
    expect(ids.size).toBe(1);
    expect(typeof [...ids][0]).toBe("string");
    for (const i of [2, 3, 4, 5, 6, 7]) {
      const single = await singleProblem(items[i]);
      expect({ status: results[i]?.status, problem: withoutRequestId(results[i]?.problem) }).toEqual(single);
    }
  });

  it("a malformed envelope is a 400 that writes nothing", async () => {
    const before = (await sites()).length;
    const bodies: unknown[] = [
      [frenchSite()],
      "items",
      null,
      {},
      { items: [] },
      { items: Array.from({ length: 101 }, () => italianSite()) },
      { items: [frenchSite()], dry_run: true },
      { items: frenchSite() },
    ];
    for (const body of bodies) {
      const reply = (await api.raw("POST", "/sites/batch", body === null ? "null" : body)) as Reply<any>;
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(reply.body.code).toBe("VALIDATION_FAILED");
    }
    expect((await sites()).length).toBe(before);
  });

  it("takes up to 256 KiB, where POST /sites takes 64 KiB", async () => {
    const padded = (body: unknown, bytes: number) => {
      const text = JSON.stringify(body);
      return `${text}${" ".repeat(bytes - Buffer.byteLength(text))}`;
    };
    const site = frenchSite({ name: "Padded" });
    expect(((await api.raw("POST", "/sites", padded(site, 100 * 1024))) as Reply<any>).status).toBe(413);
    const accepted = (await api.raw("POST", "/sites/batch", padded({ items: [site] }, 256 * 1024))) as Reply<any>;
    expect(accepted.status).toBe(200);
    expect(accepted.body.created).toBe(1);
    created.set(accepted.body.results[0].site.id, []);
    const refused = (await api.raw("POST", "/sites/batch", padded({ items: [site] }, 256 * 1024 + 1))) as Reply<any>;
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect(refused.body.detail).toContain("262144 bytes");
  });

  it("of two concurrent batches claiming one French day, exactly one item is created", async () => {
    const day = freshDay();
    const one = [italianSite(), frenchSite({ installation_date: day, name: "Batch A" }), frenchSite()];
    const two = [frenchSite(), italianSite(), frenchSite({ installation_date: day, name: "Batch B" })];
    const [a, b] = await Promise.all([batch(one), batch(two)]);
    remember(a);
    remember(b);
    const claims = [a.body.results[1], b.body.results[2]] as Result[];
    expect(claims.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(claims.find((r) => r.status === 409)?.problem.code).toBe("FRENCH_SITE_DAY_TAKEN");
    expect(a.body.created + b.body.created).toBe(5);
    expect((await sites()).filter((s) => s.installation_date === day)).toHaveLength(1);
  });

  it("100 items, many French days and Italian sites, all created, in order", async () => {
    const items = Array.from({ length: 100 }, (_, i) =>
      i % 2 ? frenchSite({ name: `Bulk ${i}` }) : italianSite({ name: `Bulk ${i}` }),
    );
    const answer = await batch(items);
    remember(answer);
    expect(answer.body).toMatchObject({ created: 100, failed: 0 });
    expect(answer.body.results.map((r) => r.site.name)).toEqual(items.map((item) => item.name));
  });

  describe("with an Idempotency-Key", () => {
    it("a retry replays every created item, runs the others again and creates nothing twice", async () => {
      const key = randomUUID();
      const a = frenchSite({ name: "Keyed A" });
      const b = italianSite({ name: "Keyed B" });
      const bad = frenchSite({ name: "Keyed C", min_power_megawatt: 50, max_power_megawatt: 5 });
      const items = [a, b, bad, a];
      const first = await batch(items, { "idempotency-key": key });
      remember(first);
      expect(first.body.results.map((r) => r.status)).toEqual([201, 201, 400, 201]);
      // an identical item of the same batch runs after the first and replays it: one site
      expect(first.body.results[3]?.site).toEqual(first.body.results[0]?.site);
      expect(first.replayed).toEqual([3]);
      expect(first.body).toMatchObject({ created: 3, failed: 1 });
      const count = (await sites()).length;

      const again = await batch(items, { "idempotency-key": key });
      expect(again.body.results).toEqual(first.body.results.map((r) => (r.problem ? again.body.results[r.index] : r)));
      expect(again.body.results[2]?.status).toBe(400);
      expect(again.replayed).toEqual([0, 1, 3]);
      expect((await sites()).length).toBe(count);

      // the corrected item, in another batch of other items under the same key: only it is new
      const fixed = { ...bad, min_power_megawatt: 1 };
      const other = await batch([fixed, b, italianSite({ name: "Keyed D" })], { "idempotency-key": key });
      remember(other);
      expect(other.body.results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(other.replayed).toEqual([1]);
      expect(other.body.results[1]).toEqual({ ...first.body.results[1], index: 1 });
      expect((await sites()).length).toBe(count + 2);
    });

    it("without a key, identical items are separate creates, as separate POSTs would be", async () => {
      const site = italianSite({ name: "Unkeyed twin" });
      const answer = await batch([site, site]);
      remember(answer);
      expect(answer.body.results.map((r) => r.status)).toEqual([201, 201]);
      expect(answer.body.results[0]?.site.id).not.toBe(answer.body.results[1]?.site.id);
      expect(answer.replayed).toEqual([]);
    });
  });

  it("made exactly the events of the created items", async () => {
    const runner = await startTestRunner(api.db, processorOf(api.db).handler);
    await runner.caughtUp();
    const events = (await storedEvents(api.db)).map(({ event }) => event);
    const siteCreated = events.filter((e) => e.type === "site.created").map((e) => e.subject);
    expect(siteCreated.sort()).toEqual([...created.keys()].map((id) => `sites/${id}`).sort());
    const joined = events.filter((e) => e.type === "group.site_added").map((e) => e.data);
    const expected = [...created].flatMap(([site, groups]) => groups.map((g) => ({ group_id: g, site_id: site })));
    expect(joined).toEqual(expected);
    expect(events.filter((e) => !["site.created", "group.site_added", "group.created"].includes(e.type))).toEqual([]);
  }, 60_000);
});
