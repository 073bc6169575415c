/** Validation messages read the same whoever writes them: sentence-cased, "Required" for any missing field, "too large" from 2^53. */
import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/countries/registry.ts";
import { DomainError, validationFailed } from "../src/errors/domain.ts";
import { parseGroupCreate } from "../src/groups/schema.ts";
import { parseListRequest } from "../src/lists/parse.ts";
import { siteListSpec } from "../src/sites/list.ts";
import { readId } from "../src/validation/fields.ts";

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
  }
  throw new Error("no refusal");
}

describe("validation messages", () => {
  it("say Required for a missing field whatever its type: a string, an enum", () => {
    expect(refusal(() => parseGroupCreate({})).errors).toEqual([
      { path: "name", message: "Required" },
      { path: "type", message: "Required" },
    ]);
  });

  it("are sentence-cased, in errors[] and in the detail", () => {
    const error = validationFailed([{ path: "name", message: "must not be empty" }]);
    expect(error.errors).toEqual([{ path: "name", message: "Must not be empty" }]);
    expect(error.detail).toBe("name: Must not be empty");
    expect(new DomainError("X", "x", [{ path: "a", message: "no group 9" }]).errors[0]?.message).toBe("No group 9");
  });

  it("call an id from 2^53 up too large, not a non-integer", () => {
    expect(readId("9007199254740991")).toEqual({ id: 9007199254740991 });
    expect(readId(String(2n ** 53n))).toEqual({ message: expect.stringContaining("too large") });
    expect(readId("abc")).toEqual({ message: '"abc" is not a positive integer' });
    expect(readId("0")).toEqual({ message: '"0" is not a positive integer' });
    const list = refusal(() => parseListRequest(siteListSpec(createRegistry()), { group_id: String(2n ** 53n) }));
    expect(list.errors).toEqual([{ path: "group_id", message: expect.stringContaining("too large") }]);
    const bad = refusal(() => parseListRequest(siteListSpec(createRegistry()), { group_id: "x" }));
    expect(bad.errors[0]?.message).toContain("not a positive integer");
  });
});
