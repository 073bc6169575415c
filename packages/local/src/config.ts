/**
 * What the local tools read from their environment, read in this one module. The handlers they
 * serve read their own configuration (TABLE_NAME, DYNAMODB_ENDPOINT) as they do in Lambda.
 */
export const DEFAULT_TABLE = "sites-and-groups-dev";

type Env = Record<string, string | undefined>;

export interface DevConfig {
  /** Where the API listens (PORT, 3000). */
  port: number;
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

function port(name: string, raw: string | undefined, fallback: number): number {
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

export function devConfig(env: Env = process.env, argv: readonly string[] = process.argv): DevConfig {
  return {
    port: port("PORT", env.PORT, 3000),
    table: env.TABLE_NAME || DEFAULT_TABLE,
    seed: env.SEED !== "false",
    endpoint: env.DYNAMODB_ENDPOINT || undefined,
    admin: argv.includes("--admin") || env.DYNAMODB_ADMIN === "true",
    adminPort: port("DYNAMODB_ADMIN_PORT", env.DYNAMODB_ADMIN_PORT, 8001),
    auth: onOff("AUTH", env.AUTH),
  };
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
