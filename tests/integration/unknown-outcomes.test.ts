/**
 * Unknown outcomes under real faults (API.md "Unknown outcomes: a lost answer never duplicates a
 * write"). This file starts its own DynamoDB Local and freezes it — SIGSTOP to that child
 * process alone, for a bounded time, always resumed — while keyed POSTs, conditional PATCHes and
 * plain POSTs are in flight through the local API Gateway and the real handlers (a Lambda
 * context with the functions' real 10 s deadline). Every client does what the contract tells it
 * to: it repeats a keyed POST that did not succeed with the same key and body, and a PATCH with
 * the same If-Match, until it succeeds or is refused for good. Then:
 * - nothing exists twice, and every answer is accounted for;
 * - every 503 (or 500) whose write had in fact committed said `"unknown"`, and none that said
 *   `"not_applied"` had: a keyed POST's committed record names the request that committed it, a
 *   PATCH's stored name the try that landed (each try renames to its own name), a plain POST's
 *   name whether it exists;
 * - every committed write made exactly one event (the stream processor run over the table's
 *   stream afterwards).
 * The same with the client dropping the connection once its request is sent. Each phase prints
 * its figures: writes sent, 503s, landed-but-503, duplicates.
 */
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { frenchSite, italianSite } from "../support/fixtures.ts";
import { type FreezableApi, startFreezableApi } from "../support/freezable.ts";
import { processorOf, startTestRunner, storedEvents } from "../support/processed-events.ts";

/** Longer than the SDK's three 2 s tries, so that writes in flight time out; well inside a test. */
const FREEZE_MS = 7_000;
/** A freeze that only keeps the dropped requests in flight (shorter than a try, so no try times out). */
const SHORT_FREEZE_MS = 1_000;
/** How long a client keeps retrying before the test gives up on it (leases end within 10 s). */
const GIVE_UP_MS = 40_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let api: TestApi;
let freezeOnWrite: FreezableApi["freezeOnWrite"];
beforeAll(async () => {
  ({ api, freezeOnWrite } = await startFreezableApi());
}, 120_000);

/** One answer (status 0: the client dropped the connection and saw none). */
interface Answer {
  method: string;
  /** Sent with an Idempotency-Key. */
  keyed: boolean;
  status: number;
  body: any;
  replayed: boolean;
}

/** Every answer of the file, and the problems among them by request id. */
const answers: Answer[] = [];
const problems = new Map<string, Answer>();

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const reply = (await api.raw(method, path, body, headers)) as Reply<any>;
  const answer: Answer = {
    method,
    keyed: "idempotency-key" in headers,
    status: reply.status,
    body: reply.body,
    replayed: reply.headers.get("idempotent-replayed") === "true",
  };
  answers.push(answer);
  if (reply.status >= 500) problems.set(String(reply.body.request_id), answer);
  return answer;
}

/** A request whose connection the client drops once it is sent (after 0–50 ms more). */
function dropped(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const url = new URL(api.url);
  return new Promise((resolve) => {
    const sent = request({
      host: url.hostname,
      port: url.port,
      path,
      method,
      headers: { "content-type": "application/json", ...headers },
    });
    sent.on("error", () => undefined);
    sent.end(JSON.stringify(body), () => {
      setTimeout(() => {
        sent.destroy();
        const answer: Answer = {
          method,
          keyed: "idempotency-key" in headers,
          status: 0,
          body: undefined,
          replayed: false,
        };
        answers.push(answer);
        resolve(answer);
      }, Math.random() * 50);
    });
  });
}

/** What a client tries again: no answer, a key still in use, a fault, an unavailable database. */
const tryAgain = (answer: Answer) =>
  answer.status === 0 ||
  answer.status >= 500 ||
  (answer.status === 409 && answer.body?.code === "IDEMPOTENCY_KEY_IN_USE");

/** Tries until the answer is a success or a refusal for good. */
async function untilSettled(attempt: (n: number) => Promise<Answer>): Promise<Answer[]> {
  const tries: Answer[] = [];
  const start = Date.now();
  for (let n = 0; ; n++) {
    const answer = await attempt(n);
    tries.push(answer);
    if (!tryAgain(answer)) return tries;
    if (Date.now() - start > GIVE_UP_MS) throw new Error(`still ${answer.status}: ${JSON.stringify(answer.body)}`);
    // a key in use says when to come back (Retry-After: 1); anything else is tried again soon
    await sleep(answer.status === 409 ? 1_000 : 200 + Math.random() * 300);
  }
}

interface Creation {
  path: "/sites" | "/groups";
  name: string;
  tries: Answer[];
}

