/**
 * `pnpm seed`: fills a DynamoDB table with faker data that keeps every rule of the API.
 *
 *   pnpm seed [--sites 1000] [--groups 50] [--seed 2026] [--endpoint URL] [--table NAME] [--concurrency 16] [--port N]
 *
 * The database: --endpoint, else DYNAMODB_ENDPOINT, else the one a running `pnpm dev` uses (the one
 * on --port, else PORT, else the only one running).
 * LocalStack: --endpoint http://localhost:4566. The table is created if missing.
 */
import { parseArgs } from "node:util";
import { createServices } from "@sites-groups/core";
import cliProgress from "cli-progress";
import { DEFAULT_TABLE, seedTarget, toolPort } from "./config.ts";
import { selectDevState } from "./dev-state.ts";
import { ensureTable } from "./dynamodb-local.ts";
import { seed } from "./seed.ts";

const USAGE = `Usage: pnpm seed [options]
  --sites N         sites to create (default 1000)
  --groups N        groups to create (default: sites / 20)
  --seed N          random seed: the same seed gives the same data (default 2026)
  --endpoint URL    DynamoDB endpoint (default: DYNAMODB_ENDPOINT, else the running pnpm dev's)
  --table NAME      table (default: TABLE_NAME, else pnpm dev's, else sites-and-groups-dev)
  --concurrency N   service calls in flight at once (default 16)
  --port N          the pnpm dev whose database to seed (default: PORT, else the only one running)`;

function integer(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, not ${value}\n${USAGE}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      sites: { type: "string" },
      groups: { type: "string" },
      seed: { type: "string" },
      endpoint: { type: "string" },
      table: { type: "string" },
      concurrency: { type: "string" },
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sites = integer("sites", values.sites, 1000);
  const groups = integer("groups", values.groups, Math.ceil(sites / 20));
  const randomSeed = integer("seed", values.seed, 2026);
  const concurrency = integer("concurrency", values.concurrency, 16, 1);
  const fromEnv = seedTarget();
  const told = values.endpoint ?? fromEnv.endpoint;
  const dev = told === undefined ? selectDevState(toolPort(values.port)) : undefined;
  const endpoint = told ?? dev?.endpoint;
  if (!endpoint) {
    throw new Error(`No DynamoDB to seed: start \`pnpm dev\` (its database is found automatically), or pass
--endpoint URL (or DYNAMODB_ENDPOINT), e.g. --endpoint http://localhost:4566 for LocalStack.\n\n${USAGE}`);
  }
  const table = values.table ?? fromEnv.table ?? dev?.table ?? DEFAULT_TABLE;
  const created = await ensureTable(endpoint, table);
  console.log(`Seeding ${endpoint}, table ${table} (${created}): ${sites} sites, ${groups} groups, seed ${randomSeed}`);

  const interactive = process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      format: "{phase} |{bar}| {value}/{total} {percentage}% · {rate}/s · eta {eta_formatted}",
      hideCursor: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = "";
  let phaseStart = 0;
  let lastLine = 0;
  const context = createServices({ table, endpoint });
  const summary = await seed(context, {
    sites,
    groups,
    seed: randomSeed,
    concurrency,
    onProgress(name, done, total) {
      const now = performance.now();
      if (name !== phase) {
        if (phase && interactive) bar.stop();
        phase = name;
        phaseStart = now;
        if (interactive) bar.start(total, 0, { phase: name.padEnd(6), rate: "0" });
      }
      const rate = ((done / Math.max(now - phaseStart, 1)) * 1000).toFixed(0);
      if (interactive) bar.update(done, { phase: name.padEnd(6), rate });
      else if (done === total || now - lastLine > 2000) {
        lastLine = now;
        console.log(`${name}: ${done}/${total} (${rate}/s)`);
      }
    },
  });
  if (interactive && phase) bar.stop();

  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
  console.log(`
Done in ${summary.seconds.total.toFixed(1)} s
  sites        ${summary.sites} (${list(summary.sitesByCountry)}) in ${summary.seconds.sites.toFixed(1)} s: ${summary.siteRate.toFixed(0)} sites/s
  groups       ${summary.groups} (${list(summary.groupsByType)}) in ${summary.seconds.groups.toFixed(1)} s
  memberships  ${summary.memberships}, nestings ${summary.nestings}
  retries      ${summary.retries} after contention, ${summary.daysRedrawn} French days redrawn (already taken)
Every write went through the services' conditional transactions: one French site per day,
Italian sites on weekends, no site in a group3, no nesting cycle.`);
  context.db.client.destroy();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
