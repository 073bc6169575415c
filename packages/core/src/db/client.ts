import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { checkDeadline, DeadlineExceededError, remainingMs } from "../runtime/deadline.ts";
import { environment } from "../runtime/environment.ts";

export interface ClientOptions {
  /** DynamoDB Local, LocalStack, or undefined for AWS. */
  endpoint?: string;
  region?: string;
}

/**
 * Time limits of every DynamoDB call, well inside the functions' 10 s timeout (infra/lib/stage.ts):
 * a connection is given 1 s, an answer 2 s, and a call at most 3 tries (the SDK retries
 * timeouts, throttling and 5xx with its own backoff). On top of these, no call outlives the
 * deadline of the request it serves (deadline.ts): a call is not started once it is spent, and
 * a call still waiting then is answered as a 503.
 */
const CONNECTION_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
export const MAX_ATTEMPTS = 3;

const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"]);

/** Not started after the deadline, and not waited for beyond it. */
function deadlineMiddleware(client: DynamoDBClient) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, "");
      const what = `DynamoDB ${name}`;
      checkDeadline(what);
      const left = remainingMs();
      if (!Number.isFinite(left)) return next(args);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineExceededError(what, WRITES.has(name))), left);
      });
      try {
        return await Promise.race([next(args), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    { step: "initialize", name: "requestDeadline", priority: "high" },
  );
}

/**
 * The document client every service uses. Pointing at a local endpoint needs some credentials
 * and a region; DynamoDB Local accepts any.
 */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {
    maxAttempts: MAX_ATTEMPTS,
    // the options of the SDK's NodeHttpHandler, which it builds from them
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // else the handler only logs a warning and goes on waiting
      throwOnRequestTimeout: true,
    },
  };
  const region = options.region ?? environment.region;
  if (region) config.region = region;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.region ??= "us-east-1";
    if (!environment.hasCredentials) config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  const client = new DynamoDBClient(config);
  deadlineMiddleware(client);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
