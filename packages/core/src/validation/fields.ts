import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { type FieldError, validationFailed } from "../errors/domain.ts";
import { CONTROL_MESSAGE, SURROGATE_MESSAGE, textProblem } from "./text.ts";

z.config(en());

export const NAME_MAX_LENGTH = 200;

/** Names: trimmed, 1 to 200 characters (code points), well-formed text (text.ts): no control character, no lone surrogate. */
export const nameSchema = z.string().check(
  z.trim(),
  z.refine((s) => s.length > 0, "must not be empty"),
  z.refine((s) => [...s].length <= NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`),
  z.refine((s) => textProblem(s) !== CONTROL_MESSAGE, CONTROL_MESSAGE),
  z.refine((s) => textProblem(s) !== SURROGATE_MESSAGE, SURROGATE_MESSAGE),
);

/**
 * The numbers the database stores exactly as JSON gives them: 0, or a magnitude from 1e-130
 * (DynamoDB's smallest) to 2^53 - 1 (the largest the SDK writes without losing digits).
 */
export const STORABLE = { min: 1e-130, max: Number.MAX_SAFE_INTEGER } as const;
export const storable = (n: number) => n === 0 || (Math.abs(n) >= STORABLE.min && Math.abs(n) <= STORABLE.max);
export const STORABLE_MESSAGE = `must be 0 or between ${STORABLE.min} and ${STORABLE.max} in magnitude`;

/** A finite number the database can store (see STORABLE). */
export const storableNumber = () => z.number().check(z.refine(storable, STORABLE_MESSAGE));

export const positiveId = z.int().check(z.gte(1), z.lte(Number.MAX_SAFE_INTEGER));

const DIGITS = /^[1-9]\d*$/;

/**
 * An id written as text (a path parameter, a list filter): a positive integer the API can hold,
 * or the message that says why not (a number from 2^53 up is "too large", not "not an id").
 */
export function readId(raw: string): { id: number } | { message: string } {
  if (!DIGITS.test(raw)) return { message: `${JSON.stringify(raw)} is not a positive integer` };
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) return { message: `${raw} is too large: ids are at most ${Number.MAX_SAFE_INTEGER}` };
  return { id };
}

/** Every query parameter a route does not define, and every one given twice, as the 400's errors. */
export function queryProblems(
  query: Record<string, string | undefined>,
  repeated: readonly string[],
  allowed: readonly string[] = [],
): FieldError[] {
  return [
    ...Object.keys(query)
      .filter((name) => query[name] !== undefined && !allowed.includes(name))
      .map((path) => ({ path, message: "unknown parameter" })),
    ...repeated.map((path) => ({ path, message: "must be given once" })),
  ];
}

/** A set of ids written as a JSON array: positive integers, no duplicates. */
export const idList = z.array(positiveId).check(
  z.refine((ids) => new Set(ids).size === ids.length, "must not repeat an id"),
  z.maxLength(1000),
);

/** Explains why a key is not accepted; the default says it is unknown. */
export type UnknownKeyExplainer = (key: string) => string | undefined;

/** Fields of the representation that clients cannot write. */
export function readOnlyFields(fields: readonly string[], then?: UnknownKeyExplainer): UnknownKeyExplainer {
  return (key) => (fields.includes(key) ? "read-only" : then?.(key));
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/**
 * zod issues → the contract's `errors[]`: one entry per field (its first problem), unknown keys
 * each named. Parse with `reportInput: true`, so that a missing field is told from a wrong one.
 */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], explain?: UnknownKeyExplainer): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ path: pathOf([...issue.path, key]), message: explain?.(key) ?? "unknown field" });
      }
    } else if (issue.input === undefined && issue.code !== "custom") {
      // missing, whatever the field's type (a string, a number, an enum, a country's union)
      errors.push({ path: pathOf(issue.path), message: "Required" });
    } else {
      errors.push({ path: pathOf(issue.path), message: issue.message });
    }
  }
  return errors.filter((error, i) => errors.findIndex((e) => e.path === error.path) === i);
}

export const PARSE_PARAMS = { reportInput: true } as const;

/** Parses or throws a 400 naming every bad field. */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown, explain?: UnknownKeyExplainer): T {
  const result = schema.safeParse(input, PARSE_PARAMS);
  if (result.success) return result.data;
  throw validationFailed(toFieldErrors(result.error.issues, explain));
}
