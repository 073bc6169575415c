/**
 * `Idempotency-Key` on `POST /sites` and `POST /groups` (API.md "Safe retries"), with the
 * Powertools idempotency utility and its DynamoDB persistence layer, in the API's own table.
 *
 * - The record's key is a hash of the caller (the token's `client_id` and `sub`, or "anonymous"
 *   on an open stage) and the key: one caller never sees another's answer. Its partition key is
 *   `idempotency#<hash>` (one partition per record, never a hot one), its sort key `idempotency`.
 * - The route (method and resource) and the parsed body are the record's payload hash: the same
 *   key with another body or route is a 422 `IDEMPOTENCY_KEY_REUSED` (key order in the body does
 *   not matter). A repeat within 24 hours answers the stored response with
 *   `Idempotent-Replayed: true`; a repeat while the first runs is a 409 `IDEMPOTENCY_KEY_IN_USE`.
 * - The first request puts an INPROGRESS record (a conditional PutItem: of many simultaneous
 *   requests exactly one wins), runs, then stores the response (UpdateItem). A problem is a
 *   thrown error in this stack (commons/http.ts answers it after this has run), on which the
 *   record is deleted (DeleteItem): only successes are remembered.
 * - `expiration` (the table's TTL attribute, packages/core/src/db/table.ts) is 24 hours later; an
 *   INPROGRESS record whose invocation died stops blocking at `in_progress_expiration` (the
 *   invocation's deadline), after which the key runs again.
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { AttributeValue, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { asUnavailable, IDEMPOTENCY_HEADER, keyInUse, keyReused, validationFailed } from "@sites-groups/core";
import { tableDefinition } from "@sites-groups/core/table";
import type { RouteDefinition } from "@sites-groups/openapi/route";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { services } from "./context.ts";
import { header } from "./headers.ts";
import type { Run } from "./http.ts";
import { logger } from "./powertools.ts";
import { REPLAYED_HEADER } from "./replay.ts";

/** How long a key is remembered: 24 hours (API.md). */
export const KEY_LIFETIME_SECONDS = 24 * 60 * 60;
/** The sort key of every idempotency record. */
export const RECORD_SORT_KEY = "idempotency";

/** What identifies a request with a key (`caller`, `key`) and what it must repeat (`route`, `body`). */
interface Attempt {
  caller: string[];
  key: string;
  route: string;
  body: unknown;
}

type Result = APIGatewayProxyResult;

/** One record per key: `idempotency#<hash>` / `idempotency`, not one partition for every record. */
class TableRecords extends DynamoDBPersistenceLayer {
  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    return {
      [tableDefinition.partitionKey]: { S: idempotencyKey },
      [tableDefinition.sortKey]: { S: RECORD_SORT_KEY },
    };
  }
}

const config = new IdempotencyConfig({
  eventKeyJmesPath: "[caller, key]",
  payloadValidationJmesPath: "[route, body]",
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: KEY_LIFETIME_SECONDS,
  responseHook: (response) => {
    const stored = response as unknown as Result;
    return { ...stored, headers: { ...stored.headers, [REPLAYED_HEADER]: "true" } } as never;
  },
});

let idempotent: ((attempt: Attempt, run: () => Promise<Result>) => Promise<Result>) | undefined;

/** The idempotent runner, on the services' table and client (created on first use, kept). */
function runner() {
  if (!idempotent) {
    const { db } = services();
    const persistenceStore = new TableRecords({
      tableName: db.table,
      // The services' document client: requests sent through it with the low-level commands
      // Powertools uses are not translated, and share its endpoint, retries and middleware.
      awsSdkV3Client: db.client as unknown as DynamoDBClient,
      keyAttr: tableDefinition.partitionKey,
      sortKeyAttr: tableDefinition.sortKey,
      expiryAttr: tableDefinition.timeToLiveAttribute,
    });
    idempotent = makeIdempotent(async (_attempt: Attempt, run: () => Promise<Result>) => run(), {
      persistenceStore,
      config,
      keyPrefix: "idempotency",
    });
  }
  return idempotent;
}

/** The caller a key belongs to: the token's client and subject, or "anonymous" on an open stage. */
function callerOf(event: APIGatewayProxyEvent): string[] {
  const claims = (event.requestContext?.authorizer?.claims ?? {}) as Record<string, unknown>;
  const caller = [claims.client_id, claims.sub].filter((c): c is string => typeof c === "string" && c !== "");
  return caller.length > 0 ? caller : ["anonymous"];
}

/** The request's key: absent, or 1–255 visible ASCII characters (else a 400 naming the header). */
function keyOf(event: APIGatewayProxyEvent): string | undefined {
  const key = header(event, IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw validationFailed([{ path: IDEMPOTENCY_HEADER, message: "must be 1 to 255 visible ASCII characters" }]);
  }
  return key;
}

/** Powertools' refusals as the API's problems; a failure of the record store as what caused it. */
function translate(error: unknown): unknown {
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return keyInUse();
  }
  if (error instanceof IdempotencyValidationError) {
    return keyReused();
  }
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause !== undefined && asUnavailable(cause) ? cause : error;
}

/**
 * The route, run exactly once per caller and key when the request has an `Idempotency-Key`;
 * without the header, simply the route. http() runs it for the routes whose record is
 * `idempotent` (their handlers give it to http(), so that only their bundles carry it).
 */
export function once(route: RouteDefinition, run: Run): Run {
  return async (request) => {
    const { event, context } = request;
    const key = keyOf(event);
    if (key === undefined) return run(request);
    config.registerLambdaContext(context);
    let answered: Result | undefined;
    let refused: { error: unknown } | undefined;
    try {
      return await runner()(
        { caller: callerOf(event), key, route: `${route.method} ${route.path}`, body: request.body },
        async () => {
          try {
            answered = await run(request);
          } catch (error) {
            refused = { error };
            throw error;
          }
          return answered;
        },
      );
    } catch (error) {
      // The route's own problem, even when deleting the record failed too (it then stays
      // INPROGRESS until the invocation's deadline).
      if (refused) throw refused.error;
      // The write is done but its record could not be stored: the client gets its answer (the
      // record stays INPROGRESS until the invocation's deadline, then the key is free again).
      if (answered) {
        logger.error("idempotency record not stored after the write", { error: error as Error });
        return answered;
      }
      throw translate(error);
    }
  };
}
