import type { IndexName } from "@sites-groups/core/table";
import type { RouteDefinition } from "@sites-groups/functions/routes";

/**
 * What each route's function may do to the table: the DynamoDB actions it sends, and the
 * secondary indexes it queries. Derived from the core services (`packages/core/src`), and
 * checked against the requests each handler really sends in `infra/test/permissions.test.ts`.
 *
 * `TransactWriteItems` is not an action of its own in IAM: each item of a transaction is
 * authorised as the action it performs (Put → PutItem, Update → UpdateItem, Delete →
 * DeleteItem, ConditionCheck → ConditionCheckItem), so a route lists the item actions its
 * transactions use. Consistent reads and `ReturnValuesOnConditionCheckFailure` need nothing more.
 */
export type DynamoAction =
  | "GetItem"
  | "BatchGetItem"
  | "Query"
  | "PutItem"
  | "UpdateItem"
  | "DeleteItem"
  | "ConditionCheckItem";

export const READ_ACTIONS: readonly DynamoAction[] = ["GetItem", "BatchGetItem", "Query"];
export const WRITE_ACTIONS: readonly DynamoAction[] = ["PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"];

export interface TablePermissions {
  /** Actions on the table itself (its items). */
  table: readonly DynamoAction[];
  /** Indexes the route queries (`Query` on `<table>/index/<name>`). */
  indexes: readonly IndexName[];
}

const SITE_SORTS: readonly IndexName[] = ["gsi1", "gsi2", "gsi3", "gsi4"];
const GROUP_SORTS: readonly IndexName[] = ["gsi1", "gsi2"];

/** Keyed by handler module. Comments name the service calls that need each action. */
const byHandler: Record<string, TablePermissions> = {
  // one Query per page on the sort's index; the table itself is never read
  "sites/list": { table: [], indexes: SITE_SORTS },
  "sites/get": { table: ["GetItem"], indexes: [] },
  // id counter (UpdateItem ADD), the site (PutItem), day lock + memberships (Put), groups gain it (Update)
  "sites/create": { table: ["PutItem", "UpdateItem"], indexes: [] },
  // read, then put the site; moving a day deletes the old lock; dropped groups delete memberships
  "sites/patch": { table: ["GetItem", "PutItem", "UpdateItem", "DeleteItem"], indexes: [] },
  // read, tombstone or group updates (UpdateItem), then delete the site, its lock and memberships
  "sites/delete": { table: ["GetItem", "UpdateItem", "DeleteItem"], indexes: [] },

  "groups/list": { table: [], indexes: GROUP_SORTS },
  "groups/get": { table: ["GetItem"], indexes: [] },
  // with children, the nesting graph's version (GetItem) is read and conditioned on
  "groups/create": { table: ["GetItem", "PutItem", "UpdateItem"], indexes: [] },
  // new children: the nesting graph's version (GetItem) and the ancestry walk (BatchGetItem)
  "groups/patch": { table: ["GetItem", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem"], indexes: [] },
  "groups/delete": { table: ["GetItem", "UpdateItem", "DeleteItem"], indexes: [] },
  // one transaction: the membership (Put) and both items' id sets (Update); no read
  "groups/add-site": { table: ["PutItem", "UpdateItem"], indexes: [] },
  "groups/remove-site": { table: ["UpdateItem", "DeleteItem"], indexes: [] },
  "groups/add-child": { table: ["GetItem", "BatchGetItem", "PutItem", "UpdateItem"], indexes: [] },
  "groups/remove-child": { table: ["UpdateItem", "DeleteItem"], indexes: [] },
};

/**
 * A route that is not listed above still deploys (the stack follows the manifest), with what its
 * `access` allows at most: every read action on the table and its indexes, plus every write
 * action for a write route. The stack warns about it so that someone narrows it here.
 */
function fallback(access: "read" | "write"): TablePermissions {
  return {
    table: access === "read" ? READ_ACTIONS : [...READ_ACTIONS, ...WRITE_ACTIONS],
    indexes: ["gsi1", "gsi2", "gsi3", "gsi4"],
  };
}

export interface RoutePermissions {
  permissions: TablePermissions | undefined;
  /** True when the route is not in the table above and got its access level's widest set. */
  fallback: boolean;
}

/** The table permissions of a route: none for `access: "none"`, never a write for a read route. */
export function permissionsOf(route: Pick<RouteDefinition, "handler" | "access">): RoutePermissions {
  if (route.access === "none") return { permissions: undefined, fallback: false };
  const listed = byHandler[route.handler];
  if (!listed) return { permissions: fallback(route.access), fallback: true };
  if (route.access === "read" && listed.table.some((action) => WRITE_ACTIONS.includes(action))) {
    throw new Error(`${route.handler} is a read route but its permissions list a write action`);
  }
  return { permissions: listed, fallback: false };
}
