/**
 * The stack as CloudFormation will receive it, for both stages: every manifest route, the table
 * of the shared definition, least-privilege roles, the API's protections and the alarms.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createTableInput, tableDefinition } from "@sites-groups/core";
import { type RouteDefinition, routes, WRITE_ACTIONS } from "@sites-groups/functions/routes";
import { App, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiStack } from "../lib/api-stack.ts";
import { GATEWAY_PROBLEMS, problemTemplate } from "../lib/gateway-responses.ts";
import { stageConfig } from "../lib/stage.ts";
import { logicalIdOf, type Synthesized, synthesize } from "./synth.ts";

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  // Synthesis runs cdk-nag: it throws on any finding that is not acknowledged.
  dev = synthesize({ stage: "dev" });
  prod = synthesize({ stage: "prod", alarmEmail: "ops@example.com", corsOrigins: "https://app.example.com" });
}, 180_000);

const resources = (s: Synthesized, type: string) => s.template.findResources(type) as Record<string, Resource>;
const only = (s: Synthesized, type: string): Resource => {
  const found = Object.values(resources(s, type));
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** The DynamoDB statements of a function's role: action → resources (as they resolve). */
function dynamoStatementsOf(s: Synthesized, route: RouteDefinition) {
  const fn = s.stack.functions.get(route.name)!;
  const roleId = s.stack.getLogicalId(fn.role!.node.defaultChild as never);
  const statements = Object.values(resources(s, "AWS::IAM::Policy"))
    .filter((policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: any }[]);
  const managed = resources(s, "AWS::IAM::Role")[roleId]?.Properties.ManagedPolicyArns;
  expect(managed, `${route.name} has no managed policy`).toBeUndefined();
  return statements
    .map((st) => ({ actions: [st.Action].flat(), resources: [st.Resource].flat().map((r) => JSON.stringify(r)) }))
    .filter((st) => st.actions.some((a) => a.startsWith("dynamodb:")));
}

