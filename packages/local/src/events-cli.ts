/**
 * `pnpm events`: follows the change events of the running `pnpm dev` (API.md "Events") like
 * `tail -f`: the last N events, then each new one as it is listed on `GET /events`.
 *
 *   pnpm events [-n 10] [--json] [--type site.created]… [--type-prefix site.] [--subject sites/12]
 *               [--api URL [--token TOKEN]] [--port N]
 *
 * The API: --api, else the running `pnpm dev`'s (from its state file, with a read token from its
 * local user pool when it runs with AUTH=on): the one on --port, else PORT, else the only one running. Events are listed once they are 1 s old (the
 * settle horizon), so a write shows here 1–1.5 s after its answer.
 */
import { parseArgs } from "node:util";
import { EVENT_TYPES } from "@sites-groups/core";
import { apiTarget } from "./api-target.ts";
import { toolPort } from "./config.ts";
import { type EventFilter, eventLine, eventReader } from "./events-follow.ts";
import { stopWithParents } from "./lifecycle.ts";

const USAGE = `Usage: pnpm events [options]
  -n N                  print the last N events first (default 10; 0: only new ones)
  --json                each event as its CloudEvents JSON, one per line
  --type TYPE           only events of this type (repeatable: any of them)
  --type-prefix PREFIX  only events whose type starts with PREFIX (site., group.)
  --subject SUBJECT     only events about sites/{id} or groups/{id}
  --api URL             the API to follow (default: the running pnpm dev's)
  --token TOKEN         a bearer token for --api (pnpm dev with AUTH=on: taken from it)
  --port N              the pnpm dev to follow (default: PORT, else the only one running)
  --interval MS         pause between polls (default 250)
Types: ${EVENT_TYPES.join(", ")}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function count(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be an integer ≥ ${min}, not ${raw}`);
  return Number(raw);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", short: "n" },
      json: { type: "boolean" },
      type: { type: "string", multiple: true },
      "type-prefix": { type: "string" },
      subject: { type: "string" },
      api: { type: "string" },
      token: { type: "string" },
      interval: { type: "string" },
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const last = count("-n", values.n, 10, 0);
  const interval = count("--interval", values.interval, 250, 1);
  const filter: EventFilter = {
    ...(values.type ? { types: values.type.flatMap((t) => t.split(",")) } : {}),
    ...(values["type-prefix"] !== undefined ? { typePrefix: values["type-prefix"] } : {}),
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
  };
  const { api, authorization } = apiTarget({
    api: values.api,
    token: values.token,
    port: toolPort(values.port),
    scope: "read",
  });
  const reader = eventReader(api, filter, authorization);
  const print = (event: Parameters<typeof eventLine>[0]) =>
    process.stdout.write(`${values.json ? JSON.stringify(event) : eventLine(event)}\n`);

  let stopped = false;
  stopWithParents(() => {
    stopped = true;
    process.exit(0);
  });
  // `pnpm events | head`: the reader went away, stop quietly
  process.stdout.on("error", () => process.exit(0));

  const existing = await reader.since(undefined);
  for (const event of last > 0 ? existing.slice(-last) : []) print(event);
  let after = existing.at(-1)?.id;
  if (process.stderr.isTTY) process.stderr.write(`Following ${api}/events (Ctrl-C stops)\n`);
  while (!stopped) {
    await sleep(interval);
    for (const event of await reader.since(after)) {
      print(event);
      after = event.id;
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