const bodyOf = (path: Creation["path"], name: string, n: number) => {
  if (path === "/groups") return { name, type: "group1" };
  return n % 2 === 0 ? italianSite({ name }) : frenchSite({ name });
};

/** A POST with its own key, repeated with that key and body; the first try dropped if asked. */
async function keyedCreate(path: Creation["path"], name: string, n: number, drop = false): Promise<Creation> {
  const body = bodyOf(path, name, n);
  const headers = { "idempotency-key": randomUUID() };
  const tries = await untilSettled((i) =>
    i === 0 && drop ? dropped("POST", path, body, headers) : send("POST", path, body, headers),
  );
  return { path, name, tries };
}

interface Rename {
  path: string;
  base: string;
  tries: { name: string; answer: Answer }[];
}

/** A PATCH on the version created, each try renaming to its own name (the one stored says which landed). */
async function rename(creation: Creation, drop = false): Promise<Rename> {
  const created = creation.tries.at(-1) as Answer;
  const path = `${creation.path}/${created.body.id}`;
  const etag = `"${created.body.version ?? 1}"`;
  const tries: Rename["tries"] = [];
  await untilSettled(async (i) => {
    const name = `${creation.name} p${i}`;
    const answer =
      i === 0 && drop
        ? await dropped("PATCH", path, { name }, { "if-match": etag })
        : await send("PATCH", path, { name }, { "if-match": etag });
    tries.push({ name, answer });
    return answer;
  });
  return { path, base: creation.name, tries };
}

interface Plain {
  name: string;
  answer: Answer;
}

/** A POST without a key, sent once (repeating it could create a second one). */
async function plainCreate(name: string, n: number): Promise<Plain> {
  return { name, answer: await send("POST", "/sites", bodyOf("/sites", name, n)) };
}

type Item = Record<string, any>;

/** The sites and groups of the table, and the completed key records. */
async function table() {
  const items = await api.db.scanAll();
  return {
    resources: items.filter((i) => i.__edb_e__ === "site" || i.__edb_e__ === "group") as Item[],
    records: items.filter((i) => String(i.pk).startsWith("idempotency#") && i.status === "COMPLETED") as Item[],
  };
}

/** The items whose name is `base` or one of its renames. */
const named = (resources: Item[], base: string) =>
  resources.filter((i) => i.name === base || String(i.name).startsWith(`${base} p`));

/** Every committed resource of the run (`sites/12`), with the events it must have made. */
const expectedEvents = new Map<string, string[]>();

const subjectOf = (item: Item) => `${item.__edb_e__}s/${item.id}`;

/** What the detail of an `unknown` problem tells the client to do, by its kind of request. */
const ADVICE: Record<string, string> = {
  PATCH: "read the resource, then repeat with If-Match",
  "POST keyed": "retry with the same Idempotency-Key",
  POST: "a retry may create a second one",
};

function expectHonestProblems(phase: Answer[]) {
  for (const answer of phase.filter((a) => a.status >= 500)) {
    expect(["not_applied", "unknown"], JSON.stringify(answer.body)).toContain(answer.body.outcome);
    if (answer.body.outcome !== "unknown") continue;
    expect(answer.body.detail).toContain(
      ADVICE[answer.method === "PATCH" ? "PATCH" : `POST${answer.keyed ? " keyed" : ""}`],
    );
  }
}

/** A try that landed answered a success, nothing (a dropped connection), or an `unknown` problem. */
function expectLandedHonestly(answer: Answer) {
  if (answer.status >= 500) expect(answer.body.outcome, JSON.stringify(answer.body)).toBe("unknown");
  else expect([0, 200, 201]).toContain(answer.status);
}

interface Figures {
  /** HTTP writes sent. */
  writes: number;
  /** 503 answers, and those that said `unknown`. */
  unavailable: number;
  unknown: number;
  /** 503 answers whose write had in fact committed. */
  landedBut503: number;
  /** Names that exist twice. */
  duplicates: number;
}

/**
 * Checks a phase and returns its figures. Keyed creates: exactly one item each, every success
 * naming it, and the request that committed its record answered a success or an `unknown`
 * problem. Renames: the try that landed (its name is stored) likewise; any other try did not
 * succeed, and the last is a 200 or, once a try landed, a 412. Plain creates: one that exists
 * answered 201 or `unknown`; one that does not never answered 201.
 */
