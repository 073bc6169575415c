/**
 * `ETag`, `If-Match` and `If-None-Match` of sites and groups (API.md "Concurrent edits"). The
 * entity tag is the item's `version`, quoted (a strong tag): every write of the item and every
 * link or unlink at either end increments it (packages/core/src/records/edges.ts, record.ts).
 */
import { type IfMatch, validationFailed } from "@sites-groups/core";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { header } from "./headers.ts";

export const etagOf = (version: number): string => `"${version}"`;

/** The response with the item's ETag. */
export function withETag(response: APIGatewayProxyResult, version: number): APIGatewayProxyResult {
  return { ...response, headers: { ...response.headers, etag: etagOf(version) } };
}

interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** `*`, or the entity tags of an RFC 9110 list (`"3", W/"4"`); a malformed list is a 400 naming the header. */
function entityTags(name: string, value: string): "*" | EntityTag[] {
  if (value.trim() === "*") return "*";
  const tags: EntityTag[] = [];
  const element = /\s*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?\s*(,|$)/y;
  while (element.lastIndex < value.length) {
    const match = element.exec(value);
    if (!match) {
      throw validationFailed([{ path: name, message: 'must be "*" or a list of entity tags such as "3"' }]);
    }
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
    if (match[3] === "") break;
  }
  if (tags.length === 0) {
    throw validationFailed([{ path: name, message: 'must be "*" or a list of entity tags such as "3"' }]);
  }
  return tags;
}

/** The version an entity tag of ours names; undefined for a tag this API never sent. */
function versionOf(tag: EntityTag): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(tag.opaque) ? Number(tag.opaque) : undefined;
}

/**
 * The `If-Match` of a PATCH or DELETE, as the versions it names (strong comparison: a weak tag
 * never matches), or undefined without the header.
 */
export function ifMatch(event: APIGatewayProxyEvent): IfMatch | undefined {
  const value = header(event, "If-Match");
  if (value === undefined) return undefined;
  const tags = entityTags("If-Match", value);
  if (tags === "*") return "*";
  return tags.flatMap((tag) => {
    const version = tag.weak ? undefined : versionOf(tag);
    return version === undefined ? [] : [version];
  });
}

/** The version an ETag of ours names (`"3"`), or undefined. */
function versionOfETag(etag: string): number | undefined {
  const match = /^"(.*)"$/.exec(etag);
  return match ? versionOf({ weak: false, opaque: match[1] as string }) : undefined;
}

/**
 * The answer to a GET of a route that honours `If-None-Match`: a 304 (no body, the ETag) when the
 * header names the answer's ETag (weak comparison, RFC 9110) or is `*`; else the answer itself.
 */
export function notModified(event: APIGatewayProxyEvent, response: APIGatewayProxyResult): APIGatewayProxyResult {
  const value = header(event, "If-None-Match");
  const etag = response.headers?.etag;
  if (value === undefined || response.statusCode !== 200 || typeof etag !== "string") return response;
  const tags = entityTags("If-None-Match", value);
  const version = versionOfETag(etag);
  const matches = tags === "*" || (version !== undefined && tags.some((tag) => versionOf(tag) === version));
  return matches ? { statusCode: 304, headers: { etag }, body: "" } : response;
}
