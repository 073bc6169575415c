/**
 * The stacks as CloudFormation will receive them, for both stages: every manifest route, the table
 * of the shared definition (in the stateful stack, which the API stack reads through SSM
 * parameters), least-privilege roles, the API's protections and the alarms.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTableInput, rollupsTableDefinition, tableDefinition } from "@sites-groups/core";
import { type RouteDefinition, routes, WRITE_ACTIONS } from "@sites-groups/functions/routes";
import { App, Stack, Validations } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiStack } from "../lib/api-stack.ts";
import { GitHubOidcRoleStack } from "../lib/deploy-role-stack.ts";
import { GATEWAY_PROBLEMS, problemTemplate } from "../lib/gateway-responses.ts";
import { stageConfig } from "../lib/stage.ts";
import { NOT_MOVED } from "../lib/stateful-stack.ts";
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
  // ~70 s alone; in the full suite on two shared cores it has taken over 180 s, and over 360 s while
  // other suites loaded the machine (two esbuild runs of every bundle).
}, 900_000);

/** The resources of a type in the stage's two stacks. */
const resources = (s: Synthesized, type: string) =>
  Object.fromEntries(Object.entries(s.resources).filter(([, r]) => r.Type === type)) as Record<string, Resource>;
const only = (s: Synthesized, type: string): Resource => {
  const found = Object.values(resources(s, type));
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** The stage's main table and its rollups table (both in the stateful stack), by logical id. */
const tableOf = (s: Synthesized, which: "table" | "rollupsTable" = "table"): Resource =>
  resources(s, "AWS::DynamoDB::Table")[logicalIdOf(s.stateful, s.stateful[which])]!;

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
    expect(Object.keys(resources(s(), "AWS::DynamoDB::Table"))).toHaveLength(2);
    expect(tableOf(s()).Properties.TableName).toBe(`${stage}-sites-and-groups`);
    expect(tableOf(s(), "rollupsTable").Properties.TableName).toBe(`${stage}-sites-and-groups-rollups`);
    expect(only(s(), "AWS::ApiGateway::RestApi").Properties.Name).toBe(`${stage}-sites-and-groups-api`);
    for (const fn of Object.values(resources(s(), "AWS::Lambda::Function"))) {
      expect(fn.Properties.FunctionName).toMatch(new RegExp(`^${stage}-sites-and-groups-`));
    }
    const groups = Object.values(resources(s(), "AWS::Logs::LogGroup"));
    expect(groups).toHaveLength(routes.length + 3); // and the access logs, the two stream processors'
    for (const group of groups) {
      // a fixed name only on a group deleted with the stack: a kept one would block the next deploy
      if (group.DeletionPolicy === "Retain") expect(group.Properties.LogGroupName).toBeUndefined();
      else expect(group.Properties.LogGroupName).toContain(`${stage}-sites-and-groups`);
    }
  });

  it("has one function per manifest route, nodejs24.x on arm64, with the table name and log retention", () => {
    const functions = resources(s(), "AWS::Lambda::Function");
    // and the two stream processors, which are no routes (their own assertions: "change events" and
    // "the hierarchy" below)
    expect(Object.keys(functions)).toHaveLength(routes.length + 2);
    expect(Object.keys(functions)).toContain(logicalIdOf(s().stack, s().stack.events.processor));
    expect(Object.keys(functions)).toContain(logicalIdOf(s().stack, s().stack.rollups.processor));
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
      else expect(env.TABLE_NAME).toEqual(s().ref("tableName"));
      const logGroup = resources(s(), "AWS::Logs::LogGroup")[fn.Properties.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Properties.RetentionInDays).toBe(stage === "prod" ? 90 : 7);
    }
  });

  it("bundles each function from its own handler module", () => {
    const handlers = new Set(routes.map((r) => `functions/src/${r.handler}.ts`));
    for (const route of routes) {
      const fn = s().stack.functions.get(route.name)!;
      const dir = s().bundleDir(logicalIdOf(s().stack, fn));
      const env = resources(s(), "AWS::Lambda::Function")[logicalIdOf(s().stack, fn)]!.Properties.Environment.Variables;
      if (stage === "prod") {
        // no source map in prod, and no --enable-source-maps (init CPU): the map is dev's evidence
        expect(existsSync(path.join(dir, "index.mjs.map")), route.name).toBe(false);
        expect(env.NODE_OPTIONS, route.name).toBeUndefined();
        expect(readFileSync(path.join(dir, "index.mjs"), "utf8")).not.toContain("sourceMappingURL");
        continue;
      }
      expect(env.NODE_OPTIONS).toBe("--enable-source-maps");
      const map = JSON.parse(readFileSync(path.join(dir, "index.mjs.map"), "utf8"));
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
      // prod calls the function's `live` alias (gradual deploys), dev the function itself
      const alias = s().stack.aliases.get(route.name);
      expect(Boolean(alias), route.name).toBe(stage === "prod");
      const fnId = alias
        ? s().stack.getLogicalId(alias.node.defaultChild as never)
        : logicalIdOf(s().stack, s().stack.functions.get(route.name)!);
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
    const table = tableOf(s()).Properties;
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
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it("gives each function exactly the DynamoDB actions of its route; read routes cannot write", () => {
    // the table's ARN, from its name (a stateful stack parameter), this stack's account and region
    const tableArn = JSON.stringify(s().stack.resolve(s().stack.table.tableArn));
    expect(tableArn).toContain(JSON.stringify(s().ref("tableName")));
    const indexArn = (index: string) => JSON.stringify(s().stack.resolve(`${s().stack.table.tableArn}/index/${index}`));
    // the rollups table's, from its name (another parameter): read only, by the routes that say so
    const rollupsArn = JSON.stringify(s().stack.resolve(s().stack.rollupsTable.tableArn));
    expect(rollupsArn).toContain(JSON.stringify(s().ref("rollupsTableName")));
    const rollupsIndexArn = (index: string) =>
      JSON.stringify(s().stack.resolve(`${s().stack.rollupsTable.tableArn}/index/${index}`));
    const onRollupsTable = (st: { resources: string[] }) =>
      st.resources.some((r) => r.startsWith(rollupsArn.slice(0, -2)));
    for (const route of routes) {
      const all = dynamoStatementsOf(s(), route);
      const rollups = (route as RouteDefinition).rollups;
      const rollupsStatements = all.filter(
        (st) =>
          st.resources.includes(rollupsArn) ||
          st.resources.some((r) => (rollups?.indexes ?? []).map(rollupsIndexArn).includes(r)),
      );
      expect(
        rollupsStatements
          .filter((st) => st.resources.includes(rollupsArn))
          .flatMap((st) => st.actions)
          .sort(),
        route.name,
      ).toEqual((rollups?.actions ?? []).map((a) => `dynamodb:${a}`).sort());
      expect(
        rollupsStatements
          .filter((st) => !st.resources.includes(rollupsArn))
          .flatMap((st) => st.resources)
          .sort(),
        route.name,
      ).toEqual((rollups?.indexes ?? []).map(rollupsIndexArn).sort());
      const statements = all.filter((st) => !rollupsStatements.includes(st));
      expect(statements.some(onRollupsTable), route.name).toBe(false);
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
    // no fixed name: a deleted secret's name stays taken for its recovery window
    expect(secret.Properties.Name).toBeUndefined();
    const secretRef = s().ref("cursorSecretArn");
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
      const lists = ["ListSites", "ListGroups", "ListEvents"].includes(route.name);
      expect(env.CURSOR_SECRET_ARN, route.name).toEqual(lists ? secretRef : undefined);
      expect(
        reads.map((st) => st.Resource),
        route.name,
      ).toEqual(lists ? [secretRef] : []);
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
    expect(JSON.parse(apiStage.AccessLogSetting.Format)).toMatchObject({
      requestId: "$context.requestId",
      status: "$context.status",
      userAgent: "$context.identity.userAgent",
      integrationLatency: "$context.integrationLatency",
      responseLatency: "$context.responseLatency",
      errorMessage: "$context.error.message",
      errorType: "$context.error.responseType",
      integrationError: "$context.integrationErrorMessage",
    });
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

  it("sends the contract's headers on every Gateway Response, as on every other answer", () => {
    const responses = Object.values(resources(s(), "AWS::ApiGateway::GatewayResponse")).map((r) => r.Properties);
    expect(responses).toHaveLength(GATEWAY_PROBLEMS.length);
    for (const response of responses) {
      const headers = response.ResponseParameters as Record<string, string>;
      expect(headers, response.ResponseType).toMatchObject({
        "gatewayresponse.header.Content-Type": "'application/problem+json'",
        "gatewayresponse.header.X-Content-Type-Options": "'nosniff'",
        "gatewayresponse.header.Cache-Control": "'no-store'",
      });
      // a 401 names the scheme that would have worked; a 429 says when to try again
      if (response.StatusCode === "401") expect(headers["gatewayresponse.header.WWW-Authenticate"]).toBe("'Bearer'");
      if (response.StatusCode === "429") expect(headers["gatewayresponse.header.Retry-After"]).toBe("'1'");
      // prod allows one origin: its pages may read the problems too
      expect(headers["gatewayresponse.header.Access-Control-Allow-Origin"]).toBe(
        stage === "prod" ? "'https://app.example.com'" : undefined,
      );
    }
    expect(responses.filter((r) => r.StatusCode === "401").length).toBeGreaterThan(0);
    // API.md "Too many requests": the stage's throttling is a 429 TOO_MANY_REQUESTS, never a 503 or a 403
    const throttled = responses.find((r) => r.ResponseType === "THROTTLED");
    expect(throttled?.StatusCode).toBe("429");
    expect(JSON.parse(String(throttled?.ResponseTemplates?.["application/json"]))).toMatchObject({
      status: 429,
      code: "TOO_MANY_REQUESTS",
    });
    expect(responses.some((r) => r.StatusCode === "503")).toBe(false);
  });

  it("alarms on the 5xx rate, throttles, p99 latency, the table's system errors and each function's errors", () => {
    const alarms = Object.values(resources(s(), "AWS::CloudWatch::Alarm")).map((a) => a.Properties);
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(
      [
        `${stage}-sites-and-groups-5xx-rate`,
        `${stage}-sites-and-groups-latency-p99`,
        `${stage}-sites-and-groups-throttles`,
        `${stage}-sites-and-groups-table-system-errors`,
        ...routes.map((r) => `${stage}-sites-and-groups-${r.name}-errors`),
        ...(stage === "prod" ? routes.map((r) => `${stage}-sites-and-groups-${r.name}-p99`) : []),
        `${stage}-sites-and-groups-events-dlq`,
        `${stage}-sites-and-groups-events-iterator-age`,
        `${stage}-sites-and-groups-StreamProcessor-errors`,
        `${stage}-sites-and-groups-rollups-dlq`,
        `${stage}-sites-and-groups-rollups-iterator-age`,
        `${stage}-sites-and-groups-RollupsProcessor-errors`,
      ].sort(),
    );
    const byName = (suffix: string) => alarms.find((a) => a.AlarmName.endsWith(suffix))!;
    // every alarm reaches the topic, which exists with or without a subscription
    const topicId = s().stack.getLogicalId(s().stack.topic.node.defaultChild as never);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions, alarm.AlarmName).toEqual([{ Ref: topicId }]);
      // a math alarm reads at most 10 metrics
      expect((alarm.Metrics ?? []).length, alarm.AlarmName).toBeLessThanOrEqual(11);
    }
    const errors = byName("GetSite-errors");
    const read = errors.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
    expect(read.map((m: any) => m.MetricName).sort()).toEqual(["5XXError", "Errors"]);
    expect(read.find((m: any) => m.MetricName === "5XXError").Dimensions).toEqual(
      expect.arrayContaining([
        { Name: "Method", Value: "GET" },
        { Name: "Resource", Value: "/sites/{id}" },
        { Name: "Stage", Value: stage },
      ]),
    );
    const system = byName("table-system-errors");
    expect(
      new Set(system.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName)),
    ).toEqual(new Set(["SystemErrors"]));
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

describe.each(["dev", "prod"] as const)("the %s stage's change events (issue 13)", (stage) => {
  const s = () => (stage === "dev" ? dev : prod);
  const idOf = (construct: { node: { defaultChild?: unknown } }) => logicalIdOf(s().stack, construct);
  const statefulIdOf = (construct: { node: { defaultChild?: unknown } }) => logicalIdOf(s().stateful, construct);
  const streamArn = () => s().ref("tableStreamArn");
  const queueArn = () => s().ref("deadLettersArn");
  const busArn = () => s().ref("eventBusArn");
  /** A stream processor of the stack: the change events' or the hierarchy's. */
  type Consumer = ApiStack["events"] | ApiStack["rollups"];
  /** The dimensions of a processor's `live` alias, which its mapping invokes. */
  const liveAlias = (consumer: Consumer = s().stack.events) => [
    { Name: "FunctionName", Value: { Ref: idOf(consumer.processor) } },
    { Name: "Resource", Value: { "Fn::Join": ["", [{ Ref: idOf(consumer.processor) }, ":live"]] } },
  ];
  /** The event source mapping that invokes this alias. */
  const mappingOf = (live: Consumer["live"]) => {
    const found = Object.values(resources(s(), "AWS::Lambda::EventSourceMapping")).filter((m) =>
      JSON.stringify(m.Properties.FunctionName).includes(`{"Ref":"${idOf(live)}"}`),
    );
    expect(found).toHaveLength(1);
    return found[0]!.Properties;
  };
  /** A processor role's statements, each action alone: action → resources and condition. */
  const processorStatements = (consumer: Consumer = s().stack.events) => {
    const roleId = idOf(consumer.role);
    expect(resources(s(), "AWS::IAM::Role")[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    return Object.values(resources(s(), "AWS::IAM::Policy"))
      .filter((policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as any[])
      .flatMap((st) => {
        expect(st.Effect).toBe("Allow");
        return [st.Action].flat().map((action: string) => ({
          action,
          resources: [st.Resource].flat(),
          condition: st.Condition,
        }));
      });
  };

  it("streams both images of every changed item", () => {
    expect(tableOf(s()).Properties.StreamSpecification).toEqual({ StreamViewType: "NEW_AND_OLD_IMAGES" });
  });

  it("maps the stream to the processor's live alias: from the oldest record, 100 a batch, bisect, bounded retries and age, partial batch responses, one batch per shard at a time, the DLQ", () => {
    const mapping = mappingOf(s().stack.events.live);
    const { FilterCriteria, ...settings } = mapping;
    expect(JSON.stringify(mapping.FunctionName)).toContain(`{"Ref":"${idOf(s().stack.events.live)}"}`);
    expect(JSON.stringify(mapping.FunctionName)).toContain(":live");
    expect(settings).toEqual({
      EventSourceArn: streamArn(),
      FunctionName: s().stack.resolve(s().stack.events.live.functionName),
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: queueArn() } },
    });
    // only records whose pk starts with site# or group# invoke it (Lambda event filtering on the record)
    expect(FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(FilterCriteria.Filters[0].Pattern)).toEqual({
      dynamodb: { Keys: { pk: { S: [{ prefix: "site#" }, { prefix: "group#" }] } } },
    });
  });

  it("runs the processor from functions/src/events/process.ts, with its own log group, the table and the bus", () => {
    const processor = s().stack.events.processor;
    const fn = resources(s(), "AWS::Lambda::Function")[idOf(processor)]!.Properties;
    expect(fn).toMatchObject({
      FunctionName: `${stage}-sites-and-groups-StreamProcessor`,
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      Role: { "Fn::GetAtt": [idOf(s().stack.events.role), "Arn"] },
      TracingConfig: { Mode: "Active" },
    });
    // a burst of the routes cannot take the account's last executions from it (prod)
    expect(fn.ReservedConcurrentExecutions).toBe(stage === "prod" ? 10 : undefined);
    expect(fn.Environment.Variables).toMatchObject({
      TABLE_NAME: s().ref("tableName"),
      EVENT_BUS_NAME: s().ref("eventBusName"),
      STAGE: stage,
      POWERTOOLS_SERVICE_NAME: "sites-and-groups",
      POWERTOOLS_METRICS_NAMESPACE: "SitesAndGroups",
    });
    expect(fn.Environment.Variables.CURSOR_SECRET_ARN).toBeUndefined();
    const logGroup = resources(s(), "AWS::Logs::LogGroup")[fn.LoggingConfig.LogGroup.Ref]!;
    expect(logGroup.Properties.RetentionInDays).toBe(stage === "prod" ? 90 : 7);
    const routeLogGroups = routes.map(
      (route) =>
        resources(s(), "AWS::Lambda::Function")[logicalIdOf(s().stack, s().stack.functions.get(route.name)!)]!
          .Properties.LoggingConfig.LogGroup.Ref,
    );
    expect(routeLogGroups).not.toContain(fn.LoggingConfig.LogGroup.Ref);
    if (stage === "dev") {
      const map = JSON.parse(readFileSync(path.join(s().bundleDir(idOf(processor)), "index.mjs.map"), "utf8"));
      expect((map.sources as string[]).map((source) => source.replace(/\\/g, "/"))).toEqual(
        expect.arrayContaining([expect.stringMatching(/(^|\/)functions\/src\/events\/process\.ts$/)]),
      );
    }
  });

  it("grants the processor PutItem on event items only, PutEvents on the bus, the stream's reads and the DLQ", () => {
    const statements = processorStatements();
    const tableArn = s().stack.resolve(s().stack.table.tableArn);
    const logGroupArn = { "Fn::GetAtt": [idOf(s().stack.events.logGroup), "Arn"] };
    const expected = [
      { action: "logs:CreateLogStream", resources: [logGroupArn] },
      { action: "logs:PutLogEvents", resources: [logGroupArn] },
      {
        action: "dynamodb:PutItem",
        resources: [tableArn],
        condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["event#*"] } },
      },
      { action: "events:PutEvents", resources: [busArn()] },
      { action: "dynamodb:DescribeStream", resources: [streamArn()] },
      { action: "dynamodb:GetRecords", resources: [streamArn()] },
      { action: "dynamodb:GetShardIterator", resources: [streamArn()] },
      // an action without resource-level permission (acknowledged, IAM5)
      { action: "dynamodb:ListStreams", resources: ["*"] },
      { action: "sqs:SendMessage", resources: [queueArn()] },
      { action: "sqs:GetQueueAttributes", resources: [queueArn()] },
      { action: "sqs:GetQueueUrl", resources: [queueArn()] },
      // active tracing (both stages; not the LocalStack deploy)
      { action: "xray:PutTraceSegments", resources: ["*"] },
      { action: "xray:PutTelemetryRecords", resources: ["*"] },
    ];
    const key = (st: { action: string }) => st.action;
    expect([...statements].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.map((st) => ({ condition: undefined, ...st })).sort((a, b) => key(a).localeCompare(key(b))),
    );
    for (const { action } of statements) expect(action).not.toContain("*");
  });

  it("puts the events on the bus sites-and-groups-<stage>, archived for replay (a year in prod, a week in dev)", () => {
    expect(only(s(), "AWS::Events::EventBus").Properties.Name).toBe(`sites-and-groups-${stage}`);
    const archive = only(s(), "AWS::Events::Archive").Properties;
    expect(archive).toMatchObject({
      ArchiveName: `${stage}-sites-and-groups-events`,
      SourceArn: { "Fn::GetAtt": [statefulIdOf(s().stateful.events.bus), "Arn"] },
      EventPattern: { source: [`sites-and-groups/${stage}`] },
      RetentionDays: stage === "prod" ? 365 : 7,
    });
    // no empty KmsKeyIdentifier (aws/aws-cdk#37847): the archive uses the AWS owned key
    expect(Object.keys(archive)).not.toContain("KmsKeyIdentifier");
    s().template.hasOutput("EventBusName", { Value: s().ref("eventBusName") });
    s().template.hasOutput("EventBusArn", { Value: busArn() });
  });

  it("keeps what the processor gives up on in an encrypted, SSL-only queue for 14 days, and alarms on any message", () => {
    const queueId = statefulIdOf(s().stateful.events.deadLetters);
    const queue = resources(s(), "AWS::SQS::Queue")[queueId]!.Properties;
    // and the rollups processor's (below)
    expect(Object.keys(resources(s(), "AWS::SQS::Queue")).sort()).toEqual(
      [queueId, idOf(s().stack.rollups.deadLetters)].sort(),
    );
    expect(queue).toMatchObject({
      QueueName: `${stage}-sites-and-groups-events-dlq`,
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
    const policy = Object.values(resources(s(), "AWS::SQS::QueuePolicy")).find(
      (p) => p.Properties.Queues[0].Ref === queueId,
    )!.Properties;
    expect(policy.Queues).toEqual([{ Ref: queueId }]);
    expect(policy.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    s().template.hasOutput("EventsDeadLetterQueueUrl", { Value: s().ref("deadLettersUrl") });

    const topic = [{ Ref: logicalIdOf(s().stack, s().stack.topic) }];
    const alarm = (name: string) =>
      Object.values(resources(s(), "AWS::CloudWatch::Alarm")).find(
        (a) => a.Properties.AlarmName === `${stage}-sites-and-groups-${name}`,
      )!.Properties;
    expect(alarm("events-dlq")).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: s().ref("deadLettersName") }],
      Statistic: "Maximum",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      AlarmActions: topic,
      OKActions: topic,
    });
    const processor = liveAlias();
    expect(alarm("events-iterator-age")).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "IteratorAge",
      Dimensions: processor,
      Statistic: "Maximum",
      Threshold: 60_000,
      AlarmActions: topic,
    });
    expect(alarm("StreamProcessor-errors")).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: processor,
      Threshold: 1,
      AlarmActions: topic,
    });
  });

  it("synthesizes cdk-nag clean, acknowledging only the DLQ's SQS3 and the processor role's unscoped actions", () => {
    // synthesis (beforeAll) ran cdk-nag and throws on any finding nobody acknowledged
    const acknowledged = [...s().stack.events.node.findAll(), ...s().stateful.events.node.findAll()]
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.keys(m.data as Record<string, string>))
      .map((id) => id.slice(id.indexOf("AwsSolutions-")));
    expect(acknowledged.sort()).toEqual(["AwsSolutions-IAM5[Resource::*]", "AwsSolutions-SQS3"]);
  });

  describe("the hierarchy's processor (issue 21)", () => {
    const rollups = () => s().stack.rollups;
    const rollupsQueueArn = () => ({ "Fn::GetAtt": [idOf(rollups().deadLetters), "Arn"] });

    it("has a mapping of its own on the same stream, to its live alias: 100 a batch, bisect, 10 retries, records up to 6 hours old, one batch per shard, its own DLQ, the same filter", () => {
      const { FilterCriteria, ...settings } = mappingOf(rollups().live);
      expect(settings).toEqual({
        EventSourceArn: streamArn(),
        FunctionName: s().stack.resolve(rollups().live.functionName),
        StartingPosition: "TRIM_HORIZON",
        BatchSize: 100,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 6 * 3600,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        ParallelizationFactor: 1,
        DestinationConfig: { OnFailure: { Destination: rollupsQueueArn() } },
      });
      // the events' filter: its own writes go to the rollups table, which has no stream
      expect(FilterCriteria).toEqual(mappingOf(s().stack.events.live).FilterCriteria);
    });

    it("runs functions/src/rollups/process.ts with its own log group and role, 5 minutes a batch, the table's name and nothing of the events'", () => {
      const fn = resources(s(), "AWS::Lambda::Function")[idOf(rollups().processor)]!.Properties;
      expect(fn).toMatchObject({
        FunctionName: `${stage}-sites-and-groups-RollupsProcessor`,
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        Role: { "Fn::GetAtt": [idOf(rollups().role), "Arn"] },
        TracingConfig: { Mode: "Active" },
        Timeout: 300,
      });
      expect(fn.ReservedConcurrentExecutions).toBe(stage === "prod" ? 10 : undefined);
      // the rollups table's name follows from the table's (core db/table.ts rollupsTableName)
      expect(fn.Environment.Variables.TABLE_NAME).toEqual(s().ref("tableName"));
      expect(fn.Environment.Variables.EVENT_BUS_NAME).toBeUndefined();
      expect(fn.Environment.Variables.CURSOR_SECRET_ARN).toBeUndefined();
      const own = fn.LoggingConfig.LogGroup.Ref;
      expect(own).not.toBe(
        resources(s(), "AWS::Lambda::Function")[idOf(s().stack.events.processor)]!.Properties.LoggingConfig.LogGroup
          .Ref,
      );
      expect(resources(s(), "AWS::Logs::LogGroup")[own]!.Properties.RetentionInDays).toBe(stage === "prod" ? 90 : 7);
      const alias = resources(s(), "AWS::Lambda::Alias")[idOf(rollups().live)] as Resource & { UpdatePolicy?: unknown };
      expect(alias.Properties.Name).toBe("live");
      expect(alias.UpdatePolicy).toBeUndefined(); // never weighted, never a canary
    });

    it("reads only site and group items of the table, writes only rollup items of the rollups table, reads the stream and sends to its DLQ", () => {
      const logGroupArn = { "Fn::GetAtt": [idOf(rollups().logGroup), "Arn"] };
      const tableArn = s().stack.resolve(s().stack.table.tableArn);
      const rollupsArn = s().stack.resolve(s().stack.rollupsTable.tableArn);
      const leading = (prefixes: string[]) => ({ "ForAllValues:StringLike": { "dynamodb:LeadingKeys": prefixes } });
      const expected = [
        { action: "logs:CreateLogStream", resources: [logGroupArn] },
        { action: "logs:PutLogEvents", resources: [logGroupArn] },
        { action: "dynamodb:BatchGetItem", resources: [tableArn], condition: leading(["site#*", "group#*"]) },
        ...["BatchGetItem", "PutItem", "UpdateItem", "DeleteItem"].map((action) => ({
          action: `dynamodb:${action}`,
          resources: [rollupsArn],
          condition: leading(["rollup#*"]),
        })),
        { action: "dynamodb:DescribeStream", resources: [streamArn()] },
        { action: "dynamodb:GetRecords", resources: [streamArn()] },
        { action: "dynamodb:GetShardIterator", resources: [streamArn()] },
        { action: "dynamodb:ListStreams", resources: ["*"] },
        { action: "sqs:SendMessage", resources: [rollupsQueueArn()] },
        { action: "sqs:GetQueueAttributes", resources: [rollupsQueueArn()] },
        { action: "sqs:GetQueueUrl", resources: [rollupsQueueArn()] },
        { action: "xray:PutTraceSegments", resources: ["*"] },
        { action: "xray:PutTelemetryRecords", resources: ["*"] },
      ];
      const key = (st: { action: string; resources: unknown[] }) => st.action + JSON.stringify(st.resources);
      expect([...processorStatements(rollups())].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        expected.map((st) => ({ condition: undefined, ...st })).sort((a, b) => key(a).localeCompare(key(b))),
      );
    });

    it("maintains a rollups table of its own definition, without stream, that a destroy --all deletes and a move never imports", () => {
      const table = tableOf(s(), "rollupsTable") as Resource & { Metadata?: Record<string, unknown> };
      const expected = createTableInput(`${stage}-sites-and-groups-rollups`, rollupsTableDefinition);
      expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
      expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
      expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.Properties.StreamSpecification).toBeUndefined();
      expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "expiration", Enabled: true });
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      expect(table.DeletionPolicy).toBe("Delete");
      expect(Object.keys(table.Metadata ?? {})).toContain(NOT_MOVED);
      expect(s().stateful.node.tryFindChild("RollupsTable")).toBe(s().stateful.rollupsTable);
    });

    it("keeps what it gives up on 14 days in an encrypted, SSL-only queue of the API stack, alarms on it, its age and its errors", () => {
      const queue = resources(s(), "AWS::SQS::Queue")[idOf(rollups().deadLetters)]!.Properties;
      expect(queue).toMatchObject({
        QueueName: `${stage}-sites-and-groups-rollups-dlq`,
        MessageRetentionPeriod: 14 * 24 * 3600,
        SqsManagedSseEnabled: true,
      });
      const policy = Object.values(resources(s(), "AWS::SQS::QueuePolicy")).find(
        (p) => p.Properties.Queues[0].Ref === idOf(rollups().deadLetters),
      )!.Properties;
      expect(policy.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
      s().template.hasOutput("RollupsDeadLetterQueueUrl", { Value: { Ref: idOf(rollups().deadLetters) } });
      const topic = [{ Ref: logicalIdOf(s().stack, s().stack.topic) }];
      const alarm = (name: string) =>
        Object.values(resources(s(), "AWS::CloudWatch::Alarm")).find(
          (a) => a.Properties.AlarmName === `${stage}-sites-and-groups-${name}`,
        )!.Properties;
      expect(alarm("rollups-dlq")).toMatchObject({
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [idOf(rollups().deadLetters), "QueueName"] } }],
        Threshold: 1,
        AlarmActions: topic,
      });
      expect(alarm("rollups-iterator-age")).toMatchObject({
        MetricName: "IteratorAge",
        Dimensions: liveAlias(rollups()),
        Threshold: 60_000,
        AlarmActions: topic,
      });
      expect(alarm("RollupsProcessor-errors")).toMatchObject({
        MetricName: "Errors",
        Dimensions: liveAlias(rollups()),
        AlarmActions: topic,
      });
    });

    it("acknowledges only its DLQ's SQS3 and its role's unscoped actions", () => {
      const acknowledged = rollups()
        .node.findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
        .flatMap((m) => Object.keys(m.data as Record<string, string>))
        .map((id) => id.slice(id.indexOf("AwsSolutions-")));
      expect(acknowledged.sort()).toEqual(["AwsSolutions-IAM5[Resource::*]", "AwsSolutions-SQS3"]);
    });
  });
});

