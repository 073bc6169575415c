import { startDynamoDbLocal } from "@sites-groups/local/dynamodb-local";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** Starts DynamoDB Local once per run (or uses DYNAMODB_ENDPOINT) and hands its URL to every file. */
export default async function setup(project: TestProject) {
  const external = process.env.DYNAMODB_ENDPOINT;
  const running = external ? undefined : await startDynamoDbLocal();
  project.provide("dynamodbEndpoint", external ?? (running?.endpoint as string));
  return async () => {
    await running?.stop();
  };
}
