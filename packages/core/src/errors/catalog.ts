/**
 * Every problem code of the API itself, once: the status it is answered with, its title, what the
 * OpenAPI document says of it, an example built with the constructor the API refuses with, and the
 * headers its answers carry. A country's refusals have the same shape (`Country.refusals`); the
 * registry joins them to these in its `catalog` (countries/registry.ts).
 *
 * Every problem answer is built from here: the functions' (functions/src/commons/problem.ts), the
 * local gateway's own, the stage's API Gateway Responses (infra/lib/gateway-responses.ts) and the
 * OpenAPI document's responses. A new code is one entry (and its constructor where it is thrown).
 * Nothing here loads the database: the CDK app reads this module (`@sites-groups/core/errors`).
 */
import { preconditionFailed } from "../records/preconditions.ts";
import { notFound, ServiceUnavailableError } from "./domain.ts";
import {
  group3CannotHoldSites,
  groupCycle,
  nestingTooDeep,
  TRANSACTION_LIMIT,
  tooManyChanges,
  unknownReference,
} from "./refusals.ts";
import {
  expectationFailed,
  forbidden,
  keyInUse,
  keyReused,
  MAX_BODY_BYTES,
  payloadTooLarge,
  tooManyRequests,
  unauthenticated,
  unsupportedMediaType,
} from "./requests.ts";

/** What an example problem may name of the operation it documents. */
export interface ExampleContext {
  /** `METHOD /path`. */
  operation: string;
  /** What the route is about. */
  item: "site" | "group";
  /** What the route's 404 names: `site 424242`, `asset swagger.png`. */
  missing: string;
  /** Where the route names the items it links its item to: `group_ids` (a site's), `site_ids`. */
  links: string;
  /** Where the route names the group it nests: `child_id` (a path parameter), `child_group_ids`. */
  child: string;
  /** The API's OAuth scopes. */
  scopes: { read: string; write: string };
  /** What the route's own parsers throw for a bad request. */
  invalid: unknown;
  /** The largest body the route takes, in bytes. */
  bodyLimit: number;
}

/** What the OpenAPI document says of a header a problem may carry (its value is the code's). */
export const PROBLEM_HEADERS = {
  "WWW-Authenticate": {
    description:
      '`Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server).',
    schema: { type: "string", maxLength: 256 },
  },
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    // the API says 1; prod's firewall says its rate window, at most 600 s
    schema: { type: "integer", format: "int32", minimum: 1, maximum: 600 },
  },
} as const;

export type ProblemHeader = keyof typeof PROBLEM_HEADERS;

export interface ProblemKind {
  status: number;
  /** The problem's `title`, the same on every occurrence (RFC 9457). */
  title: string;
  /** When it happens, for the OpenAPI document. */
  description: string;
  /** Headers its answers carry besides those of every answer. */
  headers?: Readonly<Partial<Record<ProblemHeader, string>>>;
  /** One such problem, as the API gives it on the route the context describes, for the document. */
  example(context: ExampleContext): unknown;
}

/** Headers every answer carries, successes and problems alike (API.md). */
export const ANSWER_HEADERS = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" } as const;

export const PROBLEM_MEDIA_TYPE = "application/problem+json";

const RETRY_AFTER = { "Retry-After": "1" } as const;

