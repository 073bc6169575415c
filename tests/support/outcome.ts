import { DomainError } from "@sites-groups/core";

/** "OK", or the code of the domain error the operation was refused with; anything else is rethrown. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}
