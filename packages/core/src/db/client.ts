import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ServiceUnavailableError } from "../errors/domain.ts";
import { checkDeadline, DeadlineExceededError, remainingMs } from "../runtime/deadline.ts";
import { environment } from "../runtime/environment.ts";
import { isAuxiliary, observe, recordWrite } from "../runtime/outcome.ts";
import type { SentWrite } from "../runtime/request.ts";
import { isConditionFailed } from "./errors.ts";

export interface ClientOptions {
  /** DynamoDB Local, LocalStack, or undefined for AWS. */
  endpoint?: string;
  region?: string;
}

/**
 * Time limits of every DynamoDB call, well inside the functions' 10 s timeout (infra/lib/stage.ts):
 * a connection is given 1 s, an answer 2 s, and a call at most 3 tries (the SDK retries
 * timeouts, throttling and 5xx with its own backoff). On top of these, no call outlives the
 * deadline of the request it serves (deadline.ts): a call is not started once it is spent, and
 * a call still waiting then is answered as a 503. What each try of a write ended in is recorded
 * for the request's outcome (runtime/outcome.ts).
 */
export const CONNECTION_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 2_000;
export const MAX_ATTEMPTS = 3;

const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"]);
/** The writes that are one conditional item write, which the SDK resends as is after a timeout. */
const SINGLE_WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem"]);

/** What one call (one `send`) knows of its tries, shared by the two middlewares below. */
interface Call {
  /** The request's record of this write, when it is a change write (runtime/outcome.ts). */
  write: SentWrite | undefined;
  /** A single change write, which no token makes idempotent across the SDK's tries. */
  single: boolean;
  /** A try ended with no definite answer: it may have been applied. */
  uncertain: boolean;
  /** The request stopped waiting for it: no further try is sent. */
  abandoned: boolean;
}

const CALL = Symbol("call");
type CallContext = { [CALL]?: Call };

/**
 * A try that DynamoDB refused (a 4xx: a failed condition, a cancelled transaction, throttling, a
 * bad request), or that never reached it (refused or timed-out connection; our own stop): nothing
 * of it was applied. Anything else — no answer in time, a dropped connection, a 5xx, a transaction
 * still in progress under the same token — may have been.
 */
function refusedForSure(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 400 && status < 500) return e.name !== "TransactionInProgressException";
  if (e.name === "CallAbandoned") return true;
  if (["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"].includes(e.code ?? "")) return true;
  // the SDK's connection timeout (node-http-handler): the request was never written
  return e.name === "TimeoutError" && /did not establish a connection/.test(e.message ?? "");
}

/** A call's tries, one at a time inside the SDK's retries: recorded, and none after the call is abandoned. */
function tryMiddleware(client: DynamoDBClient) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call = (context as CallContext)[CALL];
      if (!call) return next(args);
      if (call.abandoned) {
        throw Object.assign(new Error("the request stopped waiting for this call"), { name: "CallAbandoned" });
      }
      if (call.write) call.write.inFlight++;
      try {
        const result = await next(args);
        if (call.write) call.write.applied = true;
        return result;
      } catch (error) {
        if (!refusedForSure(error)) {
          call.uncertain = true;
          if (call.write) call.write.uncertain = true;
        }
        throw error;
      } finally {
        if (call.write) call.write.inFlight--;
      }
    },
    { step: "deserialize", name: "tryOutcome", priority: "high" },
  );
}

/**
 * The failure of a call as the request should see it. The SDK resends a single write whose try
 * got no answer; if that try was applied, the resend fails its own condition (the item is no
 * longer as it was): that is no refusal but an unknown outcome, a 503. (A transaction's tries
 * carry one ClientRequestToken, so DynamoDB answers a resend of an applied one with success.)
 */
function failureOf(call: Call, error: unknown): unknown {
  observe(error);
  if (call.single && call.uncertain && isConditionFailed(error)) {
    return new ServiceUnavailableError("the database did not confirm the write in time");
  }
  return error;
}

/**
 * Not started after the deadline, and not waited for beyond it: a call still out then is
 * abandoned (answered as a 503, and none of its further tries is sent). Each change write is
 * recorded in the request's scope with how its tries ended (runtime/outcome.ts).
 */
function deadlineMiddleware(client: DynamoDBClient) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, "");
      const what = `DynamoDB ${name}`;
      checkDeadline(what);
      const call: Call = {
        write: WRITES.has(name) ? recordWrite(name) : undefined,
        // an auxiliary write (outcome.ts) reads what its resend found itself
        single: SINGLE_WRITES.has(name) && !isAuxiliary(),
        uncertain: false,
        abandoned: false,
      };
      (context as CallContext)[CALL] = call;
      const left = remainingMs();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        if (!Number.isFinite(left)) return;
        timer = setTimeout(() => {
          call.abandoned = true;
          reject(new DeadlineExceededError(what));
        }, left);
      });
      try {
        return await Promise.race([next(args), late]);
      } catch (error) {
        throw failureOf(call, error);
      } finally {
        clearTimeout(timer);
      }
    },
    { step: "initialize", name: "requestDeadline", priority: "high" },
  );
}

/**
 * The document client every service uses. Pointing at a local endpoint needs some credentials
 * and a region; DynamoDB Local accepts any.
 */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {
    maxAttempts: MAX_ATTEMPTS,
    // the options of the SDK's NodeHttpHandler, which it builds from them
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // else the handler only logs a warning and goes on waiting
      throwOnRequestTimeout: true,
    },
  };
  const region = options.region ?? environment.region;
  if (region) config.region = region;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.region ??= "us-east-1";
    if (!environment.hasCredentials) config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  const client = new DynamoDBClient(config);
  deadlineMiddleware(client);
  tryMiddleware(client);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
