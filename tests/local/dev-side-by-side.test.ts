/**
 * Several `pnpm dev` on one machine: each keeps its own state file (one per port), `pnpm token`,
 * `pnpm seed` and `pnpm events` find the one `--port` or `PORT` names (or the only one running),
 * and stopping one never takes the other's file. Each listens where `HOST` says: this machine's
 * loopback unless told, and its start-up lines say which.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { root, type StartedDev, startDev, stopDev } from "../support/dev-server.ts";
import { italianSite } from "../support/fixtures.ts";

const state = mkdtempSync(join(tmpdir(), "dev-side-by-side-"));
const run = promisify(execFile);

/** A tool of packages/local/src run to its end, with this file's state directory: its exit code and output. */
async function tool(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run("node", ["--import", "tsx", `packages/local/src/${script}`, ...args], {
      cwd: root,
      env: { ...process.env, TMPDIR: state, ...env },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, out: stdout, err: stderr };
  }
}

const portOf = (dev: StartedDev) => Number(new URL(dev.url).port);
const fileOf = (dev: StartedDev) => join(state, `sites-and-groups-dev-${portOf(dev)}.json`);

/** This machine's first address that is not loopback, if it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

const readTokens = new Map<StartedDev, Promise<string>>();
/** A read token from `pnpm token --port`, one per server. */
function readToken(dev: StartedDev): Promise<string> {
  let token = readTokens.get(dev);
  if (!token) {
    token = tool("token-cli.ts", ["--scope", "read", "--port", String(portOf(dev))]).then(({ out }) => out.trim());
    readTokens.set(dev, token);
  }
  return token;
}

let first: StartedDev;
let second: StartedDev;
beforeAll(async () => {
  const base = { SEED: "false", AUTH: "on", DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"), TMPDIR: state };
  const command = ["node", "--import", "tsx", "packages/local/src/dev.ts"];
  [first, second] = await Promise.all([
    startDev(command, { ...base, TABLE_NAME: `side-a-${process.pid}` }),
    startDev(command, { ...base, TABLE_NAME: `side-b-${process.pid}`, HOST: "0.0.0.0" }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([first, second].filter((dev) => dev?.child.exitCode === null).map(stopDev));
  rmSync(state, { recursive: true, force: true });
});

describe("two pnpm dev side by side", () => {
  it("each writes its own state file", () => {
    expect(existsSync(fileOf(first))).toBe(true);
    expect(existsSync(fileOf(second))).toBe(true);
  });

  it("pnpm token --client: refuses to guess between two, and prints the client of the one --port or PORT names", async () => {
    const guess = await tool("token-cli.ts", ["--client"]);
    expect(guess.code).toBe(1);
    const ports = [portOf(first), portOf(second)].sort((a, b) => a - b);
    expect(guess.err).toContain(`Several \`pnpm dev\` are running (ports ${ports.join(", ")}): say which with --port`);

    const byFlag = await tool("token-cli.ts", ["--client", "--port", String(portOf(first))]);
    const byEnv = await tool("token-cli.ts", ["--client"], { PORT: String(portOf(second)) });
    const client = (output: string) => /^client_id: (\S+)$/m.exec(output)?.[1];
    expect(byFlag.out).toMatch(
      /^client_id: \S+\nclient_secret: \S+\ntoken_url: http:\/\/localhost:\d+\/oauth2\/token\n$/,
    );
    expect(byFlag.out).toContain(`token_url: ${first.url}/oauth2/token`);
    expect(byEnv.out).toContain(`token_url: ${second.url}/oauth2/token`);
    expect(client(byFlag.out)).toEqual(expect.any(String));
    expect(client(byFlag.out)).not.toBe(client(byEnv.out));
  });

  it("pnpm token --port: a token of that server's pool, which the other refuses", async () => {
    const authorization = `Bearer ${await readToken(first)}`;
    expect((await fetch(`${first.url}/sites`, { headers: { authorization } })).status).toBe(200);
    expect((await fetch(`${second.url}/sites`, { headers: { authorization } })).status).toBe(401);
  });

  it("pnpm seed --port seeds that server's table only", async () => {
    const seeded = await tool("seed-cli.ts", ["--sites", "3", "--groups", "1", "--port", String(portOf(second))]);
    expect(seeded.code, seeded.err).toBe(0);
    const count = async (dev: StartedDev) => {
      const page = await fetch(`${dev.url}/sites?limit=100`, {
        headers: { authorization: `Bearer ${await readToken(dev)}` },
      });
      return ((await page.json()) as { items: unknown[] }).items.length;
    };
    expect(await count(second)).toBe(3);
    expect(await count(first)).toBe(0);
  });

  it("pnpm events with PORT follows that server (with a read token of its own pool)", async () => {
    const write = (await tool("token-cli.ts", ["--port", String(portOf(first))])).out.trim();
    const created = await fetch(`${first.url}/sites`, {
      method: "POST",
      headers: { authorization: `Bearer ${write}`, "content-type": "application/json" },
      body: JSON.stringify(italianSite({ name: "Side A" })),
    });
    expect(created.status).toBe(201);
    const child = execFile("node", ["--import", "tsx", "packages/local/src/events-cli.ts", "-n", "5"], {
      cwd: root,
      env: { ...process.env, TMPDIR: state, PORT: String(portOf(first)) },
    });
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    const deadline = Date.now() + 20_000;
    while (!out.includes('"Side A"') && child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGINT");
    expect(out).toMatch(/site\.created +sites\/\d+ +"Side A" \(it\)/);
  });

  it("listens on 127.0.0.1 unless HOST says otherwise, and says so", async () => {
    expect(first.output()).toContain(`Listening on 127.0.0.1:${portOf(first)}: this machine only`);
    expect(second.output()).toContain("Listening on every interface (HOST=0.0.0.0): other machines can reach it");
    expect(await accepts("127.0.0.1", portOf(first))).toBe(true);
    if (outside) {
      expect(await accepts(outside, portOf(first))).toBe(false);
      expect(await accepts(outside, portOf(second))).toBe(true);
    }
  });

  it("stopping one removes its file only; the tools then find the other without being told", async () => {
    await stopDev(second);
    expect(existsSync(fileOf(second))).toBe(false);
    expect(existsSync(fileOf(first))).toBe(true);
    const only = await tool("token-cli.ts", ["--client"]);
    expect(only.out).toContain(`token_url: ${first.url}/oauth2/token`);
    const gone = await tool("token-cli.ts", ["--port", String(portOf(second))]);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain(`No \`pnpm dev\` is running on port ${portOf(second)}`);
  });
});
