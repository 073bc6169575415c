/**
 * Following `GET /events` of an API, as `pnpm events` and `pnpm bench:events` do: the events
 * already listed, then the new ones, by polling with `after=<the last id seen>` and following
 * `next_cursor` within each poll.
 */
import type { CloudEvent } from "@sites-groups/core";

/** The filters of `GET /events` (API.md "Events"). */
export interface EventFilter {
  types?: string[];
  typePrefix?: string;
  subject?: string;
}

/** A 4xx/5xx answer of the API, with its problem's title and detail. */
class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(problemText(status, problem));
  }
}

function problemText(status: number, problem: unknown): string {
  if (!problem || typeof problem !== "object") return `${status}: ${String(problem ?? "no body")}`;
  const { title, detail, errors } = problem as {
    title?: string;
    detail?: string;
    errors?: { path?: string; message?: string }[];
  };
  // a validation problem's detail repeats its errors: one line each instead
  if (errors && errors.length > 0) {
    return [`${status} ${title ?? ""}:`, ...errors.map((e) => `  ${e.path ?? ""}: ${e.message ?? ""}`)].join("\n");
  }
  return `${status} ${title ?? ""}${detail ? `: ${detail}` : ""}`;
}

export interface EventReader {
  /** One page of `GET /events` with these filters, after an event or from a cursor. */
  page(options: { after?: string; cursor?: string; limit?: number }): Promise<{
    items: CloudEvent[];
    next_cursor: string | null;
  }>;
  /** Every event listed after `after` (or all of them), following the cursors. */
  since(after: string | undefined): Promise<CloudEvent[]>;
}

export function eventReader(
  api: string,
  filter: EventFilter = {},
  authorization?: () => Promise<string | undefined>,
): EventReader {
  const base = new URL("events", api.endsWith("/") ? api : `${api}/`);
  async function page(options: { after?: string; cursor?: string; limit?: number }) {
    const url = new URL(base);
    const query = url.searchParams;
    query.set("limit", String(options.limit ?? 100));
    if (options.cursor) query.set("cursor", options.cursor);
    else if (options.after) query.set("after", options.after);
    if (filter.types?.length === 1) query.set("type", filter.types[0] as string);
    else if (filter.types && filter.types.length > 1) query.set("type__in", filter.types.join(","));
    if (filter.typePrefix !== undefined) query.set("type__startswith", filter.typePrefix);
    if (filter.subject !== undefined) query.set("subject", filter.subject);
    const token = await authorization?.();
    let response: Response;
    try {
      response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`Cannot reach ${api}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: shown as text
    }
    if (!response.ok) throw new ApiProblem(response.status, body);
    return body as { items: CloudEvent[]; next_cursor: string | null };
  }
  return {
    page,
    async since(after) {
      const all: CloudEvent[] = [];
      let answer = await page({ ...(after ? { after } : {}) });
      for (;;) {
        all.push(...answer.items);
        if (!answer.next_cursor) return all;
        answer = await page({ cursor: answer.next_cursor });
      }
    },
  };
}

const text = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** A few words on an event's data: the name of a site or group, the ids of a link, what changed. */
export function summary(event: CloudEvent): string {
  const data = event.data as Record<string, unknown>;
  if ("child_group_id" in data) return `group ${data.group_id} ⊃ group ${data.child_group_id}`;
  if ("site_id" in data && "group_id" in data) return `group ${data.group_id} ∋ site ${data.site_id}`;
  const kind = event.type.startsWith("site.") ? data.country : data.type;
  const parts = [`${text(data.name)}${kind === undefined ? "" : ` (${kind})`}`];
  if (Array.isArray(data.changed)) parts.push(`changed: ${data.changed.join(", ")}`);
  return parts.join("  ");
}

/** One line for a terminal: time, type, subject, summary. */
export function eventLine(event: CloudEvent): string {
  return `${event.time}  ${event.type.padEnd(19)}  ${event.subject.padEnd(10)}  ${summary(event)}`;
}
