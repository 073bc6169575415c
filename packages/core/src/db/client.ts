import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

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
  if (options.region ?? process.env.AWS_REGION) config.region = options.region ?? process.env.AWS_REGION;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.region ??= "us-east-1";
    if (!process.env.AWS_ACCESS_KEY_ID) config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
