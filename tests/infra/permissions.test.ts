/**
 * The table access of each route (the `table` and `rollups` of its record, functions/src/<aggregate>/
 * routes.ts: the IAM policy of its function) against what its handler really sends, on each table. A new route gets a call below
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
import { handler as maintainRollups } from "@sites-groups/functions/rollups/process";
import { type RouteDefinition, rollupsProcessor, routes, streamProcessor } from "@sites-groups/functions/routes";
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

/** route name → "Action" on the table, or "Query@index" on an index; `rollups:` before the rollups table's. */
const used = new Map<string, Set<string>>();

/** The tables a request names, each with the actions it asks of it. */
function tableActions(name: string, input: Record<string, any>): [string, string][] {
  if (input.TransactItems) {
    return (input.TransactItems as Record<string, { TableName: string }>[]).map((item) => {
      const [kind, body] = Object.entries(item)[0] as [string, { TableName: string }];
      return [body.TableName, TRANSACTION_ITEM_ACTIONS[kind] ?? "?"];
    });
  }
  const action = input.IndexName ? `${name}@${input.IndexName}` : name;
  const tables = input.RequestItems ? Object.keys(input.RequestItems) : [input.TableName as string];
  return tables.map((table) => [table, action]);
}
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
      if (!current) throw new Error(`${name} sent outside any route`);
      const set = used.get(current.name) ?? new Set<string>();
      for (const [table, action] of tableActions(name, args.input as Record<string, any>)) {
        set.add(table === db.table ? action : `rollups:${action}`);
      }
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
    for (const root of ["true", "false"]) await call("GET", `/groups?root=${root}`);
    await call("GET", `/groups/${g2.id}/tree`);
    for (const page of ["/explorer", "/explorer/explorer.js"]) expect((await fetch(url + page)).status).toBe(200);

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

    // the stream processors over all of that, then the event listings: all, by subject, by type, after one
    current = streamProcessor;
    const runner = await startStreamRunner({ endpoint: db.endpoint, table: db.table, handler: processStream });
    await runner.caughtUp();
    await runner.stop();
    // the rollups processor over all of that (puts), then again after an un-nest (deletes)
    const top = await call("POST", "/groups", { name: "Top", type: "group1", site_ids: [it1.id] });
    const below = await call("POST", "/groups", { name: "Below", type: "group1", site_ids: [it1.id] });
    await call("PUT", `/groups/${top.id}/groups/${below.id}`);
    const maintain = async () => {
      current = rollupsProcessor;
      const rollups = await startStreamRunner({
        endpoint: db.endpoint,
        table: db.table,
        handler: (event) => maintainRollups(event),
      });
      await rollups.caughtUp();
      await rollups.stop();
      current = undefined;
    };
    await maintain();
    // the hierarchy's lists: the maintained below items from both sides, and by key beside another link
    await call("GET", `/sites?within_group_id=${top.id}&sort=name`);
    await call("GET", `/sites?group_id=${below.id}&within_group_id=${top.id}`);
    await call("GET", `/groups?within_group_id=${top.id}`);
    await call("GET", `/groups?contains_site_id=${it1.id}`);
    await call("GET", `/groups?parent_group_id=${top.id}&contains_group_id=${below.id}`);
    // a summary that names the event it last folded in: that event is read for its time
    await call("GET", `/groups/${top.id}/summary`);
    await call("DELETE", `/groups/${top.id}/groups/${below.id}`);
    await maintain();
    const page = await call("GET", "/events?limit=2");
    expect(page.items).toHaveLength(2);
    await call("GET", `/events?after=${page.items[0].id}`);
    await call("GET", `/events?subject=sites/${fr.id}&type__startswith=site.`);
    await call("GET", "/events?type__in=group.created,group.deleted");
  });

  const tableRoutes = (routes as readonly RouteDefinition[]).filter((route) => route.table);

  /** What a record grants, as `used` names it. */
  const grantedBy = (record: Pick<RouteDefinition, "table" | "rollups">) =>
    new Set([
      ...(record.table?.actions ?? []),
      ...(record.table?.indexes ?? []).map((index) => `Query@${index}`),
      ...(record.rollups?.actions ?? []).map((action) => `rollups:${action}`),
      ...(record.rollups?.indexes ?? []).map((index) => `rollups:Query@${index}`),
    ]);

  it.each(tableRoutes.map((route) => [route.name, route] as const))("%s: grants exactly what it uses", (_, route) => {
    expect([...(used.get(route.name) ?? [])].sort()).toEqual([...grantedBy(route)].sort());
  });

  it("the stream processor: grants exactly what it uses", () => {
    expect([...(used.get(streamProcessor.name) ?? [])].sort()).toEqual([...streamProcessor.table.actions].sort());
  });

  it("the rollups processor: grants exactly what it uses", () => {
    expect([...(used.get(rollupsProcessor.name) ?? [])].sort()).toEqual([...grantedBy(rollupsProcessor)].sort());
  });

  it("routes without table access send nothing", () => {
    const silent = (routes as readonly RouteDefinition[]).filter((route) => !route.table).map((r) => r.name);
    for (const name of silent) expect(used.get(name), name).toBeUndefined();
  });
});
