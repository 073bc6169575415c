/**
 * `Idempotency-Key` on `POST /sites` and `POST /groups` (API.md "Safe retries", "Unknown
 * outcomes"), on the key's record in the API's own table (core's idempotency/record.ts).
 *
 * - The record belongs to the caller (the token's `client_id` and `sub`, or "anonymous" on an
 *   open stage) and the key: one caller never sees another's answer.
 * - Its payload is the route (method and resource) and the body's JSON value: the same key with
 *   another body or route is a 422 `IDEMPOTENCY_KEY_REUSED` against a remembered answer; while a
 *   request with the key runs, any other is a 409 `IDEMPOTENCY_KEY_IN_USE`, whatever its body.
 * - The answer (status, `Location`, body, `ETag`) is committed in the create's own transaction,
 *   so a repeat within 24 hours replays it with `Idempotent-Replayed: true`, or, when nothing
 *   committed, runs for the first time — never both, also after a lost answer.
 * - A refusal, or a failure that wrote nothing, frees the key. A failure that may have written
 *   (a timeout, the request's deadline met with the transaction out) ends with the record's
 *   fencing delete, which says whether the create committed: then its answer is this request's.
 */
import {
  AlreadyCommitted,
  asUnavailable,
  changeMayHaveApplied,
  claimKey,
  DomainError,
  type HeldKey,
  IDEMPOTENCY_HEADER,
  type KeyRequest,
  keyInUse,
  keyReused,
  ServiceUnavailableError,
  validationFailed,
} from "@sites-groups/core";
import type { RouteDefinition } from "@sites-groups/openapi/route";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { services } from "./context.ts";
import { header } from "./headers.ts";
import type { Request, Run } from "./http.ts";
import { logger } from "./powertools.ts";
import { statusOf } from "./problem.ts";
import { REPLAYED_HEADER } from "./replay.ts";

type Answer = APIGatewayProxyResult;

/** How long a request that knows no end of its invocation holds a key. */
const DEFAULT_LEASE_MS = 60_000;

/** The caller a key belongs to: the token's client and subject, or "anonymous" on an open stage. */
function callerOf(event: APIGatewayProxyEvent): string[] {
  const claims = (event.requestContext?.authorizer?.claims ?? {}) as Record<string, unknown>;
  const caller = [claims.client_id, claims.sub].filter((c): c is string => typeof c === "string" && c !== "");
  return caller.length > 0 ? caller : ["anonymous"];
}

/** The request's key: absent, or 1–255 visible ASCII characters (else a 400 naming the header). */
export function keyOf(event: APIGatewayProxyEvent): string | undefined {
  const key = header(event, IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw validationFailed([{ path: IDEMPOTENCY_HEADER, message: "must be 1 to 255 visible ASCII characters" }]);
  }
  return key;
}

const replayed = (answer: Answer): Answer => ({ ...answer, headers: { ...answer.headers, [REPLAYED_HEADER]: "true" } });

/** A refusal of the request itself (a 4xx), as opposed to a fault or an unavailable database. */
const isRefusal = (error: unknown) => error instanceof DomainError && (statusOf(error.code) ?? 500) < 500;

async function release(key: HeldKey): Promise<void> {
  // the record then stays INPROGRESS until its lease ends, after which the key runs again
  await key.release().catch((error: Error) => logger.error("idempotency record not released", { error }));
}

/**
 * What a keyed create that failed answers. Nothing of it written: the key is freed and the
 * failure stands. Else the fencing delete decides: the create committed (its answer), nothing
 * did and nothing will (a refusal stands; a fault is a 503 `not_applied`), or no one knows.
 */
async function afterFailure(key: HeldKey, error: unknown): Promise<Answer> {
  if (error instanceof AlreadyCommitted) return error.answer as Answer;
  if (!changeMayHaveApplied()) {
    await release(key);
    throw error;
  }
  const settled = await key.settle();
  if (typeof settled === "object") return settled.answer as Answer;
  if (settled === "not_applied") {
    if (isRefusal(error)) throw error;
    throw new ServiceUnavailableError(asUnavailable(error)?.detail ?? "the database failed", undefined, "not_applied");
  }
  if (!isRefusal(error)) throw error;
  throw new ServiceUnavailableError("the database did not confirm the write in time", undefined, "unknown");
}

/** The claim of `key` by this request, remembering `payload`: whose key it is, and until when it holds it. */
export function keyClaim(request: Request, key: string, payload: unknown): KeyRequest {
  const { event, context } = request;
  const remaining = (context as Partial<typeof context>).getRemainingTimeInMillis?.() ?? DEFAULT_LEASE_MS;
  return {
    caller: callerOf(event),
    key,
    payload,
    lease: Date.now() + remaining,
    requestId: event.requestContext?.requestId ?? context.awsRequestId,
  };
}

/**
 * `run`, exactly once per caller and key: a key with a committed answer replays it, one still
 * held by another request is a 409, one remembered with another payload a 422. `run` commits its
 * answer with its change through the `record` it is given; a failure frees or settles the key.
 */
export async function onceForKey(
  claim: KeyRequest,
  run: (record: Request["record"]) => Promise<Answer>,
): Promise<Answer> {
  const claimed = await claimKey(services().db, claim);
  if (claimed.kind === "replay") return replayed(claimed.answer as Answer);
  if (claimed.kind === "in_use") throw keyInUse();
  if (claimed.kind === "reused") throw keyReused();
  const held = claimed.key;
  try {
    return await run((answer) => (result) => held.complete(answer(result)));
  } catch (error) {
    return afterFailure(held, error);
  }
}

/**
 * The route, run exactly once per caller and key when the request has an `Idempotency-Key`;
 * without the header, simply the route. http() runs it for the routes whose record is
 * `idempotent` (their handlers give it to http(), so that only their bundles carry it). The
 * route's create commits the answer with its change through `request.record(answerOf)`.
 */
export function once(route: RouteDefinition, run: Run): Run {
  return async (request) => {
    const key = keyOf(request.event);
    if (key === undefined) return run(request);
    const payload = { route: `${route.method} ${route.path}`, body: request.body };
    return onceForKey(keyClaim(request, key, payload), (record) => run({ ...request, record }));
  };
}
