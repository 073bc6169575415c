/**
 * A local stand-in for the stage's Amazon Cognito user pool, for `AUTH=on pnpm dev`: it makes an
 * RSA signing key at start, issues access tokens shaped like Cognito's (client-credentials grant:
 * `token_use: "access"`, `client_id`, `scope`), and verifies them the way the deployed API does,
 * with aws-jwt-verify's Cognito verifier over the local key set. The key lives only in memory.
 */
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { OAUTH_SCOPES } from "@sites-groups/functions/routes";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { JwtExpiredError, JwtInvalidScopeError } from "aws-jwt-verify/error";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

/** The pool's scopes are the deployed stages' (the route record's): `sites-groups/read`, `…/write`. */
export const SCOPES = OAUTH_SCOPES;
export type ScopeName = keyof typeof OAUTH_SCOPES;

/**
 * A Cognito-shaped pool id in a region that does not exist: the issuer it implies
 * (`https://cognito-idp.us-local-1.amazonaws.com/…`) can never be a real pool's.
 */
const LOCAL_USER_POOL_ID = "us-local-1_SitesGroupsDev";
const TOKEN_LIFETIME_SECONDS = 3600;

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Why the authorizer refused a request's token: always a 401, as API Gateway answers (a token
 * without the route's own scope is the function's 403). `invalid_token` (RFC 6750) when a token
 * came and was refused; none when no bearer token came at all.
 */
export type Refusal = { status: 401; reason: string; error?: "invalid_token" };

/**
 * A JWS in compact form, each part in the base64url alphabet without padding (RFC 7515): one
 * spelling per token. Decoders accept `=`, `+` or `/` and decode the same bytes, so a token spelled
 * another way would otherwise pass as the same token.
 */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface LocalIssuer {
  readonly issuer: string;
  readonly credentials: Credentials;
  /** An access token for the local machine client with exactly these scopes, as Cognito grants them. */
  issue(scopes: readonly ScopeName[], lifetimeSeconds?: number): Promise<string>;
  /** The client-credentials grant: a token when the id and secret are this pool's client's. */
  grant(clientId: string, clientSecret: string, scopes: readonly ScopeName[]): Promise<string | undefined>;
  /**
   * What API Gateway's Cognito authorizer decides for an `Authorization` header: the token's
   * claims (as strings, as the authorizer passes them on to the function), or a refusal.
   */
  authenticate(authorization: string | undefined): Promise<{ claims: Record<string, string> } | Refusal>;
}

/**
 * The scopes named by an OAuth `scope` parameter (`sites-groups/read sites-groups/write`); all of
 * the client's when it is absent, as Cognito does; undefined when it names one the API lacks.
 */
export function parseScopes(parameter: string | null | undefined): ScopeName[] | undefined {
  if (!parameter?.trim()) return ["read", "write"];
  const names = Object.keys(SCOPES) as ScopeName[];
  const asked = parameter.trim().split(/\s+/);
  const found = names.filter((name) => asked.includes(SCOPES[name]));
  return found.length === asked.length ? found : undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SigningKey = Awaited<ReturnType<typeof generateKeyPair>> & { kid: string };

export interface LocalIssuerOptions {
  /** The signing key pair and its key id; by default a new RS256 pair. */
  key?: SigningKey;
}

export async function createLocalIssuer(options: LocalIssuerOptions = {}): Promise<LocalIssuer> {
  const { privateKey, publicKey, kid } = options.key ?? { ...(await generateKeyPair("RS256")), kid: randomUUID() };
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const credentials: Credentials = {
    clientId: randomBytes(13).toString("hex"),
    clientSecret: randomBytes(32).toString("base64url"),
  };
  const verifier = CognitoJwtVerifier.create({
    userPoolId: LOCAL_USER_POOL_ID,
    tokenUse: "access",
    clientId: credentials.clientId,
    // Both scopes pass the authorizer; which one a route needs is the function's check (403).
    scope: [SCOPES.read, SCOPES.write],
    // The verifier accepts a token without `exp`; Cognito never issues one, so neither do we.
    customJwtCheck: ({ payload }) => {
      if (typeof payload.exp !== "number") throw new Error("the token has no expiry");
    },
  });
  verifier.cacheJwks({ keys: [jwk] } as Parameters<typeof verifier.cacheJwks>[0]);
  const issuer = `https://cognito-idp.us-local-1.amazonaws.com/${LOCAL_USER_POOL_ID}`;

  async function issue(scopes: readonly ScopeName[], lifetimeSeconds = TOKEN_LIFETIME_SECONDS): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      token_use: "access",
      scope: scopes.map((name) => SCOPES[name]).join(" "),
      auth_time: now,
      client_id: credentials.clientId,
      version: 2,
    })
      .setProtectedHeader({ alg: "RS256", kid })
      .setSubject(credentials.clientId)
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  return {
    issuer,
    credentials,
    issue,
    async grant(clientId, clientSecret, scopes) {
      if (clientId !== credentials.clientId || !sameSecret(clientSecret, credentials.clientSecret)) return undefined;
      return issue(scopes);
    },
    async authenticate(authorization) {
      const match = /^Bearer +([^\s]+)\s*$/i.exec(authorization ?? "");
      if (!match) return { status: 401, reason: "no bearer token" };
      const token = match[1] as string;
      const refused = (reason: string): Refusal => ({ status: 401, reason, error: "invalid_token" });
      if (!COMPACT_JWS.test(token)) {
        return refused("the token is malformed: a JWT is three base64url parts, without padding, joined by dots");
      }
      try {
        const payload = await verifier.verify(token);
        return { claims: Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, String(value)])) };
      } catch (error) {
        if (error instanceof JwtInvalidScopeError) {
          return refused("the token has neither the read nor the write scope of this API");
        }
        if (error instanceof JwtExpiredError) return refused("the token has expired");
        return refused("the token is not one this API issued, or it is malformed");
      }
    },
  };
}
