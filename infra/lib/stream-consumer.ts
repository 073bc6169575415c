import { RECORD_PARTITION_PREFIXES, tableDefinition } from "@sites-groups/core/table";
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { StageConfig } from "./stage.ts";

/**
 * What the table's two stream consumers share (events.ts: the change events; rollups.ts: the
 * hierarchy): each has its own event source mapping on the table's stream, invoking its `live`
 * alias, with its own batch settings and dead-letter queue, and the same three alarms.
 */

/**
 * The stream records each mapping hands its processor (Lambda event filtering on the stream
 * record): only those of the items that make events, sites, groups and their edges, whose `pk`
 * starts with a record's prefix (`site#`, `group#`: core db/keys.ts). The events processor's own
 * event items, the idempotency records, claims and counters never invoke a processor (a
 * filtered-out record counts as handled, so it costs no invocation and never blocks the shard);
 * the rollups processor writes another table, which has no stream.
 */
export const STREAM_FILTER = {
  dynamodb: {
    Keys: { [tableDefinition.partitionKey]: { S: RECORD_PARTITION_PREFIXES.map((prefix) => ({ prefix })) } },
  },
};

/** A mapping's settings (docs/infrastructure.md). */
export interface StreamMappingSettings {
  batchSize: number;
  retryAttempts: number;
  maxRecordAge: Duration;
  parallelizationFactor: number;
}

/**
 * The mapping from the table's stream to the processor's alias: from the stream's oldest record,
 * filtered (STREAM_FILTER), a failing batch split (bisect) and retried, each record's failure
 * reported alone, what still fails sent to the dead-letter queue (its shard and sequence range).
 * Grants the alias's role the stream read and SendMessage on the queue.
 */
export function consumeStream(
  live: lambda.Alias,
  table: dynamodb.ITable,
  settings: StreamMappingSettings,
  deadLetters: sqs.IQueue,
): void {
  live.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      ...settings,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetters),
      filters: [lambda.FilterCriteria.filter(STREAM_FILTER)],
    }),
  );
}

export interface ConsumerAlarmsProps {
  config: StageConfig;
  /** The alarms' names: `<prefix>-<name>-dlq`, `<prefix>-<name>-iterator-age`. */
  name: string;
  /** The processor's function name: `<functionName>-errors`. */
  functionName: string;
  live: lambda.Alias;
  deadLetters: sqs.IQueue;
  /** What each alarm means (its description). */
  describe: {
    deadLetters: string;
    /** After "its oldest record was over N s old for 5 minutes". */
    lagging: string;
    errors: string;
  };
  /** "The stream processor", "The rollups processor": how the descriptions name it. */
  processor: string;
}

/**
 * A consumer's alarms, on its alias: a message in its dead-letter queue, the mapping's iterator age
 * sustained 5 minutes, the processor's errors (the stack sends them to its topic).
 */
export function consumerAlarms(scope: Construct, props: ConsumerAlarmsProps): cloudwatch.Alarm[] {
  const { config, live, describe } = props;
  const period = Duration.minutes(1);
  return [
    new cloudwatch.Alarm(scope, "DeadLettersAlarm", {
      alarmName: `${config.prefix}-${props.name}-dlq`,
      alarmDescription: describe.deadLetters,
      metric: props.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: "Maximum", period }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(scope, "IteratorAgeAlarm", {
      alarmName: `${config.prefix}-${props.name}-iterator-age`,
      alarmDescription:
        `${props.processor} lags: its oldest record was over ${config.alarms.iteratorAgeMs / 1000} s old ` +
        `for 5 minutes (${describe.lagging})`,
      metric: live.metric("IteratorAge", { statistic: "Maximum", period }),
      threshold: config.alarms.iteratorAgeMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(scope, "ErrorsAlarm", {
      alarmName: `${props.functionName}-errors`,
      alarmDescription: describe.errors,
      metric: live.metricErrors({ statistic: "Sum", period }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  ];
}
