/** A path id is read before any database call: a 400 naming it, "too large" from 2^53 up. */
import { describe, expect, it } from "vitest";
import { lambdaContext, proxyEvent } from "./event.ts";

async function get(id: string) {
  process.env.TABLE_NAME ??= "ids";
  const { handler } = await import("../src/sites/get.ts");
  const response = await handler(
    proxyEvent("GET", "/sites/{id}", { path: `/sites/${id}`, pathParameters: { id } }),
    lambdaContext,
  );
  return { status: response.statusCode, body: JSON.parse(response.body) };
}

describe("a path id", () => {
  it("from 2^53 up is too large", async () => {
    const { status, body } = await get(String(2n ** 53n));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ path: "id", message: expect.stringMatching(/^9007199254740992 is too large/) }]);
  });

  it("that is no positive integer says so", async () => {
    const { status, body } = await get("abc");
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ path: "id", message: '"abc" is not a positive integer' }]);
  });
});
