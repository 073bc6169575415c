/**
 * Where a running `pnpm dev` says which DynamoDB and table it uses, so that `pnpm seed` and
 * other tools find them without being told (DynamoDB Local listens on a free port).
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DevState {
  endpoint: string;
  table: string;
  api: string;
  pid: number;
}

export const DEV_STATE_FILE = join(tmpdir(), "sites-and-groups-dev.json");

export function writeDevState(state: DevState): void {
  writeFileSync(DEV_STATE_FILE, JSON.stringify(state));
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
