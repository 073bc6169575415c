import { rollupsProcessor } from "@sites-groups/functions/routes";
import { Duration, Validations } from "aws-cdk-lib";
import type * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { createAppFunction, createFunctionRole, createLogGroup } from "./functions.ts";
import type { StageConfig } from "./stage.ts";
import { consumerAlarms, consumeStream, type StreamMappingSettings } from "./stream-consumer.ts";

/**
 * The mapping's settings (docs/infrastructure.md, "The hierarchy"). One batch per shard at a time:
 * the records' order does not matter to this processor, but concurrent batches of one shard would
 * mostly meet on the same summaries. A large nest is a long batch (5 minutes of timeout); one that
 * fails is retried, redoing only what is still to do, and records are kept 6 hours (the rebuild
 * repairs what is given up on).
 */
export const ROLLUPS_MAPPING: StreamMappingSettings = {
  batchSize: 100,
  retryAttempts: 10,
  maxRecordAge: Duration.hours(6),
  parallelizationFactor: 1,
};

export interface RollupsProps {
  config: StageConfig;
  /** The main table, with its stream (stateful stack). */
  table: dynamodb.ITable;
  /** The rollups table (stateful stack). */
  rollups: dynamodb.ITable;
}

/**
 * The hierarchy in AWS (API.md "The hierarchy"): the main table's stream → an event source mapping
 * of its own → the rollups processor's `live` alias (functions/src/rollups/process.ts), which
 * maintains the rollups table; apart from the change events' processor, so that maintaining never
 * delays an event. It reads the main table's sites and groups, and writes only the rollups table.
 * A batch that keeps failing goes to its dead-letter queue (its shard and sequence range); alarms:
 * a message there, the mapping's iterator age, the processor's errors. What it missed,
 * `pnpm rollups:rebuild` repairs (docs/operations.md), so the queue is this stack's, not kept.
 */
export class Rollups extends Construct {
  readonly deadLetters: sqs.Queue;
  readonly processor: NodejsFunction;
  /** The alias the mapping invokes. */
  readonly live: lambda.Alias;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: RollupsProps) {
    super(scope, id);
    const { config, table, rollups } = props;
    const { prefix } = config;

    this.deadLetters = new sqs.Queue(this, "DeadLetters", {
      queueName: `${prefix}-rollups-dlq`,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself a dead-letter queue: the on-failure destination of the rollups mapping (records it " +
        "gave up on); SQS3 only recognises a queue as a DLQ when another queue's redrive policy names it",
    });

    const functionName = `${prefix}-${rollupsProcessor.name}`;
    this.logGroup = createLogGroup(this, "Logs", `/aws/lambda/${functionName}`, config);
    this.role = createFunctionRole(
      this,
      "Role",
      "Rollups processor: reads sites and groups, writes the rollups table",
      this.logGroup,
      config,
      "The stream mapping reads the stream with the function's role, which needs dynamodb:ListStreams, an " +
        "action that takes no resource-level permission (Resource must be *); the stream's other reads name it",
    );
    // The main table: reads of site and group items only; the rollups table: its own items only.
    const leading = (prefixes: readonly string[]) => ({
      "ForAllValues:StringLike": { "dynamodb:LeadingKeys": prefixes.map((p) => `${p}*`) },
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: rollupsProcessor.table.actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: leading(rollupsProcessor.readsKeysStartingWith),
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: rollupsProcessor.rollups.actions.map((action) => `dynamodb:${action}`),
        resources: [rollups.tableArn],
        conditions: leading([rollupsProcessor.writesKeysStartingWith]),
      }),
    );

    this.processor = createAppFunction(this, "Processor", {
      config,
      functionName,
      description: "Table stream → what lies below each group, and its totals (the rollups table)",
      handler: rollupsProcessor.handler,
      role: this.role,
      logGroup: this.logGroup,
      // a nest moving 22,000 (group, item) pairs takes under a minute (docs/bench.md, "The hierarchy")
      timeout: Duration.minutes(5),
      // the rollups table's name follows from the main one's (core db/table.ts rollupsTableName)
      environment: { TABLE_NAME: table.tableName },
      reservedConcurrentExecutions: config.rollups.reservedConcurrency,
    });
    // Never a weighted alias: two versions would maintain side by side (harmless, as any two
    // recomputes are, but a rollback should be one move of the alias, as for the events).
    this.live = new lambda.Alias(this, "Live", { aliasName: "live", version: this.processor.currentVersion });
    consumeStream(this.live, table, ROLLUPS_MAPPING, this.deadLetters);

    this.alarms = consumerAlarms(this, {
      config,
      name: "rollups",
      functionName,
      live: this.live,
      deadLetters: this.deadLetters,
      processor: "The rollups processor",
      describe: {
        deadLetters:
          "The rollups processor gave up on stream records: what lies below some groups, or their totals, may " +
          "miss those changes until `pnpm rollups:rebuild` runs (docs/operations.md)",
        lagging: "failing batches retried, or nests larger than it keeps up with",
        errors:
          "The rollups processor failed a whole batch (crash, timeout, init failure); its partial batch failures " +
          "are retried and show as iterator age",
      },
    });
  }
}
