import type { RouteDefinition } from "@sites-groups/functions/routes";
import { Duration } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { APP_NAME } from "./stage.ts";

/**
 * The access log line, one JSON object per request: who (ip, user agent), what (method, route,
 * path), the answer (status, length, latency), the function's part (integration status and
 * latency) and, when API Gateway answered by itself, why (error message and response type).
 */
export function accessLogFormat(): apigateway.AccessLogFormat {
  const F = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: F.contextRequestId(),
      extendedRequestId: F.contextExtendedRequestId(),
      requestTime: F.contextRequestTime(),
      ip: F.contextIdentitySourceIp(),
      userAgent: F.contextIdentityUserAgent(),
      httpMethod: F.contextHttpMethod(),
      resourcePath: F.contextResourcePath(),
      path: F.contextPath(),
      protocol: F.contextProtocol(),
      status: F.contextStatus(),
      responseLength: F.contextResponseLength(),
      responseLatency: F.contextResponseLatency(),
      integrationStatus: F.contextIntegrationStatus(),
      integrationLatency: F.contextIntegrationLatency(),
      integrationError: F.contextIntegrationErrorMessage(),
      errorMessage: F.contextErrorMessage(),
      errorType: F.contextErrorResponseType(),
      xrayTraceId: F.contextXrayTraceId(),
    }),
  );
}

/**
 * The DynamoDB operations the functions send (infra/lib/permissions.ts; writes go through
 * TransactWriteItems): the SystemErrors alarm and graph read these, at most 10 metrics.
 */
export const TABLE_OPERATIONS: readonly dynamodb.Operation[] = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

/** One API Gateway metric of one route (detailed metrics are on: `metricsEnabled`). */
export function routeMetric(
  api: apigateway.RestApi,
  stage: string,
  route: RouteDefinition,
  metricName: string,
  statistic: string,
  period: Duration,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/ApiGateway",
    metricName,
    statistic,
    period,
    label: route.name,
    dimensionsMap: { ApiName: api.restApiName, Stage: stage, Method: route.method, Resource: route.path },
  });
}

export interface DashboardProps {
  name: string;
  stage: string;
  namespace: string;
  api: apigateway.RestApi;
  table: dynamodb.ITable;
  routes: readonly RouteDefinition[];
  functions: ReadonlyMap<string, lambda.IFunction>;
  logGroups: readonly logs.ILogGroup[];
  throttles: cloudwatch.IMetric;
  /** Change events (events.ts): the stream processor (its `live` alias) and its dead-letter queue. */
  events: { processor: lambda.IFunction; deadLetters: sqs.IQueue };
  /** The hierarchy (rollups.ts): the rollups processor (its `live` alias) and its dead-letter queue. */
  rollups: { processor: lambda.IFunction; deadLetters: sqs.IQueue };
}

/**
 * The stage on one page: traffic and answers by code, latency per route, throttles, the table's
 * capacity and errors, function errors and cold starts (from the REPORT lines' Init Duration).
 */
export function createDashboard(scope: Construct, props: DashboardProps): cloudwatch.Dashboard {
  const period = Duration.minutes(5);
  const { api, table, routes, stage } = props;
  const byCode = (metric: string) =>
    new cloudwatch.MathExpression({
      expression: `SEARCH('{${props.namespace},code,service,stage} MetricName="${metric}" stage="${stage}"', 'Sum', 300)`,
      usingMetrics: {},
      label: "",
      period,
    });
  const perRoute = (metricName: string, statistic: string) =>
    routes.map((route) => routeMetric(api, stage, route, metricName, statistic, period));
  const width = 12;
  const dashboard = new cloudwatch.Dashboard(scope, "Dashboard", {
    dashboardName: props.name,
    defaultInterval: Duration.hours(3),
  });
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: "Requests and errors answered",
      width,
      left: [api.metricCount({ statistic: "Sum", period, label: "requests" })],
      right: [
        api.metricClientError({ statistic: "Sum", period, label: "4xx" }),
        api.metricServerError({ statistic: "Sum", period, label: "5xx" }),
      ],
    }),
    new cloudwatch.GraphWidget({
      title: "Problem answers by code (4xx refusals left, 5xx faults right)",
      width,
      left: [byCode("Refusals")],
      right: [byCode("Faults")],
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({ title: "Latency p50 per route (ms)", width, left: perRoute("Latency", "p50") }),
    new cloudwatch.GraphWidget({ title: "Latency p99 per route (ms)", width, left: perRoute("Latency", "p99") }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: "Throttles (table, indexes, Lambda)",
      width,
      left: [props.throttles],
      right: [api.metricCount({ statistic: "Sum", period, label: "requests" })],
    }),
    new cloudwatch.GraphWidget({
      title: "DynamoDB consumed capacity and errors",
      width,
      left: [
        table.metricConsumedReadCapacityUnits({ statistic: "Sum", period, label: "read units" }),
        table.metricConsumedWriteCapacityUnits({ statistic: "Sum", period, label: "write units" }),
      ],
      right: [
        table.metricSystemErrorsForOperations({ operations: [...TABLE_OPERATIONS], period }),
        new cloudwatch.Metric({
          namespace: "AWS/DynamoDB",
          metricName: "UserErrors",
          statistic: "Sum",
          period,
          label: "user errors (account, region)",
        }),
      ],
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: "Function errors (uncaught: crashes, timeouts, init failures)",
      width,
      left: routes.map((route) =>
        props.functions.get(route.name)!.metricErrors({ statistic: "Sum", period, label: route.name }),
      ),
    }),
    new cloudwatch.LogQueryWidget({
      title: "Cold starts per 5 minutes (init duration, ms)",
      width,
      logGroupNames: props.logGroups.map((group) => group.logGroupName),
      view: cloudwatch.LogQueryVisualizationType.LINE,
      queryLines: [
        'filter @type = "REPORT" and ispresent(@initDuration)',
        "stats count() as coldStarts, avg(@initDuration) as avgInit, max(@initDuration) as maxInit by bin(5m)",
      ],
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: "Change events: stream iterator age (ms), events stored and put on buses",
      width,
      left: [props.events.processor.metric("IteratorAge", { statistic: "Maximum", period, label: "iterator age" })],
      right: [
        new cloudwatch.Metric({
          namespace: props.namespace,
          metricName: "EventsStored",
          statistic: "Sum",
          period,
          label: "events stored",
          dimensionsMap: { service: APP_NAME, stage },
        }),
        new cloudwatch.Metric({
          namespace: "AWS/Events",
          metricName: "PutEventsEntriesCount",
          statistic: "Sum",
          period,
          label: "PutEvents entries (account, region)",
        }),
      ],
    }),
    new cloudwatch.GraphWidget({
      title: "Change events: dead letters (stream records given up on) and processor errors",
      width,
      left: [
        props.events.deadLetters.metricApproximateNumberOfMessagesVisible({
          statistic: "Maximum",
          period,
          label: "dead letters",
        }),
      ],
      right: [props.events.processor.metricErrors({ statistic: "Sum", period, label: "processor errors" })],
    }),
    new cloudwatch.GraphWidget({
      title: "The hierarchy: rollups iterator age (ms), dead letters and processor errors",
      width,
      left: [props.rollups.processor.metric("IteratorAge", { statistic: "Maximum", period, label: "iterator age" })],
      right: [
        props.rollups.deadLetters.metricApproximateNumberOfMessagesVisible({
          statistic: "Maximum",
          period,
          label: "dead letters",
        }),
        props.rollups.processor.metricErrors({ statistic: "Sum", period, label: "processor errors" }),
      ],
    }),
  );
  return dashboard;
}
