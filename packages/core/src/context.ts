import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Country } from "./countries/country.ts";
import { createRegistry, countries as defaultCountries } from "./countries/registry.ts";
import { createDocumentClient } from "./db/client.ts";
import { createDatabase } from "./db/entities.ts";
import { createGroupService } from "./groups/service.ts";
import { createSiteService } from "./sites/service.ts";

export interface ContextOptions {
  table: string;
  client?: DynamoDBDocumentClient;
  endpoint?: string;
  countries?: readonly Country[];
  now?: () => Date;
}

/** The domain services over one table, wired once (per Lambda container, per test file). */
export function createContext(options: ContextOptions) {
  const client = options.client ?? createDocumentClient({ endpoint: options.endpoint });
  const db = createDatabase(client, options.table);
  const registry = createRegistry(options.countries ?? defaultCountries);
  return {
    db,
    registry,
    sites: createSiteService({ db, registry, ...(options.now ? { now: options.now } : {}) }),
    groups: createGroupService({ db, ...(options.now ? { now: options.now } : {}) }),
  };
}

export type Context = ReturnType<typeof createContext>;
