/**
 * What the HTTP suites expect of an answer they need to go on: its status, failing with the
 * answered body (the problem) otherwise; and the create that must answer 201.
 */
import { expect } from "vitest";
import type { Group, GroupCreate, Reply, Site, SiteCreate, TypedApi } from "./client.ts";

/** The body of `reply`, which must have `status`; the message of a failure shows what was answered. */
export function expectStatus<T>(reply: Reply<T>, status: number): T {
  expect(reply.status, `answered ${reply.status}: ${JSON.stringify(reply.body)}`).toBe(status);
  return reply.body;
}

/**
 * `POST /sites` or `POST /groups` with `body`, which must answer 201 Created: the representation
 * created. A test that checks more of the answer (`Location`, `ETag`, headers) sends it itself.
 */
export function create(api: TypedApi, collection: "/sites", body: SiteCreate): Promise<Site>;
export function create(api: TypedApi, collection: "/groups", body: GroupCreate): Promise<Group>;
export async function create(
  api: TypedApi,
  collection: "/sites" | "/groups",
  body: SiteCreate | GroupCreate,
): Promise<Site | Group> {
  const reply =
    collection === "/sites"
      ? await api.POST("/sites", { body: body as SiteCreate })
      : await api.POST("/groups", { body: body as GroupCreate });
  return expectStatus<Site | Group>(reply, 201);
}
