/**
 * Waiting in tests: polling a check against a deadline, never a fixed sleep. What happens on its
 * own time (a child process, a stream runner, another process's writes) is awaited with
 * `eventually`; what depends on the clock is driven by the services' clock (`createServices({ now })`,
 * tests/support/database.ts) or vitest's fake `Date` instead.
 */
import { vi } from "vitest";

export interface Patience {
  /** How long to keep trying (default 5 s). */
  timeoutMs?: number;
  /** The pause between two tries (default 50 ms). */
  intervalMs?: number;
}

/**
 * Runs `check` until it returns without throwing (a failed `expect`, or an error of its own),
 * every `intervalMs` (vitest's `vi.waitFor`), and answers what it returned. Past `timeoutMs` it
 * fails with the check's last error, prefixed with what it waited for:
 * `waited 5000 ms for <what>: <the last error>`.
 */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 50 }: Patience = {},
): Promise<T> {
  try {
    return await vi.waitFor(check, { timeout: timeoutMs, interval: intervalMs });
  } catch (error) {
    const waited = `waited ${timeoutMs} ms for ${what}`;
    if (!(error instanceof Error)) throw new Error(`${waited}: ${String(error)}`);
    // the same error, so that a failed `expect` keeps its diff
    error.message = `${waited}: ${error.message}`;
    throw error;
  }
}
