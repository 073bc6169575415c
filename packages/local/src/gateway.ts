import { isUtf8 } from "node:buffer";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { expectationFailed } from "@sites-groups/core";
import { corsAllowMethods, preflightHeaders } from "@sites-groups/functions/commons/cors";
import { problemAnswer } from "@sites-groups/functions/commons/problem";
import type { RouteDefinition } from "@sites-groups/functions/routes";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { type LocalIssuer, parseScopes, type Refusal } from "./auth.ts";

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface GatewayOptions {
  routes: readonly RouteDefinition[];
  /**
   * The user pool whose tokens the routes require, as the deployed stages' Cognito authorizer
   * does (`AUTH=on pnpm dev`); none: every route is open. It also serves the pool's token
   * endpoint, `POST /oauth2/token`, as the stage's Cognito domain does.
   */
  auth?: LocalIssuer;
  /**
   * The origins a browser page may call from (`CORS_ORIGINS`, the stage's `corsOrigins`): with
   * any, every resource answers a CORS preflight as the stage's does. The functions echo the
   * origin on their answers themselves (they read `CORS_ORIGINS`).
   */
  corsOrigins?: readonly string[];
  /** Loads a route's handler module (the same module the CDK stack bundles). */
  load?: (route: RouteDefinition) => Promise<ProxyHandler>;
  stage?: string;
}

/**
 * The largest body that reaches a function: Lambda's 6 MB invocation payload limit, below API
 * Gateway's own 10 MB. In AWS a larger body fails before the function runs; here it is the 413
 * the contract asks for (API.md, "Time limits"). The handlers refuse far less (64 KiB).
 */
const LAMBDA_MAX_BODY = 6 * 1024 * 1024;
/** Lambda's timeout of the functions (infra/lib/stage.ts): the handlers' deadline derives from it. */
const FUNCTION_TIMEOUT_MS = 10_000;
/** How much of the request line and headers the server reads (Node's default, made explicit). */
const MAX_HEADER_BYTES = 16 * 1024;

export function loadHandler(route: RouteDefinition): Promise<ProxyHandler> {
  const url = new URL(`../../../functions/src/${route.handler}.ts`, import.meta.url);
  return import(url.href).then((module: { handler: ProxyHandler }) => module.handler);
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  parameters: string[];
}

/** The pattern of a resource path (`/groups/{id}`), one group per path parameter, a final slash allowed. */
function pathPattern(path: string): { pattern: RegExp; parameters: string[] } {
  const parameters: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      parameters.push(match[1] as string);
      return "([^/]+)";
    })
    .join("/")
    .replace(/\/$/, "");
  return { pattern: new RegExp(`^${source}/?$`), parameters };
}

function compile(route: RouteDefinition): CompiledRoute {
  return { route, ...pathPattern(route.path) };
}

/** The API Gateway resources the routes make: each route's path, every path above it, the root. */
function resourcePatterns(routes: readonly RouteDefinition[]): RegExp[] {
  const paths = new Set(["/"]);
  for (const route of routes) {
    const segments = route.path.split("/").slice(1);
    for (let i = 1; i <= segments.length; i++) paths.add(`/${segments.slice(0, i).join("/")}`);
  }
  return [...paths].map((path) => pathPattern(path).pattern);
}

/**
 * The path and query of a request target exactly as sent: an origin-form target
 * (`/sites?limit=1`), or the path of an absolute one (`http://host/sites`); undefined when it is
 * neither. Nothing is resolved nor decoded (API.md "Paths, query strings and media types"): a
 * `.` or `..` segment, plain or percent-encoded, and an encoded slash stay segments of their own,
 * so they are a path parameter's value like any other (and refused as no id), never a way to
 * another route. `//x:y/sites` is a path, as it is for API Gateway, not a host and a port.
 */
