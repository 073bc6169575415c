import type { Committed, WriteEntities } from "../db/transactions.ts";

/** The operations a where-callback is handed (ElectroDB's, with attributes as the callback names them). */
export interface Operations {
  eq(attribute: unknown, value: unknown): string;
  ne(attribute: unknown, value: unknown): string;
  exists(attribute: unknown): string;
  notExists(attribute: unknown): string;
  contains(attribute: unknown, value: unknown): string;
  size(attribute: unknown): number;
  escape(value: unknown): string | number | boolean;
}

/** A condition on the item's attributes, addressed by names that the callers hold as data. */
export type Condition = (attributes: Record<string, unknown>, operations: Operations) => string;

interface WriteChain {
  where(condition: Condition): WriteChain;
  commit(options?: { response: "all_old" }): Committed;
}

/** A patch before its first operation: it can be neither conditioned nor committed yet. */
interface UpdateStart {
  set(values: Record<string, unknown>): UpdateChain;
  add(values: Record<string, unknown>): UpdateChain;
  delete(values: Record<string, unknown>): UpdateChain;
}

interface UpdateChain extends UpdateStart {
  where(condition: Condition): UpdateChain;
  commit(options?: { response: "all_old" }): Committed;
}

/**
 * What the record and edge steps use of an entity in a write transaction. The steps address
 * attributes by names their descriptions hold (records/edges.ts), which ElectroDB's per-entity
 * types cannot check; every entity's chains have this shape.
 */
export interface EntityWrites {
  create(item: object): WriteChain;
  put(item: object): WriteChain;
  patch(key: Record<string, unknown>): UpdateStart;
  delete(key: Record<string, unknown>): WriteChain;
}

/** The entity of that name among a transaction's entities, seen through `EntityWrites`. */
export const entityWrites = (
  entities: WriteEntities,
  name: "site" | "group" | "membership" | "nesting",
): EntityWrites => entities[name];
