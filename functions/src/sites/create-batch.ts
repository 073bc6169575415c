/**
 * `POST /sites/batch` (API.md "Many at once"): each item is `POST /sites`'s own create
 * (creation.ts), its own atomic write, answered in order as that route would have answered it.
 * Items run at once where they cannot conflict; items that take one claim (a French day), join
 * one group or share one key run one after another in batch order (core's `runOrdered`), so the
 * first of them wins. Each item runs as a request of its own under the batch's deadline: its
 * writes, and so the outcome of its failure, are its own. One that would start too late is not
 * started (a 503 that wrote nothing).
 *
 * With an `Idempotency-Key`, each item runs once per key derived from the batch's key and the
 * item's JSON value (not its place), committing its own record in its own transaction: a retry of
 * the batch, or of the same items in other batches under the same key, replays what was created
 * and runs the rest.
 */
import { asOwnRequest, hashOf, parseBatch, remainingMs, runOrdered, ServiceUnavailableError } from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";
import { services } from "#commons/context";
import { http, ok, type Request } from "#commons/http";
import { keyClaim, keyOf, onceForKey } from "#commons/idempotency";
import { logger } from "#commons/powertools";
import { toProblem, writeKindOf } from "#commons/problem";
import { isReplay, REPLAYED_ITEMS_HEADER } from "#commons/replay";
import { createSiteAnswer } from "./creation.ts";
import { createSiteBatch } from "./routes.ts";

/** Items in flight at once: enough to hide each write's round trip, few enough not to throttle one partition. */
const CONCURRENCY = 10;
/** An item starts only while this much time is left before the batch's deadline (a claim and a transaction). */
const ITEM_START_MS = 1_000;

const ROUTE = `${createSiteBatch.method} ${createSiteBatch.path}`;

type ItemResult =
  | { index: number; status: 201; site: unknown; etag: string }
  | { index: number; status: number; problem: unknown };

/** An item's answer, and whether it was replayed from its key's record. */
interface ItemOutcome {
  result: ItemResult;
  replayed: boolean;
}

/**
 * An item's key: the batch's key and the item's JSON value. The space keeps it apart from every
 * key a client can send (visible ASCII), so no `POST /sites` record is ever an item's.
 */
const itemKey = (key: string, item: unknown) => `${key} item ${hashOf(item)}`;

function notStarted(): ServiceUnavailableError {
  return new ServiceUnavailableError("the batch's time ran out before this item started", undefined, "not_applied");
}

async function createItem(request: Request, key: string | undefined, item: unknown): Promise<APIGatewayProxyResult> {
  if (remainingMs() <= ITEM_START_MS) throw notStarted();
  if (key === undefined) return createSiteAnswer(item, request.record);
  const claim = keyClaim(request, itemKey(key, item), { route: ROUTE, body: item });
  return onceForKey(claim, (record) => createSiteAnswer(item, record));
}

/** One item's result: its 201, or the problem `POST /sites` would have answered. */
async function outcomeOf(
  request: Request,
  key: string | undefined,
  item: unknown,
  index: number,
): Promise<ItemOutcome> {
  try {
    const answer = await asOwnRequest(() => createItem(request, key, item));
    const site = JSON.parse(answer.body);
    return { result: { index, status: 201, site, etag: String(answer.headers?.etag) }, replayed: isReplay(answer) };
  } catch (error) {
    const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
    const answer = toProblem(error, requestId, undefined, writeKindOf(createSiteBatch, request.event));
    if (answer.statusCode >= 500) logger.error("batch item failed", { index, error: error as Error });
    return { result: { index, status: answer.statusCode, problem: JSON.parse(answer.body) }, replayed: false };
  }
}

export const handler = http(createSiteBatch, async (request) => {
  const items = parseBatch(request.body);
  const key = keyOf(request.event);
  const { sites } = services();
  const outcomes = await runOrdered(
    items,
    (item) => [...sites.contended(item), ...(key === undefined ? [] : [itemKey(key, item)])],
    CONCURRENCY,
    (item, index) => outcomeOf(request, key, item, index),
  );
  const results = outcomes.map((outcome) => outcome.result);
  const created = results.filter((result) => result.status === 201).length;
  const replayed = outcomes.flatMap((outcome, index) => (outcome.replayed ? [index] : []));
  logger.info("batch answered", { items: items.length, created, replayed: replayed.length });
  const answer = ok({ results, created, failed: results.length - created });
  if (replayed.length === 0) return answer;
  return { ...answer, headers: { ...answer.headers, [REPLAYED_ITEMS_HEADER]: replayed.join(",") } };
});
