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
  type ProblemOccurrence,
  problemFor,
  problemHeaders,
  problemOf,
} from "@sites-groups/core";
import type { APIGatewayProxyResult } from "aws-lambda";

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
): APIGatewayProxyResult {
  return answer(problemOf(deployed(), code, detail, requestId, errors));
}

/** Any error → its problem answer (core's `problemFor`). */
export function toProblem(error: unknown, requestId: string, catalog: Catalog = deployed()): APIGatewayProxyResult {
  return answer(problemFor(catalog, error, requestId));
}