describe("what differs between the stages", () => {
  it("prod keeps its table: deletion protection and RETAIN; dev can be destroyed", () => {
    const table = (s: Synthesized) => tableOf(s);
    expect(table(prod).Properties.DeletionProtectionEnabled).toBe(true);
    expect(table(prod).DeletionPolicy).toBe("Retain");
    expect(table(prod).UpdateReplacePolicy).toBe("Retain");
    expect(table(dev).Properties.DeletionProtectionEnabled).toBe(false);
    expect(table(dev).DeletionPolicy).toBe("Delete");
  });

  it("always has the alarm topic; subscribes an email to it only when one is configured", () => {
    expect(Object.keys(resources(dev, "AWS::SNS::Topic"))).toHaveLength(1);
    expect(resources(dev, "AWS::SNS::Subscription")).toEqual({});
    prod.template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.com" });
    for (const alarm of Object.values(resources(prod, "AWS::CloudWatch::Alarm"))) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
    dev.template.hasOutput("AlarmTopicArn", {});
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
    // the route's own role (the stack's stream processor, no route, writes event items)
    const roleId = stack.getLogicalId(stack.functions.get("About")!.role!.node.defaultChild as never);
    const policies = JSON.stringify(
      Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
        policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
      ),
    );
    expect(policies).toContain("logs:PutLogEvents");
    expect(policies).not.toContain("dynamodb:");
    const fnId = stack.getLogicalId(stack.functions.get("About")!.node.defaultChild as never);
    const fn = template.findResources("AWS::Lambda::Function")[fnId] as Resource;
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
    const acknowledged = [...dev.stack.node.findAll(), ...dev.stateful.node.findAll()]
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    // APIG3: no web ACL in dev; APIG4/COG4: the public documentation methods only; COG8: no Plus plan.
    // IAM5: X-Ray's actions take no resource (one per function role), nor the stream processor's
    // dynamodb:ListStreams (each stream processor's); SNS2: the alarm topic; SQS3: the dead-letter
    // queues of the two stream processors are ones
    expect([...new Set(acknowledged.map((a) => /AwsSolutions-[A-Z]+\d+/.exec(a.id)?.[0]))].sort()).toEqual(
      [
        "AwsSolutions-APIG3",
        "AwsSolutions-APIG4",
        "AwsSolutions-COG4",
        "AwsSolutions-COG8",
        "AwsSolutions-IAM4",
        "AwsSolutions-IAM5",
        "AwsSolutions-SNS2",
        "AwsSolutions-SQS3",
        "AwsSolutions-SMG4",
      ].sort(),
    );
    // each function role's X-Ray wildcard, and no other IAM5
    const iam5 = acknowledged.filter((a) => a.id.includes("AwsSolutions-IAM5"));
    expect(iam5).toHaveLength(routes.length + 2);
    for (const { id } of iam5) expect(id).toMatch(/AwsSolutions-IAM5\[Resource::\*\]$/);
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });
});

