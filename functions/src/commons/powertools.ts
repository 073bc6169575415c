import { Logger } from "@aws-lambda-powertools/logger";

/** Structured JSON logs; the middleware adds the Lambda and API Gateway request ids. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "sites-and-groups",
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? "INFO") as "INFO",
});
