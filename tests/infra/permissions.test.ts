/**
 * The table access of each route (the `table` of its record, functions/src/<aggregate>/routes.ts: the
 * IAM policy of its function) against what its handler really sends. A new route gets a call below
 * (docs/design.md, "What a change touches"): until then, one with table access fails here. Every
 * route is driven over HTTP through the API Gateway emulator, on DynamoDB Local, through
 * the paths that use the most actions (transactions with day locks, memberships, nestings,
 * ancestry walks, every sort). Each DynamoDB request is recorded with the route that sent it,
 * transactions split into the item actions IAM authorises. A route granted less than it uses
 * would fail in AWS with AccessDenied; a route granted more than it uses is not least privilege.
 */
import type { AddressInfo } from "node:net";
import { services } from "@sites-groups/functions/commons/context";
import { handler as processStream } from "@sites-groups/functions/events/process";
import { type RouteDefinition, routes, streamProcessor } from "@sites-groups/functions/routes";
import { createGateway, loadHandler } from "@sites-groups/local/gateway";
import { startStreamRunner } from "@sites-groups/local/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database.ts";
import { fixedItalianSite, frenchSiteOn } from "../support/fixtures.ts";

const TRANSACTION_ITEM_ACTIONS: Record<string, string> = {
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  ConditionCheck: "ConditionCheckItem",
};

