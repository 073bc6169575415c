/**
 * The JSON Schemas of the OpenAPI document, generated with `z.toJSONSchema` (draft 2020-12, the
 * dialect of OpenAPI 3.1) from the zod schemas that validate requests: the common site fields,
 * each registered country's own fields, the group schemas and the id and name rules. Nothing
 * here restates a rule; what JSON Schema cannot say (a refinement such as "a calendar date") is
 * added as metadata on the same zod schema objects, in a registry of this module's own, so the
 * request path is untouched.
 */
import {
  batchSchema,
  type CountryRegistry,
  commonSiteFields,
  createGroupSchema,
  createRegistry,
  EVENT_TYPES,
  GROUP_TYPES,
  idList,
  MAX_BATCH_ITEMS,
  MAX_LIMIT,
  NAME_MAX_LENGTH,
  nameSchema,
  patchGroupSchema,
  positiveId,
  STORABLE,
  siteCreateSchema,
  sitePatchSchema,
} from "@sites-groups/core";
import * as z from "zod/mini";
import { hierarchySchemas } from "./hierarchy.ts";

export type JsonSchema = Record<string, unknown>;

interface Meta {
  id?: string;
  [keyword: string]: unknown;
}

export const SCHEMA_REF = (name: string) => `#/components/schemas/${name}`;

/** RFC 3339 UTC timestamps, as the representations carry them (`toISOString`). */
const timestamp = z.iso.datetime();

/** A cursor the API made is far shorter; a longer one can only be forged (a 400 naming `cursor`). */
export const CURSOR_MAX_LENGTH = 4096;
const cursor = z.string().check(z.maxLength(CURSOR_MAX_LENGTH));

/** The contract's error body (RFC 9457), one shape for every status. */
export const fieldErrorSchema = z.strictObject({ path: z.string(), message: z.string() });
export const problemSchema = z.strictObject({
  type: z.literal("about:blank"),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.string(),
  detail: z.string(),
  errors: z.optional(z.array(fieldErrorSchema).check(z.maxLength(20))),
  errors_omitted: z.optional(z.int().check(z.gte(1))),
  request_id: z.string(),
  outcome: z.optional(z.enum(["not_applied", "unknown"])),
});

/** What the database stores exactly: numbers outside it are a 400 naming the field. */
const STORED_NUMBERS = `Numbers are stored as given: 0, or a magnitude from ${STORABLE.min} to ${STORABLE.max}.`;

/** What each field means, shown beside its schema; the rules themselves come from zod. */
const FIELD_DOCS: Record<string, string> = {
  id: "Assigned by the server; read-only; never reused, even after a delete.",
  country: "Lower-case ISO 3166-1 alpha-2 code. Required on create; cannot change afterwards.",
  name: `1–${NAME_MAX_LENGTH} characters (Unicode code points) after trimming; no control characters. Sorted and compared case-insensitively.`,
  installation_date:
    "A real calendar date, `YYYY-MM-DD`, four-digit year (2023-02-29 is refused). The site's country may restrict it (see the country rules).",
  max_power_megawatt: `The site's maximum power. ${STORED_NUMBERS}`,
  min_power_megawatt: `The site's minimum power; at most \`max_power_megawatt\` (checked on the merged site). ${STORED_NUMBERS}`,
  group_ids:
    "The groups that directly contain the site. Writable (the new set; no duplicates); on read always present, ascending. Every id must exist (422 `UNKNOWN_REFERENCE`).",
  created_at: "RFC 3339 UTC timestamp; read-only.",
  updated_at: "RFC 3339 UTC timestamp of the last change; read-only.",
  type: "`group3` groups never hold sites directly (422 `GROUP3_CANNOT_HOLD_SITES`).",
  site_ids:
    "Sites directly in the group. Writable (the new set; no duplicates); ascending. Every id must exist (422 `UNKNOWN_REFERENCE`).",
  child_group_ids:
    "Groups directly in the group. Writable (the new set; no duplicates); ascending. Nesting never makes a cycle (422 `GROUP_CYCLE`).",
  parent_group_ids: "Groups that directly contain this one; read-only; ascending.",
  next_cursor:
    "Pass it back as `cursor`, with the same filters and sort, for the next page; `null` exactly when no matching item is left.",
  items: "At most `limit` items, in the requested order.",
};

function countryFieldDoc(registry: CountryRegistry, field: string): string {
  const known = FIELD_DOCS[field];
  if (known) return known;
  const owner = registry.ownerOf(field);
  const declared = owner?.fields[field];
  if (!owner || !declared) return "";
  const stored = declared.kind === "number" ? ` ${STORED_NUMBERS}` : "";
  return `${declared.description} \`${owner.code}\` sites only, required there.${stored}`;
}

