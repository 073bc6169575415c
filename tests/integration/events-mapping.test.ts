/**
 * The events of every write of the API (API.md "Events"), made by the stream processor
 * (functions/src/events/process.ts, the deployed handler) from the test table's stream, as the
 * local stream runner hands it the records: exact types, subjects and data (the representations
 * the API answers), nothing for a write that changed nothing, and the order of each subject.
 */
import { randomUUID } from "node:crypto";
import { type CloudEvent, EVENT_TYPES } from "@sites-groups/core";
import { handler } from "@sites-groups/functions/events/process";
import { beforeAll, describe, expect, it } from "vitest";
import { groupHelpers } from "../e2e/group-fixtures.ts";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { AnySite, Group } from "../support/client.ts";
import { aGroup, frenchSite, italianSite, saturdays } from "../support/fixtures.ts";
import { eventFollower, startTestRunner, storedEvents } from "../support/processed-events.ts";
import { create, expectStatus } from "../support/replies.ts";

let api: TestApi;
let next: () => Promise<CloudEvent[]>;
/** Every event the tests saw, in the order they saw them. */
const seen: CloudEvent[] = [];

beforeAll(async () => {
  api = await startTestApi({ stream: true });
  const runner = await startTestRunner(api.db, handler);
  const follow = eventFollower(api.db, runner);
  next = async () => {
    const events = await follow();
    seen.push(...events);
    return events;
  };
});

type Expected = Pick<CloudEvent, "type" | "subject" | "data">;

const { createGroup } = groupHelpers(() => api);

const getSite = async (id: number) =>
  expectStatus(await api.GET("/sites/{id}", { params: { path: { id } } }), 200) as AnySite;
const getGroup = async (id: number) =>
  expectStatus(await api.GET("/groups/{id}", { params: { path: { id } } }), 200) as Group;
const patchSite = async (id: number, body: Record<string, unknown>) =>
  expectStatus(await api.PATCH("/sites/{id}", { params: { path: { id } }, body: body as never }), 200) as AnySite;
const patchGroup = async (id: number, body: Record<string, unknown>) =>
  expectStatus(await api.PATCH("/groups/{id}", { params: { path: { id } }, body: body as never }), 200) as Group;

const siteCreated = (site: AnySite): Expected => ({ type: "site.created", subject: `sites/${site.id}`, data: site });
const siteUpdated = (site: AnySite, changed: string[]): Expected => ({
  type: "site.updated",
  subject: `sites/${site.id}`,
  data: { ...site, changed },
});
const siteDeleted = (site: AnySite): Expected => ({ type: "site.deleted", subject: `sites/${site.id}`, data: site });
const groupCreated = (group: Group): Expected => ({
  type: "group.created",
  subject: `groups/${group.id}`,
  data: group,
});
const groupUpdated = (group: Group, changed: string[]): Expected => ({
  type: "group.updated",
  subject: `groups/${group.id}`,
  data: { ...group, changed },
});
const groupDeleted = (group: Group): Expected => ({
  type: "group.deleted",
  subject: `groups/${group.id}`,
  data: group,
});
const link = (type: "group.site_added" | "group.site_removed", group: number, site: number): Expected => ({
  type,
  subject: `groups/${group}`,
  data: { group_id: group, site_id: site },
});
const nesting = (type: "group.child_added" | "group.child_removed", parent: number, child: number): Expected => ({
  type,
  subject: `groups/${parent}`,
  data: { group_id: parent, child_group_id: child },
});

