/**
 * The races the recompute's ledger version guards against (docs/design.md, "Why this ends right"),
 * made to happen: a recompute is held after it read the graph and before it writes, the graph changes
 * under it and a later recompute folds the change in; the held one, let go, must not write its stale
 * view. The second case is the one that needs a recompute that changes nothing to still write the
 * ledger's version: the graph going A, B, A again.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/database.ts";
import { aGroup, frenchSite } from "../../../tests/support/fixtures.ts";
import { createDatabase } from "../src/db/entities.ts";
import { createRecomputer, type Target } from "../src/rollups/recompute.ts";

const db = await createTestDatabase();
const { context } = db;
const { groups, sites, hierarchy } = context;

/** A recomputer whose writes stop at a gate while it is armed, and the gate. */
function heldRecomputer() {
  const base = new DynamoDBClient({
    endpoint: db.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  let armed = false;
  let held: () => void = () => {};
  let release: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    held = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  base.middlewareStack.add(
    (next, ctx) => async (args) => {
      if (armed && /TransactWriteItems|PutItem/.test(String(ctx.commandName))) {
        armed = false;
        held();
        await released;
      }
      return next(args);
    },
    { step: "initialize", name: "gate" },
  );
  afterAll(() => base.destroy());
  const database = createDatabase(DynamoDBDocumentClient.from(base), db.table);
  const recomputer = createRecomputer({ db: database, registry: context.registry, now: () => new Date() });
  return {
    recomputer,
    arm: () => {
      armed = true;
    },
    reached,
    release: () => release(),
  };
}

const fresh = createRecomputer({ db: context.db, registry: context.registry, now: () => new Date() });
const siteTarget = (id: number): Target => ({ kind: "site", id, origin: { eventId: `e${id}`, order: 0 } });
const groupTarget = (id: number): Target => ({ kind: "group", id, origin: { eventId: `e${id}`, order: 0 } });

describe("a recompute that read the graph before a change", () => {
  it("fails its write once a later recompute folded the change in, and ends right", async () => {
    const c = await groups.create(aGroup());
    const site = await sites.create(frenchSite());
    await groups.addSite(c.id, site.id);
    const slow = heldRecomputer();
    slow.arm();
    const running = slow.recomputer.recompute([siteTarget(site.id)]);
    await slow.reached; // it read: the site in C; it is about to put the site below C
    await groups.removeSite(c.id, site.id);
    await fresh.recompute([siteTarget(site.id)]); // reads the site in no group: nothing to write but its ledger
    slow.release();
    const stats = await running;
    expect(stats.retries).toBeGreaterThan(0);
    expect((await hierarchy.summary(c.id)).sites.count).toBe(0);
    expect(await hierarchy.check()).toEqual([]);
  });

  it("cannot write over one that changed nothing when the graph went A, then B, then A again", async () => {
    const a = await groups.create(aGroup());
    const b = await groups.create(aGroup());
    const site = await sites.create(frenchSite({ group_ids: [b.id] }));
    await groups.addChild(a.id, b.id);
    await fresh.recompute([siteTarget(site.id), groupTarget(b.id)]); // the site is below A and B, B below A
    await groups.removeChild(a.id, b.id);
    const slow = heldRecomputer();
    slow.arm();
    const running = slow.recomputer.recompute([siteTarget(site.id)]);
    await slow.reached; // it read the site below B alone: it is about to take it out of A
    await groups.addChild(a.id, b.id);
    // the site's ledger already says A and B: nothing to change, yet its version moves
    const again = await fresh.recompute([siteTarget(site.id)]);
    expect([again.below, again.summaries, again.ledgers]).toEqual([0, 0, 1]);
    slow.release();
    expect((await running).retries).toBeGreaterThan(0);
    expect((await hierarchy.summary(a.id)).sites.count).toBe(1);
    expect(await hierarchy.check()).toEqual([]);
  });
});
