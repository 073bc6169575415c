/**
 * `pnpm events` as a child process, following the test API over HTTP while a stream runner feeds
 * the stream processor (as `pnpm dev` does): the last events first, then each new one within 2 s
 * of its write, the filters, and clear errors.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@sites-groups/local/dynamodb-local";
import { startStreamRunner } from "@sites-groups/local/stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import { eventually } from "../support/eventually.ts";
import { aGroup, italianSite } from "../support/fixtures.ts";
import { create } from "../support/replies.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = fileURLToPath(new URL("../../packages/local/src/events-cli.ts", import.meta.url));

interface Running {
  child: ChildProcess;
  lines: () => string[];
  /** Resolves with the output lines once `count` lines match; rejects after `ms`, or once the CLI exits. */
  waitFor(pattern: RegExp, count?: number, ms?: number): Promise<string[]>;
  stop(): Promise<number | null>;
}

const running: Running[] = [];

function events(...args: string[]): Running {
  return eventsWith({}, ...args);
}

function eventsWith(env: Record<string, string>, ...args: string[]): Running {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  const lines = () => out.split("\n").filter(Boolean);
  const run: Running = {
    child,
    lines,
    async waitFor(pattern, count = 1, ms = 20_000) {
      const matched = () => lines().filter((l) => pattern.test(l)).length >= count;
      // done when the lines are there, or when no more can come (the exit is reported below)
      await eventually(
        `${count} × ${pattern} from pnpm events`,
        () => {
          if (!matched() && child.exitCode === null) throw new Error(`so far:\n${out}${err}`);
        },
        { timeoutMs: ms, intervalMs: 20 },
      );
      if (!matched()) throw new Error(`pnpm events exited ${child.exitCode}:\n${out}${err}`);
      return lines();
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGINT");
      return exited;
    },
  };
  running.push(run);
  return run;
}

/** Runs the CLI to its end: exit code and both streams. */
function finished(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const run = eventsWith(env, ...args);
  let err = "";
  run.child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  return new Promise((resolve) =>
    run.child.once("exit", (code) => resolve({ code, out: run.lines().join("\n"), err })),
  );
}

let api: TestApi;
let stopRunner: () => Promise<void>;
let caughtUp: () => Promise<void>;
const sites: number[] = [];
let group: number;

beforeAll(async () => {
  api = await startTestApi({ stream: true });
  const { handler } = await import("@sites-groups/functions/events/process");
  const runner = await startStreamRunner({ endpoint: api.db.endpoint, table: api.db.table, handler, log: () => {} });
  stopRunner = () => runner.stop();
  caughtUp = () => runner.caughtUp();
  for (const name of ["Alpha", "Bravo", "Charlie"]) sites.push((await create(api, "/sites", italianSite({ name }))).id);
  group = (await create(api, "/groups", aGroup({ name: "Watched", site_ids: [sites[0] as number] }))).id;
  // 5 events: 3 sites, the group, its link; listed at once (startTestApi, as pnpm dev, has no settle time)
  await caughtUp();
  await eventually("GET /events to list the 5 events of the setup", async () => {
    const page = await api.GET("/events", { params: { query: { limit: 100 } } });
    expect(page.body.items.length, JSON.stringify(page.body.items.map((e) => e.type))).toBeGreaterThanOrEqual(5);
  });
});

afterAll(async () => {
  await Promise.all(running.map((run) => run.stop()));
  await stopRunner?.();
});

describe("pnpm events", () => {
  it("prints the last events, then a new write's event within 2 s, and stops on Ctrl-C", async () => {
    const run = events("--api", api.url, "-n", "4");
    const first = await run.waitFor(/group\.site_added/);
    expect(first).toHaveLength(4);
    expect(first[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z +site\.created +sites\/\d+ +"Bravo" \(it\)$/);
    expect(first[1]).toMatch(/site\.created +sites\/\d+ +"Charlie" \(it\)$/);
    expect(first[2]).toMatch(new RegExp(`group\\.created +groups/${group} +"Watched" \\(group1\\)$`));
    expect(first[3]).toMatch(new RegExp(`group\\.site_added +groups/${group} +group ${group} ∋ site ${sites[0]}$`));

    const written = Date.now();
    await api.PATCH("/sites/{id}", {
      params: { path: { id: sites[1] as number } },
      body: { name: "Bravo renamed", max_power_megawatt: 42 },
    });
    const after = await run.waitFor(/site\.updated/, 1, 2000);
    expect(Date.now() - written).toBeLessThan(2000);
    expect(after).toHaveLength(5);
    expect(after[4]).toMatch(
      new RegExp(
        `site\\.updated +sites/${sites[1]} +"Bravo renamed" \\(it\\)  changed: (max_power_megawatt, name|name, max_power_megawatt)$`,
      ),
    );
    expect(await run.stop()).toBe(0);
  });

  it("filters by type, type prefix and subject, and --json prints each CloudEvent", async () => {
    const created = events("--api", api.url, "--type", "site.created", "--type", "group.created", "-n", "100");
    const prefix = events("--api", api.url, "--type-prefix", "group.", "-n", "100", "--json");
    const subject = events("--api", api.url, "--subject", `sites/${sites[2]}`, "-n", "100");

    await created.waitFor(/group\.created/);
    await prefix.waitFor(/group\.site_added/);
    await subject.waitFor(/site\.created/);
    await api.DELETE("/sites/{id}", { params: { path: { id: sites[2] as number } } });
    await create(api, "/sites", italianSite({ name: "Delta" }));

    expect(await created.waitFor(/"Delta"/, 1, 2000)).toEqual([
      expect.stringMatching(/site\.created .*"Alpha"/),
      expect.stringMatching(/site\.created .*"Bravo"/),
      expect.stringMatching(/site\.created .*"Charlie"/),
      expect.stringMatching(/group\.created .*"Watched"/),
      expect.stringMatching(/site\.created .*"Delta"/),
    ]);
    const deleted = await subject.waitFor(/site\.deleted/, 1, 2000);
    expect(deleted).toHaveLength(2);
    expect(deleted[1]).toMatch(new RegExp(`site\\.deleted +sites/${sites[2]} +"Charlie" \\(it\\)$`));
    const json = prefix.lines().map((line) => JSON.parse(line));
    expect(json.map((e) => e.type)).toEqual(["group.created", "group.site_added"]);
    expect(json[1]).toMatchObject({
      specversion: "1.0",
      subject: `groups/${group}`,
      data: { group_id: group, site_id: sites[0] },
    });
    expect(json[1].id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("prints the API's problem and exits 1 on a bad filter, and says when nothing answers", async () => {
    const bad = await finished({}, "--api", api.url, "--type", "site.exploded");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^400 .*:\n {2}type: "site.exploded": not one of: site.created/);

    const closed = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const nobody = await finished({}, "--api", closed, "-n", "1");
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain(`Cannot reach ${closed}: ECONNREFUSED`);

    // no --api, and no pnpm dev's state file where it would be (a temporary directory of its own)
    const alone = await finished({ TMPDIR: mkdtempSync(join(tmpdir(), "no-dev-")) });
    expect(alone.code).toBe(1);
    expect(alone.err).toContain(
      "No `pnpm dev` is running: start one in another terminal (pnpm dev), or pass --api URL.",
    );
  });
});
