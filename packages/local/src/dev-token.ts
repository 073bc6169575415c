/**
 * An access token from a running `AUTH=on pnpm dev`'s token endpoint, with its machine client's
 * credentials (from the dev state file), as a client in AWS gets one from the stage's Cognito domain.
 */
import { SCOPES, type ScopeName } from "./auth.ts";
import type { DevState } from "./dev-state.ts";

export interface DevToken {
  token: string;
  /** Epoch ms after which the token is no longer accepted. */
  expiresAt: number;
}

export async function devToken(auth: NonNullable<DevState["auth"]>, scope: ScopeName): Promise<DevToken> {
  const { tokenUrl, clientId, clientSecret } = auth;
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPES[scope] }),
  });
  const answer = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
  if (!response.ok || !answer.access_token) {
    throw new Error(`${tokenUrl} answered ${response.status}: ${answer.error ?? "no token"}`);
  }
  return { token: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 3600) * 1000 };
}