/** The range every stored number keeps (STORABLE), as keywords where the field's own are wider. */
function storableRange(property: JsonSchema): void {
  if (property.maximum === undefined && property.exclusiveMaximum === undefined) property.maximum = STORABLE.max;
  if (property.minimum === undefined && property.exclusiveMinimum === undefined) property.minimum = -STORABLE.max;
}

/** Adds each property's description (a shared zod schema, like the power fields, has one meaning per property). */
function describeProperties(schema: unknown, registry: CountryRegistry): void {
  if (Array.isArray(schema)) {
    for (const item of schema) describeProperties(item, registry);
    return;
  }
  if (!schema || typeof schema !== "object") return;
  const node = schema as JsonSchema;
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    for (const [name, property] of Object.entries(properties)) {
      const doc = countryFieldDoc(registry, name);
      if (doc && !property.description && !property.$ref) property.description = doc;
      if (property.type === "number") storableRange(property);
    }
  }
  for (const value of Object.values(node)) describeProperties(value, registry);
}

/** The `data` of an update: the representation after it, and the names of the fields that changed. */
const CHANGED = "The names of the fields the write changed (never a link: links have their own events).";
const EVENT_DOCS: Record<(typeof EVENT_TYPES)[number], string> = {
  "site.created": "A site was created (`POST /sites`). `data`: the site.",
  "site.updated":
    "A site's own fields changed (`PATCH /sites/{id}`). `data`: the site after the change, and `changed`. A change of `group_ids` alone makes `group.site_added`/`group.site_removed` events, not this.",
  "site.deleted": "A site was deleted (`DELETE /sites/{id}`). `data`: its last representation.",
  "group.created": "A group was created (`POST /groups`). `data`: the group.",
  "group.updated":
    "A group's own fields (`name`, `type`) changed (`PATCH /groups/{id}`). `data`: the group after the change, and `changed`.",
  "group.deleted": "A group was deleted (`DELETE /groups/{id}`). `data`: its last representation.",
  "group.site_added": "A site joined a group (any write that links them). Subject: the group.",
  "group.site_removed": "A site left a group (an unlink, a PATCH, or the delete of either). Subject: the group.",
  "group.child_added": "A group was nested in another (any write that nests them). Subject: the parent.",
  "group.child_removed": "A group was un-nested (an unnest, a PATCH, or the delete of either). Subject: the parent.",
};

/** `site.created` → `SiteCreatedEvent`. */
const eventComponent = (type: string) =>
  `${type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("")}Event`;

/**
 * The change events (API.md "Events"): one component per type, the CloudEvents 1.0 envelope around
 * its `data`, and `Event`, their union by `type`. Returns `Event`.
 */
function eventSchemas(
  meta: z.core.$ZodRegistry<Meta>,
  codes: readonly string[],
  sites: z.ZodMiniObject[],
  site: z.ZodMiniType,
  group: z.ZodMiniObject,
) {
  const eventType = z.enum(EVENT_TYPES);
  meta.add(eventType, { id: "EventType", description: "Every event type." });
  // at most every field of the representation changed
  const fields = Math.max(...[...sites, group].map((schema) => Object.keys(schema.shape).length));
  const changed = z.array(z.string()).check(z.minLength(1), z.maxLength(fields));
  meta.add(changed, { description: CHANGED });
  const updatedSites = sites.map((site, i) => {
    const schema = z.strictObject({ ...site.shape, changed });
    meta.add(schema, { id: `UpdatedSite_${codes[i]}`, description: `A \`${codes[i]}\` site after an update.` });
    return schema;
  });
  const updatedSite =
    updatedSites.length === 1
      ? (updatedSites[0] as z.ZodMiniObject)
      : z.discriminatedUnion("country", updatedSites as never);
  meta.add(updatedSite, {
    id: "UpdatedSite",
    description: "A site after an update, and the names of the fields that changed.",
    ...(updatedSites.length > 1
      ? {
          discriminator: {
            propertyName: "country",
            mapping: Object.fromEntries(codes.map((c) => [c, SCHEMA_REF(`UpdatedSite_${c}`)])),
          },
        }
      : {}),
  });
  const updatedGroup = z.strictObject({ ...group.shape, changed });
  meta.add(updatedGroup, {
    id: "UpdatedGroup",
    description: "A group after an update, and the names of the fields that changed.",
  });
  const siteLink = z.strictObject({ group_id: positiveId, site_id: positiveId });
  meta.add(siteLink, { id: "SiteLink", description: "A site in a group." });
  const childLink = z.strictObject({ group_id: positiveId, child_group_id: positiveId });
  meta.add(childLink, { id: "ChildLink", description: "A group (`child_group_id`) in another (`group_id`)." });

  const dataOf = (type: (typeof EVENT_TYPES)[number]): z.ZodMiniType => {
    const [entity, what] = type.split(".") as [string, string];
    if (what.startsWith("site_")) return siteLink;
    if (what.startsWith("child_")) return childLink;
    if (what === "updated") return entity === "site" ? updatedSite : updatedGroup;
    return entity === "site" ? site : group;
  };
  const id = z.string().check(z.regex(/^[0-9a-f]{32}$/));
  meta.add(id, {
    description: "Unique; the same change always has the same id, so a consumer deduplicates by it.",
    examples: ["5f0c6a3e9d2b4c7e8a1f0b3d6e9c2a71"],
  });
  const source = z.string().check(z.regex(/^sites-and-groups\/.+$/));
  meta.add(source, { description: "`sites-and-groups/<stage>`.", examples: ["sites-and-groups/prod"] });
  const members = EVENT_TYPES.map((type) => {
    const schema = z.strictObject({
      specversion: z.literal("1.0"),
      id,
      source,
      type: z.literal(type),
      time: timestamp,
      subject: z.string().check(z.regex(type.startsWith("site.") ? /^sites\/[1-9][0-9]*$/ : /^groups\/[1-9][0-9]*$/)),
      datacontenttype: z.literal("application/json"),
      data: dataOf(type),
    });
    meta.add(schema, { id: eventComponent(type), description: EVENT_DOCS[type] });
    return schema;
  });
  const event = z.discriminatedUnion("type", members as never);
  meta.add(event, {
    id: "Event",
    description:
      "A change event, in the CloudEvents 1.0 JSON format: `id` is unique (deduplicate by it), `source` is `sites-and-groups/<stage>`, `subject` the path of the site or group it is about, `time` when it was recorded (a fraction of a second after the write).",
    discriminator: {
      propertyName: "type",
      mapping: Object.fromEntries(EVENT_TYPES.map((t) => [t, SCHEMA_REF(eventComponent(t))])),
    },
  });
  return event;
}

