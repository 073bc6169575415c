/**
 * API.md "Events" over the real `pnpm dev` (its stream runner feeding the stream processor over
 * the run's DynamoDB Local): every row of the table makes exactly its events, a write that wrote
 * nothing makes none, each event is on `GET /events` within 2 seconds of the write's answer, and
 * `GET /events` pages, filters and refuses as documented. Every response is checked against the
 * OpenAPI document (tests/support/http.ts).
 *
 * The tests of a file run one after the other and this file is the server's only writer, so
 * `after=<the last event seen>` shows exactly what the last write made. An absence is proved
 * without sleeping: after the write that must make nothing, a marker write's event must be the
 * only one that follows (the local stream is one shard, processed in order).
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { localClient } from "@sites-groups/local/dynamodb-local";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { expectInvalid, expectProblem, RFC3339_UTC } from "../e2e/fixtures.ts";
import { type Group, groupHelpers, type Site } from "../e2e/group-fixtures.ts";
import type { FrenchSiteCreate, GroupCreate, operations, Reply, Schemas } from "../support/client.ts";
import { root, type StartedDev, startDev, stopDev } from "../support/dev-server.ts";
import { eventually } from "../support/eventually.ts";
import { aGroup, frenchSite } from "../support/fixtures.ts";
import { type HttpApi, httpApi } from "../support/http.ts";
import { create, expectStatus } from "../support/replies.ts";

type Event = Schemas["Event"];
type EventType = Event["type"];
type EventQuery = NonNullable<operations["ListEvents"]["parameters"]["query"]>;

/** API.md: "an event appears there within 2 seconds of its write". */
const WITHIN_MS = 2000;
const POLL_MS = 100;

const endpoint = inject("dynamodbEndpoint");
const table = `events-e2e-${randomUUID()}`;
const authTable = `events-e2e-auth-${randomUUID()}`;
const authState = mkdtempSync(join(tmpdir(), "events-e2e-"));
let dev: StartedDev;
let authDev: StartedDev;
let api: HttpApi;

beforeAll(async () => {
  const base = { SEED: "false", DYNAMODB_ENDPOINT: endpoint };
  [dev, authDev] = await Promise.all([
    startDev(["pnpm", "dev"], { ...base, TABLE_NAME: table }),
    // its own temporary directory, so that `pnpm token` finds this server's client and no other
    startDev(["pnpm", "dev"], { ...base, TABLE_NAME: authTable, AUTH: "on", TMPDIR: authState }),
  ]);
  api = httpApi(dev.url);
}, 120_000);

/** Every write→`GET /events` lag this file measured, in ms. */
const lags: number[] = [];

afterAll(async () => {
  await Promise.all([dev, authDev].filter(Boolean).map(stopDev));
  rmSync(authState, { recursive: true, force: true });
  const client = localClient(endpoint);
  await Promise.all([table, authTable].map((name) => client.send(new DeleteTableCommand({ TableName: name }))));
  client.destroy();
  const sorted = [...lags].sort((a, b) => a - b);
  if (sorted.length > 0) {
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `write → GET /events lag over ${sorted.length} writes: min ${sorted[0]} ms, median ${median} ms, max ${sorted.at(-1)} ms`,
    );
  }
}, 60_000);

const { readGroup, readSite } = groupHelpers(() => api);

