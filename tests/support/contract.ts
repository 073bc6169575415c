/**
 * The OpenAPI document as a test oracle: every response the HTTP suites receive is checked
 * against the document's description of that path, method and status (schema with ajv's JSON
 * Schema 2020-12 dialect, media type, required headers), so the docs cannot drift from the
 * behaviour. A request no operation matches must be the contract's 404 NOT_FOUND problem.
 */
import { isCalendarDate } from "@sites-groups/core";
import type { OpenApiDocument, ResponseObject } from "@sites-groups/openapi";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { servedDocument } from "./openapi-document.ts";

export interface ObservedResponse {
  method: string;
  /** The request path, query included. */
  path: string;
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text of any other body, or undefined when empty. */
  body: unknown;
}

export class ContractViolation extends Error {
  override readonly name = "ContractViolation";
}

interface Operation {
  template: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, ResponseObject>;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DOCUMENT_ID = "https://sites-and-groups.local/openapi.json";

/** A JSON pointer into the document, as a URI fragment. */
function pointer(...segments: string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/")}`;
}

export class Contract {
  readonly document: OpenApiDocument;
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument = servedDocument()) {
    this.document = document;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    this.ajv.addFormat("date", isCalendarDate);
    this.ajv.addFormat("date-time", (value: string) => RFC3339.test(value) && !Number.isNaN(Date.parse(value)));
    // OpenAPI's integer formats, held to their ranges (an id is at most 2^53 - 1 here)
    this.ajv.addFormat("int32", {
      type: "number",
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
    });
    this.ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.operations = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        template,
        method: method.toUpperCase(),
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}/?$`),
        responses: operation.responses,
      })),
    );
  }

  /** The validator of one schema of the document, by its location. */
  private validator(...segments: string[]): ValidateFunction {
    const ref = `${DOCUMENT_ID}${pointer(...segments)}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /** The ajv errors of `value` against the schema at this location of the document ([] when valid). */
  errorsAt(value: unknown, ...segments: string[]): string[] {
    const validate = this.validator(...segments);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(value)"} ${e.message}`);
  }

  private validate(where: string, body: unknown, segments: string[]): void {
    const validate = this.validator(...segments);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((e) => `  ${e.instancePath || "(body)"} ${e.message}`).join("\n");
      throw new ContractViolation(
        `${where}: the body does not match the OpenAPI schema at ${pointer(...segments)}\n${errors}\nbody: ${JSON.stringify(body).slice(0, 1000)}`,
      );
    }
  }

  operationFor(method: string, path: string): Operation | undefined {
    const pathname = path.split("?")[0] as string;
    return this.operations.find((op) => op.method === method.toUpperCase() && op.pattern.test(pathname));
  }

  /** Throws a ContractViolation naming what differs from the document. */
  check(response: ObservedResponse): void {
    const where = `${response.method} ${response.path} → ${response.status}`;
    const operation = this.operationFor(response.method, response.path);
    if (!operation) {
      if (response.status !== 404) throw new ContractViolation(`${where}: no such operation, so a 404 was expected`);
      this.validate(where, response.body, ["components", "schemas", "Problem"]);
      if ((response.body as { code?: unknown }).code !== "NOT_FOUND") {
        throw new ContractViolation(`${where}: an unknown route answers the NOT_FOUND code`);
      }
      return;
    }
    const status = String(response.status);
    const documented = operation.responses[status];
    if (!documented) {
      throw new ContractViolation(
        `${where}: status ${status} is not documented for ${operation.method} ${operation.template} (documented: ${Object.keys(operation.responses).join(", ")})\nbody: ${JSON.stringify(response.body).slice(0, 500)}`,
      );
    }
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !response.headers.has(name)) {
        throw new ContractViolation(`${where}: the documented header ${name} is missing`);
      }
    }
    if (!documented.content) {
      if (response.body !== undefined && response.body !== "") {
        throw new ContractViolation(`${where}: documented without a body, but one came back`);
      }
      return;
    }
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!Object.hasOwn(documented.content, mediaType)) {
      throw new ContractViolation(
        `${where}: content-type ${mediaType || "(none)"} is not documented (documented: ${Object.keys(documented.content).join(", ")})`,
      );
    }
    if (mediaType.endsWith("json")) {
      const method = operation.method.toLowerCase();
      this.validate(where, response.body, [
        "paths",
        operation.template,
        method,
        "responses",
        status,
        "content",
        mediaType,
        "schema",
      ]);
    }
  }
}

let shared: Contract | undefined;

/** One contract per test file (each file has its own module graph). */
export function contract(): Contract {
  shared ??= new Contract();
  return shared;
}
