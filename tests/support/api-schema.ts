// Generated from the served OpenAPI document by `pnpm client:generate` (tests/support/generate-client.ts).
// Do not edit: regenerate.
// biome-ignore-all format: generated
// biome-ignore-all lint: generated
export interface paths {
    "/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sites
         * @description Sites matching every filter, in `sort` order, a page at a time. Filters are `field=value` for equality and `field__op=value` otherwise; several filters are ANDed. An unknown parameter, field or operator, or a value of the wrong type, is a 400 naming it. An `__in` parameter may be repeated (`country__in=fr&country__in=it`) or comma-separated (`country__in=fr,it`); any other parameter given twice (`?country=fr&country=it`) is a 400.
         */
        get: operations["ListSites"];
        put?: never;
        /**
         * Create a site
         * @description The body's shape depends on `country`: the common fields plus that country's own, required there; a field of another country is refused. `group_ids` links the site to those groups in the same atomic write. Country rules: `FRENCH_SITE_DAY_TAKEN` (french installation day taken), `ITALIAN_SITE_NOT_ON_WEEKEND` (italian site not installed on a weekend).
         */
        post: operations["CreateSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create many sites
         * @description 1–100 sites at once (a body of at most 256 KiB), each `POST /sites`'s own atomic write under the same rules, conditional writes and events: one item's refusal never undoes another's creation. The answer is a 200 whatever the items' fates, with one result per item, in order: the 201 (`site`, `etag`) or the problem `POST /sites` would have answered (`request_id` the batch's). `created` counts the 201 results, `failed` the others. Of the otherwise valid items that claim one French day, the first in the batch is created and the others get the 409. An item the function's time limit stops before it starts is a 503 with `outcome: not_applied`; one cut off while its write was out, a 503 with `outcome: unknown`. A malformed envelope (not an object, no `items`, 0 or over 100 items, another member) is a 400 and writes nothing; a bad item is that item's 400. With an `Idempotency-Key`, each item runs once per key derived from the batch's key and the item's JSON value (not its place): a retry with the same key replays every item already created (its 201 result, unchanged; `Idempotent-Replayed-Items` lists their indexes) and runs the others again. An item identical to an earlier one of the same keyed batch runs after it and replays its result (one site); without a key, identical items are separate creates, as separate `POST /sites` would be.
         */
        post: operations["CreateSiteBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a site
         * @description The site with its country's own fields and the groups that directly contain it.
         */
        get: operations["GetSite"];
        put?: never;
        post?: never;
        /**
         * Delete a site
         * @description Also removes the site from every group and frees its French installation day. Its id is never reused.
         */
        delete: operations["DeleteSite"];
        options?: never;
        head?: never;
        /**
         * Update a site (partial)
         * @description The fields present replace the stored ones; the merged site is validated as a whole and its country's rules are checked again (a French site moving to a taken day is a 409). `{}` changes nothing. Country rules: `FRENCH_SITE_DAY_TAKEN` (french installation day taken), `ITALIAN_SITE_NOT_ON_WEEKEND` (italian site not installed on a weekend).
         */
        patch: operations["UpdateSite"];
        trace?: never;
    };
    "/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List groups
         * @description Groups matching every filter, in `sort` order, a page at a time. Filters are `field=value` for equality and `field__op=value` otherwise; several filters are ANDed. An unknown parameter, field or operator, or a value of the wrong type, is a 400 naming it. An `__in` parameter may be repeated (`country__in=fr&country__in=it`) or comma-separated (`country__in=fr,it`); any other parameter given twice (`?country=fr&country=it`) is a 400.
         */
        get: operations["ListGroups"];
        put?: never;
        /**
         * Create a group
         * @description `site_ids` and `child_group_ids` link the group in the same atomic write.
         */
        post: operations["CreateGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a group
         * @description The group with the sites and groups it directly holds and the groups that directly contain it.
         */
        get: operations["GetGroup"];
        put?: never;
        post?: never;
        /**
         * Delete a group
         * @description Removes its membership and nesting links, never the sites or groups they point at.
         */
        delete: operations["DeleteGroup"];
        options?: never;
        head?: never;
        /**
         * Update a group (partial)
         * @description The fields present replace the stored ones; `site_ids` and `child_group_ids` are the new sets. Turning a group that holds sites into `group3` is refused.
         */
        patch: operations["UpdateGroup"];
        trace?: never;
    };
    "/groups/{id}/sites/{site_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a site to a group
         * @description Idempotent: adding a site already in the group changes nothing. Touches only the two items and their link, atomically; always fits one transaction.
         */
        put: operations["AddSiteToGroup"];
        post?: never;
        /**
         * Remove a site from a group
         * @description 404 if the site was not in the group. Touches only the two items and their link, atomically; always fits one transaction.
         */
        delete: operations["RemoveSiteFromGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/groups/{child_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Nest a group in another
         * @description Idempotent. Refused when `{child_id}` already contains `{id}`, directly or not, or when a chain of groups through the new edge would hold more than 16 groups. Touches only the two items and their link, atomically; always fits one transaction.
         */
        put: operations["NestGroup"];
        post?: never;
        /**
         * Un-nest a group
         * @description 404 if it was not nested there. Touches only the two items and their link, atomically; always fits one transaction.
         */
        delete: operations["UnnestGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The totals of what lies below a group
         * @description The sites below the group, at any depth, each once: their count, and the exact sum and mean of each totalled field, overall, by country (each country's own totalled fields) and by installation year; `groups_below` counts the distinct groups nested below. A constant number of reads, whatever lies below. `as_of` names the last change event folded in (null while nothing was ever below). Maintained from the change stream, apart from the events: reflects every write committed 2 seconds before the request; a nest or un-nest moving more than 1,000 (group, site) pairs is reflected within 2 seconds plus 1 second per 400 pairs.
         */
        get: operations["GetGroupSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/groups/{id}/tree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The groups nested below a group, as a tree
         * @description The group and what is nested below it, read from the group items themselves (strongly consistent), breadth-first, children ascending by id. A group reached by several paths is expanded where it is nearest the root (the first in breadth-first order among equals) and appears elsewhere as `{id, name, type, repeated: true}`. A group at the last level shown has no `children`. At most 1,000 nodes, repeated ones included; past that, a group whose children would not fit is `truncated: true`, without `children`. `site_count` counts the sites directly in the group, `sites_below` those below it at any depth (as in its summary).
         */
        get: operations["GetGroupTree"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List change events
         * @description The change events of the last 30 days, oldest first, in CloudEvents 1.0 JSON: one per committed change (see the `Event` schema for each type and its `data`). An event is listed within 2 seconds of its write, exactly once: follow the listing with `next_cursor`, or later with `after=<the last event id you handled>`. In AWS events are listed once they are 1 second old, so that nothing stored concurrently (one processor per stream shard) can appear behind a position already read. Events of one subject keep the order of their writes.
         */
        get: operations["ListEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI 3.1 document
         * @description Generated from the route manifest and the zod schemas that validate requests; cached for 5 minutes.
         */
        get: operations["GetOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive documentation (Swagger UI)
         * @description Works without internet access: its assets are served by this API (`/docs/{asset}`).
         */
        get: operations["GetDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A Swagger UI asset
         * @description A file the documentation page loads: Swagger UI's own (from the `swagger-ui-dist` package) and the script that starts it.
         */
        get: operations["GetDocsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/explorer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The explorer: the hierarchy, for people
         * @description A page that shows the root groups as an expandable tree, each group with its totals (sites below and capacity by country), and the sites below a selected group in a paged table, with a field for a bearer token where the stage needs one. Works offline (its own files only, `/explorer/{asset}`), under the same Content-Security-Policy as `/docs`; everything it shows comes from this API's answers.
         */
        get: operations["GetExplorer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/explorer/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A file of the explorer
         * @description The explorer's script and style sheet (`explorer.js`, `explorer.css`).
         */
        get: operations["GetExplorerAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description One bad field: `path` names it (dotted; empty for the body as a whole). */
        FieldError: {
            path: string;
            message: string;
        };
        /** @description An RFC 9457 problem with a stable `code`. `request_id` is the API Gateway request id, present on every problem; a 500 holds it and never a stack trace. `errors[]` lists at most 20 problems; when there were more, `errors_omitted` says how many were left out (and the detail names the first 20). `outcome`, on every 500 and 503, says whether the write may have applied: `not_applied` only when the server knows nothing was committed (a read, a request refused before anything was sent, a failed condition, throttling), else `unknown`, and the detail says what to do (a keyed `POST`: retry with the same `Idempotency-Key`; a `PATCH` or `DELETE`: read the resource, then repeat with `If-Match`; a link `PUT`/`DELETE`: repeat it). */
        Problem: {
            /** @constant */
            type: "about:blank";
            title: string;
            /** Format: int32 */
            status: number;
            code: string;
            detail: string;
            errors?: components["schemas"]["FieldError"][];
            /** Format: int64 */
            errors_omitted?: number;
            request_id: string;
            /** @enum {string} */
            outcome?: "not_applied" | "unknown";
        };
        /** @description A new `fr` site. Unknown fields, and fields of another country, are refused (400). */
        SiteCreate_fr: {
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            country: "fr";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt: number;
            /** @description The useful energy the site produces at 1 MW. `fr` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            useful_energy_at_1_megawatt: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids?: number[];
        };
        /** @description A new `it` site. Unknown fields, and fields of another country, are refused (400). */
        SiteCreate_it: {
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            country: "it";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt: number;
            /** @description The share of the energy the site turns into electricity, a ratio. `it` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            efficiency: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids?: number[];
        };
        /** @description A partial update: the fields present replace the stored ones, and the merged site is validated as a whole. `country` may appear only with the site's own value; a field of another country is refused (400). `{}` changes nothing and returns the site as it is. */
        SitePatch: {
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards.
             * @enum {string}
             */
            country?: "fr" | "it";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name?: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date?: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt?: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt?: number;
            /** @description The useful energy the site produces at 1 MW. `fr` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            useful_energy_at_1_megawatt?: number;
            /** @description The share of the energy the site turns into electricity, a ratio. `it` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            efficiency?: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids?: number[];
        };
        /** @description A `fr` site: the common fields and its country's own, nothing of other countries. */
        Site_fr: {
            /**
             * Format: int64
             * @description Assigned by the server; read-only; never reused, even after a delete.
             */
            id: number;
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            country: "fr";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt: number;
            /** @description The useful energy the site produces at 1 MW. `fr` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            useful_energy_at_1_megawatt: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids: number[];
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp of the last change; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            updated_at: string;
        };
        /** @description A `it` site: the common fields and its country's own, nothing of other countries. */
        Site_it: {
            /**
             * Format: int64
             * @description Assigned by the server; read-only; never reused, even after a delete.
             */
            id: number;
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            country: "it";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt: number;
            /** @description The share of the energy the site turns into electricity, a ratio. `it` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            efficiency: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids: number[];
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp of the last change; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            updated_at: string;
        };
        /** @description A new site; its shape depends on `country` (fr, it). */
        SiteCreate: components["schemas"]["SiteCreate_fr"] | components["schemas"]["SiteCreate_it"];
        /** @description A site; its fields depend on `country` (fr, it). */
        Site: components["schemas"]["Site_fr"] | components["schemas"]["Site_it"];
        /** @description 1–100 new sites, each what `POST /sites` takes. Any other member, or another number of items, is a 400 for the whole batch; a bad item is only that item's 400 result. */
        SiteBatch: {
            /** @description At most `limit` items, in the requested order. */
            items: components["schemas"]["SiteCreate"][];
        };
        /** @description An item created (or replayed from its key's record): the site and its `ETag`, as `POST /sites` answers them. */
        SiteBatchCreated: {
            /** Format: int64 */
            index: number;
            /** @constant */
            status: 201;
            site: components["schemas"]["Site"];
            etag: string;
        };
        /** @description An item not created: the status and problem+json body `POST /sites` would have answered for it. */
        SiteBatchFailed: {
            /** Format: int64 */
            index: number;
            /** Format: int32 */
            status: number;
            problem: components["schemas"]["Problem"];
        };
        /** @description One result per item, in the items' order (`index` is the item's); `created` counts the 201 results, `failed` the others. */
        SiteBatchAnswer: {
            results: (components["schemas"]["SiteBatchCreated"] | components["schemas"]["SiteBatchFailed"])[];
            /** Format: int32 */
            created: number;
            /** Format: int32 */
            failed: number;
        };
        /** @description A group of sites and of other groups. */
        Group: {
            /**
             * Format: int64
             * @description Assigned by the server; read-only; never reused, even after a delete.
             */
            id: number;
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * @description `group3` groups never hold sites directly (422 `GROUP3_CANNOT_HOLD_SITES`).
             * @enum {string}
             */
            type: "group1" | "group2" | "group3";
            /** @description Sites directly in the group. Writable (the new set; no duplicates); ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            site_ids: number[];
            /** @description Groups directly in the group. Writable (the new set; no duplicates); ascending. Nesting never makes a cycle (422 `GROUP_CYCLE`). */
            child_group_ids: number[];
            /** @description Groups that directly contain this one; read-only; ascending. */
            parent_group_ids: number[];
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp of the last change; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            updated_at: string;
        };
        /** @description A new group. Unknown fields, and the read-only ones, are refused (400). */
        GroupCreate: {
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * @description `group3` groups never hold sites directly (422 `GROUP3_CANNOT_HOLD_SITES`).
             * @enum {string}
             */
            type: "group1" | "group2" | "group3";
            /** @description Sites directly in the group. Writable (the new set; no duplicates); ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            site_ids?: number[];
            /** @description Groups directly in the group. Writable (the new set; no duplicates); ascending. Nesting never makes a cycle (422 `GROUP_CYCLE`). */
            child_group_ids?: number[];
        };
        /** @description A partial update: the fields present replace the stored ones (`site_ids` and `child_group_ids` are the new sets); the merged group is validated as a whole. */
        GroupPatch: {
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name?: string;
            /**
             * @description `group3` groups never hold sites directly (422 `GROUP3_CANNOT_HOLD_SITES`).
             * @enum {string}
             */
            type?: "group1" | "group2" | "group3";
            /** @description Sites directly in the group. Writable (the new set; no duplicates); ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            site_ids?: number[];
            /** @description Groups directly in the group. Writable (the new set; no duplicates); ascending. Nesting never makes a cycle (422 `GROUP_CYCLE`). */
            child_group_ids?: number[];
        };
        /** @description A page of sites. */
        SitePage: {
            /** @description At most `limit` items, in the requested order. */
            items: components["schemas"]["Site"][];
            /** @description Pass it back as `cursor`, with the same filters and sort, for the next page; `null` exactly when no matching item is left. */
            next_cursor: string | null;
        };
        /** @description A page of groups. */
        GroupPage: {
            /** @description At most `limit` items, in the requested order. */
            items: components["schemas"]["Group"][];
            /** @description Pass it back as `cursor`, with the same filters and sort, for the next page; `null` exactly when no matching item is left. */
            next_cursor: string | null;
        };
        /**
         * @description Every event type.
         * @enum {string}
         */
        EventType: "site.created" | "site.updated" | "site.deleted" | "group.created" | "group.updated" | "group.deleted" | "group.site_added" | "group.site_removed" | "group.child_added" | "group.child_removed";
        /** @description A `fr` site after an update. */
        UpdatedSite_fr: {
            /**
             * Format: int64
             * @description Assigned by the server; read-only; never reused, even after a delete.
             */
            id: number;
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            country: "fr";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt: number;
            /** @description The useful energy the site produces at 1 MW. `fr` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            useful_energy_at_1_megawatt: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids: number[];
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp of the last change; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            updated_at: string;
            /** @description The names of the fields the write changed (never a link: links have their own events). */
            changed: string[];
        };
        /** @description A `it` site after an update. */
        UpdatedSite_it: {
            /**
             * Format: int64
             * @description Assigned by the server; read-only; never reused, even after a delete.
             */
            id: number;
            /**
             * @description Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            country: "it";
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * Format: date
             * @description A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).
             * @example 2024-05-04
             */
            installation_date: string;
            /** @description The site's maximum power. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            max_power_megawatt: number;
            /** @description The site's minimum power; at most `max_power_megawatt` (checked on the merged site). Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            min_power_megawatt: number;
            /** @description The share of the energy the site turns into electricity, a ratio. `it` sites only, required there. Numbers are stored as given: 0, or a magnitude from 1e-130 to 9007199254740991. */
            efficiency: number;
            /** @description The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            group_ids: number[];
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp of the last change; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            updated_at: string;
            /** @description The names of the fields the write changed (never a link: links have their own events). */
            changed: string[];
        };
        /** @description A site after an update, and the names of the fields that changed. */
        UpdatedSite: components["schemas"]["UpdatedSite_fr"] | components["schemas"]["UpdatedSite_it"];
        /** @description A group after an update, and the names of the fields that changed. */
        UpdatedGroup: {
            /**
             * Format: int64
             * @description Assigned by the server; read-only; never reused, even after a delete.
             */
            id: number;
            /**
             * @description 1–200 characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.
             * @example Lyon Solar Park
             */
            name: string;
            /**
             * @description `group3` groups never hold sites directly (422 `GROUP3_CANNOT_HOLD_SITES`).
             * @enum {string}
             */
            type: "group1" | "group2" | "group3";
            /** @description Sites directly in the group. Writable (the new set; no duplicates); ascending. Every id must exist (422 `UNKNOWN_REFERENCE`). */
            site_ids: number[];
            /** @description Groups directly in the group. Writable (the new set; no duplicates); ascending. Nesting never makes a cycle (422 `GROUP_CYCLE`). */
            child_group_ids: number[];
            /** @description Groups that directly contain this one; read-only; ascending. */
            parent_group_ids: number[];
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC timestamp of the last change; read-only.
             * @example 2024-05-04T09:30:00.000Z
             */
            updated_at: string;
            /** @description The names of the fields the write changed (never a link: links have their own events). */
            changed: string[];
        };
        /** @description A site in a group. */
        SiteLink: {
            /** Format: int64 */
            group_id: number;
            /** Format: int64 */
            site_id: number;
        };
        /** @description A group (`child_group_id`) in another (`group_id`). */
        ChildLink: {
            /** Format: int64 */
            group_id: number;
            /** Format: int64 */
            child_group_id: number;
        };
        /** @description A site was created (`POST /sites`). `data`: the site. */
        SiteCreatedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "site.created";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["Site"];
        };
        /** @description A site's own fields changed (`PATCH /sites/{id}`). `data`: the site after the change, and `changed`. A change of `group_ids` alone makes `group.site_added`/`group.site_removed` events, not this. */
        SiteUpdatedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "site.updated";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["UpdatedSite"];
        };
        /** @description A site was deleted (`DELETE /sites/{id}`). `data`: its last representation. */
        SiteDeletedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "site.deleted";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["Site"];
        };
        /** @description A group was created (`POST /groups`). `data`: the group. */
        GroupCreatedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.created";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["Group"];
        };
        /** @description A group's own fields (`name`, `type`) changed (`PATCH /groups/{id}`). `data`: the group after the change, and `changed`. */
        GroupUpdatedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.updated";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["UpdatedGroup"];
        };
        /** @description A group was deleted (`DELETE /groups/{id}`). `data`: its last representation. */
        GroupDeletedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.deleted";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["Group"];
        };
        /** @description A site joined a group (any write that links them). Subject: the group. */
        GroupSiteAddedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.site_added";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["SiteLink"];
        };
        /** @description A site left a group (an unlink, a PATCH, or the delete of either). Subject: the group. */
        GroupSiteRemovedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.site_removed";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["SiteLink"];
        };
        /** @description A group was nested in another (any write that nests them). Subject: the parent. */
        GroupChildAddedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.child_added";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["ChildLink"];
        };
        /** @description A group was un-nested (an unnest, a PATCH, or the delete of either). Subject: the parent. */
        GroupChildRemovedEvent: {
            /** @constant */
            specversion: "1.0";
            /**
             * @description Unique; the same change always has the same id, so a consumer deduplicates by it.
             * @example 5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71
             */
            id: string;
            /**
             * @description `sites-and-groups/<stage>`.
             * @example sites-and-groups/prod
             */
            source: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "group.child_removed";
            /**
             * Format: date-time
             * @example 2024-05-04T09:30:00.000Z
             */
            time: string;
            subject: string;
            /** @constant */
            datacontenttype: "application/json";
            data: components["schemas"]["ChildLink"];
        };
        /** @description A change event, in the CloudEvents 1.0 JSON format: `id` is unique (deduplicate by it), `source` is `sites-and-groups/<stage>`, `subject` the path of the site or group it is about, `time` when it was recorded (a fraction of a second after the write). */
        Event: components["schemas"]["SiteCreatedEvent"] | components["schemas"]["SiteUpdatedEvent"] | components["schemas"]["SiteDeletedEvent"] | components["schemas"]["GroupCreatedEvent"] | components["schemas"]["GroupUpdatedEvent"] | components["schemas"]["GroupDeletedEvent"] | components["schemas"]["GroupSiteAddedEvent"] | components["schemas"]["GroupSiteRemovedEvent"] | components["schemas"]["GroupChildAddedEvent"] | components["schemas"]["GroupChildRemovedEvent"];
        /** @description A page of change events, oldest first. */
        EventPage: {
            /** @description At most `limit` items, in the requested order. */
            items: components["schemas"]["Event"][];
            /** @description Pass it back as `cursor`, with the same filters and sort, for the next page; `null` exactly when no matching item is left. */
            next_cursor: string | null;
        };
        /** @description The totals over the sites below a group, at any depth, each once (`GET /groups/{id}/summary`). */
        GroupSummary: {
            /** Format: int64 */
            group_id: number;
            /**
             * Format: int64
             * @description The distinct groups nested below the group.
             */
            groups_below: number;
            /** @description The last change event folded into these values (its id as `GET /events` lists it, and its time); null for a group with nothing below yet. */
            as_of: null | {
                event_id: string;
                /** Format: date-time */
                time: string;
            };
            /** @description The sites below the group, each once. */
            sites: {
                /** Format: int64 */
                count: number;
                max_power_megawatt: {
                    /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                    sum: number;
                    /** @description `sum / count`, unrounded; null when the count is 0. */
                    mean: number | null;
                };
                min_power_megawatt: {
                    /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                    sum: number;
                    /** @description `sum / count`, unrounded; null when the count is 0. */
                    mean: number | null;
                };
                /** @description One entry per country with at least one site below; each country module declares its own totalled fields. */
                by_country: {
                    /** @description The sites of `fr` below the group. */
                    fr?: {
                        /** Format: int64 */
                        count: number;
                        max_power_megawatt: {
                            /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                            sum: number;
                            /** @description `sum / count`, unrounded; null when the count is 0. */
                            mean: number | null;
                        };
                        min_power_megawatt: {
                            /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                            sum: number;
                            /** @description `sum / count`, unrounded; null when the count is 0. */
                            mean: number | null;
                        };
                        useful_energy_at_1_megawatt: {
                            /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                            sum: number;
                            /** @description `sum / count`, unrounded; null when the count is 0. */
                            mean: number | null;
                        };
                    };
                    /** @description The sites of `it` below the group. */
                    it?: {
                        /** Format: int64 */
                        count: number;
                        max_power_megawatt: {
                            /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                            sum: number;
                            /** @description `sum / count`, unrounded; null when the count is 0. */
                            mean: number | null;
                        };
                        min_power_megawatt: {
                            /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                            sum: number;
                            /** @description `sum / count`, unrounded; null when the count is 0. */
                            mean: number | null;
                        };
                        efficiency: {
                            /** @description Exact: every value is summed in decimal, in bands of 12 digits that cannot overflow, then the sum is rounded once to a double (within 2^-53 relative). */
                            sum: number;
                            /** @description `sum / count`, unrounded; null when the count is 0. */
                            mean: number | null;
                        };
                    };
                };
                /** @description Per installation year (`YYYY`) with at least one site below: the count and the power's sum. */
                by_installation_year: {
                    [key: string]: {
                        /** Format: int64 */
                        count: number;
                        max_power_megawatt: {
                            sum: number;
                        };
                    };
                };
            };
        };
        /** @description A group and what is nested below it (`children`, ascending by id); a group shown again is `repeated`, one whose children did not fit the 1,000 nodes `truncated`, and one at the last level shown has no `children`. */
        GroupTree: {
            /** Format: int64 */
            id: number;
            name: string;
            /** @enum {string} */
            type: "group1" | "group2" | "group3";
            /**
             * Format: int64
             * @description The sites directly in the group.
             */
            site_count?: number;
            /**
             * Format: int64
             * @description The sites below it at any depth, as in its summary.
             */
            sites_below?: number;
            /**
             * @description Shown, with its children, where it is nearer the root.
             * @constant
             */
            repeated?: true;
            /**
             * @description Its children are not shown: the tree reached 1,000 nodes.
             * @constant
             */
            truncated?: true;
            children?: components["schemas"]["GroupTree"][];
        };
        /** @description AWS WAF's answer in prod: the problem's members but `request_id`. */
        FirewallProblem: {
            /** @constant */
            type: "about:blank";
            title: string;
            /** @constant */
            status: 429;
            /** @constant */
            code: "TOO_MANY_REQUESTS";
            detail: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ListSites: {
        parameters: {
            query?: {
                /** @description Filter: sites whose `id` is one of the value values, repeated (`id__in=a&id__in=b`, as generated clients send an array) or comma-separated (`id__in=a,b`); both mean the same. At most 100 values. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                id__in?: (number | string)[];
                /** @description Filter: sites whose `country` is equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                country?: "fr" | "it";
                /** @description Filter: sites whose `country` is one of the value values, repeated (`country__in=a&country__in=b`, as generated clients send an array) or comma-separated (`country__in=a,b`); both mean the same. At most 100 values. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                country__in?: (("fr" | "it") | string)[];
                /** @description Filter: sites whose `name` is equal to the value. A key lookup with the default sort or `sort=name`; with another sort, evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                name?: string;
                /** @description Filter: sites whose `name` is containing, case-insensitively, the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                name__contains?: string;
                /** @description Filter: sites whose `name` is starting, case-insensitively, with the value. A key condition with `sort=name`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                name__startswith?: string;
                /** @description Filter: sites whose `installation_date` is equal to the value. A key lookup with the default sort or `sort=installation_date`; with another sort, evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                installation_date?: string;
                /** @description Filter: sites whose `installation_date` is not equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                installation_date__ne?: string;
                /** @description Filter: sites whose `installation_date` is greater than the value. A key condition with `sort=installation_date`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                installation_date__gt?: string;
                /** @description Filter: sites whose `installation_date` is greater than or equal to the value. A key condition with `sort=installation_date`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                installation_date__gte?: string;
                /** @description Filter: sites whose `installation_date` is less than the value. A key condition with `sort=installation_date`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                installation_date__lt?: string;
                /** @description Filter: sites whose `installation_date` is less than or equal to the value. A key condition with `sort=installation_date`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                installation_date__lte?: string;
                /** @description Filter: sites whose `max_power_megawatt` is equal to the value. A key lookup with the default sort or `sort=max_power_megawatt`; with another sort, evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                max_power_megawatt?: number;
                /** @description Filter: sites whose `max_power_megawatt` is not equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                max_power_megawatt__ne?: number;
                /** @description Filter: sites whose `max_power_megawatt` is greater than the value. A key condition with `sort=max_power_megawatt`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                max_power_megawatt__gt?: number;
                /** @description Filter: sites whose `max_power_megawatt` is greater than or equal to the value. A key condition with `sort=max_power_megawatt`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                max_power_megawatt__gte?: number;
                /** @description Filter: sites whose `max_power_megawatt` is less than the value. A key condition with `sort=max_power_megawatt`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                max_power_megawatt__lt?: number;
                /** @description Filter: sites whose `max_power_megawatt` is less than or equal to the value. A key condition with `sort=max_power_megawatt`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                max_power_megawatt__lte?: number;
                /** @description Filter: sites whose `min_power_megawatt` is equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                min_power_megawatt?: number;
                /** @description Filter: sites whose `min_power_megawatt` is not equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                min_power_megawatt__ne?: number;
                /** @description Filter: sites whose `min_power_megawatt` is greater than the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                min_power_megawatt__gt?: number;
                /** @description Filter: sites whose `min_power_megawatt` is greater than or equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                min_power_megawatt__gte?: number;
                /** @description Filter: sites whose `min_power_megawatt` is less than the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                min_power_megawatt__lt?: number;
                /** @description Filter: sites whose `min_power_megawatt` is less than or equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                min_power_megawatt__lte?: number;
                /** @description Filter: sites whose `useful_energy_at_1_megawatt` is equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                useful_energy_at_1_megawatt?: number;
                /** @description Filter: sites whose `useful_energy_at_1_megawatt` is not equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                useful_energy_at_1_megawatt__ne?: number;
                /** @description Filter: sites whose `useful_energy_at_1_megawatt` is greater than the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                useful_energy_at_1_megawatt__gt?: number;
                /** @description Filter: sites whose `useful_energy_at_1_megawatt` is greater than or equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                useful_energy_at_1_megawatt__gte?: number;
                /** @description Filter: sites whose `useful_energy_at_1_megawatt` is less than the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                useful_energy_at_1_megawatt__lt?: number;
                /** @description Filter: sites whose `useful_energy_at_1_megawatt` is less than or equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                useful_energy_at_1_megawatt__lte?: number;
                /** @description Filter: sites whose `efficiency` is equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                efficiency?: number;
                /** @description Filter: sites whose `efficiency` is not equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                efficiency__ne?: number;
                /** @description Filter: sites whose `efficiency` is greater than the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                efficiency__gt?: number;
                /** @description Filter: sites whose `efficiency` is greater than or equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                efficiency__gte?: number;
                /** @description Filter: sites whose `efficiency` is less than the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                efficiency__lt?: number;
                /** @description Filter: sites whose `efficiency` is less than or equal to the value. Matches only sites that have this field. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                efficiency__lte?: number;
                /** @description Filter: sites whose `group_ids` contain the value. Sites directly in that group. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                group_id?: number;
                /** @description Filter: sites whose `within_group_id` is equal to the value. Sites below that group: in it, or in a group nested in it at any depth. Each once, however many paths; an unknown id gives an empty list. Maintained from the change stream, apart from the events: reflects every write committed 2 seconds before the request; a nest or un-nest moving more than 1,000 (group, site) pairs is reflected within 2 seconds plus 1 second per 400 pairs. Sorted by another field than `id`, the whole set is read and ordered up to 1,000 items; past that, the sort's index is read and its items checked, and a page may come back short. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                within_group_id?: number;
                /** @description One field, `-` in front for descending. Ties are broken by `id` in the same direction. Names sort case-insensitively. Default `id`. */
                sort?: "id" | "-id" | "name" | "-name" | "installation_date" | "-installation_date" | "max_power_megawatt" | "-max_power_megawatt";
                /** @description Page size, 1–100. A page never holds more; it holds fewer only at the end of the listing or when the request's read budget (5 queries) ran out first, and then `next_cursor` still says whether more may match. */
                limit?: number;
                /** @description The `next_cursor` of the previous page, passed back unchanged with the same filters and sort. An edited, truncated or foreign cursor, or one passed with other filters or another sort, is a 400 naming `cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sites. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 61,
                     *           "country": "fr",
                     *           "name": "Lyon Solar Park",
                     *           "installation_date": "2024-05-02",
                     *           "max_power_megawatt": 12.5,
                     *           "min_power_megawatt": 1,
                     *           "useful_energy_at_1_megawatt": 1450,
                     *           "group_ids": [],
                     *           "created_at": "2024-05-06T09:30:00.000Z",
                     *           "updated_at": "2024-05-06T09:30:00.000Z"
                     *         },
                     *         {
                     *           "id": 62,
                     *           "country": "it",
                     *           "name": "Roma Wind Farm",
                     *           "installation_date": "2024-05-04",
                     *           "max_power_megawatt": 3,
                     *           "min_power_megawatt": 0.5,
                     *           "efficiency": 0.82,
                     *           "group_ids": [],
                     *           "created_at": "2024-05-06T09:30:00.000Z",
                     *           "updated_at": "2024-05-06T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJsIjoiMnZ…opaque…Q.Xb1k"
                     *     }
                     */
                    "application/json": components["schemas"]["SitePage"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    CreateSite: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry: 1–255 visible ASCII characters, e.g. a UUID (else a 400). A repeat with the same key, route and body within 24 hours runs nothing and answers what the first answered (status, `Location`, body, `ETag`) with `Idempotent-Replayed: true`. The same key with another body or route is a 422 `IDEMPOTENCY_KEY_REUSED`; while the first request runs, a 409 `IDEMPOTENCY_KEY_IN_USE`. Only successes are remembered. Keys are scoped to the caller. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteCreate"];
            };
        };
        responses: {
            /** @description Created; `Location` is the site's URL. */
            201: {
                headers: {
                    /** @description The new resource's path. */
                    Location: string;
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description `true` when this answer is a replay of an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: "true";
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Conflict.
             *
             *     - `FRENCH_SITE_DAY_TAKEN`: At most one French site per `installation_date`; the detail names the date and the site holding it. Holds under concurrency: of simultaneous creates for one day, exactly one succeeds.
             *     - `IDEMPOTENCY_KEY_IN_USE`: A request with the same `Idempotency-Key` is still running; the `Retry-After` header (seconds) says when to try again.
             */
            409: {
                headers: {
                    /** @description With `IDEMPOTENCY_KEY_IN_USE`: seconds to wait before trying again. */
                    "Retry-After"?: number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 409;
                        /** @enum {string} */
                        code?: "FRENCH_SITE_DAY_TAKEN" | "IDEMPOTENCY_KEY_IN_USE";
                    };
                };
            };
            /**
             * @description Payload too large.
             *
             *     - `PAYLOAD_TOO_LARGE`: The body is over the route's limit: 64 KiB, unless the route says otherwise.
             */
            413: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 413;
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /**
             * @description Unsupported media type.
             *
             *     - `UNSUPPORTED_MEDIA_TYPE`: A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed; a `PATCH` also takes `application/merge-patch+json`), or with none.
             */
            415: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 415;
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /**
             * @description Unprocessable content: a business rule refused the write.
             *
             *     - `ITALIAN_SITE_NOT_ON_WEEKEND`: An Italian site's `installation_date` is a Saturday or a Sunday.
             *     - `GROUP3_CANNOT_HOLD_SITES`: No site is directly in a group of type `group3`.
             *     - `UNKNOWN_REFERENCE`: An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.
             *     - `TOO_MANY_CHANGES`: The write would not fit in one atomic DynamoDB transaction (at most 100 items); nothing was written. Split it into smaller writes.
             *     - `IDEMPOTENCY_KEY_REUSED`: The `Idempotency-Key` was used in the last 24 hours with another body or route; use a new key for a new request.
             */
            422: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 422;
                        /** @enum {string} */
                        code?: "ITALIAN_SITE_NOT_ON_WEEKEND" | "GROUP3_CANNOT_HOLD_SITES" | "UNKNOWN_REFERENCE" | "TOO_MANY_CHANGES" | "IDEMPOTENCY_KEY_REUSED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    CreateSiteBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes each item safe to retry: 1–255 visible ASCII characters, e.g. a UUID (else a 400). Each item runs once per key derived from this key and the item's JSON value (not its place in the batch), committing that key's record with the site: within 24 hours a retry, also of the same items in other batches under this key, replays the 201 result of every item already created and runs the others. An item whose key is held by a request still running is that item's 409 `IDEMPOTENCY_KEY_IN_USE`. Keys are scoped to the caller. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteBatch"];
            };
        };
        responses: {
            /** @description One result per item, in the items' order, and how many were created and how many failed. */
            200: {
                headers: {
                    /** @description The indexes of the 201 results replayed from their items' `Idempotency-Key` records (created by an earlier request, or by an identical earlier item of this batch), comma-separated; absent when none was. */
                    "Idempotent-Replayed-Items"?: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "index": 0,
                     *           "status": 201,
                     *           "site": {
                     *             "id": 61,
                     *             "country": "fr",
                     *             "name": "Lyon Solar Park",
                     *             "installation_date": "2024-05-02",
                     *             "max_power_megawatt": 12.5,
                     *             "min_power_megawatt": 1,
                     *             "useful_energy_at_1_megawatt": 1450,
                     *             "group_ids": [],
                     *             "created_at": "2024-05-06T09:30:00.000Z",
                     *             "updated_at": "2024-05-06T09:30:00.000Z"
                     *           },
                     *           "etag": "\"1\""
                     *         },
                     *         {
                     *           "index": 1,
                     *           "status": 201,
                     *           "site": {
                     *             "id": 62,
                     *             "country": "it",
                     *             "name": "Roma Wind Farm",
                     *             "installation_date": "2024-05-04",
                     *             "max_power_megawatt": 3,
                     *             "min_power_megawatt": 0.5,
                     *             "efficiency": 0.82,
                     *             "group_ids": [],
                     *             "created_at": "2024-05-06T09:30:00.000Z",
                     *             "updated_at": "2024-05-06T09:30:00.000Z"
                     *           },
                     *           "etag": "\"1\""
                     *         },
                     *         {
                     *           "index": 2,
                     *           "status": 409,
                     *           "problem": {
                     *             "type": "about:blank",
                     *             "title": "French installation day taken",
                     *             "status": 409,
                     *             "code": "FRENCH_SITE_DAY_TAKEN",
                     *             "detail": "2024-05-02 already has a French site: site 61",
                     *             "errors": [
                     *               {
                     *                 "path": "installation_date",
                     *                 "message": "2024-05-02 is taken by site 61"
                     *               }
                     *             ],
                     *             "request_id": "c0a8012e-8f3b-4d8a-9a43-3c1b5e7d2f10"
                     *           }
                     *         },
                     *         {
                     *           "index": 3,
                     *           "status": 400,
                     *           "problem": {
                     *             "type": "about:blank",
                     *             "title": "Validation failed",
                     *             "status": 400,
                     *             "code": "VALIDATION_FAILED",
                     *             "detail": "min_power_megawatt: Must be at most max_power_megawatt (12.5)",
                     *             "errors": [
                     *               {
                     *                 "path": "min_power_megawatt",
                     *                 "message": "Must be at most max_power_megawatt (12.5)"
                     *               }
                     *             ],
                     *             "request_id": "c0a8012e-8f3b-4d8a-9a43-3c1b5e7d2f10"
                     *           }
                     *         }
                     *       ],
                     *       "created": 2,
                     *       "failed": 2
                     *     }
                     */
                    "application/json": components["schemas"]["SiteBatchAnswer"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Payload too large.
             *
             *     - `PAYLOAD_TOO_LARGE`: The body is over the route's limit: 64 KiB, unless the route says otherwise.
             */
            413: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 413;
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /**
             * @description Unsupported media type.
             *
             *     - `UNSUPPORTED_MEDIA_TYPE`: A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed; a `PATCH` also takes `application/merge-patch+json`), or with none.
             */
            415: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 415;
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    GetSite: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description When it names the item's current `ETag` (or is `*`), the answer is a 304 with no body.
                 * @example "3"
                 */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The site's id. Not a positive integer: 400; no such site: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site. */
            200: {
                headers: {
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current `ETag`; no body. */
            304: {
                headers: {
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    DeleteSite: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Writes only if the item's current `ETag` is one of these (strong comparison) or, with `*`, if it exists; else a 412 `PRECONDITION_FAILED` and nothing is written. Without it, the last write wins.
                 * @example "3"
                 */
                "If-Match"?: string;
            };
            path: {
                /** @description The site's id. Not a positive integer: 400; no such site: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; no body. */
            204: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Precondition failed.
             *
             *     - `PRECONDITION_FAILED`: `If-Match` does not name the item's current `ETag`, or the item is gone or being deleted (an `If-Match`, `*` included, never matches it); nothing was written. Read it again.
             */
            412: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 412;
                        /** @enum {string} */
                        code?: "PRECONDITION_FAILED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    UpdateSite: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Writes only if the item's current `ETag` is one of these (strong comparison) or, with `*`, if it exists; else a 412 `PRECONDITION_FAILED` and nothing is written. Without it, the last write wins.
                 * @example "3"
                 */
                "If-Match"?: string;
            };
            path: {
                /** @description The site's id. Not a positive integer: 400; no such site: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SitePatch"];
                "application/merge-patch+json": components["schemas"]["SitePatch"];
            };
        };
        responses: {
            /** @description The site as stored now. */
            200: {
                headers: {
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Conflict.
             *
             *     - `FRENCH_SITE_DAY_TAKEN`: At most one French site per `installation_date`; the detail names the date and the site holding it. Holds under concurrency: of simultaneous creates for one day, exactly one succeeds.
             */
            409: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 409;
                        /** @enum {string} */
                        code?: "FRENCH_SITE_DAY_TAKEN";
                    };
                };
            };
            /**
             * @description Precondition failed.
             *
             *     - `PRECONDITION_FAILED`: `If-Match` does not name the item's current `ETag`, or the item is gone or being deleted (an `If-Match`, `*` included, never matches it); nothing was written. Read it again.
             */
            412: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 412;
                        /** @enum {string} */
                        code?: "PRECONDITION_FAILED";
                    };
                };
            };
            /**
             * @description Payload too large.
             *
             *     - `PAYLOAD_TOO_LARGE`: The body is over the route's limit: 64 KiB, unless the route says otherwise.
             */
            413: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 413;
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /**
             * @description Unsupported media type.
             *
             *     - `UNSUPPORTED_MEDIA_TYPE`: A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed; a `PATCH` also takes `application/merge-patch+json`), or with none.
             */
            415: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 415;
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /**
             * @description Unprocessable content: a business rule refused the write.
             *
             *     - `ITALIAN_SITE_NOT_ON_WEEKEND`: An Italian site's `installation_date` is a Saturday or a Sunday.
             *     - `GROUP3_CANNOT_HOLD_SITES`: No site is directly in a group of type `group3`.
             *     - `UNKNOWN_REFERENCE`: An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.
             *     - `TOO_MANY_CHANGES`: The write would not fit in one atomic DynamoDB transaction (at most 100 items); nothing was written. Split it into smaller writes.
             */
            422: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 422;
                        /** @enum {string} */
                        code?: "ITALIAN_SITE_NOT_ON_WEEKEND" | "GROUP3_CANNOT_HOLD_SITES" | "UNKNOWN_REFERENCE" | "TOO_MANY_CHANGES";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    ListGroups: {
        parameters: {
            query?: {
                /** @description Filter: groups whose `id` is one of the value values, repeated (`id__in=a&id__in=b`, as generated clients send an array) or comma-separated (`id__in=a,b`); both mean the same. At most 100 values. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                id__in?: (number | string)[];
                /** @description Filter: groups whose `name` is equal to the value. A key lookup with the default sort or `sort=name`; with another sort, evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                name?: string;
                /** @description Filter: groups whose `name` is containing, case-insensitively, the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                name__contains?: string;
                /** @description Filter: groups whose `name` is starting, case-insensitively, with the value. A key condition with `sort=name`; otherwise evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`). */
                name__startswith?: string;
                /** @description Filter: groups whose `type` is equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                type?: "group1" | "group2" | "group3";
                /** @description Filter: groups whose `type` is not equal to the value. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                type__ne?: "group1" | "group2" | "group3";
                /** @description Filter: groups whose `type` is one of the value values, repeated (`type__in=a&type__in=b`, as generated clients send an array) or comma-separated (`type__in=a,b`); both mean the same. At most 100 values. Evaluated as a filter over the list (scanning: a page may come back empty with a `next_cursor`), unless `id__in` or a link filter (`group_id`, `site_id`, `parent_group_id`, `within_group_id`, `contains_site_id`, `contains_group_id`, `root`) narrows the list first. */
                type__in?: (("group1" | "group2" | "group3") | string)[];
                /** @description Filter: groups whose `site_ids` contain the value. Groups that directly hold that site. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                site_id?: number;
                /** @description Filter: groups whose `parent_group_ids` contain the value. Groups directly inside that group. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                parent_group_id?: number;
                /** @description Filter: groups whose `within_group_id` is equal to the value. Groups nested below that group at any depth (not the group itself). Each once, however many paths; an unknown id gives an empty list. Maintained from the change stream, apart from the events: reflects every write committed 2 seconds before the request; a nest or un-nest moving more than 1,000 (group, site) pairs is reflected within 2 seconds plus 1 second per 400 pairs. Sorted by another field than `id`, the whole set is read and ordered up to 1,000 items; past that, the sort's index is read and its items checked, and a page may come back short. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                within_group_id?: number;
                /** @description Filter: groups whose `contains_site_id` is equal to the value. Groups that hold that site directly or through nesting. Each once, however many paths; an unknown id gives an empty list. Maintained from the change stream, apart from the events: reflects every write committed 2 seconds before the request; a nest or un-nest moving more than 1,000 (group, site) pairs is reflected within 2 seconds plus 1 second per 400 pairs. Sorted by another field than `id`, the whole set is read and ordered up to 1,000 items; past that, the sort's index is read and its items checked, and a page may come back short. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                contains_site_id?: number;
                /** @description Filter: groups whose `contains_group_id` is equal to the value. Groups that group is nested below, at any depth. Each once, however many paths; an unknown id gives an empty list. Maintained from the change stream, apart from the events: reflects every write committed 2 seconds before the request; a nest or un-nest moving more than 1,000 (group, site) pairs is reflected within 2 seconds plus 1 second per 400 pairs. Sorted by another field than `id`, the whole set is read and ordered up to 1,000 items; past that, the sort's index is read and its items checked, and a page may come back short. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                contains_group_id?: number;
                /** @description Filter: groups whose `root` is equal to the value. `true`: the groups no group contains; `false`: the others. Read from the group items' own root index, with no stream in between. A key lookup: a page reads in proportion to its `limit`, and is never empty with a `next_cursor`. */
                root?: "true" | "false";
                /** @description One field, `-` in front for descending. Ties are broken by `id` in the same direction. Names sort case-insensitively. Default `id`. */
                sort?: "id" | "-id" | "name" | "-name";
                /** @description Page size, 1–100. A page never holds more; it holds fewer only at the end of the listing or when the request's read budget (5 queries) ran out first, and then `next_cursor` still says whether more may match. */
                limit?: number;
                /** @description The `next_cursor` of the previous page, passed back unchanged with the same filters and sort. An edited, truncated or foreign cursor, or one passed with other filters or another sort, is a 400 naming `cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of groups. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 7,
                     *           "name": "South-East portfolio",
                     *           "type": "group1",
                     *           "site_ids": [
                     *             61
                     *           ],
                     *           "child_group_ids": [],
                     *           "parent_group_ids": [
                     *             3
                     *           ],
                     *           "created_at": "2024-05-06T09:30:00.000Z",
                     *           "updated_at": "2024-05-06T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["GroupPage"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    CreateGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry: 1–255 visible ASCII characters, e.g. a UUID (else a 400). A repeat with the same key, route and body within 24 hours runs nothing and answers what the first answered (status, `Location`, body, `ETag`) with `Idempotent-Replayed: true`. The same key with another body or route is a 422 `IDEMPOTENCY_KEY_REUSED`; while the first request runs, a 409 `IDEMPOTENCY_KEY_IN_USE`. Only successes are remembered. Keys are scoped to the caller. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupCreate"];
            };
        };
        responses: {
            /** @description Created; `Location` is the group's URL. */
            201: {
                headers: {
                    /** @description The new resource's path. */
                    Location: string;
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description `true` when this answer is a replay of an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: "true";
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 7,
                     *       "name": "South-East portfolio",
                     *       "type": "group1",
                     *       "site_ids": [
                     *         61
                     *       ],
                     *       "child_group_ids": [],
                     *       "parent_group_ids": [
                     *         3
                     *       ],
                     *       "created_at": "2024-05-06T09:30:00.000Z",
                     *       "updated_at": "2024-05-06T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Group"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Conflict.
             *
             *     - `IDEMPOTENCY_KEY_IN_USE`: A request with the same `Idempotency-Key` is still running; the `Retry-After` header (seconds) says when to try again.
             */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 409;
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_KEY_IN_USE";
                    };
                };
            };
            /**
             * @description Payload too large.
             *
             *     - `PAYLOAD_TOO_LARGE`: The body is over the route's limit: 64 KiB, unless the route says otherwise.
             */
            413: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 413;
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /**
             * @description Unsupported media type.
             *
             *     - `UNSUPPORTED_MEDIA_TYPE`: A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed; a `PATCH` also takes `application/merge-patch+json`), or with none.
             */
            415: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 415;
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /**
             * @description Unprocessable content: a business rule refused the write.
             *
             *     - `GROUP3_CANNOT_HOLD_SITES`: No site is directly in a group of type `group3`.
             *     - `NESTING_TOO_DEEP`: Nesting is at most 16 levels deep: a chain of groups, each inside the next, holds at most 16 groups.
             *     - `UNKNOWN_REFERENCE`: An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.
             *     - `TOO_MANY_CHANGES`: The write would not fit in one atomic DynamoDB transaction (at most 100 items); nothing was written. Split it into smaller writes.
             *     - `IDEMPOTENCY_KEY_REUSED`: The `Idempotency-Key` was used in the last 24 hours with another body or route; use a new key for a new request.
             */
            422: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 422;
                        /** @enum {string} */
                        code?: "GROUP3_CANNOT_HOLD_SITES" | "NESTING_TOO_DEEP" | "UNKNOWN_REFERENCE" | "TOO_MANY_CHANGES" | "IDEMPOTENCY_KEY_REUSED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    GetGroup: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description When it names the item's current `ETag` (or is `*`), the answer is a 304 with no body.
                 * @example "3"
                 */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group. */
            200: {
                headers: {
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 7,
                     *       "name": "South-East portfolio",
                     *       "type": "group1",
                     *       "site_ids": [
                     *         61
                     *       ],
                     *       "child_group_ids": [],
                     *       "parent_group_ids": [
                     *         3
                     *       ],
                     *       "created_at": "2024-05-06T09:30:00.000Z",
                     *       "updated_at": "2024-05-06T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current `ETag`; no body. */
            304: {
                headers: {
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    DeleteGroup: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Writes only if the item's current `ETag` is one of these (strong comparison) or, with `*`, if it exists; else a 412 `PRECONDITION_FAILED` and nothing is written. Without it, the last write wins.
                 * @example "3"
                 */
                "If-Match"?: string;
            };
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; no body. */
            204: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Precondition failed.
             *
             *     - `PRECONDITION_FAILED`: `If-Match` does not name the item's current `ETag`, or the item is gone or being deleted (an `If-Match`, `*` included, never matches it); nothing was written. Read it again.
             */
            412: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 412;
                        /** @enum {string} */
                        code?: "PRECONDITION_FAILED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    UpdateGroup: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Writes only if the item's current `ETag` is one of these (strong comparison) or, with `*`, if it exists; else a 412 `PRECONDITION_FAILED` and nothing is written. Without it, the last write wins.
                 * @example "3"
                 */
                "If-Match"?: string;
            };
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupPatch"];
                "application/merge-patch+json": components["schemas"]["GroupPatch"];
            };
        };
        responses: {
            /** @description The group as stored now. */
            200: {
                headers: {
                    /** @description The item's entity tag (strong): it changes whenever the item's representation does, a link or unlink included. Send it back in `If-Match` (PATCH, DELETE) or `If-None-Match` (GET). */
                    ETag: string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 7,
                     *       "name": "South-East portfolio",
                     *       "type": "group1",
                     *       "site_ids": [
                     *         61
                     *       ],
                     *       "child_group_ids": [],
                     *       "parent_group_ids": [
                     *         3
                     *       ],
                     *       "created_at": "2024-05-06T09:30:00.000Z",
                     *       "updated_at": "2024-05-06T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Group"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Precondition failed.
             *
             *     - `PRECONDITION_FAILED`: `If-Match` does not name the item's current `ETag`, or the item is gone or being deleted (an `If-Match`, `*` included, never matches it); nothing was written. Read it again.
             */
            412: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 412;
                        /** @enum {string} */
                        code?: "PRECONDITION_FAILED";
                    };
                };
            };
            /**
             * @description Payload too large.
             *
             *     - `PAYLOAD_TOO_LARGE`: The body is over the route's limit: 64 KiB, unless the route says otherwise.
             */
            413: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 413;
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /**
             * @description Unsupported media type.
             *
             *     - `UNSUPPORTED_MEDIA_TYPE`: A body sent with a `Content-Type` other than `application/json` (a `charset` parameter is allowed; a `PATCH` also takes `application/merge-patch+json`), or with none.
             */
            415: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 415;
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /**
             * @description Unprocessable content: a business rule refused the write.
             *
             *     - `GROUP3_CANNOT_HOLD_SITES`: No site is directly in a group of type `group3`.
             *     - `GROUP_CYCLE`: Nesting has no cycle: a group is never inside itself, directly or through other groups.
             *     - `NESTING_TOO_DEEP`: Nesting is at most 16 levels deep: a chain of groups, each inside the next, holds at most 16 groups.
             *     - `UNKNOWN_REFERENCE`: An id in `group_ids`, `site_ids` or `child_group_ids` does not exist; `errors[].path` names the field.
             *     - `TOO_MANY_CHANGES`: The write would not fit in one atomic DynamoDB transaction (at most 100 items); nothing was written. Split it into smaller writes.
             */
            422: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 422;
                        /** @enum {string} */
                        code?: "GROUP3_CANNOT_HOLD_SITES" | "GROUP_CYCLE" | "NESTING_TOO_DEEP" | "UNKNOWN_REFERENCE" | "TOO_MANY_CHANGES";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    AddSiteToGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
                /** @description The site's id. Not a positive integer: 400; no such site: 404. */
                site_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site is in the group. */
            204: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Unprocessable content: a business rule refused the write.
             *
             *     - `GROUP3_CANNOT_HOLD_SITES`: No site is directly in a group of type `group3`.
             */
            422: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 422;
                        /** @enum {string} */
                        code?: "GROUP3_CANNOT_HOLD_SITES";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    RemoveSiteFromGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
                /** @description The site's id. Not a positive integer: 400; no such site: 404. */
                site_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site is no longer in the group. */
            204: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    NestGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
                /** @description The id of the group nested in `{id}`. Not a positive integer: 400; no such group: 404. */
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{child_id}` is directly inside `{id}`. */
            204: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Unprocessable content: a business rule refused the write.
             *
             *     - `GROUP_CYCLE`: Nesting has no cycle: a group is never inside itself, directly or through other groups.
             *     - `NESTING_TOO_DEEP`: Nesting is at most 16 levels deep: a chain of groups, each inside the next, holds at most 16 groups.
             *     - `TOO_MANY_CHANGES`: The write would not fit in one atomic DynamoDB transaction (at most 100 items); nothing was written. Split it into smaller writes.
             */
            422: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 422;
                        /** @enum {string} */
                        code?: "GROUP_CYCLE" | "NESTING_TOO_DEEP" | "TOO_MANY_CHANGES";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    UnnestGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
                /** @description The id of the group nested in `{id}`. Not a positive integer: 400; no such group: 404. */
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{child_id}` is no longer directly inside `{id}`. */
            204: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Forbidden.
             *
             *     - `FORBIDDEN`: A valid token without the scope this route needs: `sites-groups/write` for every route but the `GET`s (which take `sites-groups/read` or `sites-groups/write`). The function's answer carries `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` naming it.
             */
            403: {
                headers: {
                    /** @description `Bearer error="insufficient_scope", scope="sites-groups/write"` (or `read`): the scope the route needs. */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 403;
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    GetGroupSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group's totals. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "group_id": 3,
                     *       "groups_below": 4,
                     *       "as_of": {
                     *         "event_id": "c34a5640466152712224ea82e3cb9d9c",
                     *         "time": "2026-12-01T18:10:03.329Z"
                     *       },
                     *       "sites": {
                     *         "count": 57,
                     *         "max_power_megawatt": {
                     *           "sum": 812.5,
                     *           "mean": 14.25438596491228
                     *         },
                     *         "min_power_megawatt": {
                     *           "sum": 101.2,
                     *           "mean": 1.775438596491228
                     *         },
                     *         "by_country": {
                     *           "fr": {
                     *             "count": 40,
                     *             "max_power_megawatt": {
                     *               "sum": 600,
                     *               "mean": 15
                     *             },
                     *             "min_power_megawatt": {
                     *               "sum": 80,
                     *               "mean": 2
                     *             },
                     *             "useful_energy_at_1_megawatt": {
                     *               "sum": 51234.5,
                     *               "mean": 1280.8625
                     *             }
                     *           },
                     *           "it": {
                     *             "count": 17,
                     *             "max_power_megawatt": {
                     *               "sum": 212.5,
                     *               "mean": 12.5
                     *             },
                     *             "min_power_megawatt": {
                     *               "sum": 21.2,
                     *               "mean": 1.2470588235294118
                     *             },
                     *             "efficiency": {
                     *               "sum": 6.97,
                     *               "mean": 0.41
                     *             }
                     *           }
                     *         },
                     *         "by_installation_year": {
                     *           "2024": {
                     *             "count": 3,
                     *             "max_power_megawatt": {
                     *               "sum": 40.5
                     *             }
                     *           },
                     *           "2025": {
                     *             "count": 54,
                     *             "max_power_megawatt": {
                     *               "sum": 772
                     *             }
                     *           }
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["GroupSummary"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    GetGroupTree: {
        parameters: {
            query?: {
                /** @description The levels shown below the group, 1–16 (default 16): `depth=1` is the group and its children, without theirs. */
                depth?: number;
            };
            header?: never;
            path: {
                /** @description The group's id. Not a positive integer: 400; no such group: 404. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tree. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 5,
                     *       "name": "Reporting",
                     *       "type": "group3",
                     *       "site_count": 0,
                     *       "sites_below": 40,
                     *       "children": [
                     *         {
                     *           "id": 3,
                     *           "name": "Europe",
                     *           "type": "group1",
                     *           "site_count": 0,
                     *           "sites_below": 40,
                     *           "children": [
                     *             {
                     *               "id": 1,
                     *               "name": "France",
                     *               "type": "group2",
                     *               "site_count": 20,
                     *               "sites_below": 20,
                     *               "children": []
                     *             },
                     *             {
                     *               "id": 2,
                     *               "name": "Italy",
                     *               "type": "group2",
                     *               "site_count": 20,
                     *               "sites_below": 20,
                     *               "children": []
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "id": 4,
                     *           "name": "Flagships",
                     *           "type": "group1",
                     *           "site_count": 5,
                     *           "sites_below": 5,
                     *           "children": [
                     *             {
                     *               "id": 1,
                     *               "name": "France",
                     *               "type": "group2",
                     *               "repeated": true
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["GroupTree"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    ListEvents: {
        parameters: {
            query?: {
                /** @description Only events of this type. */
                type?: "site.created" | "site.updated" | "site.deleted" | "group.created" | "group.updated" | "group.deleted" | "group.site_added" | "group.site_removed" | "group.child_added" | "group.child_removed";
                /** @description Only events of these types: comma-separated, or the parameter repeated (at most 100). */
                type__in?: (("site.created" | "site.updated" | "site.deleted" | "group.created" | "group.updated" | "group.deleted" | "group.site_added" | "group.site_removed" | "group.child_added" | "group.child_removed") | string)[];
                /**
                 * @description Only events whose type starts with this text: `site.` for every site event, `group.site_` for memberships.
                 * @example site.
                 */
                type__startswith?: string;
                /**
                 * @description Only the events of one site or group (its path: `sites/12`, `groups/3`), in the order of its writes.
                 * @example sites/12
                 */
                subject?: string;
                /** @description Start after this event (the `id` of the last event you handled): how a consumer follows the events. An id that names no event of the last 30 days is a 400 naming `after`: start again from the first page. */
                after?: string;
                /** @description Page size, 1–100. A page is full unless it is the last. */
                limit?: number;
                /** @description The `next_cursor` of the previous page, passed back unchanged with the same filters. `next_cursor` is null when no event is left now; events stored later (listed 1 s after they are stored in AWS) are found with `after`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "specversion": "1.0",
                     *           "id": "5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71",
                     *           "source": "sites-and-groups/prod",
                     *           "type": "site.created",
                     *           "time": "2024-05-06T09:30:00.412Z",
                     *           "subject": "sites/61",
                     *           "datacontenttype": "application/json",
                     *           "data": {
                     *             "id": 61,
                     *             "country": "fr",
                     *             "name": "Lyon Solar Park",
                     *             "installation_date": "2024-05-02",
                     *             "max_power_megawatt": 12.5,
                     *             "min_power_megawatt": 1,
                     *             "useful_energy_at_1_megawatt": 1450,
                     *             "group_ids": [],
                     *             "created_at": "2024-05-06T09:30:00.000Z",
                     *             "updated_at": "2024-05-06T09:30:00.000Z"
                     *           }
                     *         },
                     *         {
                     *           "specversion": "1.0",
                     *           "id": "a4d7e2c915b84f06b3e8d1c7f2a09e55",
                     *           "source": "sites-and-groups/prod",
                     *           "type": "site.updated",
                     *           "time": "2024-05-06T09:31:00.388Z",
                     *           "subject": "sites/61",
                     *           "datacontenttype": "application/json",
                     *           "data": {
                     *             "id": 61,
                     *             "country": "fr",
                     *             "name": "Lyon Solar Park II",
                     *             "installation_date": "2024-05-02",
                     *             "max_power_megawatt": 12.5,
                     *             "min_power_megawatt": 1,
                     *             "useful_energy_at_1_megawatt": 1450,
                     *             "group_ids": [],
                     *             "created_at": "2024-05-06T09:30:00.000Z",
                     *             "updated_at": "2024-05-06T09:31:00.000Z",
                     *             "changed": [
                     *               "name"
                     *             ]
                     *           }
                     *         },
                     *         {
                     *           "specversion": "1.0",
                     *           "id": "0e9b3f7c2a614d58b1c6e4f8a3d7b920",
                     *           "source": "sites-and-groups/prod",
                     *           "type": "group.site_added",
                     *           "time": "2024-05-06T09:32:10.105Z",
                     *           "subject": "groups/7",
                     *           "datacontenttype": "application/json",
                     *           "data": {
                     *             "group_id": 7,
                     *             "site_id": 61
                     *           }
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Unauthenticated.
             *
             *     - `UNAUTHENTICATED`: No bearer token, or one that is malformed, expired, or not an access token of this stage's user pool carrying one of the API's scopes. The answer carries `WWW-Authenticate: Bearer`; where the server verifies the token itself (the local server), a token that came and was refused is `Bearer error="invalid_token"`.
             */
            401: {
                headers: {
                    /** @description `Bearer`: the route needs a bearer access token; `Bearer error="invalid_token"` where the server verified the token that came itself (the local server). */
                    "WWW-Authenticate": string;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
            /**
             * @description Service unavailable.
             *
             *     - `SERVICE_UNAVAILABLE`: DynamoDB throttled, did not answer in time, or transactions kept conflicting after the retries. `outcome` says whether the write may have applied: `not_applied` when nothing was committed, `unknown` when it may have been (a write sent without an answer; a `DELETE` of a group or site with more links than one transaction holds, which is then under way, the item already answering 404, and which repeating the `DELETE` finishes); the detail says what to do then. The `Retry-After` header (seconds, `1`) says when to try again.
             */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 503;
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    GetOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    };
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    GetDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    GetDocsAsset: {
        parameters: {
            query?: {
                /** @description The Swagger UI version the page asks for, so that a browser fetches a new version anew; any value. */
                v?: string;
            };
            header?: never;
            path: {
                /** @description A file the page loads: `/docs`' Swagger UI files (`swagger-ui.css`, `swagger-ui-bundle.js`), `/explorer`'s own (`explorer.js`, `explorer.css`). */
                asset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/css": string;
                    "text/javascript": string;
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    GetExplorer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
    GetExplorerAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A file the page loads: `/docs`' Swagger UI files (`swagger-ui.css`, `swagger-ui-bundle.js`), `/explorer`'s own (`explorer.js`, `explorer.css`). */
                asset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/css": string;
                    "text/javascript": string;
                };
            };
            /**
             * @description Bad request.
             *
             *     - `VALIDATION_FAILED`: Malformed JSON, wrong types, unknown or missing fields, bad query parameters (one the route does not define — every route refuses those, the one-item routes any —, or one given twice), a bad cursor, or a path id that is not a positive integer (or is 2^53 or more: too large). `errors[]` names every bad field at once.
             */
            400: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 400;
                        /** @enum {string} */
                        code?: "VALIDATION_FAILED";
                    };
                };
            };
            /**
             * @description Not found.
             *
             *     - `NOT_FOUND`: No such id (or no such link, for the link routes). An unknown route is a 404 `NOT_FOUND` problem too.
             */
            404: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 404;
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                    };
                };
            };
            /**
             * @description Too many requests.
             *
             *     - `TOO_MANY_REQUESTS`: Over the stage's request rate: API Gateway's throttling (every stage; problem+json) or, in prod, the firewall's per-client rule (a JSON body with the same members). Nothing was written; the `Retry-After` header (seconds) says when to try again. No function answers it.
             */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After": number;
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 429;
                        /** @enum {string} */
                        code?: "TOO_MANY_REQUESTS";
                    };
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too many requests",
                     *       "status": 429,
                     *       "code": "TOO_MANY_REQUESTS",
                     *       "detail": "this client is over the stage's request rate; nothing was written, try again after Retry-After seconds"
                     *     }
                     */
                    "application/json": components["schemas"]["FirewallProblem"];
                };
            };
            /**
             * @description Internal error.
             *
             *     - `INTERNAL`: A fault. The body holds the request id to quote, never a stack trace, and `outcome`: whether the write may have applied.
             */
            500: {
                headers: {
                    /** @description Only where the stage names CORS origins, and then only when the request's `Origin` is one of them: that origin (never `*`). */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 500;
                        /** @enum {string} */
                        code?: "INTERNAL";
                    };
                };
            };
        };
    };
}
