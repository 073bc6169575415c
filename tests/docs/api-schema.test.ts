/**
 * The typed test client's types (tests/support/api-schema.ts) are generated from the served
 * document and committed, so that `tsc` checks the suites against them. This fails while they
 * are stale: regenerate them with the command the message names.
 */
import { describe, expect, it } from "vitest";
import { committedSchemaSource, REGENERATE, SCHEMA_FILE, schemaSource } from "../support/generate-client.ts";

describe("the typed client's generated types", () => {
  it("match the document the API serves", async () => {
    const fresh = await schemaSource();
    const committed = await committedSchemaSource();
    expect(committed === fresh, `${SCHEMA_FILE} is stale: run \`${REGENERATE}\` and commit the result`).toBe(true);
  });
});
