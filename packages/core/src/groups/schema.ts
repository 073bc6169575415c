import * as z from "zod/mini";
import { validationFailed } from "../errors/domain.ts";
import { idList, nameSchema, parseOrThrow, readOnlyFields } from "../validation/fields.ts";
import { GROUP_TYPES, type GroupValues } from "./group.ts";

const groupFields = {
  name: nameSchema,
  type: z.enum(GROUP_TYPES),
  site_ids: z.optional(idList),
  child_group_ids: z.optional(idList),
};

export const createGroupSchema = z.strictObject(groupFields);
export const patchGroupSchema = z.strictObject({
  name: z.optional(groupFields.name),
  type: z.optional(groupFields.type),
  site_ids: groupFields.site_ids,
  child_group_ids: groupFields.child_group_ids,
});

const explain = readOnlyFields(["id", "parent_group_ids", "created_at", "updated_at"]);

function requireObject(body: unknown) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw validationFailed([{ path: "", message: "the body must be a JSON object" }]);
  }
  return body;
}

export function parseGroupCreate(body: unknown): GroupValues {
  const parsed = parseOrThrow(createGroupSchema, requireObject(body), explain);
  return {
    name: parsed.name,
    type: parsed.type,
    site_ids: [...(parsed.site_ids ?? [])].sort((a, b) => a - b),
    child_group_ids: [...(parsed.child_group_ids ?? [])].sort((a, b) => a - b),
  };
}

export type GroupPatch = Partial<GroupValues>;

export function parseGroupPatch(body: unknown): GroupPatch {
  const parsed = parseOrThrow(patchGroupSchema, requireObject(body), explain);
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as GroupPatch;
}
