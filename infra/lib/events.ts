import { streamProcessor } from "@sites-groups/functions/routes";
import { CfnOutput, Duration } from "aws-cdk-lib";
import type * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type * as logs from "aws-cdk-lib/aws-logs";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { createAppFunction, createFunctionRole, createLogGroup } from "./functions.ts";
import type { StageConfig } from "./stage.ts";
import { consumerAlarms, consumeStream, type StreamMappingSettings } from "./stream-consumer.ts";

/** The mapping's settings (docs/infrastructure.md, "Change events"). */
export const STREAM_MAPPING: StreamMappingSettings = {
  batchSize: 100,
  retryAttempts: 5,
  maxRecordAge: Duration.hours(1),
  parallelizationFactor: 1,
};

export interface ChangeEventsProps {
  config: StageConfig;
  /** The table, with its stream (stateful stack). */
  table: dynamodb.ITable;
  /** The stage's bus and the mapping's dead-letter queue (stateful stack, events-stateful.ts). */
  bus: events.IEventBus;
  deadLetters: sqs.IQueue;
}

/**
 * Change events in AWS (API.md "Events"): the table's stream → an event source mapping → the stream
 * processor (functions/src/events/process.ts), which stores each event once in the table and puts it
 * on the stage's EventBridge bus `sites-and-groups-<stage>`, archived for replay. A batch the
 * processor cannot handle is split (bisect) and retried a bounded number of times; what still fails
 * goes to the dead-letter queue (its shard and sequence range, not the records). The bus, its archive
 * and the queue outlive this construct (events-stateful.ts).
 *
 * The mapping invokes the processor's `live` alias, which each deploy moves to the new version at
 * once: never a weighted alias, under which two versions would process the stream's batches side by
 * side. Versions are kept (functions.ts), so pointing the alias back is a rollback
 * (docs/operations.md). Alarms, on the alias: a message in the dead-letter queue, the mapping's
 * iterator age, the processor's errors (the stack sends them to its topic).
 */
export class ChangeEvents extends Construct {
  readonly bus: events.IEventBus;
  readonly deadLetters: sqs.IQueue;
  readonly processor: NodejsFunction;
  /** The alias the mapping invokes. */
  readonly live: lambda.Alias;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ChangeEventsProps) {
    super(scope, id);
    const { config, table } = props;
    const { prefix } = config;
    this.bus = props.bus;
    this.deadLetters = props.deadLetters;

    const functionName = `${prefix}-${streamProcessor.name}`;
    this.logGroup = createLogGroup(this, "Logs", `/aws/lambda/${functionName}`, config);
    this.role = createFunctionRole(
      this,
      "Role",
      "Stream processor: writes event items, puts events on the stage's bus",
      this.logGroup,
      config,
      "The stream mapping reads the stream with the function's role, which needs dynamodb:ListStreams, an " +
        "action that takes no resource-level permission (Resource must be *); the stream's other reads name it",
    );
    // The table: PutItem on event items only (`pk` = `event#…`), nothing else.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: streamProcessor.table.actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: {
          "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${streamProcessor.writesKeysStartingWith}*`] },
        },
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ["events:PutEvents"], resources: [this.bus.eventBusArn] }),
    );

    this.processor = createAppFunction(this, "Processor", {
      config,
      functionName,
      description: "Table stream → change events (stored once, put on the bus)",
      handler: streamProcessor.handler,
      role: this.role,
      logGroup: this.logGroup,
      // 100 records, each one conditional PutItem, then PutEvents by 10: well under a minute
      timeout: Duration.minutes(1),
      environment: { TABLE_NAME: table.tableName, EVENT_BUS_NAME: this.bus.eventBusName },
      reservedConcurrentExecutions: config.events.reservedConcurrency,
    });
    this.live = new lambda.Alias(this, "Live", { aliasName: "live", version: this.processor.currentVersion });
    // Grants the role the stream read (DescribeStream, GetRecords, GetShardIterator, ListStreams on
    // this stream) and SendMessage on the dead-letter queue.
    consumeStream(this.live, table, STREAM_MAPPING, this.deadLetters);

    this.alarms = consumerAlarms(this, {
      config,
      name: "events",
      functionName,
      live: this.live,
      deadLetters: this.deadLetters,
      processor: "The stream processor",
      describe: {
        deadLetters:
          "The stream processor gave up on stream records (their shard and sequence range are in the dead-letter " +
          "queue): those changes have no event yet (docs/operations.md)",
        lagging: "failing records retried, or the processor too slow",
        errors:
          "The stream processor failed a whole batch (crash, timeout, init failure); its partial batch failures " +
          "are retried and show as iterator age",
      },
    });

    new CfnOutput(scope, "EventBusName", { value: this.bus.eventBusName, description: "The stage's change events" });
    new CfnOutput(scope, "EventBusArn", { value: this.bus.eventBusArn });
    new CfnOutput(scope, "EventsDeadLetterQueueUrl", {
      value: this.deadLetters.queueUrl,
      description: "Stream records the processor gave up on (docs/operations.md)",
    });
  }
}
