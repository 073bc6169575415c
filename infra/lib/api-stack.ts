import { tableDefinition } from "@sites-groups/core/table";
import { CORS_ALLOW_HEADERS, CORS_MAX_AGE_SECONDS, corsAllowMethods } from "@sites-groups/functions/commons/cors";
import { type RouteDefinition, type TableAccess, WRITE_ACTIONS } from "@sites-groups/functions/routes";
import { CfnOutput, Duration, Size, Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import * as codedeploy from "aws-cdk-lib/aws-codedeploy";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as sns from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { ApiAccess } from "./access.ts";
import { ChangeEvents } from "./events.ts";
import { createAppFunction, createFunctionRole, createLogGroup, METRICS_NAMESPACE } from "./functions.ts";
import { addGatewayProblems } from "./gateway-responses.ts";
import { accessLogFormat, createDashboard, routeMetric, TABLE_OPERATIONS } from "./observability.ts";
import { Rollups } from "./rollups.ts";
import type { StageConfig } from "./stage.ts";
import {
  CLIENT_POOL_VALUES,
  type ClientPoolValues,
  readStateful,
  STATEFUL_VALUES,
  type StatefulValues,
} from "./stateful-parameters.ts";
import { addFirewall } from "./waf.ts";

export { BUNDLING, METRICS_NAMESPACE, REPO_ROOT } from "./functions.ts";

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  routes: readonly RouteDefinition[];
}

/**
 * One stage of the API, the stateless half: one function per manifest route (behind a `live` alias
 * that CodeDeploy shifts gradually where the stage asks for it), the REST API in front of them, the
 * change events' processor and stream mapping (events.ts), the hierarchy's (rollups.ts), the
 * alarms, their topic and the dashboard. The tables, user pool, cursor secret, bus, archive and
 * events dead-letter queue are the
 * stage's stateful stack's (stateful-stack.ts); this stack reads what it needs of them from SSM
 * parameters ({@link stateful}), so it can be destroyed and re-created at any time. Every fixed
 * physical name starts with the stage (`dev-sites-and-groups-…`); nothing it keeps on destroy has
 * a fixed name.
 */
