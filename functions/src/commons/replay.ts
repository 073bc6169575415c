/**
 * What the rest of the stack knows of `Idempotency-Key` answers (commons/idempotency.ts) without
 * loading it: whether an answer is a replay. No AWS SDK here, so that the documentation
 * functions' bundles stay free of it.
 */
import type { APIGatewayProxyResult } from "aws-lambda";

export const REPLAYED_HEADER = "idempotent-replayed";

/** True for an answer replayed from a record (no new write happened). */
export const isReplay = (response: APIGatewayProxyResult | null | undefined): boolean =>
  response?.headers?.[REPLAYED_HEADER] === "true";
