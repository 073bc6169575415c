/**
 * Path segments taken literally (API.md "Paths, query strings and media types, exactly"): a `.`
 * or `..` segment, plain or percent-encoded, and an encoded slash are never resolved by the
 * local server. In place of an id they are that id's value, a 400 naming it; elsewhere they match
 * no route. And an `Expect` the server cannot meet is a problem, while `100-continue` works.
 * Sent with node:http, which sends a path as it is given (fetch would resolve the dot segments).
 */
import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { italianSite } from "../support/fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One request with its target exactly as written. */
function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? JSON.parse(text) : {} }),
        );
      },
    );
    sent.on("error", reject);
    sent.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function expectProblem(answer: Answer, status: number, code: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ type: "about:blank", status, code });
}

describe("path segments are taken literally", () => {
  it("DELETE /groups/{id}/sites/%2e%2e is a 400 naming site_id, and deletes nothing", async () => {
    const group = await api.db.context.groups.create({ name: "Kept", type: "group1" });
    const member = await api.db.context.sites.create(italianSite({ group_ids: [group.id] }));
    const before = await api.db.scanAll();
    for (const segment of ["%2e%2e", "%2E%2E", "..", ".%2e", "%2e", ".", "%2F", "%2f", `${member.id}%2F..`]) {
      const answer = await send("DELETE", `/groups/${group.id}/sites/${segment}`);
      expectProblem(answer, 400, "VALIDATION_FAILED");
      expect(answer.body.errors, segment).toEqual([{ path: "site_id", message: expect.any(String) }]);
    }
    expect(await api.db.scanAll()).toEqual(before);
    expect((await api.GET("/groups/{id}", { params: { path: { id: group.id } } })).body).toMatchObject({
      site_ids: [member.id],
    });
  });

  it("an id of dots or an encoded slash is a 400 naming id", async () => {
    for (const segment of ["..", "%2e%2e", ".", "%2F"]) {
      const answer = await send("GET", `/sites/${segment}`);
      expectProblem(answer, 400, "VALIDATION_FAILED");
      expect(answer.body.errors).toEqual([{ path: "id", message: expect.any(String) }]);
    }
  });

  it.each([
    "/sites/1/..",
    "/sites/1/%2e%2e",
    "/./sites",
    "/%2e/sites",
    "/sites/./1",
    "/sites%2F1",
    "/groups/1/sites%2F2",
    "/groups/1/%2e%2e/sites",
  ])("%s matches no route: 404", async (path) => {
    expectProblem(await send("GET", path), 404, "NOT_FOUND");
  });
});

describe("Expect", () => {
  it("100-continue: the request goes on", async () => {
    const answer = await send("POST", "/sites", italianSite(), { expect: "100-continue" });
    expect(answer.status).toBe(201);
  });
});
