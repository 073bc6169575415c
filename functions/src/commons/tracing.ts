import { Tracer } from "@aws-lambda-powertools/tracer";
import { powertoolsSettings } from "./environment.ts";

/**
 * X-Ray traces (Powertools Tracer): a subsegment per invocation (the middleware in http.ts) and
 * one per DynamoDB call (the client is captured in context.ts). It records only inside Lambda
 * with active tracing: outside Lambda (tests, `pnpm dev`, the bundle probes) there is no
 * AWS_EXECUTION_ENV and Powertools turns it off, and POWERTOOLS_TRACE_ENABLED=false turns it off
 * where the stack has no X-Ray (LocalStack).
 */
export const tracer = new Tracer({ serviceName: powertoolsSettings().serviceName });