/** `POST /sites/batch`'s body (the items as site bodies) and its answer: a result per item. */
function batchSchemas(meta: z.core.$ZodRegistry<Meta>, siteCreate: z.ZodMiniType, site: z.ZodMiniType): void {
  meta.add(batchSchema(siteCreate), {
    id: "SiteBatch",
    description: `1–${MAX_BATCH_ITEMS} new sites, each what \`POST /sites\` takes. Any other member, or another number of items, is a 400 for the whole batch; a bad item is only that item's 400 result.`,
  });
  const index = z.int().check(z.gte(0), z.lt(MAX_BATCH_ITEMS));
  const created = z.strictObject({ index, status: z.literal(201), site, etag: z.string() });
  meta.add(created, {
    id: "SiteBatchCreated",
    description:
      "An item created (or replayed from its key's record): the site and its `ETag`, as `POST /sites` answers them.",
  });
  const failed = z.strictObject({ index, status: z.int().check(z.gte(400), z.lte(599)), problem: problemSchema });
  meta.add(failed, {
    id: "SiteBatchFailed",
    description: "An item not created: the status and problem+json body `POST /sites` would have answered for it.",
  });
  const count = z.int().check(z.gte(0), z.lte(MAX_BATCH_ITEMS));
  meta.add(
    z.strictObject({
      results: z.array(z.union([created, failed])).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
      created: count,
      failed: count,
    }),
    {
      id: "SiteBatchAnswer",
      description:
        "One result per item, in the items' order (`index` is the item's); `created` counts the 201 results, `failed` the others.",
    },
  );
}

/**
 * Every component schema of the document, from the registry's countries: a new country module
 * adds its `Site_xx` and `SiteCreate_xx` schemas and its fields to `SitePatch` with no change here.
 */
