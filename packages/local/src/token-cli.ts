/**
 * `pnpm token [--scope read|write]`: prints an access token for the `AUTH=on pnpm dev` that is
 * running, from its token endpoint, with its machine client's credentials (as a client in AWS
 * would get one from the stage's Cognito domain). Default scope: write.
 */
import { parseArgs } from "node:util";
import { SCOPES, type ScopeName } from "./auth.ts";
import { readDevState } from "./dev-state.ts";

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
  const { tokenUrl, clientId, clientSecret } = dev.auth;
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPES[scope as ScopeName] }),
  });
  const answer = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !answer.access_token) {
    throw new Error(`${tokenUrl} answered ${response.status}: ${answer.error ?? "no token"}`);
  }
  console.log(answer.access_token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
