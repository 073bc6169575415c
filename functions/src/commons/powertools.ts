import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";

/** Structured JSON logs; the middleware adds the Lambda and API Gateway request ids. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "sites-and-groups",
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? "INFO") as "INFO",
});

// Outside Lambda (tests, pnpm dev) there is no CloudWatch to read the metric lines from stdout:
// off unless POWERTOOLS_METRICS_DISABLED=false asks for them.
process.env.POWERTOOLS_METRICS_DISABLED ??= process.env.AWS_LAMBDA_FUNCTION_NAME ? "false" : "true";

/**
 * Business metrics in CloudWatch's embedded metric format (one JSON line per invocation that
 * has one), namespace `POWERTOOLS_METRICS_NAMESPACE`, with the stage as a dimension.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "SitesAndGroups",
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "sites-and-groups",
  defaultDimensions: { stage: process.env.STAGE ?? "local" },
});
