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

const KEY_SYNTAX = "1–255 visible ASCII characters, e.g. a UUID (else a 400).";
const REQUEST_KEY = `Makes the request safe to retry: ${KEY_SYNTAX} A repeat with the same key, route and body within 24 hours runs nothing and answers what the first answered (status, \`Location\`, body, \`ETag\`) with \`Idempotent-Replayed: true\`. The same key with another body or route is a 422 \`IDEMPOTENCY_KEY_REUSED\`; while the first request runs, a 409 \`IDEMPOTENCY_KEY_IN_USE\`. Only successes are remembered. Keys are scoped to the caller.`;
const ITEMS_KEY = `Makes each item safe to retry: ${KEY_SYNTAX} Each item runs once per key derived from this key and the item's JSON value (not its place in the batch), committing that key's record with the site: within 24 hours a retry, also of the same items in other batches under this key, replays the 201 result of every item already created and runs the others. An item whose key is held by a request still running is that item's 409 \`IDEMPOTENCY_KEY_IN_USE\`. Keys are scoped to the caller.`;

/** The `Idempotency-Key`, `If-Match` or `If-None-Match` header a route reads. */
export function requestHeaders(route: RouteDefinition): ParameterObject[] {
  const headers: ParameterObject[] = [];
  if (route.idempotent) {
    headers.push({
      name: "Idempotency-Key",
      in: "header",
      description: route.idempotent === "items" ? ITEMS_KEY : REQUEST_KEY,
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

/** The headers of a route's success beyond `Location`: `ETag` for one item, `Idempotent-Replayed` (or a batch's `-Items`). */
export function successHeaders(route: RouteDefinition): Record<string, HeaderObject> {
  const schema = route.docs.success.schema;
  return {
    ...(schema === "Site" || schema === "Group" ? { ETag: ETAG } : {}),
    ...(route.idempotent === true
      ? {
          "Idempotent-Replayed": {
            description: "`true` when this answer is a replay of an earlier request with the same `Idempotency-Key`.",
            schema: { type: "string", enum: ["true"] },
          },
        }
      : {}),
    ...(route.idempotent === "items"
      ? {
          "Idempotent-Replayed-Items": {
            description:
              "The indexes of the 201 results replayed from their items' `Idempotency-Key` records (created by an earlier request, or by an identical earlier item of this batch), comma-separated; absent when none was.",
            schema: { type: "string", pattern: "^[0-9]{1,2}(,[0-9]{1,2})*$", maxLength: 300, example: "0,2" },
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
