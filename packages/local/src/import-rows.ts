/**
 * The rows of a file for `pnpm import` (API.md "Many at once"), each a `POST /sites` body or the
 * reason it is none, checked against core's own schemas before anything is sent:
 * - CSV (`.csv`): a header row of field names, comma-separated (csv-parse: quotes, `""` inside
 *   them, CRLF), `.` as the decimal mark, an empty cell meaning the field is absent, `group_ids`
 *   separated by `;`. Numbers and ids are read as the API reads them in a query string (core's
 *   `readValue`); every other cell is a string, which the schema then judges (a date that is no
 *   calendar date, an unknown country).
 * - NDJSON (any other name): one JSON body per line, sent as it is.
 * Blank lines are skipped; a row is named by its line in the file (the header is line 1).
 */
import { readFile } from "node:fs/promises";
import {
  createSiteSchemas,
  DomainError,
  deployedRegistry,
  describeKind,
  type FieldError,
  hashOf,
  readValue,
  sharedItemsOf,
  siteListSpec,
} from "@sites-groups/core";
import { parse } from "csv-parse/sync";

/** A row of the file: its body, or why there is none (a 400 the API would have answered). */
export interface Row {
  line: number;
  body?: Record<string, unknown>;
  /** The body's canonical JSON hash: identical rows share it. */
  hash?: string;
  invalid?: string;
}

/** The separator of `group_ids` in a CSV cell. */
const ID_SEPARATOR = ";";

const registry = deployedRegistry();
const schemas = createSiteSchemas(registry);
const filters = siteListSpec(registry).filters;

/** A CSV cell as the field's JSON value: a number or id list parsed as the API would, else the text. */
function cellValue(column: string, cell: string): unknown {
  if (column === "group_ids") {
    return cell.split(ID_SEPARATOR).map((part) => {
      const id = readValue("id", part.trim());
      if (id === undefined) throw new Error(`${JSON.stringify(part)} is not ${describeKind("id")}`);
      return id;
    });
  }
  const kind = filters[column]?.kind;
  if (kind !== "number") return cell;
  const n = readValue(kind, cell.trim());
  if (n === undefined)
    throw new Error(`${JSON.stringify(cell)} is not ${describeKind(kind)}, with "." as the decimal mark`);
  return n;
}

/** `line 3, column name: must not be empty` — each field the schema refuses. */
const describeErrors = (place: string, errors: readonly FieldError[], what: string) =>
  errors.map((e) => `${place}, ${what} ${e.path.split(".")[0] || "(row)"}: ${e.message}`).join("; ");

/** The row with its body checked against the API's schemas. */
function checked(line: number, body: Record<string, unknown>, what: "column" | "field"): Row {
  try {
    schemas.parseCreate(body);
    return { line, body, hash: hashOf(body) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const detail = error.errors.length > 0 ? describeErrors(`line ${line}`, error.errors, what) : error.message;
    return { line, body, hash: hashOf(body), invalid: detail };
  }
}

function csvRows(text: string): Row[] {
  const records = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const [header, ...data] = records;
  if (!header) return [];
  const columns = header.record.map((name) => name.trim());
  const repeated = columns.find((name, i) => columns.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`line ${header.info.lines}: column ${repeated} appears twice`);
  return data.map(({ record, info }) => {
    const line = info.lines;
    if (record.length !== columns.length) {
      return { line, invalid: `line ${line}: ${record.length} cells, where the header names ${columns.length}` };
    }
    const body: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [i, column] of columns.entries()) {
      const cell = record[i] as string;
      if (cell === "") continue;
      try {
        body[column] = cellValue(column, cell);
      } catch (error) {
        problems.push(`line ${line}, column ${column}: ${(error as Error).message}`);
      }
    }
    return problems.length > 0
      ? { line, body, hash: hashOf(body), invalid: problems.join("; ") }
      : checked(line, body, "column");
  });
}

function ndjsonRows(text: string): Row[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return [];
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (error) {
      return [{ line, invalid: `line ${line}: malformed JSON: ${(error as Error).message}` }];
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return [{ line, invalid: `line ${line}: not a JSON object (a POST /sites body)` }];
    }
    return [checked(line, body as Record<string, unknown>, "field")];
  });
}

/** The rows of the file, CSV when its name ends in `.csv`, NDJSON otherwise. */
export async function readRows(file: string): Promise<Row[]> {
  const text = await readFile(file, "utf8");
  return /\.csv$/i.test(file) ? csvRows(text) : ndjsonRows(text);
}

/** What creating a row's site shares with other creates (core `sharedItemsOf`): its claims and groups. */
export function sharedItemsOfRow(row: Row): string[] {
  if (!row.body || row.invalid) return [];
  const values = schemas.parseCreate(row.body);
  const country = registry.get(values.country);
  return country ? sharedItemsOf(country, values) : [];
}
