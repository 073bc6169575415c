/**
 * `pnpm dev` as API.md's last section describes it: PORT, SEED, DYNAMODB_ENDPOINT, one
 * "API ready at" line once it answers, and nothing left running after Ctrl-C or SIGTERM.
 */
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer as createHttpServer, type Server } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { devConfig } from "@sites-groups/local/config";
import { freePort } from "@sites-groups/local/dynamodb-local";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { capture, descendants, expectAllGone, root, startDev } from "../support/dev-server.ts";

function javaAmong(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).includes("DynamoDBLocal");
    } catch {
      return false;
    }
  });
}

describe("pnpm dev", () => {
  it("serves demo data, prints one ready line, and stops everything on SIGTERM to pnpm", async () => {
    const dev = await startDev(["pnpm", "dev"], {});
    const tree = [dev.child.pid as number, ...descendants(dev.child.pid as number)];
    expect(javaAmong(tree)).toHaveLength(1);

    const response = await fetch(`${dev.url}/sites?limit=100`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { country: string }[] };
    expect(page.items.length).toBeGreaterThan(10);
    expect(new Set(page.items.map((s) => s.country))).toEqual(new Set(["fr", "it"]));
    expect(dev.output().match(/API ready at/g)).toHaveLength(1);

    const groups = (await (await fetch(`${dev.url}/groups`)).json()) as {
      items: { type: string; site_ids: number[]; child_group_ids: number[] }[];
    };
    expect(new Set(groups.items.map((g) => g.type))).toEqual(new Set(["group1", "group2", "group3"]));
    expect(groups.items.some((g) => g.child_group_ids.length > 0)).toBe(true);
    expect(groups.items.some((g) => g.site_ids.length > 0)).toBe(true);
    expect(groups.items.filter((g) => g.type === "group3").every((g) => g.site_ids.length === 0)).toBe(true);

    // pnpm does not forward SIGTERM to its script: the server must notice and still clean up
    process.kill(dev.child.pid as number, "SIGTERM");
    await expectAllGone(tree);
  });

  it("stops everything on Ctrl-C (SIGINT to the whole foreground group)", async () => {
    const dev = await startDev(["pnpm", "dev"], { SEED: "false" });
    const tree = [dev.child.pid as number, ...descendants(dev.child.pid as number)];
    process.kill(-(dev.child.pid as number), "SIGINT");
    await expectAllGone(tree);
  });

  it("SEED=false starts empty; DYNAMODB_ENDPOINT uses that database and starts no java", async () => {
    const dev = await startDev(["node", "--import", "tsx", "packages/local/src/dev.ts"], {
      SEED: "false",
      DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"),
      TABLE_NAME: `dev-test-${process.pid}`,
    });
    const tree = [dev.child.pid as number, ...descendants(dev.child.pid as number)];
    expect(javaAmong(tree)).toEqual([]);
    const page = (await (await fetch(`${dev.url}/sites`)).json()) as { items: unknown[]; next_cursor: unknown };
    expect(page).toEqual({ items: [], next_cursor: null });
    dev.child.kill("SIGTERM");
    await expectAllGone(tree);
  });

  it("on a busy port says so and what to do, before it starts DynamoDB Local or seeds", async () => {
    const port = await freePort();
    const holder = createServer().listen(port);
    await once(holder, "listening");
    try {
      const child = spawn("node", ["--import", "tsx", "packages/local/src/dev.ts"], {
        cwd: root,
        env: { ...process.env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const output = capture(child);
      const [code] = (await once(child, "exit")) as [number];
      expect(code).toBe(1);
      expect(output()).toContain(`Port ${port} is already in use`);
      expect(output()).toContain(`PORT=${port + 1} pnpm dev`);
      expect(output()).not.toMatch(/DynamoDB at|Demo data|EADDRINUSE/);
    } finally {
      holder.close();
    }
  });

  describe("a setting it cannot use: one line that names it and what to do, before it starts anything", () => {
    /** dev.ts with these settings, to its exit: its code and everything it printed. */
    async function refused(env: Record<string, string>) {
      const child = spawn("node", ["--import", "tsx", "packages/local/src/dev.ts"], {
        cwd: root,
        env: { ...process.env, PORT: String(await freePort()), SEED: "false", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const output = capture(child);
      const [code] = (await once(child, "exit")) as [number];
      return { code, lines: output().trim().split("\n") };
    }

    /** Local HTTP servers that answer every request alike: no DynamoDB. */
    const impostors = new Map<string, string>();
    const servers: Server[] = [];
    beforeAll(async () => {
      for (const [type, body] of [
        ["text/html", "<html>hello</html>"],
        ["application/json", '{"items": []}'],
      ] as const) {
        const server = createHttpServer((_, res) => res.writeHead(200, { "content-type": type }).end(body));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        servers.push(server);
        impostors.set(type, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      }
    });
    afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

    it.each([
      [
        "nothing listening",
        async () => `http://127.0.0.1:${await freePort()}`,
        /^Nothing answers at DYNAMODB_ENDPOINT=http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): start that DynamoDB/,
      ],
      [
        "a web server",
        async () => impostors.get("text/html") as string,
        /^DYNAMODB_ENDPOINT=http:\/\/127\.0\.0\.1:\d+ answered, but not as DynamoDB does \(HTTP 200, SyntaxError\)/,
      ],
      [
        "a JSON API that is not DynamoDB",
        async () => impostors.get("application/json") as string,
        /^DYNAMODB_ENDPOINT=http:\/\/127\.0\.0\.1:\d+ answered, but not as DynamoDB does \(no TableNames/,
      ],
    ])("DYNAMODB_ENDPOINT: %s", async (_, endpoint, message) => {
      const { code, lines } = await refused({ DYNAMODB_ENDPOINT: await endpoint() });
      expect(code).toBe(1);
      expect(lines).toEqual([expect.stringMatching(message)]);
      expect(lines[0]).toMatch(/unset DYNAMODB_ENDPOINT/);
    });

    it.each([
      [
        "DYNAMODB_ENDPOINT",
        "not a url",
        /^DYNAMODB_ENDPOINT=not a url is not an http\(s\) URL: give one like http:\/\/localhost:8000/,
      ],
      [
        "DYNAMODB_ENDPOINT",
        "localhost:8000",
        /^DYNAMODB_ENDPOINT=localhost:8000 is not an http\(s\) URL.*unset DYNAMODB_ENDPOINT/,
      ],
      [
        "CORS_ORIGINS",
        "*",
        /^CORS_ORIGINS=\*: "\*" is not an origin; name each page's origin as scheme:\/\/host\[:port\]/,
      ],
      [
        "CORS_ORIGINS",
        "http://localhost:5173/app",
        /^CORS_ORIGINS=.*: "http:\/\/localhost:5173\/app" is not an origin/,
      ],
    ])("%s=%s: refused in one line by the configuration dev.ts reads first", (name, value, message) => {
      expect(() => devConfig({ [name]: value }, [])).toThrow(message);
      expect(() => devConfig({ [name]: value }, [])).not.toThrow(/\n/);
    });

    it("reads a list of exact origins, and no origin by default", () => {
      expect(devConfig({}, []).corsOrigins).toEqual([]);
      expect(devConfig({ CORS_ORIGINS: "http://localhost:5173, https://app.example.com" }, []).corsOrigins).toEqual([
        "http://localhost:5173",
        "https://app.example.com",
      ]);
    });
  });
});
