/**
 * What the rest of the stack knows of `Idempotency-Key` answers (commons/idempotency.ts) without
 * loading it: whether an answer is a replay, and which results of a batch's answer are. No AWS SDK
 * here, so that the documentation functions' bundles stay free of it.
 */
import type { APIGatewayProxyResult } from "aws-lambda";

export const REPLAYED_HEADER = "idempotent-replayed";

/**
 * On a batch's answer (`POST /sites/batch`): the indexes of the 201 results replayed from their
 * items' key records, comma-separated; absent when none was. The results themselves stay exactly
 * what the first answer said.
 */
export const REPLAYED_ITEMS_HEADER = "idempotent-replayed-items";

/** True for an answer replayed from a record (no new write happened). */
export const isReplay = (response: APIGatewayProxyResult | null | undefined): boolean =>
  response?.headers?.[REPLAYED_HEADER] === "true";

/** How many results of a batch's answer are replays. */
export const replayedItems = (response: APIGatewayProxyResult): number => {
  const listed = String(response.headers?.[REPLAYED_ITEMS_HEADER] ?? "");
  return listed === "" ? 0 : listed.split(",").length;
};