export class ApiStack extends Stack {
  /** What this stack reads from the stateful stack: deploy-time tokens (stateful-parameters.ts). */
  readonly stateful: StatefulValues & Partial<ClientPoolValues>;
  readonly table: dynamodb.ITable;
  /** The hierarchy's maintained items (stateful stack); read by the routes that answer from them. */
  readonly rollupsTable: dynamodb.ITable;
  /** The stage's list-cursor secret (stateful stack); read by the list functions. */
  readonly cursorSecret: secretsmanager.ISecret;
  readonly api: apigateway.RestApi;
  readonly access: ApiAccess;
  readonly topic: sns.Topic;
  /** Change events: the stream processor, its alias and mapping (the bus and the queue: stateful stack). */
  readonly events: ChangeEvents;
  /** The hierarchy: the rollups processor, its alias, mapping and dead-letter queue. */
  readonly rollups: Rollups;
  readonly functions = new Map<string, NodejsFunction>();
  /** The `live` alias of each function, when the stage deploys gradually. */
  readonly aliases = new Map<string, lambda.Alias>();
  readonly logGroups = new Map<string, logs.LogGroup>();
  /** Per function: the alarms that roll its deployment back (errors; p99 duration when gradual). */
  readonly functionAlarms = new Map<string, cloudwatch.Alarm[]>();
  private readonly deploymentGroups = new Map<string, codedeploy.LambdaDeploymentGroup>();
  private readonly period = Duration.minutes(5);

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, routes } = props;
    const { prefix } = config;

    const stateful = readStateful(this, prefix, STATEFUL_VALUES);
    const pool = config.access === "cognito" ? readStateful(this, prefix, CLIENT_POOL_VALUES) : undefined;
    this.stateful = { ...stateful, ...pool };
    // its ARN follows from its name (this stack's account and region)
    this.table = dynamodb.Table.fromTableAttributes(this, "Table", {
      tableName: stateful.tableName,
      tableStreamArn: stateful.tableStreamArn,
    });
    this.rollupsTable = dynamodb.Table.fromTableName(this, "RollupsTable", stateful.rollupsTableName);
    this.cursorSecret = secretsmanager.Secret.fromSecretCompleteArn(this, "CursorSecret", stateful.cursorSecretArn);
    this.topic = this.createTopic(config);

    const api = new apigateway.RestApi(this, "Api", {
      restApiName: `${prefix}-api`,
      description: `Sites & Groups API (${config.stage})`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution logs need the account's API Gateway CloudWatch role (one setting per account and
      // region, the last stage deployed sets it): dev's is deleted with dev, prod's is kept.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: config.cloudWatchRoleRemovalPolicy,
      // Answers of 1 KiB and more are gzipped for clients that accept it (/docs's script: 1.7 MB).
      minCompressionSize: Size.kibibytes(1),
      deployOptions: {
        stageName: config.stage,
        throttlingRateLimit: config.throttle.rateLimit,
        throttlingBurstLimit: config.throttle.burstLimit,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: config.tracing,
        accessLogDestination: new apigateway.LogGroupLogDestination(
          this.createLogGroup("AccessLogs", `/aws/apigateway/${prefix}-access`, config),
        ),
        accessLogFormat: accessLogFormat(),
      },
      ...(config.corsOrigins.length > 0
        ? {
            defaultCorsPreflightOptions: {
              allowOrigins: config.corsOrigins,
              allowMethods: corsAllowMethods(routes),
              allowHeaders: CORS_ALLOW_HEADERS,
              maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
            },
          }
        : {}),
    });
    this.api = api;
    this.access = new ApiAccess(this, "Access", { config, api, pool });
    addFirewall(this, api, config);
    addGatewayProblems(api, config.corsOrigins.length === 1 ? config.corsOrigins[0] : undefined);

    // API Gateway checks the declared path parameters. Bodies have no API Gateway model: the
    // functions validate them (zod), naming every bad field at once in the contract's
    // problem+json, which a model's error cannot; without a model body validation is a no-op.
    const validator = api.addRequestValidator("Validator", {
      requestValidatorName: `${prefix}-validator`,
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    const deployments = config.gradualDeploy ? this.createDeploymentBase(config) : undefined;
    for (const route of routes) {
      const fn = this.createFunction(route, config);
      this.functions.set(route.name, fn);
      const target = deployments ? this.deployGradually(route, fn, config, deployments) : fn;
      this.functionAlarms.set(route.name, [
        this.errorsAlarm(route, target, config),
        ...(this.functionAlarms.get(route.name) ?? []),
      ]);
      const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const method = api.root
        .resourceForPath(route.path)
        .addMethod(route.method, new apigateway.LambdaIntegration(target, { proxy: true, allowTestInvoke: false }), {
          operationName: route.name,
          requestValidator: validator,
          requestParameters: Object.fromEntries(parameters.map((p) => [`method.request.path.${p}`, true])),
          ...this.access.methodOptions(route),
        });
      this.access.acknowledgePublic(method, route);
    }

    this.events = new ChangeEvents(this, "Events", {
      config,
      table: this.table,
      bus: events.EventBus.fromEventBusAttributes(this, "Bus", {
        eventBusName: stateful.eventBusName,
        eventBusArn: stateful.eventBusArn,
        eventBusPolicy: "",
      }),
      deadLetters: sqs.Queue.fromQueueAttributes(this, "DeadLetters", {
        queueArn: stateful.deadLettersArn,
        queueName: stateful.deadLettersName,
        queueUrl: stateful.deadLettersUrl,
      }),
    });
    this.logGroups.set("StreamProcessorLogs", this.events.logGroup);
    this.rollups = new Rollups(this, "Rollups", { config, table: this.table, rollups: this.rollupsTable });
    this.logGroups.set("RollupsProcessorLogs", this.rollups.logGroup);

    this.createAlarms(config, routes);
    if (config.dashboard) {
      createDashboard(this, {
        name: prefix,
        stage: config.stage,
        namespace: METRICS_NAMESPACE,
        api,
        table: this.table,
        routes,
        functions: this.functions,
        logGroups: [...this.logGroups.values()],
        throttles: this.throttles(this.period),
        // the alias the stream mapping invokes: its metrics are the processor's
        events: { processor: this.events.live, deadLetters: this.events.deadLetters },
        rollups: { processor: this.rollups.live, deadLetters: this.rollups.deadLetters },
      });
    }
    this.acknowledgeNagFindings();

    new CfnOutput(this, "ApiUrl", { value: api.url, description: "Base URL of the API (ends with the stage)" });
    new CfnOutput(this, "ApiId", { value: api.restApiId });
    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "RollupsDeadLetterQueueUrl", {
      value: this.rollups.deadLetters.queueUrl,
      description: "Stream records the rollups processor gave up on: run pnpm rollups:rebuild (docs/operations.md)",
    });
    new CfnOutput(this, "AlarmTopicArn", { value: this.topic.topicArn, description: "Subscribe here to the alarms" });
  }

  /** A log group of the stack ({@link createLogGroup}), listed for the dashboard's cold-start query. */
  private createLogGroup(id: string, name: string, config: StageConfig): logs.LogGroup {
    const group = createLogGroup(this, id, name, config);
    this.logGroups.set(id, group);
    return group;
  }

  private createFunction(route: RouteDefinition, config: StageConfig): NodejsFunction {
    const functionName = `${config.prefix}-${route.name}`;
    const logGroup = this.createLogGroup(`${route.name}Logs`, `/aws/lambda/${functionName}`, config);
    // Its own role: logs to its own log group, and the table actions of this route only.
    const access = route.table;
    if (route.method === "GET" && access?.actions.some((action) => WRITE_ACTIONS.includes(action))) {
      throw new Error(`${route.name} is a GET route but its table access lists a write action`);
    }
    if (route.rollups?.actions.some((action) => WRITE_ACTIONS.includes(action))) {
      throw new Error(`${route.name} lists a write to the rollups table, which only the rollups processor writes`);
    }
    const role = createFunctionRole(
      this,
      `${route.name}Role`,
      `${route.method} ${route.path} (${access ? "table access" : "no table access"})`,
      logGroup,
      config,
    );
    grantTableAccess(role, this.table, access);
    // the routes that answer from the hierarchy's maintained items: the rollups table, read only
    grantTableAccess(role, this.rollupsTable, route.rollups);
    // a route that lists seals its cursors with the stage's secret: read access to it alone
    const lists = (access?.indexes.length ?? 0) > 0;
    if (lists) this.cursorSecret.grantRead(role);

    return createAppFunction(this, route.name, {
      config,
      functionName,
      description: `${route.method} ${route.path}`,
      handler: route.handler,
      role,
      logGroup,
      files: route.files ?? [],
      environment: {
        ...(access ? { TABLE_NAME: this.table.tableName } : {}),
        ...(lists ? { CURSOR_SECRET_ARN: this.cursorSecret.secretArn } : {}),
        ...(config.corsOrigins.length > 0 ? { CORS_ORIGINS: config.corsOrigins.join(",") } : {}),
        ...this.access.environment(route),
      },
    });
  }

  /**
   * The alarms' topic, always there (subscribe to it by email with `-c alarmEmail=…`, or with
   * anything else SNS delivers to: chat, a pager, a queue).
   */
  private createTopic(config: StageConfig): sns.Topic {
    const topic = new sns.Topic(this, "Alarms", { topicName: `${config.prefix}-alarms`, enforceSSL: true });
    if (config.alarmEmail) topic.addSubscription(new EmailSubscription(config.alarmEmail));
    Validations.of(topic).acknowledge({
      id: "AwsSolutions-SNS2",
      reason:
        "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key (aws/sns), and a " +
        "customer managed key costs a monthly fee; the topic carries alarm names and states only",
    });
    return topic;
  }

  /** The CodeDeploy application of the stage's functions and the role it deploys with. */
  private createDeploymentBase(config: StageConfig) {
    const application = new codedeploy.LambdaApplication(this, "Deployments", { applicationName: config.prefix });
    const role = new iam.Role(this, "DeploymentRole", {
      assumedBy: new iam.ServicePrincipal("codedeploy.amazonaws.com"),
      description: "CodeDeploy shifts the live aliases of the stage's functions",
    });
    Validations.of(role).acknowledge({
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]",
      reason:
        "AWSCodeDeployRoleForLambdaLimited is the AWS managed policy made for CodeDeploy's Lambda deployments " +
        "(read alarms, update aliases, invoke hooks named CodeDeployHook_*); CodeDeploy assumes it, no function does",
    });
    return { application, role };
  }

  /**
   * The function's `live` alias, which API Gateway calls: each deploy publishes a version and
   * CodeDeploy moves 10% of the traffic to it, then the rest 5 minutes later unless the
   * function's errors or p99 duration alarm fires, in which case the alias goes back.
   */
  private deployGradually(
    route: RouteDefinition,
    fn: NodejsFunction,
    config: StageConfig,
    base: { application: codedeploy.LambdaApplication; role: iam.Role },
  ): lambda.Alias {
    const alias = new lambda.Alias(this, `${route.name}Live`, { aliasName: "live", version: fn.currentVersion });
    this.aliases.set(route.name, alias);
    const latency = new cloudwatch.Alarm(this, `${route.name}Latency`, {
      alarmName: `${config.prefix}-${route.name}-p99`,
      alarmDescription: `${route.method} ${route.path}: p99 duration of the live alias above ${config.alarms.functionP99Ms} ms`,
      metric: alias.metricDuration({ statistic: "p99", period: Duration.minutes(1) }),
      threshold: config.alarms.functionP99Ms,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.functionAlarms.set(route.name, [latency]);
    const group = new codedeploy.LambdaDeploymentGroup(this, `${route.name}Deployment`, {
      application: base.application,
      role: base.role,
      alias,
      deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    // the errors alarm is created after this (it reads the alias); both roll the deploy back
    this.deploymentGroups.set(route.name, group);
    group.addAlarm(latency);
    return alias;
  }

  /**
   * A function's errors: uncaught ones (crash, timeout, init failure) and the 5xx its route
   * answered (the middleware turns faults into problem+json, which Lambda counts as a success).
   */
  private errorsAlarm(route: RouteDefinition, target: lambda.IFunction, config: StageConfig): cloudwatch.Alarm {
    const period = Duration.minutes(1);
    const alarm = new cloudwatch.Alarm(this, `${route.name}Errors`, {
      alarmName: `${config.prefix}-${route.name}-errors`,
      alarmDescription: `${route.method} ${route.path}: an uncaught error or a 5xx answer`,
      metric: new cloudwatch.MathExpression({
        expression: "FILL(uncaught, 0) + FILL(answered, 0)",
        usingMetrics: {
          uncaught: target.metricErrors({ statistic: "Sum", period }),
          answered: routeMetric(this.api, config.stage, route, "5XXError", "Sum", period),
        },
        label: "errors and 5xx answers",
        period,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deploymentGroups.get(route.name)?.addAlarm(alarm);
    return alarm;
  }

  /**
   * Stage alarms (5xx rate, throttles, p99 latency, the table's system errors) and each
   * function's, all to the topic, on alarm and back to OK.
   */
  private createAlarms(config: StageConfig, routes: readonly RouteDefinition[]) {
    const period = this.period;
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
      new cloudwatch.Alarm(this, "TableSystemErrors", {
        alarmName: `${config.prefix}-table-system-errors`,
        alarmDescription: "DynamoDB answered requests on the table with a 500 (its own fault)",
        metric: this.table.metricSystemErrorsForOperations({ operations: [...TABLE_OPERATIONS], period }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      ...routes.flatMap((route) => this.functionAlarms.get(route.name) ?? []),
      ...this.events.alarms,
      ...this.rollups.alarms,
    ];
    const action = new SnsAction(this.topic);
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
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
    // APIG3 (no web ACL outside prod): waf.ts; APIG4/COG4 (public routes, open stages): access.ts.
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

/** A route's access to one table: its actions on the table, `Query` on the indexes it names. */
function grantTableAccess(role: iam.Role, table: dynamodb.ITable, access: TableAccess | undefined): void {
  if (access && access.actions.length > 0) {
    role.addToPolicy(
      new iam.PolicyStatement({ actions: access.actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }),
    );
  }
  if (access && access.indexes.length > 0) {
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ["dynamodb:Query"],
        resources: access.indexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
}
