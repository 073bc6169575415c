import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { powertoolsSettings } from "./environment.ts";

const settings = powertoolsSettings();

/** Structured JSON logs; the middleware adds the Lambda and API Gateway request ids. */
export const logger = new Logger({ serviceName: settings.serviceName, logLevel: settings.logLevel });

/**
 * Business metrics in CloudWatch's embedded metric format (one JSON line per invocation that
 * has one), namespace `POWERTOOLS_METRICS_NAMESPACE`, with the stage as a dimension.
 */
export const metrics = new Metrics({
  namespace: settings.namespace,
  serviceName: settings.serviceName,
  defaultDimensions: { stage: settings.stage },
});