/** Every event of a listing, following `next_cursor`. */
async function listAll(query: EventQuery = {}): Promise<Event[]> {
  const events: Event[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.GET("/events", {
      params: { query: { limit: 100, ...query, ...(cursor ? { cursor } : {}) } },
    });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    events.push(...page.body.items);
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return events;
}

/** Every event seen so far, in the order `GET /events` listed them. */
const ledger: Event[] = [];
const lastSeen = () => ledger.at(-1)?.id;

interface Write<T> {
  reply: Reply<T>;
  startedAt: number;
  answeredAt: number;
}

/** A request that must succeed with `status`, and when it was sent and answered. */
async function write<T>(status: number, request: () => Promise<Reply<T>>): Promise<Write<T>> {
  const startedAt = Date.now();
  const reply = await request();
  const answeredAt = Date.now();
  expectStatus(reply, status);
  return { reply, startedAt, answeredAt };
}

type Expected = Pick<Event, "type" | "subject" | "data">;
type Representation = Site | Group;
type Kind = "site" | "group";
const subjectOf = (kind: Kind, id: number) => `${kind}s/${id}`;

const created = (kind: Kind, item: Representation) =>
  ({ type: `${kind}.created`, subject: subjectOf(kind, item.id), data: item }) as Expected;
const updated = (kind: Kind, item: Representation, changed: string[]) =>
  ({ type: `${kind}.updated`, subject: subjectOf(kind, item.id), data: { ...item, changed } }) as Expected;
const deleted = (kind: Kind, item: Representation) =>
  ({ type: `${kind}.deleted`, subject: subjectOf(kind, item.id), data: item }) as Expected;
const siteLink = (type: "group.site_added" | "group.site_removed", group: number, site: number): Expected => ({
  type,
  subject: `groups/${group}`,
  data: { group_id: group, site_id: site },
});
const childLink = (type: "group.child_added" | "group.child_removed", group: number, child: number): Expected => ({
  type,
  subject: `groups/${group}`,
  data: { group_id: group, child_group_id: child },
});
const siteAdded = (group: number, site: number) => siteLink("group.site_added", group, site);
const siteRemoved = (group: number, site: number) => siteLink("group.site_removed", group, site);
const childAdded = (group: number, child: number) => childLink("group.child_added", group, child);
const childRemoved = (group: number, child: number) => childLink("group.child_removed", group, child);

/** The part of an event a write decides, in an order that does not depend on the processor's. */
function comparable(events: Expected[]) {
  return events
    .map(({ type, subject, data }) => {
      const changed = (data as { changed?: string[] }).changed;
      return { type, subject, data: changed ? { ...data, changed: [...changed].sort() } : data };
    })
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

type Timing = Pick<Write<unknown>, "startedAt" | "answeredAt">;

/** Writes whose events are checked with the next `expectEvents` (a test's setup), oldest first. */
const pending: (Timing & { expected: Expected[] })[] = [];

/** The events of `done` are checked with those of the next write (each still within 2 s of its own answer). */
function expectWithNext(done: Timing, expected: Expected[]): void {
  pending.push({ startedAt: done.startedAt, answeredAt: done.answeredAt, expected });
}

/**
 * Polls `GET /events?after=<last seen>` every 100 ms until as many events as expected follow the
 * last one seen (those of the pending writes, then of `done`), each write's within 2 s of its
 * answer; then they must be exactly the expected ones (nothing more), each a CloudEvents 1.0
 * envelope of this stage, stored after the oldest write was sent.
 */
async function expectEvents(done: Timing, expected: Expected[]): Promise<Event[]> {
  return expectEventsOf([...pending.splice(0), { ...done, expected }]);
}

/**
 * Whether a failed test may have left events unread: the next test first reads up to a marker
 * of its own, so that one failure does not fail every test after it.
 */
let behind = false;
beforeEach(async ({ onTestFailed }) => {
  onTestFailed(() => {
    behind = true;
  });
  if (!behind) return;
  pending.length = 0;
  const marker = await create(api, "/groups", aGroup({ name: "Catching up" }));
  await eventually(
    "the event of the catching-up marker",
    async () => {
      const found = await listAll(lastSeen() ? { after: lastSeen() as string } : {});
      ledger.push(...found);
      expect(found.map((e) => e.subject)).toContain(`groups/${marker.id}`);
    },
    { timeoutMs: 10_000, intervalMs: POLL_MS },
  );
  behind = false;
});

async function expectEventsOf(writes: (Timing & { expected: Expected[] })[]): Promise<Event[]> {
  const all = writes.flatMap((w) => w.expected);
  const oldest = writes[0] as Timing;
  const after = lastSeen();
  let found: Event[] = [];
  let seenAt = Date.now();
  let through = 0;
  for (const done of writes) {
    // the stream is processed in order: the events of this write are there once the first
    // `through` events are, and must be by 2 s after its answer
    through += done.expected.length;
    const wanted = through;
    if (found.length < wanted) {
      const answered = Date.now() - done.answeredAt;
      found = await eventually(
        `the events of a write answered ${answered} ms before, on GET /events by ${WITHIN_MS} ms after its answer`,
        async () => {
          const listed = await listAll(after ? { after } : {});
          if (listed.length < wanted) {
            throw new Error(
              `${listed.length} of the ${all.length} events awaited are listed:\n${JSON.stringify(listed)}`,
            );
          }
          return listed;
        },
        { timeoutMs: Math.max(0, WITHIN_MS - answered), intervalMs: POLL_MS },
      );
      seenAt = Date.now();
    }
    lags.push(seenAt - done.answeredAt);
  }
  for (const event of found) {
    expect(Object.keys(event).sort()).toEqual(
      ["data", "datacontenttype", "id", "source", "specversion", "subject", "time", "type"].sort(),
    );
    expect(event).toMatchObject({
      specversion: "1.0",
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      source: "sites-and-groups/local",
      time: expect.stringMatching(RFC3339_UTC),
      datacontenttype: "application/json",
    });
    const time = Date.parse(event.time);
    expect(time).toBeGreaterThanOrEqual(oldest.startedAt);
    expect(time).toBeLessThanOrEqual(seenAt);
  }
  expect(comparable(found)).toEqual(comparable(all));
  ledger.push(...found);
  return found;
}

/**
 * After the requests that must write nothing (each answering its status), a marker write: its
 * event (after those of the pending writes) must be the only one that follows, so they made none.
 */
async function expectNoEvents(...noops: [status: number, request: () => Promise<Reply<unknown>>][]): Promise<void> {
  for (const [status, request] of noops) expectStatus(await request(), status);
  const marker = await write(201, () => api.POST("/groups", { body: aGroup({ name: "Marker" }) }));
  await expectEvents(marker, [created("group", marker.reply.body)]);
}

const link = (group: number, site: number) =>
  api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group, site_id: site } } });
