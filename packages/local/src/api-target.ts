/**
 * Which API a command-line tool talks to, and how it authorizes (`pnpm events`, `pnpm import`):
 * `--api URL` with `--token TOKEN`, else the running `pnpm dev` (from its state file), with a
 * token of the scope the tool needs from its local user pool when it runs with AUTH=on.
 */
import type { ScopeName } from "./auth.ts";
import { runningDevs, selectDevState } from "./dev-state.ts";
import { type DevToken, devToken } from "./dev-token.ts";

export interface ApiTarget {
  api: string;
  /** The bearer token to send, fresh (undefined: none). */
  authorization: () => Promise<string | undefined>;
}

/** The running pnpm dev served at this URL, if any. */
const devAt = (api: string) => runningDevs().find((dev) => dev.api === api.replace(/\/$/, ""));

export function apiTarget(options: {
  api: string | undefined;
  token: string | undefined;
  port: number | undefined;
  scope: ScopeName;
}): ApiTarget {
  const { api, token, port, scope } = options;
  // --api names the server: a pnpm dev's own URL still gets its tokens
  const dev = api ? devAt(api) : selectDevState(port);
  if (api && !dev) return { api, authorization: async () => token };
  if (!dev) {
    const where = port === undefined ? "" : ` on port ${port}`;
    throw new Error(`No \`pnpm dev\` is running${where}: start one in another terminal (pnpm dev), or pass --api URL.`);
  }
  const auth = dev.auth;
  if (!auth || token) return { api: dev.api, authorization: async () => token };
  let current: DevToken | undefined;
  return {
    api: dev.api,
    async authorization() {
      if (!current || current.expiresAt - Date.now() < 60_000) current = await devToken(auth, scope);
      return current.token;
    },
  };
}