/** route name → "Action" on the table, or "Query@index" on an index. */
const used = new Map<string, Set<string>>();
let current: Pick<RouteDefinition, "name"> | undefined;
let url: string;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase({ stream: true });
  process.env.TABLE_NAME = db.table;
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  // as pnpm dev: the events are listed at once, once the stream processor stored them (no settle time)
  process.env.EVENTS_SETTLE_MS = "0";
  services().db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, "");
      const input = args.input as { IndexName?: string; TransactItems?: Record<string, unknown>[] };
      const actions = input.TransactItems
        ? input.TransactItems.map((item) => TRANSACTION_ITEM_ACTIONS[Object.keys(item)[0]!] ?? "?")
        : [input.IndexName ? `${name}@${input.IndexName}` : name];
      if (!current) throw new Error(`${name} sent outside any route`);
      const set = used.get(current.name) ?? new Set<string>();
      for (const action of actions) set.add(action);
      used.set(current.name, set);
      return next(args);
    },
    { step: "initialize", name: "recordActions" },
  );
  const server = createGateway({
    routes,
    load: async (route) => {
      const handler = await loadHandler(route);
      return (event, context) => {
        current = route;
        return handler(event, context);
      };
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  expected = (status: number) => status < 300,
): Promise<any> {
  const response = await fetch(url + path, {
    method,
    headers,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }),
  });
  const text = await response.text();
  if (!expected(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A create with an Idempotency-Key, then its replay; a refused one with a key deletes its record. */
async function idempotentCreates(path: string, body: unknown, refused: unknown) {
  const key = { "idempotency-key": `permissions-${path}` };
  await call("POST", path, body, key);
  await call("POST", path, body, key);
  await call("POST", path, refused, { "idempotency-key": `refused-${path}` }, (status) => status === 422);
}

const french = (installation_date: string, group_ids: number[] = []) => frenchSiteOn(installation_date, { group_ids });
const italian = fixedItalianSite({ name: "Napoli", installation_date: "2024-06-01" });

describe("each route's IAM policy", () => {
  beforeAll(async () => {
    const g1 = await call("POST", "/groups", { name: "One", type: "group1" });
    const g2 = await call("POST", "/groups", { name: "Two", type: "group2", child_group_ids: [g1.id] });
    // the child's own child is read, and its version checked (ConditionCheck)
    await call("POST", "/groups", { name: "Five", type: "group1", child_group_ids: [g2.id] });
    const g3 = await call("POST", "/groups", { name: "Three", type: "group3" });
    const it1 = await call("POST", "/sites", italian);
    const fr = await call("POST", "/sites", french("2024-01-01", [g1.id]));
    await call("POST", "/groups", { name: "Four", type: "group1", site_ids: [it1.id] });
    await idempotentCreates(
      "/groups",
      { name: "Five", type: "group1" },
      { name: "Six", type: "group3", site_ids: [it1.id] },
    );
    await idempotentCreates("/sites", italian, { ...italian, installation_date: "2024-06-03" });
    // a batch, then a keyed one twice: each item's record claimed, committed with the site (a day
    // lock, a membership), replayed on the retry, and freed after the refused (weekday) item
    await call("POST", "/sites/batch", { items: [french("2024-02-01", [g1.id]), italian] });
    const weekday = { ...italian, installation_date: "2024-06-04" };
    const batch = { items: [french("2024-02-02", [g1.id]), { ...italian, installation_date: "2024-06-08" }, weekday] };
    await call("POST", "/sites/batch", batch, { "idempotency-key": "permissions-batch" });
    await call("POST", "/sites/batch", batch, { "idempotency-key": "permissions-batch" });

    await call("GET", `/sites/${fr.id}`);
    await call("GET", `/groups/${g1.id}`);
    for (const sort of ["id", "name", "installation_date", "max_power_megawatt"])
      await call("GET", `/sites?sort=${sort}`);
    for (const sort of ["id", "name"]) await call("GET", `/groups?sort=${sort}`);
    // the key lookups of the list planner: edge items, then the items by key
    await call("GET", `/sites?group_id=${g1.id}`);
    await call("GET", `/sites?id__in=${it1.id},${fr.id}&sort=name`);
    await call("GET", `/groups?site_id=${it1.id}`);
    await call("GET", `/groups?parent_group_id=${g2.id}`);

    // a French day moves and a group is dropped: put, lock swap, membership delete, group update
    await call("PATCH", `/sites/${fr.id}`, { installation_date: "2024-01-02", group_ids: [] });
    // new child (ancestry walk) and new site, then both dropped
    await call("PATCH", `/groups/${g3.id}`, { child_group_ids: [g2.id] });
    await call("PATCH", `/groups/${g1.id}`, { site_ids: [it1.id] });
    await call("PATCH", `/groups/${g1.id}`, { site_ids: [] });
    await call("PATCH", `/groups/${g3.id}`, { child_group_ids: [] });

    await call("PUT", `/groups/${g1.id}/sites/${fr.id}`);
    await call("DELETE", `/groups/${g1.id}/sites/${fr.id}`);
    await call("PUT", `/groups/${g3.id}/groups/${g1.id}`);
    await call("DELETE", `/groups/${g3.id}/groups/${g1.id}`);
    // under a parent that has parents: their versions are checked (ConditionCheck)
    await call("PUT", `/groups/${g1.id}/groups/${g3.id}`);
    await call("DELETE", `/groups/${g1.id}/groups/${g3.id}`);

    await call("PUT", `/groups/${g1.id}/sites/${fr.id}`);
    await call("DELETE", `/sites/${fr.id}`); // the site, its day lock, its membership; the group loses it
    await call("DELETE", `/groups/${g2.id}`); // the group and its nesting; the child loses its parent

    // the stream processor over all of that, then the event listings: all, by subject, by type, after one
    current = streamProcessor;
    const runner = await startStreamRunner({ endpoint: db.endpoint, table: db.table, handler: processStream });
    await runner.caughtUp();
    await runner.stop();
    current = undefined;
    const page = await call("GET", "/events?limit=2");
    expect(page.items).toHaveLength(2);
    await call("GET", `/events?after=${page.items[0].id}`);
    await call("GET", `/events?subject=sites/${fr.id}&type__startswith=site.`);
    await call("GET", "/events?type__in=group.created,group.deleted");
  });

  const tableRoutes = (routes as readonly RouteDefinition[]).filter((route) => route.table);

  it.each(tableRoutes.map((route) => [route.name, route] as const))("%s: grants exactly what it uses", (_, route) => {
    const granted = new Set([
      ...(route.table?.actions ?? []),
      ...(route.table?.indexes ?? []).map((index) => `Query@${index}`),
    ]);
    expect([...(used.get(route.name) ?? [])].sort()).toEqual([...granted].sort());
  });

  it("the stream processor: grants exactly what it uses", () => {
    expect([...(used.get(streamProcessor.name) ?? [])].sort()).toEqual([...streamProcessor.table.actions].sort());
  });

  it("routes without table access send nothing", () => {
    const silent = (routes as readonly RouteDefinition[]).filter((route) => !route.table).map((r) => r.name);
    for (const name of silent) expect(used.get(name), name).toBeUndefined();
  });
});
