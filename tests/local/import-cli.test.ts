/**
 * `pnpm import` (packages/local/src/import-cli.ts) as a user runs it: a child process reading a
 * 2,500-row CSV with 30 bad rows of five kinds and five rows that repeat earlier ones, sending it
 * to the API (the local API Gateway over this file's table, `--api`). The report names every bad
 * row by its line with the code and detail the API (or its schemas) gave, each repeat names the
 * line it repeats, the exit code is 1, and a rerun creates nothing more. `--check` writes nothing.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.ts";
import type { Reply } from "../support/client.ts";
import { addDays, aGroup, saturdays } from "../support/fixtures.ts";

const CLI = fileURLToPath(new URL("../../packages/local/src/import-cli.ts", import.meta.url));
const run = promisify(execFile);

let api: TestApi;
let dir: string;
let group: number;
let group2: number;
beforeAll(async () => {
  api = await startTestApi();
  dir = await mkdtemp(join(tmpdir(), "import-cli-"));
  group = ((await api.raw("POST", "/groups", aGroup())) as Reply<any>).body.id;
  group2 = ((await api.raw("POST", "/groups", aGroup({ type: "group2" }))) as Reply<any>).body.id;
});

async function importFile(file: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", CLI, file, "--api", api.url, ...args], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const HEADER =
  "country,name,installation_date,max_power_megawatt,min_power_megawatt,useful_energy_at_1_megawatt,efficiency,group_ids";

/** Bad rows by kind: what the report must say of each. */
const BAD = {
  decimalComma: "VALIDATION_FAILED",
  notADate: "VALIDATION_FAILED",
  weekday: "ITALIAN_SITE_NOT_ON_WEEKEND",
  dayTaken: "FRENCH_SITE_DAY_TAKEN",
  unknownGroup: "UNKNOWN_REFERENCE",
} as const;
type Kind = keyof typeof BAD;

/**
 * 2,500 data rows (lines 2–2501): French and Italian in turn, every 83rd bad (30 of them, six of
 * each kind), five repeats of earlier rows at the end.
 */
function csv() {
  const saturday = saturdays("2024-01-06", 200);
  const bad = new Map<number, Kind>();
  const repeats = new Map<number, number>();
  const kinds = Object.keys(BAD) as Kind[];
  const lines = [HEADER];
  let day = "1990-01-01";
  for (let i = 0; i < 2495; i++) {
    const line = i + 2;
    const kind = i % 83 === 41 && bad.size < 30 ? kinds[bad.size % kinds.length] : undefined;
    if (kind) bad.set(line, kind);
    if (kind ? kind !== "weekday" : i % 2 === 0) {
      day = addDays(day, 1);
      const date = kind === "notADate" ? "2023-02-29" : kind === "dayTaken" ? addDays(day, -1) : day;
      const power = kind === "decimalComma" ? '"12,5"' : "12.5";
      // a few rows join the group (rows of one group run one after another), one an unknown group
      const groups = kind === "unknownGroup" ? "424242" : i < 100 ? `${group};${group2}` : "";
      lines.push(`fr,Import ${i},${date},${power},1.5,1450,,${groups}`);
    } else {
      const date = kind === "weekday" ? "2024-01-08" : saturday();
      lines.push(`it,"Import ${i}, Roma",${date},3,0.5,,0.82,`);
    }
  }
  for (let i = 0; i < 5; i++) {
    const line = 2 + i * 400 + 1;
    repeats.set(lines.length + 1, line);
    lines.push(lines[line - 1] as string);
  }
  return { text: `${lines.join("\n")}\n`, bad, repeats };
}

async function siteCount() {
  return (await api.db.scanAll()).filter((item) => item.__edb_e__ === "site").length;
}

describe("pnpm import", () => {
  // made once the groups exist
  let bad: Map<number, Kind>;
  let repeats: Map<number, number>;
  let file: string;
  let first: Record<string, any>[];

  it("--check validates every row and writes nothing", async () => {
    const made = csv();
    ({ bad, repeats } = made);
    file = join(dir, "sites.csv");
    await writeFile(file, made.text);
    const checked = await importFile(file, "--check");
    expect(checked.code).toBe(1);
    // what the schemas can tell: the decimal comma and the date; the rest only the API knows
    expect(checked.stderr.match(/^line \d+/gm)).toHaveLength(12);
    expect(checked.stderr).toContain('column max_power_megawatt: "12,5" is not a number');
    expect(checked.stdout).toContain("2500 rows, 2483 would be sent in 25 POST");
    expect(checked.stdout).toContain("5 repeat an earlier line, 12 invalid; nothing was written");
    expect(await siteCount()).toBe(0);
  });

  it("imports a 2,500-row CSV: the report names each bad row, each repeat names its line", async () => {
    const result = await importFile(file);
    expect(result.code, result.stderr).toBe(1);
    first = (await readFile(`${file}.report.ndjson`, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(first.map((r) => r.line)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 2));
    const failed = first.filter((r) => r.code !== undefined);
    expect(new Map(failed.map((r) => [r.line, r.code]))).toEqual(
      new Map([...bad].map(([line, kind]) => [line, BAD[kind]])),
    );
    for (const row of failed) expect(row.detail, JSON.stringify(row)).toBeTruthy();
    expect(failed.find((r) => bad.get(r.line) === "notADate")?.detail).toMatch(/^line \d+, column installation_date: /);
    const repeated = first.filter((r) => r.repeats !== undefined);
    expect(new Map(repeated.map((r) => [r.line, r.repeats]))).toEqual(repeats);
    for (const row of repeated) expect(row.id).toBe(first.find((r) => r.line === row.repeats)?.id);
    expect(await siteCount()).toBe(2500 - 30 - 5);
    expect(result.stdout).toMatch(
      /2500 rows in [\d.]+ s \(\d+ rows\/s\): 2465 created, 0 created by an earlier run, 5 repeat an earlier line, 30 failed/,
    );
  }, 120_000);

  it("a rerun creates nothing more and reports the same sites", async () => {
    const result = await importFile(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("0 created, 2465 created by an earlier run");
    const again = (await readFile(`${file}.report.ndjson`, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const ids = (report: Record<string, any>[]) => report.map((r) => r.id);
    expect(ids(again)).toEqual(ids(first));
    expect(await siteCount()).toBe(2465);
  }, 120_000);
});
