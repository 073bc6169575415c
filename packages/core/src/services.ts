import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Country } from "./countries/country.ts";
import { createRegistry, deployedRegistry } from "./countries/registry.ts";
import { createDocumentClient } from "./db/client.ts";
import { createDatabase } from "./db/entities.ts";
import { validationFailed } from "./errors/domain.ts";
import { createChangeReader } from "./events/changes.ts";
import { listEvents, parseEventListRequest } from "./events/list.ts";
import { createGroupService } from "./groups/service.ts";
import { parseTreeQuery, readTree } from "./groups/tree.ts";
import { createCursors } from "./lists/cursor.ts";
import { maintainRollups, type RollupsDependencies } from "./rollups/processor.ts";
import { checkRollups, rebuildRollups } from "./rollups/rebuild.ts";
import { readSummary } from "./rollups/summary.ts";
import { environment } from "./runtime/environment.ts";
import { createSiteService } from "./sites/service.ts";
import { queryProblems } from "./validation/fields.ts";

export interface ServicesOptions {
  table: string;
  client?: DynamoDBDocumentClient;
  endpoint?: string;
  countries?: readonly Country[];
  now?: () => Date;
  /** How long after it is stored an event is listed (events/list.ts `SETTLE_MS`, the default). */
  eventSettleMs?: number;
  /** The stage's cursor secret, asked once on the first list (default: `CURSOR_KEY`, else an error). */
  cursorSecret?: () => string | Promise<string>;
}

function cursorKeyFromEnvironment(): string {
  const key = environment.cursorKey;
  if (!key) throw new Error("no cursor secret: set CURSOR_KEY, or give createServices a cursorSecret");
  return key;
}

/**
 * The domain services over one table, wired once (per Lambda container, per test file). Named
 * `Services`, not `Context`, so that it is never mistaken for a Lambda handler's `Context`.
 */
export function createServices(options: ServicesOptions) {
  const client = options.client ?? createDocumentClient({ endpoint: options.endpoint });
  const db = createDatabase(client, options.table);
  const registry = options.countries ? createRegistry(options.countries) : deployedRegistry();
  const cursors = createCursors(options.cursorSecret ?? cursorKeyFromEnvironment);
  const reader = createChangeReader(db, registry);
  return {
    db,
    registry,
    cursors,
    sites: createSiteService({ db, registry, cursors, ...(options.now ? { now: options.now } : {}) }),
    groups: createGroupService({ db, cursors, ...(options.now ? { now: options.now } : {}) }),
    events: {
      /** `GET /events`: a page of the change events (events/list.ts). */
      list: (query: Record<string, string | undefined>, repeated: readonly string[] = []) =>
        listEvents(db, cursors, parseEventListRequest(query, repeated), {
          ...(options.now ? { now: options.now() } : {}),
          ...(options.eventSettleMs === undefined ? {} : { settleMs: options.eventSettleMs }),
        }),
      /** Turns the table's stream records into changes (events/changes.ts). */
      reader,
    },
    /** What lies below a group, at any depth, and its totals (docs/design.md, "The hierarchy"). */
    hierarchy: {
      /** `GET /groups/{id}/summary` (which takes no query parameter). */
      summary: async (id: number, query: Record<string, string | undefined> = {}, repeated: readonly string[] = []) => {
        const problems = queryProblems(query, repeated);
        if (problems.length > 0) throw validationFailed(problems);
        return readSummary(db, registry, id);
      },
      /** `GET /groups/{id}/tree`. */
      tree: (id: number, query: Record<string, string | undefined>, repeated: readonly string[] = []) =>
        readTree(db, id, parseTreeQuery(query, repeated)),
      /** The rollups processor: a batch of stream records → the maintained items (rollups/processor.ts). */
      maintain: (records: Parameters<typeof maintainRollups>[0], onFailure?: RollupsDependencies["onFailure"]) =>
        maintainRollups(records, {
          db,
          registry,
          reader,
          ...(options.now ? { now: options.now } : {}),
          ...(onFailure ? { onFailure } : {}),
        }),
      /** Every difference of the maintained items from scratch (`pnpm rollups:rebuild --check`); writes nothing. */
      check: () => checkRollups(db, registry),
      /** Repairs every difference, safely while writes go on (`pnpm rollups:rebuild`). */
      rebuild: () => rebuildRollups(db, registry, options.now),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