/** One comparable line per event (keys and `changed` in name order: their order is not part of the contract). */
function line({ type, subject, data }: Expected): string {
  const changed = Array.isArray(data.changed) ? { changed: [...(data.changed as string[])].sort() } : {};
  const sorted = Object.fromEntries(Object.entries({ ...data, ...changed }).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify({ subject, type, data: sorted });
}

/**
 * The events of one write are exactly these (the records of one transaction reach the stream in no
 * promised order across items, so they are compared as a set), each a well-formed CloudEvent.
 */
function expectEvents(actual: CloudEvent[], expected: Expected[]) {
  for (const event of actual) {
    expect(event).toEqual({
      specversion: "1.0",
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      source: "sites-and-groups/local",
      type: expect.toBeOneOf([...EVENT_TYPES]),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      subject: expect.stringMatching(/^(sites|groups)\/[1-9]\d*$/),
      datacontenttype: "application/json",
      data: expect.any(Object),
    });
  }
  expect(actual.map(line).sort()).toEqual(expected.map(line).sort());
}

describe("site writes", () => {
  it("creating a French site without groups: one site.created with the representation", async () => {
    const site = await create(api, "/sites", frenchSite({ name: "Lyon events" }));
    expectEvents(await next(), [siteCreated(site)]);
  });

  it("creating an Italian site in two groups: site.created and one site_added per group, no group.updated", async () => {
    const [g1, g2] = [await createGroup({ type: "group1" }), await createGroup({ type: "group2" })];
    expectEvents(await next(), [groupCreated(g1), groupCreated(g2)]);
    const site = await create(api, "/sites", italianSite({ group_ids: [g2.id, g1.id] }));
    expect(site.group_ids).toEqual([g1.id, g2.id]);
    expectEvents(await next(), [
      siteCreated(site),
      link("group.site_added", g1.id, site.id),
      link("group.site_added", g2.id, site.id),
    ]);
  });

  it("a PATCH of own fields: site.updated with the new representation and exactly the changed fields", async () => {
    const site = await create(api, "/sites", frenchSite());
    await next();
    const patched = await patchSite(site.id, { name: "Renamed", max_power_megawatt: 42 });
    expectEvents(await next(), [siteUpdated(patched, ["max_power_megawatt", "name"])]);
    const again = await patchSite(site.id, { useful_energy_at_1_megawatt: 1.25 });
    expectEvents(await next(), [siteUpdated(again, ["useful_energy_at_1_megawatt"])]);
  });

  it("a PATCH of group_ids alone: one site_added / site_removed per group, no site.updated", async () => {
    const [g1, g2, g3] = [await createGroup(), await createGroup(), await createGroup()];
    const site = await create(api, "/sites", italianSite({ group_ids: [g1.id, g2.id] }));
    await next();
    await patchSite(site.id, { group_ids: [g2.id, g3.id] });
    expectEvents(await next(), [link("group.site_removed", g1.id, site.id), link("group.site_added", g3.id, site.id)]);
  });

  it("a PATCH of own fields and group_ids: site.updated naming only the own fields, and the link events", async () => {
    const [g1, g2] = [await createGroup(), await createGroup()];
    const site = await create(api, "/sites", frenchSite({ group_ids: [g1.id] }));
    await next();
    const patched = await patchSite(site.id, { name: "Moved", group_ids: [g2.id] });
    expectEvents(await next(), [
      siteUpdated(patched, ["name"]),
      link("group.site_removed", g1.id, site.id),
      link("group.site_added", g2.id, site.id),
    ]);
  });

  it("a PATCH that changes nothing makes no event", async () => {
    const group = await createGroup();
    const site = await create(api, "/sites", frenchSite({ name: "Same", group_ids: [group.id] }));
    await next();
    await patchSite(site.id, { name: "Same", group_ids: [group.id], max_power_megawatt: site.max_power_megawatt });
    await patchSite(site.id, {});
    expect(await next()).toEqual([]);
  });

  it("deleting a site: site.deleted with its last representation, and one site_removed per group", async () => {
    const [g1, g2] = [await createGroup(), await createGroup()];
    const site = await create(api, "/sites", italianSite({ group_ids: [g1.id, g2.id] }));
    await patchSite(site.id, { name: "Last name" });
    await next();
    const last = await getSite(site.id);
    expectStatus(await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } }), 204);
    expectEvents(await next(), [
      siteDeleted(last),
      link("group.site_removed", g1.id, site.id),
      link("group.site_removed", g2.id, site.id),
    ]);
  });
});

