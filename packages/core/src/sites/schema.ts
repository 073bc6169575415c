import * as z from "zod/mini";
import type { Country } from "../countries/country.ts";
import type { CountryRegistry } from "../countries/registry.ts";
import { type FieldError, validationFailed } from "../errors/domain.ts";
import { isCalendarDate } from "../validation/dates.ts";
import {
  idList,
  nameSchema,
  PARSE_PARAMS,
  readOnlyFields,
  storableNumber,
  toFieldErrors,
} from "../validation/fields.ts";
import { type Site, type SiteValues, writableFields } from "./site.ts";

const calendarDate = z.string().check(z.refine(isCalendarDate, "not a calendar date (YYYY-MM-DD)"));
const power = storableNumber().check(z.gte(0));

/** The fields every site has, whatever its country. */
export const commonSiteFields = {
  name: nameSchema,
  installation_date: calendarDate,
  max_power_megawatt: power,
  min_power_megawatt: power,
};

const COMMON_KEYS = new Set(["country", ...Object.keys(commonSiteFields), "group_ids"]);

/** The body of `POST /sites` for one country: the common fields and the country's own, nothing else. */
export function siteCreateSchema(country: Country) {
  return z.strictObject({
    country: z.literal(country.code),
    ...commonSiteFields,
    ...Object.fromEntries(Object.entries(country.fields).map(([name, f]) => [name, f.schema])),
    group_ids: z.optional(idList),
  });
}

/**
 * The body of `PATCH /sites/{id}`, before the stored site is known: every field optional, every
 * country's fields allowed (which belong to the site's country is checked in `merge`).
 */
export function sitePatchSchema(registry: CountryRegistry) {
  const codes = registry.all.map((c) => c.code) as [string, ...string[]];
  return z.strictObject({
    country: z.optional(z.enum(codes)),
    ...Object.fromEntries(Object.entries(commonSiteFields).map(([name, s]) => [name, z.optional(s)])),
    ...Object.fromEntries(
      registry.all.flatMap((c) => Object.entries(c.fields).map(([name, f]) => [name, z.optional(f.schema)])),
    ),
    group_ids: z.optional(idList),
  });
}

/** A PATCH body, shape-checked: what is present replaces the stored value. */
export type SitePatch = Partial<Omit<SiteValues, "details">> & { details: Record<string, unknown> };

export interface SiteSchemas {
  /** Every bad field of a POST body at once, or the validated values. */
  parseCreate(body: unknown): SiteValues;
  /** Shape of a PATCH body: known fields, right types. Country-specific checks need the stored site. */
  parsePatch(body: unknown): SitePatch;
  /** The stored site with the patch applied, validated as a whole. */
  merge(site: Site, patch: SitePatch): SiteValues;
}

/** The body as an object, or the 400 that says it must be one. */
function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw validationFailed([{ path: "", message: "the body must be a JSON object" }]);
  }
  return body as Record<string, unknown>;
}

/** The refusal of a minimum power above the maximum. */
function powerOrder(values: Record<string, unknown>): FieldError[] {
  const { min_power_megawatt: min, max_power_megawatt: max } = values;
  if (typeof min === "number" && typeof max === "number" && min > max) {
    return [{ path: "min_power_megawatt", message: `must be at most max_power_megawatt (${max})` }];
  }
  return [];
}

/** The common fields of validated values, and the country's own in `details`. */
function split(values: Record<string, unknown>): SiteValues {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!COMMON_KEYS.has(key) && value !== undefined) details[key] = value;
  }
  return {
    country: values.country as string,
    name: values.name as string,
    installation_date: values.installation_date as string,
    max_power_megawatt: values.max_power_megawatt as number,
    min_power_megawatt: values.min_power_megawatt as number,
    group_ids: [...((values.group_ids as number[] | undefined) ?? [])].sort((a, b) => a - b),
    details,
  };
}

export function createSiteSchemas(registry: CountryRegistry): SiteSchemas {
  const codes = registry.all.map((c) => c.code);
  const countryFields = Object.fromEntries(
    registry.all.flatMap((c) => Object.entries(c.fields).map(([name, field]) => [name, field.schema])),
  );

  const explainUnknown = (country?: string) =>
    readOnlyFields(["id", "created_at", "updated_at"], (key) => {
      const owner = registry.ownerOf(key);
      if (owner && owner.code !== country) return `only ${owner.code} sites have this field`;
      return undefined;
    });

  const createByCountry = new Map(registry.all.map((country) => [country.code, siteCreateSchema(country)]));
  // Used when `country` itself is wrong, so the other fields are still all reported.
  const anyCountry = z.strictObject({
    country: z.optional(z.unknown()),
    ...commonSiteFields,
    ...Object.fromEntries(Object.entries(countryFields).map(([name, s]) => [name, z.optional(s)])),
    group_ids: z.optional(idList),
  });
  const patchSchema = sitePatchSchema(registry);

  function validateWhole(body: Record<string, unknown>): SiteValues {
    const country = typeof body.country === "string" ? body.country : undefined;
    const schema = country === undefined ? undefined : createByCountry.get(country);
    if (!schema) {
      const result = anyCountry.safeParse(body, PARSE_PARAMS);
      const errors = result.success ? [] : toFieldErrors(result.error.issues, explainUnknown());
      errors.unshift({
        path: "country",
        message: body.country === undefined ? "required" : `must be one of: ${codes.join(", ")}`,
      });
      throw validationFailed([...errors, ...powerOrder(body)]);
    }
    const result = schema.safeParse(body, PARSE_PARAMS);
    const errors = result.success ? [] : toFieldErrors(result.error.issues, explainUnknown(country));
    errors.push(...powerOrder(result.success ? result.data : body));
    if (errors.length > 0 || !result.success) throw validationFailed(errors);
    return split(result.data);
  }

  return {
    parseCreate: (body) => validateWhole(requireObject(body)),

    parsePatch(body) {
      const result = patchSchema.safeParse(requireObject(body), PARSE_PARAMS);
      if (!result.success) throw validationFailed(toFieldErrors(result.error.issues, explainUnknown()));
      const { details, ...common } = split(result.data);
      const present = Object.fromEntries(
        Object.entries(common).filter(([key]) => (result.data as Record<string, unknown>)[key] !== undefined),
      );
      return { ...present, details } as SitePatch;
    },

    merge(site, patch) {
      const errors: FieldError[] = [];
      if (patch.country !== undefined && patch.country !== site.country) {
        errors.push({ path: "country", message: `cannot change (the site is ${site.country})` });
      }
      for (const key of Object.keys(patch.details)) {
        const owner = registry.ownerOf(key);
        if (owner && owner.code !== site.country) {
          errors.push({ path: key, message: `only ${owner.code} sites have this field` });
        }
      }
      if (errors.length > 0) throw validationFailed(errors);
      const { details, ...common } = patch;
      return validateWhole({ ...writableFields(site), ...common, ...details });
    },
  };
}