function requestTarget(target: string): { path: string; query: string } | undefined {
  let rest = target;
  if (!rest.startsWith("/")) {
    const origin = /^https?:\/\/[^/?#]*/i.exec(rest);
    if (!origin || !URL.canParse(rest)) return undefined;
    rest = rest.slice(origin[0].length);
    if (!rest.startsWith("/")) rest = `/${rest}`;
  }
  const [beforeFragment = ""] = rest.split("#", 1);
  const mark = beforeFragment.indexOf("?");
  return mark < 0
    ? { path: beforeFragment, query: "" }
    : { path: beforeFragment.slice(0, mark), query: beforeFragment.slice(mark + 1) };
}

/** A whole HTTP/1.1 response, for a connection that never became a request the server could route. */
function rawResponse(result: APIGatewayProxyResult): string {
  const reason = STATUS_CODES[result.statusCode] ?? "";
  const headers = { ...(result.headers as Record<string, string>), "content-length": Buffer.byteLength(result.body) };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${result.statusCode} ${reason}`, ...lines, "connection: close", "", result.body].join("\r\n");
}

/** The first query parameter whose name or value is not valid percent-encoded UTF-8, if any. */
function malformedEscape(search: string): { name: string; raw: string } | undefined {
  for (const pair of search.split("&")) {
    const [rawName = "", rawValue = ""] = pair.split(/=(.*)/s);
    for (const raw of [rawName, rawValue]) {
      try {
        decodeURIComponent(raw.replace(/\+/g, " "));
      } catch {
        const name = (() => {
          try {
            return decodeURIComponent(rawName.replace(/\+/g, " "));
          } catch {
            return rawName;
          }
        })();
        return { name, raw };
      }
    }
  }
  return undefined;
}

/** What the HTTP parser refused, in words a client can act on. */
const PARSE_ERRORS: Record<string, string> = {
  HPE_INVALID_METHOD: "the method is not an HTTP method (methods are upper-case: GET, POST, …)",
  HPE_HEADER_OVERFLOW: `the request line and headers exceed ${MAX_HEADER_BYTES / 1024} KiB`,
  HPE_INVALID_HEADER_TOKEN: "a header name is not a valid token",
  HPE_INVALID_URL: "the request target is not a valid URL",
};

/**
 * The stage's UNAUTHORIZED Gateway Response: a 401 problem that asks for a bearer token. Where
 * the refused token came, RFC 6750's `error="invalid_token"` says so, which API Gateway's Cognito
 * authorizer cannot (its answer is the same with a token and without).
 */
function unauthenticated(refusal: Refusal, requestId: string): APIGatewayProxyResult {
  const answer = problemAnswer("UNAUTHENTICATED", refusal.reason, requestId);
  if (!refusal.error) return answer;
  return { ...answer, headers: { ...answer.headers, "www-authenticate": `Bearer error="${refusal.error}"` } };
}

async function readBody(req: IncomingMessage): Promise<Buffer | "too large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LAMBDA_MAX_BODY) return "too large";
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function lambdaContext(route: RouteDefinition, requestId: string): Context {
  // the functions' timeout in every stage (infra/lib/stage.ts)
  const deadline = Date.now() + FUNCTION_TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: route.name,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${route.name}`,
    memoryLimitInMB: "256",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${route.name}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The stage's answer to `OPTIONS` on any of its resources once it has CORS origins: the mock
 * integration of aws-cdk-lib's `addCorsPreflight`, a 204 without a body and without any check
 * (no token, no route), whatever the request's origin (../../functions/src/commons/cors.ts).
 */
function preflight(
  origins: readonly string[],
  methods: readonly string[],
  req: IncomingMessage,
): APIGatewayProxyResult {
  return {
    statusCode: 204,
    headers: { "content-type": "application/json", ...preflightHeaders(origins, methods, req.headers.origin) },
    body: "",
  };
}

/** Where the local user pool's token endpoint answers, as on a Cognito domain. */
export const TOKEN_PATH = "/oauth2/token";

function oauthAnswer(status: number, body: Record<string, unknown>): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" },
    body: JSON.stringify(body),
  };
}

/**
 * The client-credentials grant of the pool's token endpoint, as Cognito answers it (RFC 6749):
 * a form body, the client's id and secret in HTTP Basic or in the form, an optional `scope`.
 */
async function tokenEndpoint(auth: LocalIssuer, req: IncomingMessage, body: Buffer): Promise<APIGatewayProxyResult> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "")) {
    return oauthAnswer(400, {
      error: "invalid_request",
      error_description: "send a form (application/x-www-form-urlencoded)",
    });
  }
  const form = new URLSearchParams(body.toString("utf8"));
  if (form.get("grant_type") !== "client_credentials") return oauthAnswer(400, { error: "unsupported_grant_type" });
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  const [clientId, clientSecret] = basic
    ? Buffer.from(basic[1] as string, "base64")
        .toString("utf8")
        .split(/:(.*)/s)
    : [form.get("client_id"), form.get("client_secret")];
  const scopes = parseScopes(form.get("scope"));
  if (!scopes) return oauthAnswer(400, { error: "invalid_scope" });
  const token = await auth.grant(clientId ?? "", clientSecret ?? "", scopes);
  if (!token) return oauthAnswer(401, { error: "invalid_client" });
  return oauthAnswer(200, { access_token: token, expires_in: 3600, token_type: "Bearer" });
}

