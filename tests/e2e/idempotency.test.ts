/**
 * `Idempotency-Key` on POST /sites and POST /groups (API.md "Safe retries"), over HTTP through
 * the API Gateway emulator on DynamoDB Local, with the races as races: many requests in flight.
 */
import { randomUUID } from "node:crypto";
import { services } from "@sites-groups/functions/commons/context";
import { createLocalIssuer, type LocalIssuer } from "@sites-groups/local/auth";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { italianSite as fixtureSite, freshWeekday } from "../support/fixtures.ts";

/** A request with headers of its own, through the test API's escape hatch (checked against the document). */
const send = (on: TestApi, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  on.raw(method, path, body, headers) as Promise<Reply<any>>;

let api: TestApi;
/** While set, every request of the handlers that is not an idempotency record's waits for it. */
let gate: { opened: Promise<void>; held: () => void } | undefined;
/** The handlers' DynamoDB requests, by command name. */
const sent: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  services().db.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ""));
      if (gate && !JSON.stringify(args.input).includes("idempotency#")) {
        gate.held();
        await gate.opened;
      }
      return next(args);
    },
    { step: "initialize", name: "holdWrites" },
  );
});

/** Holds the handlers' own requests until `open()`; `held` resolves once one is waiting. */
function holdWrites() {
  let open = () => {};
  let held = () => {};
  const waiting = new Promise<void>((resolve) => {
    held = resolve;
  });
  gate = { opened: new Promise<void>((resolve) => (open = resolve)), held: () => held() };
  return {
    waiting,
    open: () => {
      gate = undefined;
      open();
    },
  };
}

const italianSite = () =>
  fixtureSite({ name: `Idempotent ${randomUUID()}` }) as { name: string } & Record<string, unknown>;

const key = () => ({ "idempotency-key": randomUUID() });
const replayed = (response: Reply<any>) => response.headers.get("idempotent-replayed") === "true";

async function itemsNamed(name: string) {
  return (await api.db.scanAll()).filter((item) => item.name === name);
}