describe("operating the stages (issue 12)", () => {
  it("prod: a live alias per function, shifted by a CodeDeploy canary that rolls back on the function's alarms", () => {
    const groups = Object.values(resources(prod, "AWS::CodeDeploy::DeploymentGroup")).map((g) => g.Properties);
    expect(groups).toHaveLength(routes.length);
    const aliases = resources(prod, "AWS::Lambda::Alias");
    for (const route of routes) {
      const alias = prod.stack.aliases.get(route.name)!;
      const aliasResource = aliases[prod.stack.getLogicalId(alias.node.defaultChild as never)] as Resource & {
        UpdatePolicy: any;
      };
      expect(aliasResource.Properties.Name).toBe("live");
      expect(aliasResource.Properties.FunctionName).toEqual({
        Ref: logicalIdOf(prod.stack, prod.stack.functions.get(route.name)!),
      });
      // CloudFormation hands each alias update to CodeDeploy, with this route's deployment group
      const groupRef = aliasResource.UpdatePolicy.CodeDeployLambdaAliasUpdate.DeploymentGroupName.Ref;
      const group = resources(prod, "AWS::CodeDeploy::DeploymentGroup")[groupRef]!.Properties;
      expect(group.DeploymentConfigName).toBe("CodeDeployDefault.LambdaCanary10Percent5Minutes");
      expect(group.AutoRollbackConfiguration).toEqual({
        Enabled: true,
        Events: expect.arrayContaining([
          "DEPLOYMENT_FAILURE",
          "DEPLOYMENT_STOP_ON_REQUEST",
          "DEPLOYMENT_STOP_ON_ALARM",
        ]),
      });
      const alarmIds = prod.stack.functionAlarms
        .get(route.name)!
        .map((a) => prod.stack.getLogicalId(a.node.defaultChild as never));
      expect(group.AlarmConfiguration.Enabled).toBe(true);
      expect(group.AlarmConfiguration.Alarms.map((a: { Name: { Ref: string } }) => a.Name.Ref).sort()).toEqual(
        alarmIds.sort(),
      );
      expect(alarmIds).toHaveLength(2); // errors and p99 duration
    }
  });

  it("dev: deploys all at once, without CodeDeploy; the stream processors' aliases are its only ones", () => {
    expect(Object.keys(resources(dev, "AWS::Lambda::Alias")).sort()).toEqual(
      [logicalIdOf(dev.stack, dev.stack.events.live), logicalIdOf(dev.stack, dev.stack.rollups.live)].sort(),
    );
    expect(resources(dev, "AWS::CodeDeploy::DeploymentGroup")).toEqual({});
    expect(resources(dev, "AWS::CodeDeploy::Application")).toEqual({});
  });

  it.each(["dev", "prod"] as const)(
    "%s: every version is kept when a deploy replaces it, so an alias can go back to it",
    (stage) => {
      const s = stage === "dev" ? dev : prod;
      const versions = Object.values(resources(s, "AWS::Lambda::Version"));
      // prod: one per route (its live alias) and the two processors'; dev: the processors'
      expect(versions).toHaveLength(stage === "prod" ? routes.length + 2 : 2);
      for (const version of versions) {
        expect(version.DeletionPolicy).toBe("Retain");
        expect(version.UpdateReplacePolicy).toBe("Retain");
      }
    },
  );

  it.each(["dev", "prod"] as const)(
    "%s: the stream processor's live alias moves at once, never weighted, and its alarms watch it",
    (stage) => {
      const s = stage === "dev" ? dev : prod;
      const events = s.stack.events;
      const alias = resources(s, "AWS::Lambda::Alias")[logicalIdOf(s.stack, events.live)] as Resource & {
        UpdatePolicy?: unknown;
      };
      const processorRef = { Ref: logicalIdOf(s.stack, events.processor) };
      const versions = Object.entries(resources(s, "AWS::Lambda::Version")).filter(
        ([, v]) => JSON.stringify(v.Properties.FunctionName) === JSON.stringify(processorRef),
      );
      expect(versions).toHaveLength(1);
      expect(alias.Properties).toEqual({
        Name: "live",
        FunctionName: processorRef,
        FunctionVersion: { "Fn::GetAtt": [versions[0]![0], "Version"] },
      });
      // no RoutingConfig (two versions side by side on the stream) and no CodeDeploy canary
      expect(alias.UpdatePolicy).toBeUndefined();
      const groups = Object.values(resources(s, "AWS::CodeDeploy::DeploymentGroup"));
      expect(JSON.stringify(groups)).not.toContain(logicalIdOf(s.stack, events.live));
      const watched = events.alarms.filter((a) => a.node.id !== "DeadLettersAlarm");
      expect(watched.map((a) => a.node.id).sort()).toEqual(["ErrorsAlarm", "IteratorAgeAlarm"]);
      for (const alarm of watched) {
        const dimensions = resources(s, "AWS::CloudWatch::Alarm")[logicalIdOf(s.stack, alarm)]!.Properties.Dimensions;
        expect(dimensions).toContainEqual({
          Name: "Resource",
          Value: { "Fn::Join": ["", [{ Ref: logicalIdOf(s.stack, events.processor) }, ":live"]] },
        });
      }
    },
  );

  it.each(["dev", "prod"] as const)("%s: X-Ray on every function and on the API stage", (stage) => {
    const s = stage === "dev" ? dev : prod;
    for (const fn of Object.values(resources(s, "AWS::Lambda::Function"))) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: "Active" });
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED).toBeUndefined();
    }
    expect(only(s, "AWS::ApiGateway::Stage").Properties.TracingEnabled).toBe(true);
  });

  it.each(["dev", "prod"] as const)(
    "%s: one dashboard with requests, codes, route latency, throttles, table, cold starts and change events",
    (stage) => {
      const s = stage === "dev" ? dev : prod;
      const dashboard = only(s, "AWS::CloudWatch::Dashboard").Properties;
      expect(dashboard.DashboardName).toBe(`${stage}-sites-and-groups`);
      const body = JSON.stringify(dashboard.DashboardBody);
      for (const title of [
        "Requests and errors answered",
        "Problem answers by code",
        "Latency p50 per route",
        "Latency p99 per route",
        "Throttles",
        "DynamoDB consumed capacity and errors",
        "Function errors",
        "Cold starts",
        "Change events: stream iterator age",
        "Change events: dead letters",
      ]) {
        expect(body, title).toContain(title);
      }
      for (const metric of [
        "ConsumedReadCapacityUnits",
        "ConsumedWriteCapacityUnits",
        "SystemErrors",
        "@initDuration",
        "IteratorAge",
        "ApproximateNumberOfMessagesVisible",
        "EventsStored",
        "PutEventsEntriesCount",
      ]) {
        expect(body, metric).toContain(metric);
      }
      expect(body).toContain('MetricName=\\\\\\"Refusals\\\\\\"');
    },
  );

  it.each(["dev", "prod"] as const)("%s: the API compresses answers of 1 KiB and more", (stage) => {
    const s = stage === "dev" ? dev : prod;
    expect(only(s, "AWS::ApiGateway::RestApi").Properties.MinimumCompressionSize).toBe(1024);
  });

  it("no log group with a fixed name outlives the stack: dev's are deleted, prod's kept under generated names", () => {
    for (const group of Object.values(resources(dev, "AWS::Logs::LogGroup"))) {
      expect(group.DeletionPolicy).toBe("Delete");
      expect(group.Properties.LogGroupName).toMatch(/^\/aws\/(lambda|apigateway)\/dev-sites-and-groups-/);
    }
    for (const group of Object.values(resources(prod, "AWS::Logs::LogGroup"))) {
      expect(group.DeletionPolicy).toBe("Retain");
      expect(group.Properties.LogGroupName).toBeUndefined();
    }
  });

  it("dev's destroy removes API Gateway's CloudWatch role; prod keeps it", () => {
    const role = (s: Synthesized) =>
      Object.values(resources(s, "AWS::IAM::Role")).find((r) =>
        JSON.stringify(r.Properties.ManagedPolicyArns ?? []).includes("AmazonAPIGatewayPushToCloudWatchLogs"),
      )!;
    expect(role(dev).DeletionPolicy).toBe("Delete");
    expect(role(prod).DeletionPolicy).toBe("Retain");
  });

  it("the LocalStack deploy (-c localstack=true -c access=open) creates nothing LocalStack free lacks: no X-Ray, dashboard, CodeDeploy, Cognito or event archive", () => {
    const config = stageConfig((key) => ({ stage: "prod", localstack: "true", access: "open" })[key]);
    expect(config).toMatchObject({ localstack: true, tracing: false, dashboard: false, gradualDeploy: false });
    // LocalStack's free edition has no Cognito: the LocalStack deploy must say open
    expect(() => stageConfig((key) => ({ stage: "dev", localstack: "true" })[key])).toThrow(/access=open/);
    const local = synthesize({ stage: "dev", localstack: "true", access: "open" });
    expect(resources(local, "AWS::Cognito::UserPool")).toEqual({});
    expect(resources(local, "AWS::CloudWatch::Dashboard")).toEqual({});
    expect(resources(local, "AWS::CodeDeploy::DeploymentGroup")).toEqual({});
    // the change events run there (stream, mapping, bus, queue), without the archive
    expect(resources(local, "AWS::Events::Archive")).toEqual({});
    expect(Object.keys(resources(local, "AWS::Events::EventBus"))).toHaveLength(1);
    // the change events' and the hierarchy's mappings
    expect(Object.keys(resources(local, "AWS::Lambda::EventSourceMapping"))).toHaveLength(2);
    expect(only(local, "AWS::ApiGateway::Stage").Properties.TracingEnabled).toBeFalsy();
    for (const fn of Object.values(resources(local, "AWS::Lambda::Function"))) {
      expect(fn.Properties.TracingConfig).toBeUndefined();
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED).toBe("false");
    }
    // the open stage: no authorizer on any method
    for (const method of Object.values(resources(local, "AWS::ApiGateway::Method"))) {
      expect(method.Properties.AuthorizationType ?? "NONE").toBe("NONE");
    }
  }, 180_000);
});