/** Sends a proxy result as the HTTP response. */
function writeAnswer(res: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name] = values.map(String);
  }
  const body = Buffer.from(result.body ?? "", result.isBase64Encoded ? "base64" : "utf8");
  // A length, as API Gateway sends, rather than a chunked body
  headers["content-length"] = String(body.byteLength);
  res.writeHead(result.statusCode, headers);
  res.end(body);
}

/**
 * A local API Gateway REST API (proxy integration): each request becomes the event Lambda would
 * receive and goes to the route's handler module; an unknown route is a 404 problem, as the
 * deployed API's Gateway Responses make it. Its own problems are built as the functions' are, from
 * the error catalog (status, title, headers), so they are the Gateway Responses' too.
 */
export function createGateway(options: GatewayOptions): Server {
  // The handlers run in this process and read their settings from the environment, as in Lambda.
  // A deployed stage seals list cursors with a secret generated at deploy; this server makes its
  // own random one at start (unless one is given), so none is ever written in the source.
  process.env.CURSOR_KEY ||= randomBytes(32).toString("base64url");
  const compiled = options.routes.map(compile);
  const corsOrigins = options.corsOrigins ?? [];
  const resources = corsOrigins.length > 0 ? resourcePatterns(options.routes) : [];
  const corsMethods = corsAllowMethods(options.routes);
  const load = options.load ?? loadHandler;
  const handlers = new Map<RouteDefinition, Promise<ProxyHandler>>();
  const stage = options.stage ?? "local";

  async function respond(req: IncomingMessage): Promise<APIGatewayProxyResult> {
    const requestId = randomUUID();
    const url = requestTarget(req.url ?? "/");
    if (!url) {
      const detail = `the request target ${JSON.stringify((req.url ?? "").slice(0, 200))} is not a URL path`;
      return problemAnswer("VALIDATION_FAILED", detail, requestId);
    }
    const method = req.method ?? "GET";
    if (options.auth && url.path === TOKEN_PATH && method === "POST") {
      const body = await readBody(req);
      if (body === "too large") return oauthAnswer(413, { error: "invalid_request" });
      return tokenEndpoint(options.auth, req, body);
    }
    if (method === "OPTIONS" && resources.some((pattern) => pattern.test(url.path))) {
      return preflight(corsOrigins, corsMethods, req);
    }
    let match: { route: CompiledRoute; values: string[] } | undefined;
    for (const route of compiled) {
      const found = route.pattern.exec(url.path);
      if (found && route.route.method === method) {
        match = { route, values: found.slice(1) };
        break;
      }
    }
    if (!match) {
      return problemAnswer("NOT_FOUND", `no route ${method} ${url.path}`, requestId);
    }
    const body = await readBody(req);
    if (body === "too large") {
      return problemAnswer("PAYLOAD_TOO_LARGE", "the body exceeds 6 MB, the largest a function can take", requestId);
    }

    // A malformed escape (`%ff`, `%E0%A4%A`) would otherwise decode silently to U+FFFD
    const malformed = malformedEscape(url.query);
    if (malformed) {
      const message = `${JSON.stringify(malformed.raw)} is not a valid URL-encoded value`;
      return problemAnswer("VALIDATION_FAILED", `${malformed.name}: ${message}`, requestId, [
        { path: malformed.name, message },
      ]);
    }
    // Dictionaries without a prototype: `?constructor=1` or `?__proto__=1` are parameters like any other.
    const query: Record<string, string> = Object.create(null);
    const multiQuery: Record<string, string[]> = Object.create(null);
    for (const [name, value] of new URLSearchParams(url.query)) {
      query[name] = value;
      multiQuery[name] = [...(multiQuery[name] ?? []), value];
    }
    const headers: Record<string, string> = Object.create(null);
    const multiHeaders: Record<string, string[]> = Object.create(null);
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const [name, value] = [req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string];
      headers[name] = value;
      multiHeaders[name] = [...(multiHeaders[name] ?? []), value];
    }
    const { route, parameters } = match.route;
    const pathParameters: Record<string, string> = Object.create(null);
    for (const [i, name] of parameters.entries()) {
      const raw = match.values[i] as string;
      try {
        pathParameters[name] = decodeURIComponent(raw);
      } catch {
        const message = `${JSON.stringify(raw)} is not a valid URL-encoded value`;
        return problemAnswer("VALIDATION_FAILED", `${name}: ${message}`, requestId, [{ path: name, message }]);
      }
    }
    // API Gateway's Cognito authorizer: a token of the pool with one of the API's scopes, or no call
    let authorizer: APIGatewayProxyEvent["requestContext"]["authorizer"] = null;
    if (options.auth && route.scope !== "public") {
      const verdict = await options.auth.authenticate(req.headers.authorization);
      if ("status" in verdict) return unauthenticated(verdict, requestId);
      authorizer = { claims: verdict.claims };
    }
    const event: APIGatewayProxyEvent = {
      resource: route.path,
      path: url.path,
      httpMethod: method,
      headers,
      multiValueHeaders: multiHeaders,
      queryStringParameters: Object.keys(query).length > 0 ? query : null,
      multiValueQueryStringParameters: Object.keys(multiQuery).length > 0 ? multiQuery : null,
      pathParameters: parameters.length > 0 ? pathParameters : null,
      stageVariables: null,
      // bytes that are not UTF-8 pass as they came (base64), for the handler to refuse, rather
      // than as text with replacement characters
      body: body.length > 0 ? (isUtf8(body) ? body.toString("utf8") : body.toString("base64")) : null,
      isBase64Encoded: body.length > 0 && !isUtf8(body),
      requestContext: {
        accountId: "000000000000",
        apiId: "local",
        authorizer,
        protocol: "HTTP/1.1",
        httpMethod: method,
        identity: {
          sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        } as APIGatewayProxyEvent["requestContext"]["identity"],
        path: `/${stage}${url.path}`,
        stage,
        requestId,
        requestTimeEpoch: Date.now(),
        resourceId: route.name,
        resourcePath: route.path,
      },
    };
    let handler = handlers.get(route);
    if (!handler) {
      handler = load(route);
      handlers.set(route, handler);
    }
    try {
      return await (await handler)(event, lambdaContext(route, requestId));
    } catch (error) {
      // What the stage answers when the integration fails (its DEFAULT_5XX Gateway Response); what
      // the handler wrote is unknown.
      console.error(error);
      return problemAnswer("INTERNAL", "the handler failed; the write may have been applied", requestId);
    }
  }

  /** Whatever goes wrong in the emulator itself is still a problem response, never an empty 500. */
  async function respondSafely(req: IncomingMessage): Promise<APIGatewayProxyResult> {
    try {
      return await respond(req);
    } catch (error) {
      console.error(error);
      // every handler call is answered in respond(): this failed before any
      const detail = "the gateway emulator failed; nothing was written";
      return problemAnswer("INTERNAL", detail, randomUUID(), [], "not_applied");
    }
  }

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req: IncomingMessage, res: ServerResponse) => {
    respondSafely(req).then(
      (result) => writeAnswer(res, result),
      (error) => {
        console.error(error);
        res.writeHead(500).end();
      },
    );
  });

  // An expectation other than 100-continue (which Node answers itself): a problem, not Node's bare 417.
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => {
    const refusal = expectationFailed(req.headers.expect ?? "");
    const problem = problemAnswer(refusal.code, refusal.detail, randomUUID());
    // the body, if the client sends one anyway, is never read: the connection ends with the answer
    writeAnswer(res, { ...problem, headers: { ...problem.headers, connection: "close" } });
  });

  // What never becomes a request (a parse error, CONNECT) still gets a problem, never a bare close.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const detail = PARSE_ERRORS[error.code ?? ""] ?? "the request could not be parsed as HTTP/1.1";
    socket.end(rawResponse(problemAnswer("VALIDATION_FAILED", detail, randomUUID())));
  });
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    const detail = `no route ${req.method} ${req.url}`;
    socket.end(rawResponse(problemAnswer("NOT_FOUND", detail, randomUUID())));
  });
  return server;
}