describe("a POST with an Idempotency-Key", () => {
  it("of 20 simultaneous requests with one key, exactly one creates; the others are 409 or replays", async () => {
    const site = italianSite();
    const headers = key();
    const responses = await Promise.all(Array.from({ length: 20 }, () => send(api, "POST", "/sites", site, headers)));
    const created = responses.filter((r) => r.status === 201 && !replayed(r));
    expect(created).toHaveLength(1);
    for (const response of responses.filter((r) => r !== created[0])) {
      if (response.status === 409) {
        expect(response.body.code).toBe("IDEMPOTENCY_KEY_IN_USE");
        expect(response.headers.get("retry-after")).toBe("1");
      } else {
        expect(response.status).toBe(201);
        expect(replayed(response)).toBe(true);
        expect(response.body).toEqual(created[0]?.body);
      }
    }
    expect(await itemsNamed(site.name)).toHaveLength(1);
    // and once the first has answered, every retry is its replay
    const retries = await Promise.all(Array.from({ length: 5 }, () => send(api, "POST", "/sites", site, headers)));
    expect(retries.every((r) => r.status === 201 && replayed(r))).toBe(true);
    expect(await itemsNamed(site.name)).toHaveLength(1);
  });

  it("replays status, Location, body and ETag, with Idempotent-Replayed: true, for sites and groups", async () => {
    for (const [path, body] of [
      ["/sites", italianSite()],
      ["/groups", { name: `Idempotent ${randomUUID()}`, type: "group1" }],
    ] as const) {
      const headers = key();
      const first = await send(api, "POST", path, body, headers);
      const again = await send(api, "POST", path, body, headers);
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.headers.get("location")).toBe(first.headers.get("location"));
      expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
      expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(again.body).toEqual(first.body);
      expect(await itemsNamed(body.name)).toHaveLength(1);
      // the same body with its keys in another order is the same request
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      expect(replayed(await send(api, "POST", path, reordered, headers))).toBe(true);
    }
  });

  it("is a 422 IDEMPOTENCY_KEY_REUSED with another body or another route, and creates nothing", async () => {
    const site = italianSite();
    const headers = key();
    expect((await send(api, "POST", "/sites", site, headers)).status).toBe(201);
    const other = italianSite();
    const otherBody = await send(api, "POST", "/sites", other, headers);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const group = { name: `Other route ${randomUUID()}`, type: "group1" };
    const otherRoute = await send(api, "POST", "/groups", group, headers);
    expect(otherRoute.status).toBe(422);
    expect(otherRoute.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await itemsNamed(other.name)).toHaveLength(0);
    expect(await itemsNamed(group.name)).toHaveLength(0);
  });

  it("is a 409 IDEMPOTENCY_KEY_IN_USE with Retry-After while the first request runs, then its replay", async () => {
    const site = italianSite();
    const headers = key();
    const hold = holdWrites();
    const first = send(api, "POST", "/sites", site, headers);
    await hold.waiting;
    const during = await send(api, "POST", "/sites", site, headers);
    expect(during.status).toBe(409);
    expect(during.body.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    expect(during.headers.get("retry-after")).toBe("1");
    // whatever its body: a key is reused only against a committed answer
    const otherBody = await send(api, "POST", "/sites", italianSite(), headers);
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    hold.open();
    const answered = await first;
    expect(answered.status).toBe(201);
    const after = await send(api, "POST", "/sites", site, headers);
    expect(after.status).toBe(201);
    expect(replayed(after)).toBe(true);
    expect(after.body).toEqual(answered.body);
    expect(await itemsNamed(site.name)).toHaveLength(1);
  });

  it("remembers no problem: after a 4xx the key may be used again, with another body", async () => {
    const headers = key();
    const site = italianSite();
    const weekday = { ...site, installation_date: freshWeekday() };
    const invalid = await send(api, "POST", "/sites", weekday, headers);
    expect(invalid.status).toBe(422);
    const again = await send(api, "POST", "/sites", weekday, headers);
    expect(again.status).toBe(422);
    expect(replayed(again)).toBe(false);
    const valid = await send(api, "POST", "/sites", site, headers);
    expect(valid.status).toBe(201);
    expect(replayed(valid)).toBe(false);
    const missing = await send(api, "POST", "/groups", { name: "" }, key());
    expect(missing.status).toBe(400);
    // no record is left behind by a problem
    const records = (await api.db.scanAll()).filter((item) => String(item.pk).startsWith("idempotency#"));
    expect(records.every((record) => record.status === "COMPLETED")).toBe(true);
  });

  it("keeps its record 24 hours, in the table's TTL attribute", async () => {
    const before = Math.floor(Date.now() / 1000);
    const site = italianSite();
    await send(api, "POST", "/sites", site, key());
    const records = (await api.db.scanAll()).filter((item) => String(item.pk).startsWith("idempotency#"));
    const latest = Math.max(...records.map((record) => Number(record.expiration)));
    expect(latest).toBeGreaterThanOrEqual(before + 24 * 3600);
    expect(latest).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 24 * 3600);
    expect(records.every((record) => record.sk === "idempotency")).toBe(true);
  });

  it("must be 1–255 visible ASCII characters: else a 400 naming the header, and nothing is created", async () => {
    for (const value of ["a".repeat(256), "two words", ""]) {
      const site = italianSite();
      const response = await send(api, "POST", "/sites", site, { "idempotency-key": value });
      expect(response.status, JSON.stringify(value)).toBe(400);
      expect(response.body.errors).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
      expect(await itemsNamed(site.name)).toHaveLength(0);
    }
    expect((await send(api, "POST", "/sites", italianSite(), { "idempotency-key": "a".repeat(255) })).status).toBe(201);
  });

  it("costs a conditional PutItem before the create, whose transaction commits the answer; a replay the PutItem alone", async () => {
    const site = italianSite();
    const headers = key();
    sent.length = 0;
    expect((await send(api, "POST", "/sites", site, headers)).status).toBe(201);
    // record (INPROGRESS), id counter, one transaction: the site and the record (the answer)
    expect(sent).toEqual(["PutItem", "UpdateItem", "TransactWriteItems"]);
    sent.length = 0;
    expect(replayed(await send(api, "POST", "/sites", site, headers))).toBe(true);
    expect(sent).toEqual(["PutItem"]);
    sent.length = 0;
    expect((await send(api, "POST", "/sites", { ...site, installation_date: freshWeekday() }, key())).status).toBe(422);
    expect(sent).toEqual(["PutItem", "DeleteItem"]);
  });

  it("is ignored by the routes that do not take it", async () => {
    const group = await send(api, "POST", "/groups", { name: `Plain ${randomUUID()}`, type: "group1" });
    const headers = key();
    const a = await send(api, "PATCH", `/groups/${group.body.id}`, { name: "Renamed once" }, headers);
    const b = await send(api, "PATCH", `/groups/${group.body.id}`, { name: "Renamed twice" }, headers);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(replayed(b)).toBe(false);
  });
});

describe("keys scoped to the caller (AUTH=on)", () => {
  let authed: TestApi;
  let pools: [LocalIssuer, LocalIssuer];
  beforeAll(async () => {
    // two app clients of one user pool: each token verified by its own client
    pools = [await createLocalIssuer(), await createLocalIssuer()];
    const [a, b] = pools;
    const auth: LocalIssuer = {
      ...a,
      async authenticate(header) {
        const verdict = await a.authenticate(header);
        return "claims" in verdict ? verdict : b.authenticate(header);
      },
    };
    authed = await startTestApi({ auth });
  });

  it("one caller never sees another's answer: the same key and body create once per caller", async () => {
    const [a, b] = await Promise.all(pools.map((pool) => pool.issue(["write"])));
    const site = italianSite();
    const headers = key();
    const first = await send(authed, "POST", "/sites", site, { ...headers, authorization: `Bearer ${a}` });
    const second = await send(authed, "POST", "/sites", site, { ...headers, authorization: `Bearer ${b}` });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(replayed(second)).toBe(false);
    expect(second.body.id).not.toBe(first.body.id);
    const again = await send(authed, "POST", "/sites", site, { ...headers, authorization: `Bearer ${a}` });
    expect(replayed(again)).toBe(true);
    expect(again.body.id).toBe(first.body.id);
  });
});