const unlink = (group: number, site: number) =>
  api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group, site_id: site } } });
const nest = (parent: number, child: number) =>
  api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: parent, child_id: child } } });
const unnest = (parent: number, child: number) =>
  api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: { id: parent, child_id: child } } });

/** A site or group made for a test; its event is checked with the next write's. */
async function newSite(overrides: Partial<FrenchSiteCreate> = {}): Promise<Site> {
  const done = await write(201, () => api.POST("/sites", { body: frenchSite(overrides) }));
  expectWithNext(done, [created("site", done.reply.body)]);
  return done.reply.body;
}
async function newGroup(body: Partial<GroupCreate> = {}): Promise<Group> {
  const done = await write(201, () => api.POST("/groups", { body: aGroup(body) }));
  expectWithNext(done, [created("group", done.reply.body)]);
  return done.reply.body;
}

describe("each write of API.md's table makes its events, on GET /events within 2 s", () => {
  it("create a site / a group: site.created / group.created with the representation", async () => {
    const site = await write(201, () => api.POST("/sites", { body: frenchSite() }));
    await expectEvents(site, [created("site", site.reply.body)]);
    const group = await write(201, () => api.POST("/groups", { body: aGroup({ type: "group2" }) }));
    await expectEvents(group, [created("group", group.reply.body)]);
  });

  it("change a site / a group: site.updated / group.updated, `changed` naming exactly the own fields changed", async () => {
    const site = await newSite();
    const patched = await write(200, () =>
      api.PATCH("/sites/{id}", {
        params: { path: { id: site.id } },
        body: { name: "Renamed", max_power_megawatt: site.max_power_megawatt + 1, min_power_megawatt: 0 },
      }),
    );
    const changed = ["name", "max_power_megawatt", ...(site.min_power_megawatt === 0 ? [] : ["min_power_megawatt"])];
    await expectEvents(patched, [updated("site", patched.reply.body, changed)]);

    const group = await newGroup();
    const renamed = await write(200, () =>
      api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { name: "Other", type: "group3" } }),
    );
    await expectEvents(renamed, [updated("group", renamed.reply.body, ["name", "type"])]);
  });

  it("delete a site / a group: site.deleted / group.deleted with the last representation", async () => {
    const site = await newSite();
    const gone = await write(204, () => api.DELETE("/sites/{id}", { params: { path: { id: site.id } } }));
    await expectEvents(gone, [deleted("site", site)]);

    const group = await newGroup();
    const last = await write(200, () =>
      api.PATCH("/groups/{id}", { params: { path: { id: group.id } }, body: { name: "Last name" } }),
    );
    expectWithNext(last, [updated("group", last.reply.body, ["name"])]);
    const removed = await write(204, () => api.DELETE("/groups/{id}", { params: { path: { id: group.id } } }));
    await expectEvents(removed, [deleted("group", last.reply.body)]);
  });

  it("a site joins / leaves a group by PUT / DELETE of the link: group.site_added / group.site_removed", async () => {
    const [site, group] = [await newSite(), await newGroup()];
    const joined = await write(204, () => link(group.id, site.id));
    await expectEvents(joined, [siteAdded(group.id, site.id)]);
    const left = await write(204, () => unlink(group.id, site.id));
    await expectEvents(left, [siteRemoved(group.id, site.id)]);
  });

  it("a site joins / leaves groups through PATCH group_ids and PATCH site_ids: one event per link, no updated", async () => {
    const [site, other, g1, g2] = [await newSite(), await newSite(), await newGroup(), await newGroup()];
    const both = await write(200, () =>
      api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [g1.id, g2.id] } }),
    );
    await expectEvents(both, [siteAdded(g1.id, site.id), siteAdded(g2.id, site.id)]);
    const one = await write(200, () =>
      api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { group_ids: [g2.id] } }),
    );
    await expectEvents(one, [siteRemoved(g1.id, site.id)]);

    const swapped = await write(200, () =>
      api.PATCH("/groups/{id}", { params: { path: { id: g2.id } }, body: { site_ids: [other.id] } }),
    );
    await expectEvents(swapped, [siteRemoved(g2.id, site.id), siteAdded(g2.id, other.id)]);
  });

  it("a site or a group created with its links: created, then one added per link", async () => {
    const [group, child] = [await newGroup(), await newGroup()];
    const site = await write(201, () => api.POST("/sites", { body: frenchSite({ group_ids: [group.id] }) }));
    await expectEvents(site, [created("site", site.reply.body), siteAdded(group.id, site.reply.body.id)]);

    const parent = await write(201, () =>
      api.POST("/groups", { body: aGroup({ site_ids: [site.reply.body.id], child_group_ids: [child.id] }) }),
    );
    const id = parent.reply.body.id;
    await expectEvents(parent, [
      created("group", parent.reply.body),
      siteAdded(id, site.reply.body.id),
      childAdded(id, child.id),
    ]);
  });

  it("a group nested / un-nested, by PUT / DELETE and by PATCH child_group_ids: group.child_added / group.child_removed", async () => {
    const [parent, a, b] = [await newGroup(), await newGroup(), await newGroup()];
    const nested = await write(204, () => nest(parent.id, a.id));
    await expectEvents(nested, [childAdded(parent.id, a.id)]);
    const unnested = await write(204, () => unnest(parent.id, a.id));
    await expectEvents(unnested, [childRemoved(parent.id, a.id)]);

    const both = await write(200, () =>
      api.PATCH("/groups/{id}", { params: { path: { id: parent.id } }, body: { child_group_ids: [a.id, b.id] } }),
    );
    await expectEvents(both, [childAdded(parent.id, a.id), childAdded(parent.id, b.id)]);
    const none = await write(200, () =>
      api.PATCH("/groups/{id}", { params: { path: { id: parent.id } }, body: { child_group_ids: [] } }),
    );
    await expectEvents(none, [childRemoved(parent.id, a.id), childRemoved(parent.id, b.id)]);
  });

  it("a PATCH with a new group_ids and a name: one site.updated (changed: name) and one site_added", async () => {
    const [site, group] = [await newSite(), await newGroup()];
    const done = await write(200, () =>
      api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { name: "Moved", group_ids: [group.id] } }),
    );
    expect(done.reply.body.group_ids).toEqual([group.id]);
    await expectEvents(done, [updated("site", done.reply.body, ["name"]), siteAdded(group.id, site.id)]);
  });

  it("a DELETE that removes links: one deleted and one removal per link", async () => {
    const [g1, g2] = [await newGroup(), await newGroup()];
    const site = await write(201, () => api.POST("/sites", { body: frenchSite({ group_ids: [g1.id, g2.id] }) }));
    const id = site.reply.body.id;
    expectWithNext(site, [created("site", site.reply.body), siteAdded(g1.id, id), siteAdded(g2.id, id)]);
    const before = await readSite(id);
    const gone = await write(204, () => api.DELETE("/sites/{id}", { params: { path: { id } } }));
    await expectEvents(gone, [deleted("site", before), siteRemoved(g1.id, id), siteRemoved(g2.id, id)]);

    // a group holding a site and a child, inside a parent: its three links go with it
    const [parent, child, member] = [await newGroup(), await newGroup(), await newSite()];
    const group = await write(201, () =>
      api.POST("/groups", { body: aGroup({ site_ids: [member.id], child_group_ids: [child.id] }) }),
    );
    const gid = group.reply.body.id;
    expectWithNext(group, [created("group", group.reply.body), siteAdded(gid, member.id), childAdded(gid, child.id)]);
    expectWithNext(await write(204, () => nest(parent.id, gid)), [childAdded(parent.id, gid)]);
    const last = await readGroup(gid);
    expect(last.parent_group_ids).toEqual([parent.id]);
    const removed = await write(204, () => api.DELETE("/groups/{id}", { params: { path: { id: gid } } }));
    await expectEvents(removed, [
      deleted("group", last),
      siteRemoved(gid, member.id),
      childRemoved(gid, child.id),
      childRemoved(parent.id, gid),
    ]);
  });
});

