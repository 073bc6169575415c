/**
 * A keyed `POST /sites/batch` while DynamoDB stops answering (API.md "Many at once", "Unknown
 * outcomes"). This file starts its own DynamoDB Local and freezes it — SIGSTOP to that child
 * alone, for a bounded time, always resumed — once the batch's items are in flight, through the
 * local API Gateway and the real handler (the functions' 10 s deadline). The client does what the
 * contract says: it sends the same batch with the same key again until no item is left to retry.
 * Then every item exists exactly once, every item's 503 whose site in fact committed said
 * `unknown` (its key's record names the request that committed it), the last answer holds every
 * item's 201, and every site made exactly one event.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { frenchSite, italianSite } from "../support/fixtures.ts";
import { type FreezableApi, startFreezableApi } from "../support/freezable.ts";
import { processorOf, startTestRunner, storedEvents } from "../support/processed-events.ts";

/**
 * Past the batch's deadline and its reserve (10 s less 1.5 s, and 1 s of it to settle a key), so
 * that the items in flight time out and cannot even learn their fate: `unknown`.
 */
const FREEZE_MS = 10_000;
const GIVE_UP_MS = 40_000;

let api: TestApi;
let freezeOnWrite: FreezableApi["freezeOnWrite"];
beforeAll(async () => {
  ({ api, freezeOnWrite } = await startFreezableApi());
}, 120_000);

type Result = { index: number; status: number; site?: any; problem?: any };

/** An item the client sends again: its outcome is open, or its key was held by a request still running. */
const open = (result: Result) =>
  result.status >= 500 || (result.status === 409 && result.problem?.code === "IDEMPOTENCY_KEY_IN_USE");

describe("a keyed batch while DynamoDB is frozen mid-batch", () => {
  const run = randomUUID().slice(0, 8);
  const items = Array.from({ length: 40 }, (_, i) =>
    i % 2 ? frenchSite({ name: `bf ${run} ${i}` }) : italianSite({ name: `bf ${run} ${i}` }),
  );
  const key = randomUUID();
  const answers: Result[][] = [];

  it("the same batch sent again with its key creates every item exactly once", async () => {
    const send = async () => {
      const reply = (await api.raw("POST", "/sites/batch", { items }, { "idempotency-key": key })) as Reply<any>;
      // the batch itself always answers; the faults are its items'
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      answers.push(reply.body.results);
      return reply.body.results as Result[];
    };
    const [first] = await Promise.all([send(), freezeOnWrite(5, FREEZE_MS)]);
    const start = Date.now();
    let last = first;
    while (last.some(open)) {
      if (Date.now() - start > GIVE_UP_MS) throw new Error(`still open: ${JSON.stringify(last.filter(open))}`);
      await sleep(500);
      last = await send();
    }
    expect(last.map((r) => r.status)).toEqual(items.map(() => 201));
    const unavailable = answers.flat().filter((r) => r.status === 503);
    console.log(
      `batch frozen ${FREEZE_MS} ms: ${answers.length} sends, ${unavailable.length} item 503s (${unavailable.filter((r) => r.problem.outcome === "unknown").length} unknown)`,
    );
    expect(unavailable.length).toBeGreaterThan(0);

    const table = await api.db.scanAll();
    const sites = table.filter((i) => i.__edb_e__ === "site" && String(i.name).startsWith(`bf ${run} `));
    expect(sites.map((s) => s.name).sort()).toEqual(items.map((item) => item.name).sort());
    expect(last.map((r) => r.site.id).sort()).toEqual(sites.map((s) => s.id).sort());

    // an item's 503 from the request that committed its site said so: `unknown`, never `not_applied`
    const records = table.filter((i) => String(i.pk).startsWith("idempotency#") && i.status === "COMPLETED");
    const committedBy = new Map(
      records.map((r: any) => [JSON.parse(String(r.answer.body)).name as string, String(r.request_id)]),
    );
    for (const results of answers) {
      for (const result of results.filter((r) => r.status >= 500)) {
        expect(["not_applied", "unknown"]).toContain(result.problem.outcome);
        const name = items[result.index]?.name as string;
        if (committedBy.get(name) === result.problem.request_id) {
          expect(result.problem.outcome, JSON.stringify(result.problem)).toBe("unknown");
        }
        if (result.problem.outcome === "unknown") {
          expect(result.problem.detail).toContain("retry with the same Idempotency-Key");
        }
      }
    }
  }, 120_000);

  it("every site made exactly one event", async () => {
    const runner = await startTestRunner(api.db, processorOf(api.db).handler);
    await runner.caughtUp();
    const made = (await storedEvents(api.db)).map(({ event }) => `${event.type} ${event.subject}`);
    const last = answers.at(-1) ?? [];
    expect(made.sort()).toEqual(last.map((r) => `site.created sites/${r.site.id}`).sort());
  }, 60_000);
});
