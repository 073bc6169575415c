/**
 * What the local tools read from their environment, read in this one module. The handlers they
 * serve read their own configuration (TABLE_NAME, DYNAMODB_ENDPOINT) as they do in Lambda.
 */
export const DEFAULT_TABLE = "sites-and-groups-dev";

type Env = Record<string, string | undefined>;

export interface DevConfig {
  /** Where the API listens (PORT, 3000). */
  port: number;
  /** The address it listens on (HOST): the loopback interface unless told, so no other machine reaches it. */
  host: string;
  /** The origins a browser page may call the API from (CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /** The table to use or create (TABLE_NAME). */
  table: string;
  /** Demo data into an empty table, unless SEED=false. */
  seed: boolean;
  /** A DynamoDB that is already running (DYNAMODB_ENDPOINT); none: start DynamoDB Local. */
  endpoint: string | undefined;
  /** Also serve dynamodb-admin (`--admin` or DYNAMODB_ADMIN=true) on DYNAMODB_ADMIN_PORT (8001). */
  admin: boolean;
  adminPort: number;
  /** AUTH=on: the routes need tokens of a local user pool, as in the deployed stages. */
  auth: boolean;
}

function port<T extends number | undefined>(name: string, raw: string | undefined, fallback: T): number | T {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) throw new Error(`${name}=${raw} is not a port number (0–65535)`);
  return value;
}

function onOff(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === "" || raw === "off") return false;
  if (raw === "on") return true;
  throw new Error(`${name}=${raw}: say ${name}=on or ${name}=off`);
}

/** Exact origins only, as the stage's `corsOrigins`: a `*` would let any page read a token holder's answers. */
function origins(raw: string | undefined): string[] {
  const list = (raw ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list) {
    const valid = URL.canParse(origin) && new URL(origin).origin === origin;
    if (!valid) {
      throw new Error(
        `CORS_ORIGINS=${raw}: ${JSON.stringify(origin)} is not an origin; name each page's origin as scheme://host[:port], ` +
          "comma-separated, e.g. CORS_ORIGINS=http://localhost:5173 (a wildcard is not allowed)",
      );
    }
  }
  return list;
}

/** DYNAMODB_ENDPOINT, when set: an http(s) URL, or a message that says what to give instead. */
function endpointUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new Error(
      `DYNAMODB_ENDPOINT=${raw} is not an http(s) URL: give one like http://localhost:8000 (a DynamoDB Local) or http://localhost:4566 (LocalStack), or unset DYNAMODB_ENDPOINT and pnpm dev starts a DynamoDB Local of its own`,
    );
  }
  return raw;
}

export function devConfig(env: Env = process.env, argv: readonly string[] = process.argv): DevConfig {
  return {
    port: port("PORT", env.PORT, 3000),
    host: env.HOST || "127.0.0.1",
    corsOrigins: origins(env.CORS_ORIGINS),
    table: env.TABLE_NAME || DEFAULT_TABLE,
    seed: env.SEED !== "false",
    endpoint: endpointUrl(env.DYNAMODB_ENDPOINT),
    admin: argv.includes("--admin") || env.DYNAMODB_ADMIN === "true",
    adminPort: port("DYNAMODB_ADMIN_PORT", env.DYNAMODB_ADMIN_PORT, 8001),
    auth: onOff("AUTH", env.AUTH),
  };
}

/** The port of the `pnpm dev` a tool talks to: its `--port`, else PORT; undefined: whichever one runs. */
export function toolPort(flag: string | undefined, env: Env = process.env): number | undefined {
  return flag !== undefined ? port("--port", flag, undefined) : port("PORT", env.PORT, undefined);
}

/** The database `pnpm seed` writes to, when its options do not say. */
export function seedTarget(env: Env = process.env): { endpoint?: string; table?: string } {
  return { endpoint: env.DYNAMODB_ENDPOINT || undefined, table: env.TABLE_NAME || undefined };
}

/** Any region will do for DynamoDB Local; the SDK wants one. */
export function localRegion(env: Env = process.env): string {
  return env.AWS_REGION || "us-east-1";
}

/** The directory a `pnpm` script was run from (pnpm sets `INIT_CWD`; it runs scripts from the root). */
export function invocationDirectory(env: Env = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}
