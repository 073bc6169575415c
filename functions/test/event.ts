import type { APIGatewayProxyEvent, Context } from "aws-lambda";

/** A REST API proxy event as API Gateway sends it, for calling a handler directly. */
export function proxyEvent(
  method: string,
  resource: string,
  options: {
    path?: string;
    pathParameters?: Record<string, string>;
    body?: unknown;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEvent {
  const path = options.path ?? resource;
  return {
    resource,
    path,
    httpMethod: method,
    headers: { "content-type": "application/json" },
    multiValueHeaders: { "content-type": ["application/json"] },
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      requestId: "req-test-1",
      stage: "test",
      httpMethod: method,
      path,
      resourcePath: resource,
    } as APIGatewayProxyEvent["requestContext"],
  };
}

export const lambdaContext = {
  awsRequestId: "lambda-test-1",
  functionName: "test",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:test",
  memoryLimitInMB: "256",
  logGroupName: "/aws/lambda/test",
  logStreamName: "test",
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;
