export { type Context, type ContextOptions, createContext } from "./context.ts";
export type { Claim, Country, CountryField } from "./countries/country.ts";
export { type CountryRegistry, countries, createRegistry } from "./countries/registry.ts";
export { isCalendarDate, weekday } from "./dates.ts";
export { createDocumentClient } from "./db/client.ts";
export { asUnavailable } from "./db/errors.ts";
export {
  DomainError,
  type ErrorCode,
  type FieldError,
  type KnownErrorCode,
  ServiceUnavailableError,
  validationFailed,
} from "./errors.ts";
export { type Group, type GroupRepresentation, representGroup } from "./groups/group.ts";
export type { Page } from "./lists/spec.ts";
export { representSite, type Site, type SiteRepresentation, type SiteValues } from "./sites/site.ts";
export { createTableInput, tableDefinition } from "./table.ts";
