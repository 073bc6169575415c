/**
 * `pnpm run import` (a bare `pnpm import` is pnpm's own lockfile command, docs/api.md): creates the
 * sites of a CSV or NDJSON file through `POST /sites/batch` (API.md "Many at once"), safe to run
 * again (import.ts), with a report line per row.
 *
 *   pnpm run import FILE [--api URL] [--token TOKEN] [--check] [--port N] [--concurrency N]
 *
 * The API: --api, else the running `pnpm dev`'s (from its state file, with a write token from its
 * local user pool when it runs with AUTH=on). Writes FILE.report.ndjson: one line per row, in file
 * order — `{"line", "id"}` (with `"replayed": true` when an earlier run created it), or
 * `{"line", "status", "code", "detail"}`, and `"repeats": <line>` for a row identical to an earlier
 * one (one site for both). Ends with a summary line; exits 1 when a row failed.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { apiTarget } from "./api-target.ts";
import { toolPort } from "./config.ts";
import { BATCH_SIZE, IMPORT_KEY, importRows, type RowOutcome } from "./import.ts";
import { type Row, readRows } from "./import-rows.ts";

const USAGE = `Usage: pnpm run import FILE [options]
  FILE               a .csv file (a header row of field names; "." as the decimal mark; an empty cell
                     is an absent field; group_ids separated by ";"), or NDJSON (one site body per line)
  --check            validate every row against the API's schemas and say what would be sent; write nothing
  --api URL          the API (default: the running pnpm dev's)
  --token TOKEN      a bearer token with the write scope for --api (pnpm dev with AUTH=on: taken from it)
  --port N           the pnpm dev to use (default: PORT, else the only one running)
  --concurrency N    batches in flight at once (default 4)`;

/** A line every this often when stderr is no terminal. */
const LINE_EVERY_MS = 3_000;

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`--${name} must be a positive integer, not ${raw}\n${USAGE}`);
  return Number(raw);
}

/** Rows to send (valid, first of their content), rows refused here, and repeats by the line they repeat. */
function sort(rows: readonly Row[]) {
  const first = new Map<string, number>();
  const send: Row[] = [];
  const repeats = new Map<number, number>();
  for (const row of rows) {
    const earlier = row.hash === undefined ? undefined : first.get(row.hash);
    if (earlier !== undefined) {
      repeats.set(row.line, earlier);
      continue;
    }
    if (row.hash !== undefined) first.set(row.hash, row.line);
    if (row.invalid === undefined) send.push(row);
  }
  return { send, repeats };
}

const refused = (row: Row): RowOutcome => ({ status: 400, code: "VALIDATION_FAILED", detail: row.invalid ?? "" });

/** Progress on stderr: a bar with rows, rate and ETA on a terminal, else a line every few seconds. */
function progress(total: number) {
  const start = performance.now();
  const rate = (done: number) => (done / Math.max((performance.now() - start) / 1000, 0.001)).toFixed(0);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "import |{bar}| {value}/{total} rows · {rate}/s · eta {eta_formatted}",
        hideCursor: true,
        etaBuffer: 500,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: "0" });
    return { update: (done: number) => bar.update(done, { rate: rate(done) }), stop: () => bar.stop() };
  }
  let last = 0;
  return {
    update(done: number) {
      const now = performance.now();
      if (done < total && now - last < LINE_EVERY_MS) return;
      last = now;
      const perSecond = Number(rate(done));
      const eta = perSecond > 0 ? `, eta ${Math.ceil((total - done) / perSecond)} s` : "";
      process.stderr.write(`import: ${done}/${total} rows (${perSecond}/s${eta})\n`);
    },
    stop: () => undefined,
  };
}

function check(file: string, rows: readonly Row[], api: string | undefined): number {
  const { send, repeats } = sort(rows);
  const invalid = rows.filter((row) => row.invalid !== undefined);
  for (const row of invalid) console.error(row.invalid);
  const batches = Math.ceil(send.length / BATCH_SIZE);
  console.log(
    `check ${file}: ${rows.length} rows, ${send.length} would be sent in ${batches} POST ${api ?? "<pnpm dev>"}/sites/batch requests of up to ${BATCH_SIZE} (Idempotency-Key: ${IMPORT_KEY}), ${repeats.size} repeat an earlier line, ${invalid.length} invalid; nothing was written`,
  );
  if (send[0]) console.log(`first body: ${JSON.stringify(send[0].body)}`);
  return invalid.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      api: { type: "string" },
      token: { type: "string" },
      check: { type: "boolean" },
      port: { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error(USAGE);
  const concurrency = integer("concurrency", values.concurrency, 4);
  const rows = await readRows(file);
  if (values.check) return check(file, rows, values.api);

  const target = apiTarget({ api: values.api, token: values.token, port: toolPort(values.port), scope: "write" });
  const { send, repeats } = sort(rows);
  const start = performance.now();
  const bar = progress(send.length);
  const sent = await importRows(send, {
    ...target,
    concurrency,
    onProgress: bar.update,
    log: (line) => {
      if (!process.stderr.isTTY) process.stderr.write(`import: ${line}\n`);
    },
  });
  bar.stop();
  const seconds = (performance.now() - start) / 1000;

  const byLine = new Map(rows.map((row) => [row.line, row]));
  const outcomeOf = (row: Row): RowOutcome => {
    const source = byLine.get(repeats.get(row.line) ?? row.line) ?? row;
    return source.invalid !== undefined ? refused(source) : (sent.get(source.line) as RowOutcome);
  };
  const report = rows.map((row) => {
    const repeated = repeats.get(row.line);
    return { line: row.line, ...(repeated === undefined ? {} : { repeats: repeated }), ...outcomeOf(row) };
  });
  const reportFile = `${file}.report.ndjson`;
  await writeFile(reportFile, report.map((line) => `${JSON.stringify(line)}\n`).join(""));

  const created = report.filter((r) => "id" in r && repeats.get(r.line) === undefined);
  const earlier = created.filter((r) => "replayed" in r && r.replayed).length;
  const failed = report.filter((r) => "code" in r).length;
  console.log(
    `import ${file}: ${rows.length} rows in ${seconds.toFixed(1)} s (${(send.length / seconds).toFixed(0)} rows/s): ${created.length - earlier} created, ${earlier} created by an earlier run, ${repeats.size} repeat an earlier line, ${failed} failed; report ${reportFile}`,
  );
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
