/**
 * A partly throttled BatchGetItem, against DynamoDB Local: DynamoDB answers some keys as
 * unprocessed rather than failing, and both readers of many items (the nesting walk, strongly
 * consistent; the list lookups, eventually consistent) ask those keys again, then answer 503.
 * The throttling is made by moving found items of DynamoDB Local's real answer into
 * `UnprocessedKeys`, as a throttled read leaves them.
 */
import { ServiceUnavailableError } from "@sites-groups/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { frenchSite } from "../support/fixtures.ts";

type Key = Record<string, unknown>;
interface BatchGet {
  RequestItems: Record<string, { Keys: Key[]; ConsistentRead?: boolean }>;
}
interface BatchGot {
  Responses?: Record<string, Key[]>;
  UnprocessedKeys?: Record<string, { Keys: Key[] }>;
}

let db: TestDatabase;
/** What each BatchGetItem asked for: its keys' partition keys, and whether it read consistently. */
const sent: { pks: unknown[]; consistent: boolean }[] = [];
/** The next `times` answers keep `keep` of the items found and leave the others unprocessed. */
let throttle = { times: 0, keep: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  db.context.db.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "BatchGetItemCommand") return next(args);
      const request = (args.input as BatchGet).RequestItems[db.table];
      sent.push({ pks: (request?.Keys ?? []).map((k) => k.pk), consistent: request?.ConsistentRead === true });
      const result = await next(args);
      const output = result.output as BatchGot;
      const found = output.Responses?.[db.table] ?? [];
      if (throttle.times > 0 && found.length > throttle.keep) {
        throttle.times--;
        const unprocessed = found.slice(throttle.keep);
        output.Responses = { [db.table]: found.slice(0, throttle.keep) };
        output.UnprocessedKeys = { [db.table]: { Keys: unprocessed.map((item) => ({ pk: item.pk, sk: item.sk })) } };
      }
      return result;
    },
    { step: "initialize", name: "throttleBatchReads" },
  );
});

/** Counts the BatchGetItems from now on: the next one keeps one item found, or (`always`) every one keeps none. */
const throttleReads = (how: "once" | "always") => {
  sent.length = 0;
  throttle = how === "once" ? { times: 1, keep: 1 } : { times: Number.POSITIVE_INFINITY, keep: 0 };
};
const stopThrottling = () => {
  throttle = { times: 0, keep: 0 };
};

describe("the nesting walk (strongly consistent)", () => {
  it("asks the unprocessed keys again, consistently, and nests", async () => {
    const children = await Promise.all(
      ["A", "B", "C"].map((name) => db.context.groups.create({ name, type: "group1" })),
    );
    const ids = children.map((c) => c.id);
    throttleReads("once");
    const parent = await db.context.groups.create({ name: "Parent", type: "group2", child_group_ids: ids });
    expect(parent.child_group_ids).toEqual([...ids].sort((a, b) => a - b));
    expect(sent).toHaveLength(2);
    expect(sent[0]?.pks).toHaveLength(3);
    expect(sent[1]?.pks).toHaveLength(2);
    expect(sent.every((s) => s.consistent)).toBe(true);
  });

  it("answers 503 when every one of the 5 tries leaves keys unprocessed, and nests nothing", async () => {
    const children = await Promise.all(["D", "E"].map((name) => db.context.groups.create({ name, type: "group1" })));
    throttleReads("always");
    const create = db.context.groups.create({
      name: "Never",
      type: "group2",
      child_group_ids: children.map((c) => c.id),
    });
    await expect(create).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(create).rejects.toMatchObject({ detail: "the database is throttling reads" });
    expect(sent).toHaveLength(5);
    stopThrottling();
    for (const child of children) expect((await db.context.groups.get(child.id)).parent_group_ids).toEqual([]);
  });
});

describe("the list lookups (eventually consistent)", () => {
  it("ask the unprocessed keys of `id__in` again and list every site", async () => {
    const sites = await Promise.all([1, 2, 3, 4].map(() => db.context.sites.create(frenchSite())));
    const ids = sites.map((s) => s.id);
    throttleReads("once");
    const page = await db.context.sites.list({ id__in: ids.join(",") });
    expect(page.items.map((s) => s.id)).toEqual([...ids].sort((a, b) => a - b));
    expect(sent.map((s) => s.pks.length)).toEqual([4, 3]);
    expect(sent.some((s) => s.consistent)).toBe(false);
  });

  it("answer 503 when every try leaves keys unprocessed", async () => {
    const sites = await Promise.all([1, 2].map(() => db.context.sites.create(frenchSite())));
    throttleReads("always");
    await expect(db.context.sites.list({ id__in: sites.map((s) => s.id).join(",") })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      detail: "the database is throttling reads",
    });
    expect(sent).toHaveLength(5);
    stopThrottling();
  });
});
