import { type FieldError, validationFailed } from "../errors/domain.ts";

/**
 * Text must be well-formed (API.md): valid UTF-8, and no string holding a lone surrogate or a
 * control character (C0: U+0000–U+001F, DEL, C1: U+0080–U+009F). Checked on every string of a
 * body (keys included) and on every query value, before any schema reads them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const CONTROL_MESSAGE = "must not contain control characters";
export const SURROGATE_MESSAGE = "must be well-formed text (it holds a lone surrogate)";

/** What is wrong with a string, or undefined when it is well-formed text. */
export function textProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  if (CONTROL.test(text)) return CONTROL_MESSAGE;
  return undefined;
}

/** Deeper than this, a body is refused before anything walks it (no field of the API nests past 2). */
const MAX_DEPTH = 32;
const DEPTH_MESSAGE = `must not nest arrays and objects more than ${MAX_DEPTH} levels deep`;

/**
 * Every ill-formed string in a parsed JSON value, by its dotted path (as validation names fields).
 * Walked with a stack of its own, not by recursion, and refused past MAX_DEPTH: a small body of
 * deeply nested arrays must be a 400, not a stack overflow.
 */
function illFormedText(value: unknown): FieldError[] {
  const found: FieldError[] = [];
  const pending: { value: unknown; path: string[]; problem?: FieldError }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path, problem } = next;
    if (problem) {
      found.push(problem);
      continue;
    }
    if (typeof item === "string") {
      const message = textProblem(item);
      if (message) found.push({ path: path.join("."), message });
      continue;
    }
    if (item === null || typeof item !== "object") continue;
    if (path.length >= MAX_DEPTH) {
      found.push({ path: path.join("."), message: DEPTH_MESSAGE });
      continue;
    }
    const entries = Array.isArray(item) ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
    // pushed in reverse, so that problems come out in the body's order
    for (const [key, child] of entries.reverse()) {
      const keyProblem = Array.isArray(item) ? undefined : textProblem(key);
      // a bad key cannot be named as it is: it is shown escaped
      const named = { path: [...path, JSON.stringify(key).slice(1, -1)].join("."), message: keyProblem ?? "" };
      pending.push(keyProblem ? { value: undefined, path, problem: named } : { value: child, path: [...path, key] });
    }
  }
  return found;
}

/** The body as text: a 400 if its bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw validationFailed([{ path: "", message: "the body is not valid UTF-8" }]);
  }
}

/** Refuses (400) a body or query whose strings are not well-formed text, naming each field. */
export function assertWellFormed(body: unknown, query: Record<string, string | undefined> = {}): void {
  const errors = illFormedText(body);
  for (const [name, value] of Object.entries(query)) {
    const message = value === undefined ? undefined : textProblem(value);
    if (message) errors.push({ path: textProblem(name) ? JSON.stringify(name).slice(1, -1) : name, message });
  }
  if (errors.length > 0) throw validationFailed(errors);
}
