/**
 * What the rest of the stack knows of `Idempotency-Key` (commons/idempotency.ts) without loading
 * it: the headers, the two refusals, and whether an answer is a replay. No AWS SDK here, so the
 * documentation functions' bundles stay free of it.
 */
import { DomainError } from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "idempotent-replayed";
/** Seconds a client is told to wait when the first request with its key is still running. */
const IN_USE_RETRY_AFTER = 1;

/** 409: the first request with the key is still running (with `Retry-After`, commons/problem.ts). */
export const keyInUse = (): DomainError =>
  Object.assign(
    new DomainError(
      "IDEMPOTENCY_KEY_IN_USE",
      "Idempotency key in use",
      `a request with this ${IDEMPOTENCY_HEADER} is still running; retry after it has answered`,
    ),
    { retryAfterSeconds: IN_USE_RETRY_AFTER },
  );

/** 422: the key was used with another body or route. */
export const keyReused = (): DomainError =>
  new DomainError(
    "IDEMPOTENCY_KEY_REUSED",
    "Idempotency key reused",
    `this ${IDEMPOTENCY_HEADER} was used in the last 24 hours with another body or route; use a new key for a new request`,
  );

/** True for an answer replayed from a record (no new write happened). */
export const isReplay = (response: APIGatewayProxyResult | null | undefined): boolean =>
  response?.headers?.[REPLAYED_HEADER] === "true";