async function check(phase: Answer[], creations: Creation[], renames: Rename[], plain: Plain[]): Promise<Figures> {
  const { resources, records } = await table();
  const figures: Figures = { writes: phase.length, unavailable: 0, unknown: 0, landedBut503: 0, duplicates: 0 };
  const landed = (answer: Answer) => {
    expectLandedHonestly(answer);
    if (answer.status === 503) figures.landedBut503++;
  };
  expectHonestProblems(phase);
  for (const creation of creations) {
    const last = creation.tries.at(-1) as Answer;
    expect(last.status, JSON.stringify(last.body)).toBe(201);
    const items = named(resources, creation.name);
    if (items.length > 1) figures.duplicates++;
    expect(items, creation.name).toHaveLength(1);
    for (const success of creation.tries.filter((t) => t.status === 201)) expect(success.body.id).toBe(items[0]?.id);
    expectedEvents.set(subjectOf(items[0] as Item), [`${items[0]?.__edb_e__}.created`]);
  }
  for (const record of records) {
    const problem = problems.get(String(record.request_id));
    if (problem && phase.includes(problem)) landed(problem);
  }
  for (const { base, tries } of renames) {
    const [item] = named(resources, base) as [Item];
    const stored = tries.find((t) => t.name === item.name);
    for (const { answer } of tries) {
      if (answer === stored?.answer) landed(answer);
      else expect(answer.status, JSON.stringify(answer.body)).not.toBe(200);
    }
    const last = tries.at(-1)?.answer as Answer;
    expect(last.status === 200 || (last.status === 412 && stored !== undefined), JSON.stringify(last.body)).toBe(true);
    if (stored) expectedEvents.get(subjectOf(item))?.push(`${item.__edb_e__}.updated`);
  }
  for (const { name, answer } of plain) {
    const items = named(resources, name);
    if (items.length > 1) figures.duplicates++;
    expect(items.length).toBeLessThanOrEqual(1);
    if (items.length === 0) {
      expect(answer.status).not.toBe(201);
      continue;
    }
    landed(answer);
    expectedEvents.set(subjectOf(items[0] as Item), ["site.created"]);
  }
  const unavailable = phase.filter((a) => a.status === 503);
  figures.unavailable = unavailable.length;
  figures.unknown = unavailable.filter((a) => a.body.outcome === "unknown").length;
  return figures;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const run = randomUUID().slice(0, 8);

describe("a lost answer never duplicates a write", () => {
  it("with DynamoDB frozen while keyed creates, conditional renames and plain creates are in flight", async () => {
    const before = await Promise.all(
      range(8).map((i) => keyedCreate(i % 2 ? "/groups" : "/sites", `fi ${run} pre ${i}`, i)),
    );
    const start = answers.length;
    // a burst, in flight when the engine freezes, then more sent while it is frozen
    const freeze = freezeOnWrite(3, FREEZE_MS);
    const staggered = <T>(i: number, work: () => Promise<T>) => sleep(i < 8 ? 0 : (i - 8) * 500).then(work);
    const [creations, renames, plain] = await Promise.all([
      Promise.all(
        range(16).map((i) => staggered(i, () => keyedCreate(i % 2 ? "/groups" : "/sites", `fi ${run} create ${i}`, i))),
      ),
      Promise.all(before.map((creation) => rename(creation))),
      Promise.all(range(6).map((i) => plainCreate(`fi ${run} plain ${i}`, i))),
      freeze,
    ]);
    const phase = answers.slice(start);
    const figures = await check(phase, [...before, ...creations], renames, plain);
    console.log(`frozen ${FREEZE_MS} ms: ${JSON.stringify(figures)}`);
    expect(figures.duplicates).toBe(0);
  }, 120_000);

  it("with the client dropping the connection once its request is sent", async () => {
    const before = await Promise.all(
      range(4).map((i) => keyedCreate(i % 2 ? "/groups" : "/sites", `fi ${run} drop-pre ${i}`, i)),
    );
    const start = answers.length;
    const freeze = freezeOnWrite(1, SHORT_FREEZE_MS);
    const [creations, renames] = await Promise.all([
      Promise.all(range(8).map((i) => keyedCreate(i % 2 ? "/groups" : "/sites", `fi ${run} drop ${i}`, i, true))),
      Promise.all(before.map((creation) => rename(creation, true))),
      freeze,
    ]);
    const phase = answers.slice(start);
    const figures = await check(phase, [...before, ...creations], renames, []);
    console.log(`dropped connections: ${JSON.stringify(figures)}`);
    expect(figures.duplicates).toBe(0);
  }, 90_000);

  it("every committed write made exactly one event, and nothing else made one", async () => {
    const runner = await startTestRunner(api.db, processorOf(api.db).handler);
    await runner.caughtUp();
    const made = new Map<string, string[]>();
    for (const { event } of await storedEvents(api.db)) {
      made.set(String(event.subject), [...(made.get(String(event.subject)) ?? []), event.type]);
    }
    expect(Object.fromEntries(made)).toEqual(Object.fromEntries(expectedEvents));
  }, 60_000);
});
