/**
 * `pnpm token [--scope read|write] [--port N]`: prints an access token for the `AUTH=on pnpm dev`
 * that is running, from its token endpoint, with its machine client's credentials (as a client in
 * AWS would get one from the stage's Cognito domain). Default scope: write. `--client` prints the
 * client's id and secret and the token URL instead, for Swagger UI's Authorize or any OAuth client.
 * The server: the one on `--port` (else `PORT`), else the only one running.
 */
import { parseArgs } from "node:util";
import { SCOPES, type ScopeName } from "./auth.ts";
import { toolPort } from "./config.ts";
import { selectDevState } from "./dev-state.ts";
import { devToken } from "./dev-token.ts";

const USAGE = "usage: pnpm token [--scope read|write] [--client] [--port N]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scope: { type: "string", default: "write" },
      client: { type: "boolean" },
      port: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scope = values.scope as string;
  if (!Object.hasOwn(SCOPES, scope)) throw new Error(`--scope ${scope}: say read or write\n${USAGE}`);
  const port = toolPort(values.port);
  const dev = selectDevState(port);
  if (!dev) {
    const where = port === undefined ? "" : ` on port ${port}`;
    throw new Error(`No \`pnpm dev\` is running${where}: start one with AUTH=on pnpm dev, then ask again.`);
  }
  if (!dev.auth) throw new Error(`The pnpm dev at ${dev.api} runs open and needs no token; restart it with AUTH=on.`);
  if (values.client) {
    console.log(`client_id: ${dev.auth.clientId}`);
    console.log(`client_secret: ${dev.auth.clientSecret}`);
    console.log(`token_url: ${dev.auth.tokenUrl}`);
    return;
  }
  console.log((await devToken(dev.auth, scope as ScopeName)).token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
