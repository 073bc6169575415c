/**
 * Whatever arrives at the local server, it answers with a problem+json 4xx: odd and lower-case
 * methods, CONNECT, targets that are no URL, over-long request lines, broken headers. Sent over a
 * raw socket, since fetch refuses to send most of these.
 */

import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { routes } from "@sites-groups/functions/routes";
import { createGateway } from "@sites-groups/local/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const server = createGateway({
  routes,
  // none of these requests may reach a handler
  load: () => Promise.reject(new Error("a handler was called")),
});
let port: number;
beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
beforeAll(() => {
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Sends bytes as they are and reads the whole answer (the server closes or the body is complete). */
function send(raw: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(raw));
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within 5 s: ${JSON.stringify(text.slice(0, 300))}`));
    }, 5000);
    socket.on("data", (chunk) => {
      text += chunk;
    });
    socket.on("end", () => {
      clearTimeout(timer);
      const [head = "", body = ""] = text.split("\r\n\r\n", 2);
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
      );
      if (headers["transfer-encoding"]) return reject(new Error(`unexpected ${headers["transfer-encoding"]} body`));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: body ? JSON.parse(body) : {} });
    });
    socket.on("error", reject);
  });
}

function expectProblem(answer: RawAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ type: "about:blank", status, code });
  expect(typeof answer.body.detail).toBe("string");
  expect(typeof answer.body.request_id).toBe("string");
}

/** Asks the server to close the connection after answering, so the answer ends where the bytes do. */
const request = (line: string, headers = "Host: localhost\r\n") => `${line}\r\n${headers}Connection: close\r\n\r\n`;

describe("the local server answers everything with a problem", () => {
  it.each([
    ["a lower-case method", request("get /sites HTTP/1.1"), "method"],
    ["an invented method", request("FETCH /sites HTTP/1.1"), "method"],
    ["a request line that is not HTTP", request("GET http://a b/ HTTP/1.1"), ""],
    ["a header name with a space", request("GET /sites HTTP/1.1", "Host: localhost\r\nBad Header: x\r\n"), "header"],
    ["a URL over 64 KiB", request(`GET /sites?name=${"a".repeat(65 * 1024)} HTTP/1.1`), "KiB"],
    [
      "headers over the limit",
      request("GET /sites HTTP/1.1", `Host: localhost\r\nX-Big: ${"b".repeat(40_000)}\r\n`),
      "KiB",
    ],
  ])("%s: 400 VALIDATION_FAILED", async (_, raw, words) => {
    const answer = await send(raw);
    expectProblem(answer, 400, "VALIDATION_FAILED");
    expect(answer.body.detail).toContain(words);
  });

  it("CONNECT: 404, as any method a path does not have", async () => {
    expectProblem(await send(request("CONNECT localhost:443 HTTP/1.1")), 404, "NOT_FOUND");
  });

  it.each([
    ["TRACE", request("TRACE /sites HTTP/1.1")],
    ["PROPFIND", request("PROPFIND /sites HTTP/1.1")],
    ["a target that looks like a host and a port", request("GET //x:y/sites HTTP/1.1")],
    ["a malformed percent-escape in an unknown path", request("GET /%zz HTTP/1.1")],
  ])("%s: 404 NOT_FOUND, no handler called", async (_, raw) => {
    expectProblem(await send(raw), 404, "NOT_FOUND");
  });

  it("an asterisk target: 400, it names no resource", async () => {
    expectProblem(await send(request("OPTIONS * HTTP/1.1")), 400, "VALIDATION_FAILED");
  });

  it.each([
    ["an unknown expectation", "fancy"],
    ["another status", "200-ok"],
    ["an empty one", ""],
  ])("Expect: %s is a 417 EXPECTATION_FAILED, no handler called", async (_, expectation) => {
    const headers = `Host: localhost\r\nExpect: ${expectation}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n`;
    const answer = await send(`${request("POST /sites HTTP/1.1", headers)}{}`);
    expectProblem(answer, 417, "EXPECTATION_FAILED");
    expect(answer.body.detail).toContain("100-continue");
  });
});
