/**
 * Where a running `pnpm dev` says which DynamoDB and table it uses, so that `pnpm seed` and
 * other tools find them without being told (DynamoDB Local listens on a free port).
 */
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DevState {
  endpoint: string;
  table: string;
  api: string;
  pid: number;
  /** With AUTH=on: the local user pool's token endpoint and its machine client, for `pnpm token`. */
  auth?: { tokenUrl: string; clientId: string; clientSecret: string };
}

export const DEV_STATE_FILE = join(tmpdir(), "sites-and-groups-dev.json");

export function writeDevState(state: DevState): void {
  // it may hold the local client's secret: readable by this user only
  writeFileSync(DEV_STATE_FILE, JSON.stringify(state), { mode: 0o600 });
  chmodSync(DEV_STATE_FILE, 0o600);
}

export function clearDevState(): void {
  try {
    if (readDevState()?.pid === process.pid) rmSync(DEV_STATE_FILE);
  } catch {
    // already gone
  }
}

/** The state of a `pnpm dev` that is still running, if any. */
export function readDevState(): DevState | undefined {
  try {
    const state = JSON.parse(readFileSync(DEV_STATE_FILE, "utf8")) as DevState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}
