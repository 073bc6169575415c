/**
 * `pnpm token [--scope read|write]`: prints an access token for the `AUTH=on pnpm dev` that is
 * running, from its token endpoint, with its machine client's credentials (as a client in AWS
 * would get one from the stage's Cognito domain). Default scope: write.
 */
import { parseArgs } from "node:util";
import { SCOPES, type ScopeName } from "./auth.ts";
import { readDevState } from "./dev-state.ts";
import { devToken } from "./dev-token.ts";

const USAGE = "usage: pnpm token [--scope read|write]";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scope: { type: "string", default: "write" }, help: { type: "boolean" } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scope = values.scope as string;
  if (!Object.hasOwn(SCOPES, scope)) throw new Error(`--scope ${scope}: say read or write\n${USAGE}`);
  const dev = readDevState();
  if (!dev) throw new Error("No `pnpm dev` is running: start one with AUTH=on pnpm dev, then ask again.");
  if (!dev.auth) throw new Error(`The pnpm dev at ${dev.api} runs open and needs no token; restart it with AUTH=on.`);
  console.log((await devToken(dev.auth, scope as ScopeName)).token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