export const ERROR_CATALOG = {
  VALIDATION_FAILED: {
    status: 400,
    title: "Validation failed",
    description:
      "Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.",
    example: (context) => context.invalid,
  },
  UNAUTHENTICATED: {
    status: 401,
    title: "Unauthenticated",
    description:
      "No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error=\"invalid_token\"`.",
    headers: { "WWW-Authenticate": "Bearer" },
    example: () => unauthenticated("the token has expired"),
  },
  FORBIDDEN: {
    status: 403,
    title: "Forbidden",
    description:
      'A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function\'s answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.',
    example: ({ operation, scopes }) => forbidden(operation, scopes.write, scopes.read),
  },
  NOT_FOUND: {
    status: 404,
    title: "Not found",
    description:
      "No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.",
    example: ({ missing }) => notFound(missing),
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    title: "Idempotency key in use",
    description:
      "A request with the same `Idempotency-Key` is still running; the `Retry-After` header (seconds) says when to try again.",
    headers: RETRY_AFTER,
    example: keyInUse,
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: "Precondition failed",
    description:
      "`If-Match` does not name the item's current `ETag`, or the item is gone or being deleted (an `If-Match`, `*` included, never matches it); nothing was written. Read it again.",
    example: ({ item }) => preconditionFailed(`${item} 7`, 4),
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: "Payload too large",
    description: `The body is over the route's limit: ${MAX_BODY_BYTES / 1024} KiB, unless the route says otherwise.`,
    example: ({ bodyLimit }) => payloadTooLarge(bodyLimit + 4_464, bodyLimit),
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    description:
      "A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed; a `PATCH` also takes `application/merge-patch+json`), or with none.",
    example: () => unsupportedMediaType("text/plain;charset=UTF-8"),
  },
  EXPECTATION_FAILED: {
    status: 417,
    title: "Expectation failed",
    description:
      "The local server only (`pnpm dev`): an `Expect` header other than `100-continue`, answered before any route. API Gateway has its own handling of `Expect` in the deployed stages.",
    example: () => expectationFailed("the-moon"),
  },
  GROUP3_CANNOT_HOLD_SITES: {
    status: 422,
    title: "A group3 group cannot hold sites",
    description: "No site is directly in a group of type `group3`.",
    example: ({ links }) => group3CannotHoldSites(7, links),
  },
  GROUP_CYCLE: {
    status: 422,
    title: "Nesting would create a cycle",
    description: "Nesting has no cycle: a group is never inside itself, directly or through other groups.",
    example: ({ child }) => groupCycle(3, 7, child),
  },
  NESTING_TOO_DEEP: {
    status: 422,
    title: "Nesting too deep",
    description: "Nesting is at most 16 levels deep: a chain of groups, each inside the next, holds at most 16 groups.",
    example: ({ child }) => nestingTooDeep(17, 16, child),
  },
  UNKNOWN_REFERENCE: {
    status: 422,
    title: "Unknown reference",
    description:
      "An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.",
    example: ({ item, links }) => unknownReference(links, [99], item === "site" ? "group" : "site"),
  },
  TOO_MANY_CHANGES: {
    status: 422,
    title: "Too many changes for one atomic write",
    description: `The write would not fit in one atomic DynamoDB transaction (at most ${TRANSACTION_LIMIT} items); nothing was written. Split it into smaller writes.`,
    example: ({ links }) => tooManyChanges(121, links),
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: "Idempotency key reused",
    description:
      "The `Idempotency-Key` was used in the last 24 hours with another body or route; use a new key for a new request.",
    example: keyReused,
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: "Too many requests",
    description:
      "Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.",
    headers: RETRY_AFTER,
    example: tooManyRequests,
  },
  INTERNAL: {
    status: 500,
    title: "Internal error",
    description:
      "A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.",
    example: () => new Error("an unexpected fault"),
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: "Service unavailable",
    description:
      "DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.",
    headers: RETRY_AFTER,
    example: () => new ServiceUnavailableError("the write kept conflicting with concurrent writes"),
  },
} as const satisfies Record<string, ProblemKind>;

/** The codes a DomainError of the API itself carries (INTERNAL is the answer to anything else). */
export type KnownErrorCode = Exclude<keyof typeof ERROR_CATALOG, "INTERNAL">;

/** Code → kind: the API's codes and the refusals of a registry's countries (its `catalog`). */
export type Catalog = ReadonlyMap<string, ProblemKind>;

/** What the document says of each status the API answers a problem with. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  417: "Expectation failed",
  422: "Unprocessable content: a business rule refused the write",
  429: "Too many requests",
  500: "Internal error",
  503: "Service unavailable",
};

/** The headers of a problem answer: its media type, every answer's, and its kind's own (canonical case). */
export function problemHeaders(kind: ProblemKind): Record<string, string> {
  return { "Content-Type": PROBLEM_MEDIA_TYPE, ...ANSWER_HEADERS, ...kind.headers };
}
