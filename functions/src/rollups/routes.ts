/**
 * The rollups processor (./process.ts), as the stack deploys it: a function on the table's stream,
 * apart from the events processor, with what it may do to each table. Pure data: the CDK app and
 * tests/infra/permissions.test.ts read it without loading the handler.
 */
import type { TableAccess } from "@sites-groups/openapi/route";

export const rollupsProcessor = {
  name: "RollupsProcessor",
  handler: "rollups/process",
  /** The main table: strongly consistent reads of the sites and groups the records name (BatchGetItem). */
  table: { actions: ["BatchGetItem"], indexes: [] },
  /** The partition-key prefixes it reads there (IAM `dynamodb:LeadingKeys`). */
  readsKeysStartingWith: ["site#", "group#"],
  /** The rollups table: its ledgers read; below items, ledgers and summaries written (in transactions). */
  rollups: { actions: ["BatchGetItem", "PutItem", "UpdateItem", "DeleteItem"], indexes: [] },
  /** The only partition-key prefix of the rollups table's items. */
  writesKeysStartingWith: "rollup#",
} as const satisfies {
  name: string;
  handler: string;
  table: TableAccess;
  readsKeysStartingWith: readonly string[];
  rollups: TableAccess;
  writesKeysStartingWith: string;
};