describe("a request that wrote nothing makes no event", () => {
  let site: Site;
  let group: Group;
  let group3: Group;
  beforeAll(async () => {
    [site, group, group3] = [await newSite(), await newGroup(), await newGroup({ type: "group3" })];
    expectWithNext(await write(204, () => link(group.id, site.id)), [siteAdded(group.id, site.id)]);
    expectWithNext(await write(204, () => nest(group.id, group3.id)), [childAdded(group.id, group3.id)]);
  });

  it("refused requests: 400, 404, 409, 412, 422", async () => {
    await expectNoEvents(
      [400, () => api.raw("POST", "/sites", { ...frenchSite(), name: "" })],
      [404, () => unlink(group3.id, site.id)],
      [409, () => api.POST("/sites", { body: frenchSite({ installation_date: site.installation_date }) })],
      [412, () => api.raw("DELETE", `/sites/${site.id}`, undefined, { "if-match": '"stale"' })],
      [422, () => link(group3.id, site.id)],
      [422, () => nest(group3.id, group.id)],
    );
  });

  it("a repeated PUT of an existing link or nesting", async () => {
    await expectNoEvents([204, () => link(group.id, site.id)], [204, () => nest(group.id, group3.id)]);
  });

  it("an idempotent replay (Idempotency-Key)", async () => {
    const key = randomUUID();
    const body = frenchSite();
    const first = await write(201, () => api.raw("POST", "/sites", body, { "idempotency-key": key }));
    expectWithNext(first, [created("site", first.reply.body as Site)]);
    await expectNoEvents([
      201,
      async () => {
        const replay = await api.raw("POST", "/sites", body, { "idempotency-key": key });
        expect(replay.body).toEqual(first.reply.body);
        return replay;
      },
    ]);
  });

  it("a PATCH that changes nothing: same own fields, same links", async () => {
    const current = await readSite(site.id);
    const g = await readGroup(group.id);
    await expectNoEvents(
      [
        200,
        () =>
          api.PATCH("/sites/{id}", {
            params: { path: { id: site.id } },
            body: { name: current.name, group_ids: current.group_ids },
          }),
      ],
      [
        200,
        () =>
          api.PATCH("/groups/{id}", {
            params: { path: { id: group.id } },
            body: { name: g.name, type: g.type, site_ids: g.site_ids, child_group_ids: g.child_group_ids },
          }),
      ],
    );
  });
});

