/**
 * What a real DynamoDB engine cannot be made to do on demand (throttle, report transaction
 * conflicts, drop a connection) still ends in a clean problem response. The DocumentClient is
 * mocked; everything above it (handler, middy stack, service, ElectroDB) is the real code.
 */
import { ProvisionedThroughputExceededException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixedFrenchSite } from "../../tests/support/fixtures.ts";
import { lambdaContext, proxyEvent } from "./event.ts";

const dynamodb = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  process.env.TABLE_NAME = "faults";
  process.env.AWS_REGION = "eu-west-3";
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
});
afterEach(() => dynamodb.reset());

const frenchSite = fixedFrenchSite({ installation_date: "2024-05-01" });

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: "Transaction cancelled",
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

async function call(route: string, event: ReturnType<typeof proxyEvent>) {
  const { handler } = await import(`../src/sites/${route}.ts`);
  const response = await handler(event, lambdaContext);
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
}

const create = () => call("create", proxyEvent("POST", "/sites", { body: frenchSite }));
const get = () => call("get", proxyEvent("GET", "/sites/{id}", { path: "/sites/7", pathParameters: { id: "7" } }));

describe("when DynamoDB throttles", () => {
  it("a read answers 503 SERVICE_UNAVAILABLE with Retry-After", async () => {
    dynamodb
      .on(GetCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));
    const response = await get();
    expect(response.statusCode).toBe(503);
    expect(response.headers?.["content-type"]).toBe("application/problem+json");
    expect(Number(response.headers?.["retry-after"])).toBeGreaterThan(0);
    expect(response.json).toMatchObject({
      status: 503,
      code: "SERVICE_UNAVAILABLE",
      request_id: "req-test-1",
      outcome: "not_applied",
    });
  });

  it("a transaction cancelled for throttling answers 503 after our retries, and wrote nothing", async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { value: 3 } });
    dynamodb.on(TransactWriteCommand).rejects(cancelled("None", "ThrottlingError"));
    const response = await create();
    expect(response.statusCode).toBe(503);
    expect(response.json.code).toBe("SERVICE_UNAVAILABLE");
    // DynamoDB applies nothing of a cancelled transaction
    expect(response.json.outcome).toBe("not_applied");
    // every attempt was one whole transaction: the site and its lock together, never apart
    for (const transaction of dynamodb.commandCalls(TransactWriteCommand)) {
      expect(transaction.args[0].input.TransactItems).toHaveLength(2);
    }
  });
});

describe("when transactions keep conflicting", () => {
  it("retries, then answers 503 with Retry-After", async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { value: 3 } });
    dynamodb.on(TransactWriteCommand).rejects(cancelled("TransactionConflict", "None"));
    const response = await create();
    expect(response.statusCode).toBe(503);
    expect(response.headers?.["retry-after"]).toBeDefined();
    expect(response.json.outcome).toBe("not_applied");
    expect(dynamodb.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
  });

  it("succeeds when a retry goes through", async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { value: 3 } });
    dynamodb.on(TransactWriteCommand).rejectsOnce(cancelled("TransactionConflict", "None")).resolves({});
    const response = await create();
    expect(response.statusCode).toBe(201);
    expect(response.json.id).toBe(3);
  });
});

describe("when a write's answer never came", () => {
  it("answers 503 with an unknown outcome, saying a retry of this POST may create a second one", async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { value: 4 } });
    dynamodb.on(TransactWriteCommand).rejects(Object.assign(new Error("no answer in time"), { name: "TimeoutError" }));
    const response = await create();
    expect(response.statusCode).toBe(503);
    expect(response.json.outcome).toBe("unknown");
    expect(response.json.detail).toContain("a retry may create a second one");
  });
});

describe("when the day lock's condition fails", () => {
  it("answers 409 FRENCH_SITE_DAY_TAKEN naming the date and the site holding it", async () => {
    dynamodb.on(UpdateCommand).resolves({ Attributes: { value: 8 } });
    const lock = new TransactionCanceledException({
      message: "Transaction cancelled",
      $metadata: {},
      CancellationReasons: [
        { Code: "None" },
        {
          Code: "ConditionalCheckFailed",
          Item: {
            pk: { S: "claim#fr-day#2024-05-01" },
            sk: { S: "claim" },
            key: { S: "fr-day#2024-05-01" },
            site_id: { N: "7" },
            __edb_e__: { S: "claim" },
            __edb_v__: { S: "1" },
          },
        },
      ],
    });
    dynamodb.on(TransactWriteCommand).rejects(lock);
    const response = await create();
    expect(response.statusCode).toBe(409);
    expect(response.json.code).toBe("FRENCH_SITE_DAY_TAKEN");
    expect(response.json.detail).toContain("2024-05-01");
    expect(response.json.detail).toContain("site 7");
  });
});

describe("when something unexpected fails", () => {
  it("answers 500 INTERNAL with the request id and no stack trace", async () => {
    const fault = new Error("socket hang up");
    fault.name = "NetworkingError";
    dynamodb.on(GetCommand).rejects(fault);
    const response = await get();
    expect(response.statusCode).toBe(500);
    expect(response.headers?.["content-type"]).toBe("application/problem+json");
    // a stubbed client's error says nothing of what reached DynamoDB: the outcome is unknown
    expect(response.json).toMatchObject({
      status: 500,
      code: "INTERNAL",
      request_id: "req-test-1",
      outcome: "unknown",
    });
    expect(response.body).not.toContain("socket hang up");
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