describe("group writes", () => {
  it("creating a group with sites and children: group.created, site_added and child_added, nothing else", async () => {
    const [s1, s2] = [await create(api, "/sites", frenchSite()), await create(api, "/sites", italianSite())];
    const child = await createGroup({ type: "group3" });
    await next();
    const group = await createGroup({
      name: "Parent",
      type: "group2",
      site_ids: [s2.id, s1.id],
      child_group_ids: [child.id],
    });
    expectEvents(await next(), [
      groupCreated(group),
      link("group.site_added", group.id, s1.id),
      link("group.site_added", group.id, s2.id),
      nesting("group.child_added", group.id, child.id),
    ]);
    // the child's parent_group_ids and the sites' group_ids moved: that is no event of theirs
    expect((await getGroup(child.id)).parent_group_ids).toEqual([group.id]);
  });

  it("a PATCH of name and type: group.updated with exactly the changed fields", async () => {
    const group = await createGroup({ name: "Before", type: "group1" });
    await next();
    const renamed = await patchGroup(group.id, { name: "After" });
    expectEvents(await next(), [groupUpdated(renamed, ["name"])]);
    const retyped = await patchGroup(group.id, { name: "After", type: "group3" });
    expectEvents(await next(), [groupUpdated(retyped, ["type"])]);
  });

  it("a PATCH of the links alone: one link event each, no group.updated", async () => {
    const [s1, s2, s3] = [
      await create(api, "/sites", frenchSite()),
      await create(api, "/sites", frenchSite()),
      await create(api, "/sites", frenchSite()),
    ];
    const [c1, c2] = [await createGroup(), await createGroup()];
    const group = await createGroup({ site_ids: [s1.id, s2.id], child_group_ids: [c1.id] });
    await next();
    await patchGroup(group.id, { site_ids: [s2.id, s3.id], child_group_ids: [c2.id] });
    expectEvents(await next(), [
      link("group.site_removed", group.id, s1.id),
      link("group.site_added", group.id, s3.id),
      nesting("group.child_removed", group.id, c1.id),
      nesting("group.child_added", group.id, c2.id),
    ]);
  });

  it("deleting a group: group.deleted, and the removal of its sites, its children and its parents", async () => {
    const [s1, s2] = [await create(api, "/sites", frenchSite()), await create(api, "/sites", italianSite())];
    const child = await createGroup({ type: "group3" });
    const group = await createGroup({ type: "group2", site_ids: [s1.id, s2.id], child_group_ids: [child.id] });
    const parent = await createGroup({ child_group_ids: [group.id] });
    await next();
    const last = await getGroup(group.id);
    expect(last.parent_group_ids).toEqual([parent.id]);
    expectStatus(await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } }), 204);
    expectEvents(await next(), [
      groupDeleted(last),
      link("group.site_removed", group.id, s1.id),
      link("group.site_removed", group.id, s2.id),
      nesting("group.child_removed", group.id, child.id),
      nesting("group.child_removed", parent.id, group.id),
    ]);
  });
});

describe("link writes", () => {
  it("PUT and DELETE of a site link and of a nesting: one event each; a repeated PUT makes none", async () => {
    const site = await create(api, "/sites", frenchSite());
    const [group, child] = [await createGroup(), await createGroup()];
    await next();
    const path = { id: group.id, site_id: site.id };
    const nest = { id: group.id, child_id: child.id };

    expectStatus(await api.PUT("/groups/{id}/sites/{site_id}", { params: { path } }), 204);
    expectEvents(await next(), [link("group.site_added", group.id, site.id)]);
    expectStatus(await api.PUT("/groups/{id}/sites/{site_id}", { params: { path } }), 204);
    expect(await next()).toEqual([]);
    expectStatus(await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path } }), 204);
    expectEvents(await next(), [link("group.site_removed", group.id, site.id)]);

    expectStatus(await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: nest } }), 204);
    expectEvents(await next(), [nesting("group.child_added", group.id, child.id)]);
    expectStatus(await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: nest } }), 204);
    expect(await next()).toEqual([]);
    expectStatus(await api.DELETE("/groups/{id}/groups/{child_id}", { params: { path: nest } }), 204);
    expectEvents(await next(), [nesting("group.child_removed", group.id, child.id)]);
  });
});