export function openApiSchemas(registry: CountryRegistry = createRegistry()): Record<string, JsonSchema> {
  const meta = z.registry<Meta>();
  const codes = registry.all.map((c) => c.code);

  meta.add(nameSchema, {
    minLength: 1,
    maxLength: NAME_MAX_LENGTH,
    pattern: "^[^\\u0000-\\u001F\\u007F]*$",
    examples: ["Lyon Solar Park"],
  });
  meta.add(commonSiteFields.installation_date, {
    format: "date",
    pattern: "^\\d{4}-\\d{2}-\\d{2}$",
    examples: ["2024-05-04"],
  });
  meta.add(idList, { uniqueItems: true });
  meta.add(timestamp, { examples: ["2024-05-04T09:30:00.000Z"] });
  meta.add(fieldErrorSchema, {
    id: "FieldError",
    description: "One bad field: `path` names it (dotted; empty for the body as a whole).",
  });
  meta.add(problemSchema, {
    id: "Problem",
    description:
      "An RFC 9457 problem with a stable `code`. `request_id` is the API Gateway request id, present on every problem; a 500 holds it and never a stack trace. `errors[]` lists at most 20 problems; when there were more, `errors_omitted` says how many were left out (and the detail names the first 20). `outcome`, on every 500 and 503, says whether the write may have applied: `not_applied` only when the server knows nothing was committed (a read, a request refused before anything was sent, a failed condition, throttling), else `unknown`, and the detail says what to do (a keyed `POST`: retry with the same `Idempotency-Key`; a `PATCH` or `DELETE`: read the resource, then repeat with `If-Match`; a link `PUT`/`DELETE`: repeat it).",
  });

  const countryFields = (code: string) =>
    Object.fromEntries(Object.entries(registry.get(code)?.fields ?? {}).map(([name, f]) => [name, f.schema]));

  // Request bodies: the very schemas that validate them.
  const creates = registry.all.map((country) => {
    const schema = siteCreateSchema(country);
    meta.add(schema, {
      id: `SiteCreate_${country.code}`,
      description: `A new \`${country.code}\` site. Unknown fields, and fields of another country, are refused (400).`,
    });
    return schema;
  });
  const sitePatch = sitePatchSchema(registry);
  meta.add(sitePatch, {
    id: "SitePatch",
    description:
      "A partial update: the fields present replace the stored ones, and the merged site is validated as a whole. `country` may appear only with the site's own value; a field of another country is refused (400). `{}` changes nothing and returns the site as it is.",
  });

  // Representations: the same field schemas, plus what the server adds.
  const sites = codes.map((code) => {
    const schema = z.strictObject({
      id: positiveId,
      country: z.literal(code),
      ...commonSiteFields,
      ...countryFields(code),
      group_ids: idList,
      created_at: timestamp,
      updated_at: timestamp,
    });
    meta.add(schema, {
      id: `Site_${code}`,
      description: `A \`${code}\` site: the common fields and its country's own, nothing of other countries.`,
    });
    return schema;
  });
  const mapping = (prefix: string) => Object.fromEntries(codes.map((code) => [code, SCHEMA_REF(`${prefix}_${code}`)]));
  const union = <T extends z.ZodMiniType>(members: T[]) =>
    members.length === 1 ? (members[0] as T) : z.discriminatedUnion("country", members as never);

  const siteCreate = union(creates);
  meta.add(siteCreate, {
    id: "SiteCreate",
    description: `A new site; its shape depends on \`country\` (${codes.join(", ")}).`,
    discriminator: { propertyName: "country", mapping: mapping("SiteCreate") },
  });
  const site = union(sites);
  meta.add(site, {
    id: "Site",
    description: `A site; its fields depend on \`country\` (${codes.join(", ")}).`,
    discriminator: { propertyName: "country", mapping: mapping("Site") },
  });

  batchSchemas(meta, siteCreate, site);

  const groupShape = createGroupSchema.shape;
  const group = z.strictObject({
    id: positiveId,
    name: groupShape.name,
    type: z.enum(GROUP_TYPES),
    site_ids: idList,
    child_group_ids: idList,
    parent_group_ids: idList,
    created_at: timestamp,
    updated_at: timestamp,
  });
  meta.add(group, { id: "Group", description: "A group of sites and of other groups." });
  meta.add(createGroupSchema, {
    id: "GroupCreate",
    description: "A new group. Unknown fields, and the read-only ones, are refused (400).",
  });
  meta.add(patchGroupSchema, {
    id: "GroupPatch",
    description:
      "A partial update: the fields present replace the stored ones (`site_ids` and `child_group_ids` are the new sets); the merged group is validated as a whole.",
  });

  const page = (item: z.ZodMiniType, id: string, what: string) =>
    meta.add(z.strictObject({ items: z.array(item).check(z.maxLength(MAX_LIMIT)), next_cursor: z.nullable(cursor) }), {
      id,
      description: `A page of ${what}.`,
    });
  page(site, "SitePage", "sites");
  page(group, "GroupPage", "groups");
  page(eventSchemas(meta, codes, sites, site, group), "EventPage", "change events, oldest first");

  const generated = z.toJSONSchema(meta, {
    metadata: meta,
    target: "draft-2020-12",
    uri: (id) => SCHEMA_REF(id),
  }) as { schemas: Record<string, JsonSchema> };

  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(generated.schemas)) {
    // each is a component of one document, not a standalone schema resource
    const { $schema: _, $id: __, ...rest } = schema;
    if (name !== "Problem" && name !== "FieldError" && !name.endsWith("Event")) describeProperties(rest, registry);
    schemas[name] = rest;
  }
  return { ...schemas, ...hierarchySchemas(registry) };
}
