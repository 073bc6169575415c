import type { Database } from "../db/entities.ts";
import { encodeId, type RecordEntity } from "../db/keys.ts";
import type { Step, WriteEntities } from "../db/transactions.ts";
import { auxiliary } from "../runtime/outcome.ts";

/**
 * A site and a group have the same record attributes (`id_key`, `version`, `deleting`); the
 * operations below use only those, so either entity is typed as the group's.
 */
const entityOf = (db: Database, entity: RecordEntity) =>
  db.entities[entity] as unknown as Database["entities"]["group"];
const writeEntityOf = (entities: WriteEntities, entity: RecordEntity) =>
  entities[entity] as unknown as WriteEntities["group"];

/**
 * A new id of the entity, from its counter (incremented atomically with ADD: ids are never
 * reused). An auxiliary write (runtime/outcome.ts): an id spent by a request that then fails
 * is no change.
 */
export async function nextId(db: Database, entity: RecordEntity): Promise<number> {
  const { data } = await auxiliary(() =>
    db.entities.counter.update({ name: entity }).add({ value: 1 }).go({ response: "all_new" }),
  );
  if (data.value === undefined) throw new Error(`the ${entity} counter returned no value`);
  return data.value;
}

/** The item of a record as stored (tombstone included), or undefined. */
export async function readRecord<T>(db: Database, entity: RecordEntity, id: number, consistent = false) {
  const { data } = await entityOf(db, entity)
    .get({ id_key: encodeId(id) })
    .go({ consistent });
  return data ? (data as unknown as T) : undefined;
}

/** The table key of a record's item. */
export function recordKey(db: Database, entity: RecordEntity, id: number): Record<string, string> {
  return entityOf(db, entity)
    .get({ id_key: encodeId(id) })
    .params().Key;
}

/** The writes of a record on its own item. */
export function recordSteps(entity: RecordEntity, id: number) {
  const key = { id_key: encodeId(id) };
  const at = (entities: WriteEntities) => writeEntityOf(entities, entity);
  return {
    /** The table key of the item (for the raw tombstone write). */
    key: (db: Database): Record<string, string> => recordKey(db, entity, id),
    create: (item: object): Step => ({
      write: (entities) =>
        at(entities)
          .create(item as any)
          .commit(),
    }),
    /** Replaces the item if it is still at `version`; else the change is read again. */
    replace: (item: object, version: number): Step => ({
      write: (entities) =>
        at(entities)
          .put(item as any)
          .where((a, { eq }) => eq(a.version, version))
          .commit(),
      refused: () => "retry",
    }),
    /** Removes ids from the tombstone's sets, as their links are removed (see db/deletion.ts). */
    forget: (sets: Record<string, number[]>): Step => {
      const nonEmpty = Object.fromEntries(Object.entries(sets).filter(([, ids]) => ids.length > 0));
      return {
        write: (entities) =>
          at(entities)
            .patch(key)
            .delete(nonEmpty)
            .where((a, { exists }) => exists(a.deleting))
            .commit(),
        refused: () => "retry",
      };
    },
    /** Deletes the item: at `version`, or, without one, the tombstone. */
    remove: (version?: number): Step => ({
      write: (entities) =>
        at(entities)
          .delete(key)
          .where((a, { eq, exists }) => (version === undefined ? exists(a.deleting) : eq(a.version, version)))
          .commit(),
      refused: () => "retry",
    }),
  };
}
