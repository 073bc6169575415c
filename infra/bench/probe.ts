/**
 * A bundle booted as the Lambda runtime boots it: imported in a new Node process (module init),
 * then its handler invoked once (the first invoke). Shared by `pnpm bench:cold` (bench/cold-start.ts),
 * which times it, and infra/test/bundles.test.ts, which checks that every bundle answers.
 */
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";

export interface ProbeRun {
  initMs: number;
  /** The CPU time (user and system, every thread) of the import: what the machine's load moves least. */
  initCpuMs: number;
  firstInvokeMs?: number;
  status?: number;
  /** The process's resident memory after the invoke. */
  rssMb: number;
}

export interface ProbeOptions {
  /** The Node binary (default: this process's). */
  node?: string;
  /** The handler's event; without one, the bundle is only imported. */
  event?: object;
  /** The process's whole environment (nothing of this process's is inherited). */
  env: Record<string, string>;
  /** `--enable-source-maps`, as dev's functions run. */
  sourceMaps?: boolean;
}

/**
 * The probe's program. Its result is its last line of output: the handler's logs and metrics
 * (Powertools writes both to stdout, as in Lambda) come before it.
 */
const PROBE = `
const cpu = process.cpuUsage();
const started = performance.now();
const mod = await import(process.argv[1]);
const initMs = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
const initCpuMs = (user + system) / 1000;
let firstInvokeMs, status;
if (process.argv[2]) {
  const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? "probe", awsRequestId: "probe-request",
    getRemainingTimeInMillis: () => 10000 };
  const t = performance.now();
  const response = await mod.handler(JSON.parse(process.argv[2]), context);
  firstInvokeMs = performance.now() - t;
  status = response?.statusCode;
}
console.log("\\n" + JSON.stringify({ initMs, initCpuMs, firstInvokeMs, status, rssMb: process.memoryUsage().rss / 2 ** 20 }));
`;

export function probe(file: string, options: ProbeOptions): ProbeRun {
  const out = execFileSync(
    options.node ?? process.execPath,
    [
      ...(options.sourceMaps ? ["--enable-source-maps"] : []),
      "--input-type=module",
      "-e",
      PROBE,
      pathToFileURL(file).href,
      options.event ? JSON.stringify(options.event) : "",
    ],
    { encoding: "utf8", env: options.env, maxBuffer: 16 * 2 ** 20 },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as ProbeRun;
}