describe("writes that change nothing", () => {
  it("a refused write makes no event", async () => {
    const site = await create(api, "/sites", frenchSite());
    const group3 = await createGroup({ type: "group3" });
    await next();
    expect((await api.raw("POST", "/sites", frenchSite({ country: "de" }))).status).toBe(400);
    expect(
      (await api.PATCH("/sites/{id}", { params: { path: { id: site.id } }, body: { min_power_megawatt: 1e6 } })).status,
    ).toBe(400);
    expect(
      (await api.PUT("/groups/{id}/sites/{site_id}", { params: { path: { id: group3.id, site_id: site.id } } })).status,
    ).toBe(422);
    expect(
      (await api.DELETE("/groups/{id}/sites/{site_id}", { params: { path: { id: group3.id, site_id: site.id } } }))
        .status,
    ).toBe(404);
    expect(
      (await api.PUT("/groups/{id}/groups/{child_id}", { params: { path: { id: group3.id, child_id: group3.id } } }))
        .status,
    ).toBe(422);
    expect(await next()).toEqual([]);
  });

  it("an idempotent replay makes no event", async () => {
    const body = italianSite({ name: `Idempotent ${randomUUID()}` });
    const headers = { "idempotency-key": randomUUID() };
    const first = await api.raw("POST", "/sites", body, headers);
    expect(first.status).toBe(201);
    expectEvents(await next(), [siteCreated(first.body as AnySite)]);
    const replay = await api.raw("POST", "/sites", body, headers);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await next()).toEqual([]);
  });
});

describe("a long delete (more sites than one transaction)", () => {
  it("makes one group.deleted at the tombstone, with the full representation, then one site_removed per site", async () => {
    // the sites first (in parallel: no group to contend for), then the links in two transactions
    const saturday = saturdays("2040-01-07");
    const sites = (
      await Promise.all(
        Array.from({ length: 60 }, () => api.db.context.sites.create(italianSite({ installation_date: saturday() }))),
      )
    ).map((s) => s.id);
    const group = await createGroup({ type: "group2", name: "Many", site_ids: sites.slice(0, 40) });
    await patchGroup(group.id, { site_ids: sites });
    await next();
    const last = await getGroup(group.id);
    expect(last.site_ids).toHaveLength(60);
    expectStatus(await api.DELETE("/groups/{id}", { params: { path: { id: group.id } } }), 204);
    const events = await next();
    expectEvents(events, [groupDeleted(last), ...sites.map((s) => link("group.site_removed", group.id, s))]);
    // the tombstone is written before any link goes: its event comes first in the group's order
    expect(events.filter((e) => e.subject === `groups/${group.id}`)[0]?.type).toBe("group.deleted");
  });

  it("of a site in more groups than one transaction: one site.deleted with the full representation, one site_removed per group", async () => {
    const site = await create(api, "/sites", frenchSite({ name: "Everywhere" }));
    const groups = (
      await Promise.all(Array.from({ length: 50 }, (_, i) => api.db.context.groups.create(aGroup({ name: `G${i}` }))))
    ).map((g) => g.id);
    await patchSite(site.id, { group_ids: groups.slice(0, 30) });
    await patchSite(site.id, { group_ids: groups });
    await next();
    const last = await getSite(site.id);
    expect(last.group_ids).toHaveLength(50);
    expectStatus(await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } }), 204);
    expectEvents(await next(), [siteDeleted(last), ...groups.map((g) => link("group.site_removed", g, site.id))]);
  });
});

describe("order", () => {
  it("every event is stored once, in the order the writes were made, one subject's events in its order", async () => {
    const site = await create(api, "/sites", frenchSite());
    const renamed = await patchSite(site.id, { name: "Second" });
    const last = await patchSite(site.id, { name: "Third" });
    expectStatus(await api.DELETE("/sites/{id}", { params: { path: { id: site.id } } }), 204);
    const events = await next();
    expect(events.map((e) => [e.type, (e.data as { name: string }).name])).toEqual([
      ["site.created", site.name],
      ["site.updated", renamed.name],
      ["site.updated", last.name],
      ["site.deleted", last.name],
    ]);
    // positions follow the writes across every test of the file, and no event is there twice
    const stored = (await storedEvents(api.db)).map((s) => s.event);
    expect(stored).toEqual(seen);
  });
});
