/**
 * problem+json answers (API.md "Errors"): core's problem of an error or a code (errors/problem.ts),
 * on the deployed countries' catalog, as a Lambda proxy result. Header names in lower case, as
 * every answer of the functions.
 */
import {
  type Catalog,
  deployedRegistry,
  type ErrorCode,
  type FieldError,
  IDEMPOTENCY_HEADER,
  type Outcome,
  type ProblemOccurrence,
  problemFor,
  problemHeaders,
  problemOf,
  type WriteKind,
} from "@sites-groups/core";
import type { RouteDefinition } from "@sites-groups/openapi/route";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { header } from "./headers.ts";

/** The deployed countries' catalog: the API's codes and their refusals. */
const deployed = (): Catalog => deployedRegistry().catalog;

function answer({ kind, problem, headers: own }: ProblemOccurrence): APIGatewayProxyResult {
  const all = { ...problemHeaders(kind), ...own };
  const headers = Object.entries(all).map(([name, value]) => [name.toLowerCase(), value]);
  return { statusCode: kind.status, headers: Object.fromEntries(headers), body: JSON.stringify(problem) };
}

/** The status of a code; undefined for a code nobody declared (answered as a fault). */
export function statusOf(code: ErrorCode, catalog: Catalog = deployed()): number | undefined {
  return catalog.get(code)?.status;
}

/** The answer of a problem with this code (one of the catalog's), detail and fields at fault. */
export function problemAnswer(
  code: ErrorCode | "INTERNAL",
  detail: string,
  requestId: string,
  errors: readonly FieldError[] = [],
  outcome?: Outcome,
): APIGatewayProxyResult {
  return answer(problemOf(deployed(), code, detail, requestId, errors, outcome));
}

/** The kind of write of a request to this route, for the advice of a 5xx; undefined for a read. */
export function writeKindOf(route: RouteDefinition, event: APIGatewayProxyEvent): WriteKind | undefined {
  if (route.method === "GET") return undefined;
  if (route.idempotent) return header(event, IDEMPOTENCY_HEADER) === undefined ? "create" : "keyed-create";
  return route.precondition === "If-Match" ? "edit" : "link";
}

/** Any error → its problem answer (core's `problemFor`), with the advice for this `kind` of write. */
export function toProblem(
  error: unknown,
  requestId: string,
  catalog: Catalog = deployed(),
  kind?: WriteKind,
): APIGatewayProxyResult {
  return answer(problemFor(catalog, error, requestId, kind));
}
