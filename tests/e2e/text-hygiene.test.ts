/**
 * Input hygiene (API.md): text must be well-formed — a body that is not valid UTF-8, or a string
 * with a lone surrogate or a C0/C1 control character anywhere in the body or in a query value,
 * is a 400 naming the field; `errors[]` lists at most 20 problems and counts the rest; a body over
 * the 6 MB a function can take is a 413, never a 500.
 */
import { describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { fixedItalianSite } from "../support/fixtures.ts";

const api = await startTestApi();

const italian = fixedItalianSite();

async function raw(method: string, path: string, body: Uint8Array | string) {
  const response = await fetch(api.url + path, { method, body, headers: { "content-type": "application/json" } });
  const answer = (await response.json()) as Record<string, any>;
  return { status: response.status, type: response.headers.get("content-type"), body: answer };
}

describe("well-formed text", () => {
  it("a body that is not valid UTF-8 is a 400, and nothing is created", async () => {
    const json = Buffer.from(JSON.stringify({ ...italian, name: "Napoli-XX" }));
    const at = json.indexOf("XX");
    json[at] = 0xc3; // a lead byte followed by "X": not UTF-8
    const answer = await raw("POST", "/sites", json);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "" }] });
    expect(answer.body.detail).toContain("UTF-8");
    expect(((await api.raw("GET", "/sites?name=Napoli-%C3%83X")) as { status: number; body: any }).body.items).toEqual(
      [],
    );
  });

  it.each([
    ["a lone high surrogate", "Nap\\ud800oli"],
    ["a lone low surrogate", "\\udc00Napoli"],
    ["a C0 control character", "Nap\\u0007oli"],
    ["a C1 control character", "Nap\\u0085oli"],
    ["DEL", "Nap\\u007foli"],
  ])("%s in a string is a 400 naming the field", async (_, escaped) => {
    const body = JSON.stringify({ ...italian, name: "NAME" }).replace('"NAME"', `"${escaped}"`);
    const answer = await raw("POST", "/sites", body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("VALIDATION_FAILED");
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(["name"]);
  });

  it("a bad string deep in the body, and in a key, is named by its path", async () => {
    const body = '{"name": "G", "type": "group1", "site_ids": ["\\u0001"], "bad\\u0002key": 1}';
    const answer = await raw("POST", "/groups", body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["bad\\u0002key", "site_ids.0"]);
  });

  it("arrays nested thousands deep in a small body are a 400 naming the field, not a stack overflow", async () => {
    const deep = `${"[".repeat(5000)}"x"${"]".repeat(5000)}`;
    for (const [method, path] of [
      ["POST", "/groups"],
      ["POST", "/sites"],
    ] as const) {
      const answer = await raw(method, path, `{"name": ${deep}, "type": "group1"}`);
      expect(answer.status, path).toBe(400);
      expect(answer.body.code).toBe("VALIDATION_FAILED");
      expect(answer.body.errors[0].path).toMatch(/^name\.0\.0/);
      expect(answer.body.errors[0].message).toContain("levels deep");
    }
  });

  it("a query value that is not valid percent-encoded UTF-8 is a 400 naming the parameter", async () => {
    for (const query of ["name=%ff", "name=%E0%A4%A", "name=Lyon%"]) {
      const answer = await api.raw("GET", `/sites?${query}`);
      expect(answer.status, query).toBe(400);
      expect((answer.body as { errors: { path: string }[] }).errors[0]?.path).toBe("name");
    }
    expect((await api.raw("GET", "/sites?name=Caf%C3%A9")).status).toBe(200);
  });

  it("a surrogate pair (an emoji) is well-formed text", async () => {
    const created = (await api.raw("POST", "/groups", { name: "Sun ☀️ 😀", type: "group1" })) as {
      status: number;
      body: any;
    };
    expect(created.status).toBe(201);
    expect(created.body.name).toBe("Sun ☀️ 😀");
  });

  it("a control character or a lone surrogate in a query value is a 400 naming the parameter", async () => {
    // (a URL cannot carry a lone surrogate: ill-formed percent-escapes decode to U+FFFD)
    for (const value of ["a%07b", "a%C2%85b", "a%7Fb"]) {
      const answer = (await api.raw("GET", `/groups?name__contains=${value}`)) as { status: number; body: any };
      expect(answer.status, value).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain("name__contains");
    }
  });
});

describe("errors[] is capped", () => {
  it("6,000 unknown keys: 20 errors listed, errors_omitted counts the rest, a small answer", async () => {
    const body = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, 1]));
    const response = await fetch(`${api.url}/groups`, {
      method: "POST",
      body: JSON.stringify({ name: "G", type: "group1", ...body }),
      headers: { "content-type": "application/json" },
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    const problem = JSON.parse(text);
    expect(problem.errors).toHaveLength(20);
    expect(problem.errors_omitted).toBe(5980);
    expect(problem.detail).toMatch(/and 5980 more$/);
    expect(text.length).toBeLessThan(4096);
  });

  it("20 problems or fewer: no errors_omitted", async () => {
    const answer = (await api.raw("POST", "/groups", { name: "G", type: "group1", a: 1, b: 2 })) as {
      status: number;
      body: any;
    };
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(2);
    expect(answer.body).not.toHaveProperty("errors_omitted");
  });
});

describe("bodies a function cannot take", () => {
  it("over 6 MB (Lambda's payload limit) is a 413 PAYLOAD_TOO_LARGE problem, not a 500", async () => {
    const answer = await raw("POST", "/sites", `{"name": "${"x".repeat(6 * 1024 * 1024 + 1)}"}`);
    expect(answer.status).toBe(413);
    expect(answer.type).toContain("application/problem+json");
    expect(answer.body.code).toBe("PAYLOAD_TOO_LARGE");
  });
});
