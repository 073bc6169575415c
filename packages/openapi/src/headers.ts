/**
 * The request and response headers of safe retries and concurrent edits (API.md "Safe retries:
 * Idempotency-Key", "Concurrent edits: ETag and If-Match"), from the route record's `idempotent`
 * and `precondition` fields; the functions read and write them (functions/src/commons/
 * idempotency.ts and etag.ts).
 */

import type { ParameterObject } from "./parameters.ts";
import type { RouteDefinition } from "./route.ts";

type HeaderObject = { description: string; required?: boolean; schema: Record<string, unknown> };

const ETAG_EXAMPLE = '"3"';
/** An ETag is a quoted version number (at most 2^53, 16 digits); a list of them fits what API Gateway takes of headers. */
const ETAG_MAX_LENGTH = 18;
const ETAG_LIST_MAX_LENGTH = 10240;

/** The `Idempotency-Key`, `If-Match` or `If-None-Match` header a route reads. */
export function requestHeaders(route: RouteDefinition): ParameterObject[] {
  const headers: ParameterObject[] = [];
  if (route.idempotent) {
    headers.push({
      name: "Idempotency-Key",
      in: "header",
      description:
        "Makes the request safe to retry: 1–255 visible ASCII characters, e.g. a UUID (else a 400). A repeat with the same key, route and body within 24 hours runs nothing and answers what the first answered (status, `Location`, body, `ETag`) with `Idempotent-Replayed: true`. The same key with another body or route is a 422 `IDEMPOTENCY_KEY_REUSED`; while the first request runs, a 409 `IDEMPOTENCY_KEY_IN_USE`. Only successes are remembered. Keys are scoped to the caller.",
      // No example: Swagger UI would send it with every "Try it out", and every caller the same key.
      schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7E]+$" },
    });
  }
  if (route.precondition === "If-Match") {
    headers.push({
      name: "If-Match",
      in: "header",
      description:
        "Writes only if the item's current `ETag` is one of these (strong comparison) or, with `*`, if it exists; else a 412 `PRECONDITION_FAILED` and nothing is written. Without it, the last write wins.",
      schema: { type: "string", maxLength: ETAG_LIST_MAX_LENGTH },
      example: ETAG_EXAMPLE,
    });
  }
  if (route.precondition === "If-None-Match") {
    headers.push({
      name: "If-None-Match",
      in: "header",
      description: "When it names the item's current `ETag` (or is `*`), the answer is a 304 with no body.",
      schema: { type: "string", maxLength: ETAG_LIST_MAX_LENGTH },
      example: ETAG_EXAMPLE,
    });
  }
  return headers;
}

const ETAG: HeaderObject = {
  description:
    "The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET).",
  required: true,
  schema: { type: "string", pattern: '^"[0-9]{1,16}"$', maxLength: ETAG_MAX_LENGTH, example: ETAG_EXAMPLE },
};

/** The headers of a route's success beyond `Location`: `ETag` for one item, `Idempotent-Replayed`. */
export function successHeaders(route: RouteDefinition): Record<string, HeaderObject> {
  const schema = route.docs.success.schema;
  return {
    ...(schema === "Site" || schema === "Group" ? { ETag: ETAG } : {}),
    ...(route.idempotent
      ? {
          "Idempotent-Replayed": {
            description: "`true` when this answer is a replay of an earlier request with the same `Idempotency-Key`.",
            schema: { type: "string", enum: ["true"] },
          },
        }
      : {}),
  };
}

/** What every answer may carry where the stage names CORS origins. */
export const CORS_HEADERS: Record<string, HeaderObject> = {
  "Access-Control-Allow-Origin": {
    description:
      "Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`).",
    schema: { type: "string", format: "uri", maxLength: 2048 },
  },
};

/** The 304 of a read that takes `If-None-Match`. */
export function notModifiedResponse(
  route: RouteDefinition,
): Record<string, { description: string; headers: Record<string, HeaderObject> }> {
  if (route.precondition !== "If-None-Match") return {};
  return {
    "304": {
      description: "Not modified: `If-None-Match` names the current `ETag`; no body.",
      headers: { ETag: ETAG, ...CORS_HEADERS },
    },
  };
}