describe("GET /events", () => {
  it("lists every event once, oldest first; limit and cursor page through them exactly once", async () => {
    expect(pending).toEqual([]);
    const all = await listAll();
    expect(all.map((e) => e.id)).toEqual(ledger.map((e) => e.id));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const times = all.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const paged: Event[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.GET("/events", { params: { query: { limit: 7, ...(cursor ? { cursor } : {}) } } });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      if (page.body.next_cursor) expect(page.body.items).toHaveLength(7);
      paged.push(...page.body.items);
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);

    const first = await api.GET("/events", {});
    expect(first.body.items).toEqual(all.slice(0, 20)); // the default limit
  });

  it("filters by type, type__in (comma-separated or repeated), type__startswith, subject and after", async () => {
    const of = (...types: EventType[]) => ledger.filter((e) => types.includes(e.type));
    expect(of("site.created").length).toBeGreaterThan(1);
    expect(await listAll({ type: "site.created" })).toEqual(of("site.created"));

    const pair: EventType[] = ["group.deleted", "group.child_added"];
    expect(await listAll({ type__in: pair })).toEqual(of(...pair));
    const comma = await api.raw("GET", `/events?limit=100&type__in=${pair.join(",")}`);
    expect(comma.status).toBe(200);
    expect((comma.body as { items: Event[] }).items).toEqual(of(...pair));

    const memberships = await api.GET("/events", {
      params: { query: { type__startswith: "group.site_", limit: 100 } },
    });
    expect(memberships.body.items).toEqual(of("group.site_added", "group.site_removed"));
    expect((await api.GET("/events", { params: { query: { type__startswith: "nothing." } } })).body).toEqual({
      items: [],
      next_cursor: null,
    });

    // a subject's events, in the order of its writes, alone or with a type
    const busy = ledger.find((e) => e.type === "group.child_removed")?.subject as string;
    const ofSubject = ledger.filter((e) => e.subject === busy);
    expect(ofSubject.length).toBeGreaterThan(2);
    expect(await listAll({ subject: busy })).toEqual(ofSubject);
    expect(await listAll({ subject: busy, type: "group.child_removed" })).toEqual(
      ofSubject.filter((e) => e.type === "group.child_removed"),
    );

    const middle = Math.floor(ledger.length / 2);
    expect(await listAll({ after: ledger[middle]?.id as string })).toEqual(ledger.slice(middle + 1));
    expect(await listAll({ after: ledger.at(-1)?.id as string })).toEqual([]);
    const paged = await api.GET("/events", { params: { query: { type: "site.created", limit: 2 } } });
    expect(paged.body.items).toEqual(of("site.created").slice(0, 2));
    const next = await api.GET("/events", {
      params: { query: { type: "site.created", limit: 2, cursor: paged.body.next_cursor as string } },
    });
    expect(next.body.items).toEqual(of("site.created").slice(2, 4));
  });

  it("answers 400 naming the parameter: limit, unknown, type, subject, after, a cursor of other filters", async () => {
    for (const limit of ["0", "101", "ten", "1.5"])
      expectInvalid(await api.raw("GET", `/events?limit=${limit}`), "limit");
    expectInvalid(await api.raw("GET", "/events?colour=blue"), "colour");
    expectInvalid(await api.raw("GET", "/events?subject=sites/1&subject=sites/2"), "subject");
    expectInvalid(await api.raw("GET", "/events?type=site.moved"), "type");
    expectInvalid(await api.raw("GET", "/events?type__in=site.created,site.moved"), "type__in");
    for (const subject of ["site/1", "sites/0", "sites/x", "groups/", "events/1"]) {
      expectInvalid(await api.raw("GET", `/events?subject=${encodeURIComponent(subject)}`), "subject");
    }
    for (const after of ["xyz", "A".repeat(32), "0".repeat(31)]) {
      expectInvalid(await api.raw("GET", `/events?after=${after}`), "after");
    }
    // well-formed, but no event has it
    expectInvalid(await api.raw("GET", `/events?after=${"0".repeat(32)}`), "after");

    const page = await api.GET("/events", { params: { query: { type: "site.created", limit: 1 } } });
    const cursor = page.body.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    expectInvalid(
      await api.raw("GET", `/events?limit=1&type=group.created&cursor=${encodeURIComponent(cursor)}`),
      "cursor",
    );
    expectInvalid(await api.raw("GET", `/events?limit=1&cursor=${encodeURIComponent(cursor)}`), "cursor");
    expectInvalid(await api.raw("GET", `/events?cursor=${encodeURIComponent(`${cursor}x`)}`), "cursor");
  });

  it("with AUTH=on: a read token lists the events, no token is a 401", async () => {
    const auth = httpApi(authDev.url);
    const { stdout } = await promisify(execFile)(
      "node",
      ["--import", "tsx", "packages/local/src/token-cli.ts", "--scope", "read"],
      { cwd: root, env: { ...process.env, TMPDIR: authState } },
    );
    const token = stdout.trim();
    const listed = await auth.raw("GET", "/events", undefined, { authorization: `Bearer ${token}` });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [], next_cursor: null });
    expectProblem(await auth.raw("GET", "/events"), 401, "UNAUTHENTICATED");
    expectProblem(
      await auth.raw("GET", "/events", undefined, { authorization: `Bearer ${token}x` }),
      401,
      "UNAUTHENTICATED",
    );
  });
});