describe.each(["dev", "prod"] as const)("the %s stage", (stage) => {
  const s = () => (stage === "dev" ? dev : prod);

  it("names every resource after the stage", () => {
    expect(s().stack.stackName).toBe(`${stage}-sites-and-groups`);
    expect(only(s(), "AWS::DynamoDB::Table").Properties.TableName).toBe(`${stage}-sites-and-groups`);
    expect(only(s(), "AWS::ApiGateway::RestApi").Properties.Name).toBe(`${stage}-sites-and-groups-api`);
    for (const fn of Object.values(resources(s(), "AWS::Lambda::Function"))) {
      expect(fn.Properties.FunctionName).toMatch(new RegExp(`^${stage}-sites-and-groups-`));
    }
    for (const group of Object.values(resources(s(), "AWS::Logs::LogGroup"))) {
      expect(group.Properties.LogGroupName).toContain(`${stage}-sites-and-groups`);
    }
  });

  it("has one function per manifest route, nodejs24.x on arm64, with the table name and log retention", () => {
    const functions = resources(s(), "AWS::Lambda::Function");
    expect(Object.keys(functions)).toHaveLength(routes.length);
    for (const route of routes) {
      const fn = functions[logicalIdOf(s().stack, s().stack.functions.get(route.name)!)]!;
      expect(fn.Properties).toMatchObject({
        FunctionName: `${stage}-sites-and-groups-${route.name}`,
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        MemorySize: s().config.memoryMb,
      });
      const env = fn.Properties.Environment.Variables;
      if (!(route as RouteDefinition).table) expect(env.TABLE_NAME).toBeUndefined();
      else expect(env.TABLE_NAME).toEqual({ Ref: s().stack.getLogicalId(s().stack.table.node.defaultChild as never) });
      const logGroup = resources(s(), "AWS::Logs::LogGroup")[fn.Properties.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Properties.RetentionInDays).toBe(stage === "prod" ? 90 : 7);
    }
  });

  it("bundles each function from its own handler module", () => {
    const handlers = new Set(routes.map((r) => `functions/src/${r.handler}.ts`));
    for (const route of routes) {
      const fn = s().stack.functions.get(route.name)!;
      const map = JSON.parse(
        readFileSync(path.join(s().bundleDir(logicalIdOf(s().stack, fn)), "index.mjs.map"), "utf8"),
      );
      const bundled = (map.sources as string[])
        .map((source) => source.replace(/\\/g, "/"))
        .map((source) => source.slice(source.indexOf("functions/src/")))
        .filter((source) => handlers.has(source));
      expect(bundled, route.name).toEqual([`functions/src/${route.handler}.ts`]);
    }
  });

  it("routes every manifest entry, method and path, to its own function", () => {
    const methods = Object.values(resources(s(), "AWS::ApiGateway::Method")).filter(
      (m) => m.Properties.HttpMethod !== "OPTIONS",
    );
    expect(methods).toHaveLength(routes.length);
    for (const route of routes) {
      const fnId = logicalIdOf(s().stack, s().stack.functions.get(route.name)!);
      const resourceId = s().stack.getLogicalId(
        s().stack.api.root.resourceForPath(route.path).node.defaultChild as never,
      );
      const method = methods.find((m) => m.Properties.OperationName === route.name)!;
      expect(method, route.name).toBeDefined();
      expect(method.Properties.HttpMethod).toBe(route.method);
      expect(method.Properties.ResourceId).toEqual({ Ref: resourceId });
      expect(method.Properties.Integration.Type).toBe("AWS_PROXY");
      expect(JSON.stringify(method.Properties.Integration.Uri)).toContain(`"${fnId}"`);
      expect(method.Properties.RequestValidatorId).toBeDefined();
      for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
        expect(method.Properties.RequestParameters[`method.request.path.${name}`]).toBe(true);
      }
    }
  });

  it("creates the table of the shared definition: keys, attributes, indexes, on demand", () => {
    const table = only(s(), "AWS::DynamoDB::Table").Properties;
    const expected = createTableInput(`${stage}-sites-and-groups`);
    expect(table.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.KeySchema).toEqual(expected.KeySchema);
    expect([...table.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
      [...expected.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName)),
    );
    expect(table.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(table.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(
      Object.keys(tableDefinition.indexes),
    );
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it("gives each function exactly the DynamoDB actions of its route; read routes cannot write", () => {
    const tableId = s().stack.getLogicalId(s().stack.table.node.defaultChild as never);
    const tableArn = JSON.stringify({ "Fn::GetAtt": [tableId, "Arn"] });
    const indexArn = (index: string) =>
      JSON.stringify({ "Fn::Join": ["", [{ "Fn::GetAtt": [tableId, "Arn"] }, `/index/${index}`]] });
    for (const route of routes) {
      const statements = dynamoStatementsOf(s(), route);
      const access = (route as RouteDefinition).table;
      const onTable = statements.filter((st) => st.resources.includes(tableArn)).flatMap((st) => st.actions);
      const onIndexes = statements.filter((st) => !st.resources.includes(tableArn));
      expect(onTable.sort(), route.name).toEqual((access?.actions ?? []).map((a) => `dynamodb:${a}`).sort());
      expect(onIndexes.flatMap((st) => st.actions).every((a) => a === "dynamodb:Query")).toBe(true);
      expect(onIndexes.flatMap((st) => st.resources).sort(), route.name).toEqual(
        (access?.indexes ?? []).map(indexArn).sort(),
      );
      for (const st of statements)
        expect(
          st.resources.every((r) => !r.includes("*")),
          route.name,
        ).toBe(true);
      if (route.method === "GET") {
        const writes = statements
          .flatMap((st) => st.actions)
          .filter((a) => WRITE_ACTIONS.some((w) => a === `dynamodb:${w}`));
        expect(writes, `${route.name} is a read route`).toEqual([]);
      }
    }
  });

  it("generates the cursor secret at deploy; only the list functions read it, by its ARN", () => {
    const secret = only(s(), "AWS::SecretsManager::Secret");
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secret.Properties.SecretString).toBeUndefined();
    const secretId = s().stack.getLogicalId(s().stack.cursorSecret.node.defaultChild as never);
    for (const route of routes) {
      const fn = s().stack.functions.get(route.name)!;
      const fnId = s().stack.getLogicalId(fn.node.defaultChild as never);
      const env = resources(s(), "AWS::Lambda::Function")[fnId]?.Properties.Environment?.Variables ?? {};
      const roleId = s().stack.getLogicalId(fn.role!.node.defaultChild as never);
      const reads = Object.values(resources(s(), "AWS::IAM::Policy"))
        .filter((policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap(
          (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: any }[],
        )
        .filter((st) => [st.Action].flat().includes("secretsmanager:GetSecretValue"));
      const lists = route.name === "ListSites" || route.name === "ListGroups";
      expect(env.CURSOR_SECRET_ARN, route.name).toEqual(lists ? { Ref: secretId } : undefined);
      expect(
        reads.map((st) => st.Resource),
        route.name,
      ).toEqual(lists ? [{ Ref: secretId }] : []);
    }
  });

  it("throttles the stage, logs access and errors, and outputs the API URL", () => {
    const apiStage = only(s(), "AWS::ApiGateway::Stage").Properties;
    expect(apiStage.StageName).toBe(stage);
    expect(apiStage.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: "*",
        ResourcePath: "/*",
        LoggingLevel: "ERROR",
        DataTraceEnabled: false,
        MetricsEnabled: true,
        ThrottlingRateLimit: s().config.throttle.rateLimit,
        ThrottlingBurstLimit: s().config.throttle.burstLimit,
      }),
    ]);
    expect(apiStage.AccessLogSetting.DestinationArn).toBeDefined();
    expect(JSON.parse(apiStage.AccessLogSetting.Format)).toMatchObject({ requestId: "$context.requestId" });
    expect(only(s(), "AWS::ApiGateway::RestApi").Properties.EndpointConfiguration.Types).toEqual(["REGIONAL"]);
    expect(only(s(), "AWS::ApiGateway::RequestValidator").Properties.ValidateRequestParameters).toBe(true);
    s().template.hasOutput("ApiUrl", {});
  });

  it("answers API Gateway's own errors with the contract's problem+json; an unknown route is a 404", () => {
    const responses = Object.values(resources(s(), "AWS::ApiGateway::GatewayResponse")).map((r) => r.Properties);
    const missing = responses.find((r) => r.ResponseType === "MISSING_AUTHENTICATION_TOKEN")!;
    expect(missing.StatusCode).toBe("404");
    expect(missing.ResponseParameters["gatewayresponse.header.Content-Type"]).toBe("'application/problem+json'");
    expect(responses.map((r) => r.ResponseType).sort()).toEqual(
      GATEWAY_PROBLEMS.map((p) => p.type.responseType).sort(),
    );
    for (const response of responses) {
      const template: string = response.ResponseTemplates["application/json"];
      // what API Gateway sends once it has filled in its variables
      const body = JSON.parse(
        template
          .replace("$context.error.messageString", JSON.stringify("Missing Authentication Token"))
          .replace("$context.requestId", "c0ffee"),
      );
      expect(body).toMatchObject({ type: "about:blank", status: Number(response.StatusCode), request_id: "c0ffee" });
      expect(body.code).toMatch(/^[A-Z_]+$/);
    }
    expect(JSON.parse(problemTemplate(GATEWAY_PROBLEMS[0]!).replace("$context.requestId", "x"))).toEqual({
      type: "about:blank",
      title: "Not found",
      status: 404,
      code: "NOT_FOUND",
      detail: "no route matches this method and path",
      request_id: "x",
    });
  });

  it("alarms on the 5xx rate, throttles and p99 latency", () => {
    const alarms = Object.values(resources(s(), "AWS::CloudWatch::Alarm")).map((a) => a.Properties);
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(
      [
        `${stage}-sites-and-groups-5xx-rate`,
        `${stage}-sites-and-groups-latency-p99`,
        `${stage}-sites-and-groups-throttles`,
      ].sort(),
    );
    const byName = (suffix: string) => alarms.find((a) => a.AlarmName.endsWith(suffix))!;
    expect(byName("5xx-rate")).toMatchObject({ MetricName: "5XXError", Statistic: "Average", Threshold: 0.05 });
    expect(byName("latency-p99")).toMatchObject({ MetricName: "Latency", ExtendedStatistic: "p99" });
    const throttles = byName("throttles");
    expect(throttles.Metrics.length).toBeLessThanOrEqual(11); // at most 10 metrics and the expression
    const metricNames = throttles.Metrics.filter((m: any) => m.MetricStat).map(
      (m: any) => m.MetricStat.Metric.MetricName,
    );
    expect(new Set(metricNames)).toEqual(new Set(["ReadThrottleEvents", "WriteThrottleEvents", "Throttles"]));
  });
});

describe("what differs between the stages", () => {
  it("prod keeps its table: deletion protection and RETAIN; dev can be destroyed", () => {
    const table = (s: Synthesized) => Object.values(s.template.findResources("AWS::DynamoDB::Table"))[0] as Resource;
    expect(table(prod).Properties.DeletionProtectionEnabled).toBe(true);
    expect(table(prod).DeletionPolicy).toBe("Retain");
    expect(table(prod).UpdateReplacePolicy).toBe("Retain");
    expect(table(dev).Properties.DeletionProtectionEnabled).toBe(false);
    expect(table(dev).DeletionPolicy).toBe("Delete");
  });

  it("sends alarms to an email topic only when one is configured", () => {
    expect(resources(dev, "AWS::SNS::Topic")).toEqual({});
    prod.template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.com" });
    for (const alarm of Object.values(resources(prod, "AWS::CloudWatch::Alarm"))) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
  });

  it("answers CORS preflights only for configured origins", () => {
    const options = (s: Synthesized) =>
      Object.values(resources(s, "AWS::ApiGateway::Method")).filter((m) => m.Properties.HttpMethod === "OPTIONS");
    expect(options(dev)).toHaveLength(0);
    expect(options(prod).length).toBeGreaterThan(0);
    prod.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ CORS_ORIGINS: "https://app.example.com" }) },
    });
  });
});

