/**
 * `pnpm dev` as a child process, for the suites that drive the real development server
 * (tests/local): started on a free port, ready once it prints its "API ready at" line, and its
 * process tree, to prove that stopping it leaves nothing running.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "@sites-groups/local/dynamodb-local";
import { expect } from "vitest";
import { eventually } from "./eventually.ts";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export interface StartedDev {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Every process below `pid`, children first, then theirs. */
export function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Everything the child prints, on both streams, as it arrives. */
export function capture(child: ChildProcess): () => string {
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return () => output;
}

/** Starts `command` (`pnpm dev` or dev.ts itself) in its own process group, on a free PORT. */
export async function startDev(command: string[], env: Record<string, string>): Promise<StartedDev> {
  const port = await freePort();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...env },
    detached: true, // its own process group, like a terminal's foreground job
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = capture(child);
  const url = `http://localhost:${port}`;
  const ready = () => output().includes(`API ready at ${url}`);
  // done when the line is there, or when it can no longer come (the exit is reported below)
  await eventually(
    `the line "API ready at ${url}"`,
    () => {
      if (!ready() && child.exitCode === null) throw new Error(`so far:\n${output()}`);
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  if (!ready()) throw new Error(`pnpm dev exited ${child.exitCode}:\n${output()}`);
  return { child, url, output };
}

export async function expectAllGone(pids: number[]) {
  await eventually(
    "every process of the tree to end",
    () => {
      expect(pids.filter(alive)).toEqual([]);
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  );
}

/** Ctrl-C to the server's whole process group, then waits until every process of its tree is gone. */
export async function stopDev(dev: StartedDev): Promise<void> {
  const pid = dev.child.pid as number;
  const tree = [pid, ...descendants(pid)];
  const exited = dev.child.exitCode === null ? once(dev.child, "exit") : Promise.resolve();
  process.kill(-pid, "SIGINT");
  await exited;
  await expectAllGone(tree);
}
