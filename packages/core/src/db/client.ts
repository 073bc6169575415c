import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { environment } from "../environment.ts";

export interface ClientOptions {
  /** DynamoDB Local, LocalStack, or undefined for AWS. */
  endpoint?: string;
  region?: string;
}

/**
 * The document client every service uses. Pointing at a local endpoint needs some credentials
 * and a region; DynamoDB Local accepts any.
 */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {};
  const region = options.region ?? environment.region;
  if (region) config.region = region;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.region ??= "us-east-1";
    if (!environment.hasCredentials) config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