describe("the GitHub deploy role (OIDC)", () => {
  it("is in the app only when -c githubRepo names the repository", () => {
    expect(dev.assembly.stacks.map((s) => s.stackName).sort()).toEqual(
      ["dev-sites-and-groups", "dev-sites-and-groups-stateful"].sort(),
    );
    const withRole = synthesize({ stage: "dev", githubRepo: "octo-org/sites-and-groups" });
    expect(withRole.assembly.stacks.map((s) => s.stackName).sort()).toEqual(
      ["dev-sites-and-groups", "dev-sites-and-groups-stateful", "sites-and-groups-github-deploy"].sort(),
    );
  }, 180_000);

  it("trusts main for dev and only the prod environment for prod, and may only assume the CDK bootstrap roles", () => {
    const app = new App();
    const stack = new GitHubOidcRoleStack(app, "deploy-role", { repository: "octo-org/sites-and-groups" });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    app.synth(); // cdk-nag: throws on an unacknowledged finding
    const template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::IAM::OIDCProvider", {
      Url: "https://token.actions.githubusercontent.com",
      ClientIdList: ["sts.amazonaws.com"],
    });
    const roles = Object.values(template.findResources("AWS::IAM::Role")) as Resource[];
    expect(roles.map((r) => r.Properties.RoleName).sort()).toEqual([
      "sites-and-groups-github-deploy-dev",
      "sites-and-groups-github-deploy-prod",
    ]);
    const subjects = {
      dev: "repo:octo-org/sites-and-groups:ref:refs/heads/main",
      prod: "repo:octo-org/sites-and-groups:environment:prod",
    };
    for (const [stage, subject] of Object.entries(subjects)) {
      const role = roles.find((r) => r.Properties.RoleName.endsWith(`-${stage}`))!;
      const trust = role.Properties.AssumeRolePolicyDocument.Statement;
      expect(trust).toHaveLength(1);
      // exactly one subject, matched as is (no pattern): prod's role trusts the environment's jobs alone
      expect(trust[0]).toEqual({
        Action: "sts:AssumeRoleWithWebIdentity",
        Effect: "Allow",
        Principal: expect.anything(),
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": subject,
          },
        },
      });
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    const statements = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
      (p: any) => p.Properties.PolicyDocument.Statement,
    );
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      expect(statement.Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
      expect(JSON.stringify(statement.Resource)).toContain(":role/cdk-hnb659fds-*");
    }
    template.hasOutput("DevDeployRoleArn", {});
    template.hasOutput("ProdDeployRoleArn", {});
  });

  it("reuses the account's GitHub provider when given, and refuses a malformed repository", () => {
    const app = new App();
    const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const stack = new GitHubOidcRoleStack(app, "reuse", { repository: "o/r", existingProviderArn: arn });
    const template = Template.fromStack(stack);
    expect(template.findResources("AWS::IAM::OIDCProvider")).toEqual({});
    expect(JSON.stringify(template.findResources("AWS::IAM::Role"))).toContain(arn);
    expect(() => new GitHubOidcRoleStack(new App(), "bad", { repository: "not a repo" })).toThrow(/owner\/name/);
  });
});
