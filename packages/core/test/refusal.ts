import { DomainError } from "../src/errors/domain.ts";

/** The DomainError `act` throws; any other outcome fails the test that expected a refusal. */
export function refusal(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but nothing was thrown");
}

/** The DomainError `act` rejects with; any other outcome fails the test that expected a refusal. */
export async function asyncRefusal(act: () => Promise<unknown>): Promise<DomainError> {
  try {
    await act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but the promise resolved");
}

/** The paths an error's `errors[]` names, in order. */
export function pathsOf(error: DomainError): string[] {
  return error.errors.map((e) => e.path);
}

/** The message an error's `errors[]` gives for one path. */
export function messageAt(error: DomainError, path: string): string | undefined {
  return error.errors.find((e) => e.path === path)?.message;
}
