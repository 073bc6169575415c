/** The errors in a cause chain (ElectroDB wraps the SDK's error in `cause`). */
export function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

export function hasErrorName(error: unknown, names: ReadonlySet<string> | string): boolean {
  for (const e of causes(error)) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === "string" && (typeof names === "string" ? name === names : names.has(name))) return true;
  }
  return false;
}
