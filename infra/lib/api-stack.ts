import path from "node:path";
import { tableDefinition } from "@sites-groups/core/table";
import { type RouteDefinition, WRITE_ACTIONS } from "@sites-groups/functions/routes";
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { LogLevel, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as sns from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import { addGatewayProblems } from "./gateway-responses.ts";
import { copyRuntimeFiles } from "./runtime-files.ts";
import { APP_NAME, type StageConfig } from "./stage.ts";

/** The repository root: the lock file, `functions/src` and the workspace packages. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** Namespace of the application's own metrics (Powertools EMF). */
export const METRICS_NAMESPACE = "SitesAndGroups";

/**
 * esbuild options of every function: one self-contained ESM file per route, minified, with a
 * source map, the AWS SDK v3 bundled (the version we test with, not the runtime's). The banner
 * gives CommonJS dependencies the `require` that ESM lacks.
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.ESM,
  target: "node24",
  mainFields: ["module", "main"],
  bundleAwsSDK: true,
  externalModules: [],
  forceDockerBundling: false,
  logLevel: LogLevel.WARNING,
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  routes: readonly RouteDefinition[];
}

/**
 * One stage of the API: the table, one function per manifest route, the REST API in front of
 * them, and the alarms. Every physical name starts with the stage (`dev-sites-and-groups-…`).
 */
export class ApiStack extends Stack {
  readonly table: dynamodb.Table;
  /** The stage's list-cursor secret, generated at deploy (never in the source); read by the list functions. */
  readonly cursorSecret: secretsmanager.Secret;
  readonly api: apigateway.RestApi;
  readonly functions = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, routes } = props;
    const { prefix } = config;

    this.table = this.createTable(config);
    this.cursorSecret = new secretsmanager.Secret(this, "CursorSecret", {
      secretName: `${prefix}/cursor-secret`,
      description: "Seals the list cursors of this stage (functions read it once per container)",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: config.removalPolicy,
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "The cursor secret only seals list positions: rotating it would invalidate the cursors in use and protect " +
        "nothing a cursor holds; it is replaced by redeploying the secret when needed",
    });

    const api = new apigateway.RestApi(this, "Api", {
      restApiName: `${prefix}-api`,
      description: `Sites & Groups API (${config.stage})`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution logs need the account's API Gateway CloudWatch role; retained because it is
      // one setting per account and region, shared by every stage.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: config.throttle.rateLimit,
        throttlingBurstLimit: config.throttle.burstLimit,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        accessLogDestination: new apigateway.LogGroupLogDestination(
          new logs.LogGroup(this, "AccessLogs", {
            logGroupName: `/aws/apigateway/${prefix}-access`,
            retention: config.logRetention,
            removalPolicy: config.removalPolicy,
          }),
        ),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
      ...(config.corsOrigins.length > 0
        ? {
            defaultCorsPreflightOptions: {
              allowOrigins: config.corsOrigins,
              allowMethods: [...new Set(routes.map((r) => r.method))],
              allowHeaders: ["Content-Type"],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.api = api;
    addGatewayProblems(api, config.corsOrigins.length === 1 ? config.corsOrigins[0] : undefined);

    // API Gateway checks the declared path parameters. Bodies have no API Gateway model: the
    // functions validate them (zod), naming every bad field at once in the contract's
    // problem+json, which a model's error cannot; without a model body validation is a no-op.
    const validator = api.addRequestValidator("Validator", {
      requestValidatorName: `${prefix}-validator`,
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    for (const route of routes) {
      const fn = this.createFunction(route, config);
      this.functions.set(route.name, fn);
      const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      api.root
        .resourceForPath(route.path)
        .addMethod(route.method, new apigateway.LambdaIntegration(fn, { proxy: true, allowTestInvoke: false }), {
          operationName: route.name,
          requestValidator: validator,
          requestParameters: Object.fromEntries(parameters.map((p) => [`method.request.path.${p}`, true])),
        });
    }

    this.createAlarms(config);
    this.acknowledgeNagFindings();

    new CfnOutput(this, "ApiUrl", { value: api.url, description: "Base URL of the API (ends with the stage)" });
    new CfnOutput(this, "ApiId", { value: api.restApiId });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
  }

  /** The table exactly as `packages/core/src/table.ts` defines it. */
  private createTable(config: StageConfig): dynamodb.Table {
    const string = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    const table = new dynamodb.Table(this, "Table", {
      tableName: config.prefix,
      partitionKey: string(tableDefinition.partitionKey),
      sortKey: string(tableDefinition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    for (const [indexName, keys] of Object.entries(tableDefinition.indexes)) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: string(keys.partitionKey),
        sortKey: string(keys.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  private createFunction(route: RouteDefinition, config: StageConfig): NodejsFunction {
    const functionName = `${config.prefix}-${route.name}`;
    const logGroup = new logs.LogGroup(this, `${route.name}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    // Its own role: logs to its own log group, and the table actions of this route only.
    const access = route.table;
    if (route.method === "GET" && access?.actions.some((action) => WRITE_ACTIONS.includes(action))) {
      throw new Error(`${route.name} is a GET route but its table access lists a write action`);
    }
    const role = new iam.Role(this, `${route.name}Role`, {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `${route.method} ${route.path} (${access ? "table access" : "no table access"})`,
    });
    logGroup.grantWrite(role);
    if (access && access.actions.length > 0) {
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: access.actions.map((a) => `dynamodb:${a}`),
          resources: [this.table.tableArn],
        }),
      );
    }
    if (access && access.indexes.length > 0) {
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ["dynamodb:Query"],
          resources: access.indexes.map((index) => `${this.table.tableArn}/index/${index}`),
        }),
      );
    }

    // a route that lists seals its cursors with the stage's secret: read access to it alone
    const lists = (access?.indexes.length ?? 0) > 0;
    if (lists) this.cursorSecret.grantRead(role);

    return new NodejsFunction(this, route.name, {
      functionName,
      description: `${route.method} ${route.path}`,
      entry: path.join(REPO_ROOT, "functions/src", `${route.handler}.ts`),
      handler: "handler",
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, "pnpm-lock.yaml"),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: config.memoryMb,
      timeout: config.timeout,
      role,
      logGroup,
      environment: {
        ...(access ? { TABLE_NAME: this.table.tableName } : {}),
        ...(lists ? { CURSOR_SECRET_ARN: this.cursorSecret.secretArn } : {}),
        STAGE: config.stage,
        POWERTOOLS_SERVICE_NAME: APP_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(config.corsOrigins.length > 0 ? { CORS_ORIGINS: config.corsOrigins.join(",") } : {}),
        NODE_OPTIONS: "--enable-source-maps",
      },
      bundling: {
        ...BUNDLING,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input, output) =>
            copyRuntimeFiles(route.files ?? [], path.join(REPO_ROOT, "functions"), output),
        },
      },
    });
  }

  /** 5xx rate, throttles and p99 latency; to an SNS topic when an email is configured. */
  private createAlarms(config: StageConfig) {
    const period = Duration.minutes(5);
    const topic = config.alarmEmail
      ? new sns.Topic(this, "Alarms", { topicName: `${config.prefix}-alarms`, enforceSSL: true })
      : undefined;
    if (topic && config.alarmEmail) topic.addSubscription(new EmailSubscription(config.alarmEmail));
    if (topic) {
      Validations.of(topic).acknowledge({
        id: "AwsSolutions-SNS2",
        reason:
          "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key (aws/sns), and a " +
          "customer managed key costs a monthly fee; the topic carries alarm names and states only",
      });
    }

    const alarms = [
      new cloudwatch.Alarm(this, "ServerErrorRate", {
        alarmName: `${config.prefix}-5xx-rate`,
        alarmDescription: `More than ${config.alarms.serverErrorRate * 100}% of requests answered 5xx`,
        metric: this.api.metricServerError({ statistic: "Average", period }),
        threshold: config.alarms.serverErrorRate,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "Throttles", {
        alarmName: `${config.prefix}-throttles`,
        alarmDescription:
          "DynamoDB throttled the table or an index (the constant list-index partitions are the first limit), " +
          "or Lambda throttled invocations in this account and region",
        metric: this.throttles(period),
        threshold: config.alarms.throttles,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "LatencyP99", {
        alarmName: `${config.prefix}-latency-p99`,
        alarmDescription: `p99 latency of the API above ${config.alarms.p99LatencyMs} ms`,
        metric: this.api.metricLatency({ statistic: "p99", period }),
        threshold: config.alarms.p99LatencyMs,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (topic) {
      for (const alarm of alarms) {
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
      }
    }
  }

  /**
   * Throttle events of the table and of each index (writes to an index throttle when its one
   * constant-key partition is hot), plus Lambda's region-wide `Throttles`: a math alarm reads at
   * most 10 metrics, fewer than one per function.
   */
  private throttles(period: Duration): cloudwatch.MathExpression {
    const usingMetrics: Record<string, cloudwatch.IMetric> = {
      tableReads: this.table.metric("ReadThrottleEvents", { statistic: "Sum", period }),
      tableWrites: this.table.metric("WriteThrottleEvents", { statistic: "Sum", period }),
      lambda: new cloudwatch.Metric({ namespace: "AWS/Lambda", metricName: "Throttles", statistic: "Sum", period }),
    };
    Object.keys(tableDefinition.indexes).forEach((index, i) => {
      usingMetrics[`index${i}`] = this.table.metric("WriteThrottleEvents", {
        statistic: "Sum",
        period,
        dimensionsMap: { TableName: this.table.tableName, GlobalSecondaryIndexName: index },
      });
    });
    return new cloudwatch.MathExpression({
      expression: Object.keys(usingMetrics)
        .map((id) => `FILL(${id}, 0)`)
        .join(" + "),
      usingMetrics,
      label: "throttle events",
      period,
    });
  }

  /** The cdk-nag (AwsSolutions) findings this stack accepts, each with why. */
  private acknowledgeNagFindings() {
    Validations.of(this.api).acknowledge(
      {
        id: "AwsSolutions-APIG4",
        reason:
          "By design the API has no authorizer yet (README, 'Deploying to AWS'): it is an open API whose " +
          "protection is stage throttling; an authorizer is the next step before real data goes in",
      },
      {
        id: "AwsSolutions-COG4",
        reason: "No Cognito user pool authorizer, for the same reason as APIG4: the API has no authorizer yet",
      },
      {
        id: "AwsSolutions-APIG3",
        reason:
          "No AWS WAF web ACL: a web ACL costs a monthly fee even idle, and stage throttling bounds the load; " +
          "add one with the authorizer",
      },
    );
    // The account-level role that lets API Gateway write execution logs (`cloudWatchRole`).
    const cloudWatchRole = this.api.node.tryFindChild("CloudWatchRole");
    if (cloudWatchRole) {
      Validations.of(cloudWatchRole).acknowledge({
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
        reason:
          "AmazonAPIGatewayPushToCloudWatchLogs is the AWS managed policy made for API Gateway's account-level " +
          "logging role; it is the role API Gateway assumes, not one our functions use",
      });
    }
  }
}