describe("routes that touch no table", () => {
  it("get no DynamoDB permission and no table name", () => {
    const app = new App();
    const docs: RouteDefinition = {
      method: "GET",
      path: "/about",
      handler: "sites/get",
      scope: "public",
      name: "About",
      docs: {
        tag: "Documentation",
        summary: "About",
        description: "About.",
        success: { status: 200, description: "" },
        errors: [],
      },
    };
    const stack = new ApiStack(app, "none-test", { config: stageConfig(() => undefined), routes: [docs] });
    const template = Template.fromStack(stack);
    const policies = JSON.stringify(template.findResources("AWS::IAM::Policy"));
    expect(policies).not.toContain("dynamodb:");
    const fn = Object.values(template.findResources("AWS::Lambda::Function"))[0] as Resource;
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeUndefined();
  });

  it("refuses a GET route whose table access lists a write action", () => {
    const [get] = routes.filter((route) => route.name === "GetSite");
    const writing: RouteDefinition = { ...get!, table: { actions: ["GetItem", "PutItem"], indexes: [] } };
    expect(
      () => new ApiStack(new App(), "write-test", { config: stageConfig(() => undefined), routes: [writing] }),
    ).toThrow(/GET route/);
  });
});

describe("cdk-nag", () => {
  it("fails synthesis on a finding nobody acknowledged", () => {
    const app = new App();
    const stack = new Stack(app, "bare");
    new dynamodb.Table(stack, "Table", { partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });

  it("acknowledges each accepted finding with a reason", () => {
    const acknowledged = dev.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    expect(acknowledged.map((a) => /AwsSolutions-[A-Z]+\d+/.exec(a.id)?.[0]).sort()).toEqual(
      [
        "AwsSolutions-APIG3",
        "AwsSolutions-APIG4",
        "AwsSolutions-COG4",
        "AwsSolutions-IAM4",
        "AwsSolutions-SMG4",
      ].sort(),
    );
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });
});
