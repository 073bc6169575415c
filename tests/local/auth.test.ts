/**
 * The local user pool of `AUTH=on pnpm dev`: its tokens pass, and every kind of bad token that
 * API Gateway's Cognito authorizer refuses is refused here too, with the status API.md gives it.
 */
import { createLocalIssuer, type LocalIssuer, parseScopes, SCOPES, type SigningKey } from "@sites-groups/local/auth";
import { generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

const KID = "test-key";
let key: SigningKey;
let pool: LocalIssuer;
beforeAll(async () => {
  key = { ...(await generateKeyPair("RS256")), kid: KID };
  pool = await createLocalIssuer({ key });
});

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token like the pool's but for the claims given (`undefined` drops one), signed by the pool's key unless told. */
async function token(claims: Record<string, unknown>, signing?: SigningKey["privateKey"]) {
  const now = Math.floor(Date.now() / 1000);
  const payload = Object.fromEntries(
    Object.entries({
      token_use: "access",
      scope: SCOPES.write,
      client_id: pool.credentials.clientId,
      iss: pool.issuer,
      iat: now,
      exp: now + 60,
      ...claims,
    }).filter(([, value]) => value !== undefined),
  );
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: KID }).sign(signing ?? key.privateKey);
}

const check = async (jwt: string) => pool.authenticate(`Bearer ${jwt}`);

describe("the local user pool", () => {
  it("accepts its own tokens and passes their claims on as strings, as the authorizer does", async () => {
    const { claims } = (await check(await pool.issue(["read", "write"]))) as { claims: Record<string, string> };
    expect(claims).toMatchObject({
      token_use: "access",
      client_id: pool.credentials.clientId,
      scope: `${SCOPES.read} ${SCOPES.write}`,
      iss: pool.issuer,
    });
    expect(typeof claims.exp).toBe("string");
    expect(await check(await pool.issue(["read"]))).toMatchObject({ claims: { scope: SCOPES.read } });
    expect(await check(await pool.issue(["write"]))).toMatchObject({ claims: { scope: SCOPES.write } });
    expect(await check(await token({}))).toMatchObject({ claims: { scope: SCOPES.write } });
  });

  it("grants a token for its client's credentials only", async () => {
    const { clientId, clientSecret } = pool.credentials;
    expect(await check((await pool.grant(clientId, clientSecret, ["read"])) as string)).toMatchObject({
      claims: { scope: SCOPES.read },
    });
    expect(await pool.grant(clientId, `${clientSecret}x`, ["read"])).toBeUndefined();
    expect(await pool.grant("someone-else", clientSecret, ["read"])).toBeUndefined();
  });

  it("reads an OAuth scope parameter as Cognito does: all scopes when absent, none it lacks", () => {
    expect(parseScopes(undefined)).toEqual(["read", "write"]);
    expect(parseScopes("")).toEqual(["read", "write"]);
    expect(parseScopes(SCOPES.read)).toEqual(["read"]);
    expect(parseScopes(` ${SCOPES.write}  ${SCOPES.read} `)).toEqual(["read", "write"]);
    expect(parseScopes(`${SCOPES.read} sites-groups/admin`)).toBeUndefined();
    expect(parseScopes("read")).toBeUndefined();
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a bearer with no token", "Bearer "],
    ["garbage", "Bearer not-a-jwt"],
    ["three dots of nothing", "Bearer .."],
  ])("refuses %s with 401", async (_, header) => {
    expect(await pool.authenticate(header)).toMatchObject({ status: 401 });
  });

  it.each([
    ["no header", undefined],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a bearer with no token", "Bearer "],
  ])("says nothing of a token when none came (%s): no RFC 6750 error", async (_, header) => {
    expect(await pool.authenticate(header)).toEqual({ status: 401, reason: "no bearer token" });
  });

  it.each([
    ["garbage", "not-a-jwt"],
    ["three dots of nothing", ".."],
  ])("calls %s an invalid_token", async (_, token) => {
    expect(await check(token)).toMatchObject({ status: 401, error: "invalid_token" });
  });

  describe("one spelling per token: each part in the base64url alphabet, without padding", () => {
    const respell = async (change: (part: string, index: number) => string) =>
      (await pool.issue(["read"])).split(".").map(change).join(".");

    it("accepts the token as issued", async () => {
      expect(await check(await respell((part) => part))).toMatchObject({ claims: { scope: SCOPES.read } });
    });

    it.each([
      [
        "padding on the header",
        (part: string, i: number) => (i === 0 ? `${part}${"=".repeat((4 - (part.length % 4)) % 4 || 4)}` : part),
      ],
      ["padding on the signature", (part: string, i: number) => (i === 2 ? `${part}==` : part)],
      ["the base64 alphabet's + and / for - and _", (part: string) => part.replaceAll("-", "+").replaceAll("_", "/")],
      ["a character outside both alphabets", (part: string, i: number) => (i === 2 ? `${part}*` : part)],
    ])("refuses %s with 401 invalid_token", async (_, change) => {
      const token = await respell(change);
      expect(await check(token)).toMatchObject({
        status: 401,
        error: "invalid_token",
        reason: expect.stringMatching(/base64url/),
      });
    });
  });

  it("refuses an expired token with 401", async () => {
    expect(await check(await pool.issue(["write"], -10))).toEqual({
      status: 401,
      reason: "the token has expired",
      error: "invalid_token",
    });
  });

  it("refuses a token signed by another key that claims the pool's key id", async () => {
    const other = await generateKeyPair("RS256");
    expect(await check(await token({}, other.privateKey))).toMatchObject({ status: 401 });
  });

  it("refuses `alg: none` and a payload changed after signing", async () => {
    const [header, payload, signature] = (await pool.issue(["read"])).split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(await check(`${base64url({ alg: "none", typ: "JWT" })}.${payload}.`)).toMatchObject({ status: 401 });
    const widened = `${header}.${base64url({ ...claims, scope: SCOPES.write })}.${signature}`;
    expect(await check(widened)).toMatchObject({ status: 401 });
  });

  it.each([
    ["another pool's issuer", { iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other" }],
    ["an id token", { token_use: "id" }],
    ["another client's token", { client_id: "another-client" }],
    ["a token without an expiry", { exp: undefined }],
    ["a token not valid yet", { nbf: Math.floor(Date.now() / 1000) + 600 }],
  ])("refuses %s, signed by the pool's own key, with 401", async (_, claims) => {
    expect(await check(await token(claims))).toMatchObject({ status: 401 });
  });

  it("refuses with 401 a valid token that has neither of the API's scopes, as the authorizer does", async () => {
    expect(await check(await token({ scope: "aws.cognito.signin.user.admin" }))).toMatchObject({ status: 401 });
    expect(await check(await token({ scope: undefined }))).toMatchObject({ status: 401 });
  });

  it("refuses another pool's tokens: each start makes a new key", async () => {
    const other = await createLocalIssuer();
    expect(await check(await other.issue(["write"]))).toMatchObject({ status: 401 });
  });
});
