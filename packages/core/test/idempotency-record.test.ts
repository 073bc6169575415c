/**
 * The record of an `Idempotency-Key` (idempotency/record.ts) on DynamoDB Local: claimed once,
 * committed in the change's own transaction or not at all, replayed or refused against a
 * committed answer only, fenced once another request has taken the key over, and settled by
 * its fencing delete. And the payload it remembers: the body's JSON value exactly.
 */
import { AlreadyCommitted, canonicalJson, claimKey, type HeldKey, ServiceUnavailableError } from "@sites-groups/core";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/database.ts";
import { italianSite } from "../../../tests/support/fixtures.ts";

const db = await createTestDatabase();
const { sites } = db.context;

let keys = 0;
const request = (payload: unknown, lease = Date.now() + 10_000) => ({
  caller: ["client-a"],
  key: `key ${++keys}`,
  payload,
  lease,
});

async function claimed(...args: Parameters<typeof claimKey>): Promise<HeldKey> {
  const claim = await claimKey(...args);
  if (claim.kind !== "claimed") throw new Error(`not claimed: ${claim.kind}`);
  return claim.key;
}

const sitesNamed = async (name: string) =>
  (await db.scanAll()).filter((item) => item.__edb_e__ === "site" && item.name === name);

describe("the payload a key remembers", () => {
  it("is the JSON value: member order does not count, every member does, __proto__ and constructor included", () => {
    const same = (a: string, b: string) => canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
    expect(same('{"a":1,"b":[1,{"c":2,"d":3}]}', '{"b":[1,{"d":3,"c":2}],"a":1}')).toBe(true);
    expect(same('{"b":[1,2]}', '{"b":[2,1]}')).toBe(false);
    expect(same('{"a":1,"__proto__":{"x":1}}', '{"a":1}')).toBe(false);
    expect(same('{"a":1,"__proto__":{"x":1}}', '{"a":1,"__proto__":{"x":2}}')).toBe(false);
    expect(same('{"__proto__":{"x":1},"a":1}', '{"a":1,"__proto__":{"x":1}}')).toBe(true);
    expect(same('{"a":{"constructor":{"name":"x"}}}', '{"a":{}}')).toBe(false);
    expect(same('{"a":1.0}', '{"a":1}')).toBe(true);
    expect(same('{"a":null}', "{}")).toBe(false);
  });
});

describe("a key's record", () => {
  it("commits with the change and then replays its answer; another payload is refused against it", async () => {
    const body = italianSite({ name: "Keyed once" });
    const first = request({ route: "POST /sites", body });
    const key = await claimed(db.context.db, first);
    const site = await sites.create(body, (created) => key.complete({ id: created.id }));
    expect(await claimKey(db.context.db, { ...first, lease: Date.now() + 10_000 })).toEqual({
      kind: "replay",
      answer: { id: site.id },
    });
    const proto = JSON.parse(`{"route":"POST /sites","body":${JSON.stringify(body)},"__proto__":{}}`);
    expect((await claimKey(db.context.db, { ...first, payload: proto })).kind).toBe("reused");
    expect(await sitesNamed("Keyed once")).toHaveLength(1);
  });

  it("is in use, whatever the payload, while the request holding it runs; released, it is free", async () => {
    const first = request({ n: 1 });
    const key = await claimed(db.context.db, first);
    expect((await claimKey(db.context.db, first)).kind).toBe("in_use");
    expect((await claimKey(db.context.db, { ...first, payload: { n: 2 } })).kind).toBe("in_use");
    await key.release();
    expect((await claimKey(db.context.db, { ...first, payload: { n: 2 } })).kind).toBe("claimed");
  });

  it("is one caller's: the same key of another caller is another record", async () => {
    const first = request({ n: 1 });
    await claimed(db.context.db, first);
    expect((await claimKey(db.context.db, { ...first, caller: ["client-b"] })).kind).toBe("claimed");
  });

  it("once its lease is over, is taken over, and the first request's late change is fenced out", async () => {
    const body = italianSite({ name: "Fenced out" });
    const first = request({ body }, Date.now() - 1);
    const late = await claimed(db.context.db, first);
    const taker = await claimed(db.context.db, { ...first, lease: Date.now() + 10_000 });
    const refusal = await sites.create(body, (created) => late.complete({ id: created.id })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ServiceUnavailableError);
    expect((refusal as ServiceUnavailableError).outcome).toBe("not_applied");
    expect(await sitesNamed("Fenced out")).toHaveLength(0);
    const site = await sites.create(body, (created) => taker.complete({ id: created.id }));
    expect(await sitesNamed("Fenced out")).toEqual([expect.objectContaining({ id: site.id })]);
  });

  it("a resend of a committed change finds the record committed by this very request", async () => {
    const body = italianSite({ name: "Resent" });
    const key = await claimed(db.context.db, request({ body }));
    const site = await sites.create(body, (created) => key.complete({ id: created.id }));
    const again = await sites.create(body, (created) => key.complete({ id: created.id })).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AlreadyCommitted);
    expect((again as AlreadyCommitted).answer).toEqual({ id: site.id });
    expect(await sitesNamed("Resent")).toHaveLength(1);
  });

  it("settles: nothing committed frees the key for good; a committed change gives its answer", async () => {
    const open = request({ n: 1 });
    const idle = await claimed(db.context.db, open);
    expect(await idle.settle()).toBe("not_applied");
    expect((await claimKey(db.context.db, open)).kind).toBe("claimed");
    const body = italianSite({ name: "Settled" });
    const key = await claimed(db.context.db, request({ body }));
    const site = await sites.create(body, (created) => key.complete({ id: created.id }));
    expect(await key.settle()).toEqual({ answer: { id: site.id } });
  });
});
