/**
 * `pnpm rollups:rebuild`: recomputes every maintained item of the hierarchy (below items, ledgers,
 * summaries) from the sites, groups and links, and repairs what differs, safely while writes and
 * the rollups processor go on (core rollups/rebuild.ts). `--check` reports every difference and
 * writes nothing; both exit 1 when a difference is left.
 *
 *   pnpm rollups:rebuild [--check] [--endpoint URL | --aws] [--table NAME] [--port N]
 *
 * The database: --endpoint, else DYNAMODB_ENDPOINT, else the one a running `pnpm dev` uses (the
 * one on --port, else PORT, else the only one running); `--aws`
 * uses the AWS account and region of the environment's credentials (a one-off in AWS).
 */
import { parseArgs } from "node:util";
import { createServices } from "@sites-groups/core";
import { DEFAULT_TABLE, seedTarget, toolPort } from "./config.ts";
import { selectDevState } from "./dev-state.ts";

const USAGE = `Usage: pnpm rollups:rebuild [options]
  --check           report every difference, write nothing
  --endpoint URL    DynamoDB endpoint (default: DYNAMODB_ENDPOINT, else the running pnpm dev's)
  --aws             the table in AWS (credentials and region from the environment)
  --table NAME      table (default: TABLE_NAME, else pnpm dev's, else ${DEFAULT_TABLE})
  --port N          the pnpm dev whose database to use (default: PORT, else the only one running)`;

async function main() {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean" },
      endpoint: { type: "string" },
      aws: { type: "boolean" },
      table: { type: "string" },
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const fromEnv = seedTarget();
  const told = values.aws ? undefined : (values.endpoint ?? fromEnv.endpoint);
  const dev = values.aws || told !== undefined ? undefined : selectDevState(toolPort(values.port));
  const endpoint = values.aws ? undefined : (told ?? dev?.endpoint);
  if (!values.aws && !endpoint) {
    throw new Error(`No DynamoDB: start \`pnpm dev\` (its database is found automatically), pass --endpoint URL
(or DYNAMODB_ENDPOINT), or --aws for a table in AWS.\n\n${USAGE}`);
  }
  const table = values.table ?? fromEnv.table ?? dev?.table ?? DEFAULT_TABLE;
  const { db, hierarchy } = createServices({ table, ...(endpoint ? { endpoint } : {}), cursorSecret: () => "unused" });
  const where = `${endpoint ?? "AWS"}, table ${table}`;
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (values.check) {
    const differences = await hierarchy.check();
    for (const d of differences) console.log(`${d.subject}: ${d.detail}`);
    console.log(`Checked ${where} in ${seconds()} s: ${differences.length} difference(s), nothing written`);
    process.exitCode = differences.length > 0 ? 1 : 0;
  } else {
    const report = await hierarchy.rebuild();
    for (const d of report.differences) console.log(`${d.subject}: ${d.detail}`);
    const { roots, ledgers, recomputed, summaries } = report.repaired ?? { roots: 0, ledgers: 0, summaries: 0 };
    console.log(
      `Rebuilt ${where} in ${seconds()} s: ${report.differences.length} difference(s) found; ${roots} group(s) put ` +
        `in the root index, ${ledgers} ledger(s) reset, ${recomputed?.items ?? 0} item(s) recomputed, ` +
        `${summaries} summary(ies) rebuilt`,
    );
    for (const d of report.remaining ?? []) console.log(`still different: ${d.subject}: ${d.detail}`);
    if (report.remaining?.length) {
      console.log("Writes still being folded in leave differences for a few seconds: run --check again to tell.");
    }
    process.exitCode = report.remaining?.length ? 1 : 0;
  }
  db.client.destroy();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
