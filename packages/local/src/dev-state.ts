/**
 * Where a running `pnpm dev` says which DynamoDB and table it uses, so that `pnpm seed` and
 * other tools find them without being told (DynamoDB Local listens on a free port). One file per
 * port, so that several servers run side by side and each removes only its own.
 */
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DevState {
  endpoint: string;
  table: string;
  api: string;
  port: number;
  pid: number;
  /** With AUTH=on: the local user pool's token endpoint and its machine client, for `pnpm token`. */
  auth?: { tokenUrl: string; clientId: string; clientSecret: string };
}

const PREFIX = "sites-and-groups-dev-";

/** The state file of the `pnpm dev` on this port. */
function devStateFile(port: number): string {
  return join(tmpdir(), `${PREFIX}${port}.json`);
}

export function writeDevState(state: DevState): void {
  const file = devStateFile(state.port);
  // it may hold the local client's secret: readable by this user only
  writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Removes this process's state file; a file another server wrote since stays. */
export function clearDevState(port: number): void {
  try {
    if (readDevState(port)?.pid === process.pid) rmSync(devStateFile(port));
  } catch {
    // already gone
  }
}

/** The state of the `pnpm dev` on this port, if one is still running there. */
function readDevState(port: number): DevState | undefined {
  try {
    const state = JSON.parse(readFileSync(devStateFile(port), "utf8")) as DevState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}

/** Every `pnpm dev` still running, by port. */
export function runningDevs(): DevState[] {
  const ports = readdirSync(tmpdir()).flatMap((name) => {
    const match = new RegExp(`^${PREFIX}(\\d+)\\.json$`).exec(name);
    return match ? [Number(match[1])] : [];
  });
  return ports.flatMap((port) => readDevState(port) ?? []).sort((a, b) => a.port - b.port);
}

/**
 * The running `pnpm dev` a tool talks to: the one on `port` (the tool's `--port`, else `PORT`),
 * else the only one running; undefined when there is none. Throws when several run and no port
 * says which.
 */
export function selectDevState(port: number | undefined): DevState | undefined {
  if (port !== undefined) return readDevState(port);
  const running = runningDevs();
  if (running.length > 1) {
    const ports = running.map((dev) => dev.port);
    throw new Error(
      `Several \`pnpm dev\` are running (ports ${ports.join(", ")}): say which with --port ${ports[0]} (or PORT=${ports[0]}).`,
    );
  }
  return running[0];
}
