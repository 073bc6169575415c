import { execFileSync } from "node:child_process";

function parentOf(pid: number): number | undefined {
  try {
    const out = execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim();
    const ppid = Number(out);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Calls `stop` on SIGINT, SIGTERM or SIGHUP, and also when a process that started this one
 * (up to `depth` generations: the script's shell, pnpm, npx…) is gone. pnpm does not pass
 * SIGTERM on to the script it runs, so `kill <pnpm pid>` would otherwise leave this process and
 * its DynamoDB Local running.
 */
export function stopWithParents(stop: () => void, depth = 3): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
  const ancestors: number[] = [];
  for (let pid: number | undefined = process.ppid; pid && ancestors.length < depth; pid = parentOf(pid)) {
    ancestors.push(pid);
  }
  const timer = setInterval(() => {
    if (!ancestors.every(alive)) stop();
  }, 500);
  timer.unref();
}
