import { Duration, Validations } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { APP_NAME, type StageConfig } from "./stage.ts";

/**
 * The change events' parts that outlive the API stack (stateful-stack.ts): the stage's EventBridge
 * bus `sites-and-groups-<stage>`, on which other teams hang their rules, its archive (a year of
 * events for replay in prod) and the stream mapping's dead-letter queue. The stream processor and
 * its mapping, which can be re-created at any time, are events.ts.
 */
export class ChangeEventsState extends Construct {
  readonly bus: events.EventBus;
  /** Absent on LocalStack, whose free edition's CloudFormation has no `AWS::Events::Archive`. */
  readonly archive: events.Archive | undefined;
  readonly deadLetters: sqs.Queue;
  /** The CloudEvents `source` of the stage's events (core events/event.ts). */
  readonly source: string;

  constructor(scope: Construct, id: string, props: { config: StageConfig }) {
    super(scope, id);
    const { config } = props;
    const { prefix } = config;
    this.source = `${APP_NAME}/${config.stage}`;

    this.bus = new events.EventBus(this, "Bus", {
      eventBusName: `${APP_NAME}-${config.stage}`,
      description: `Sites & Groups change events (${config.stage}), CloudEvents 1.0 in the detail`,
    });
    this.bus.applyRemovalPolicy(config.removalPolicy);
    const retention = config.events.archiveRetention;
    this.archive = retention
      ? new events.Archive(this, "Archive", {
          sourceEventBus: this.bus,
          archiveName: `${prefix}-events`,
          description: `Every change event of ${config.stage}, for replay to the bus`,
          eventPattern: { source: [this.source] },
          retention,
        })
      : undefined;
    if (this.archive) {
      this.archive.applyRemovalPolicy(config.removalPolicy);
      // aws-cdk-lib writes `KmsKeyIdentifier: ""` when no key is given, which some regions refuse
      // (aws/aws-cdk#37847); without the property the archive uses the AWS owned key, as intended.
      (this.archive.node.defaultChild as events.CfnArchive).addPropertyDeletionOverride("KmsKeyIdentifier");
    }

    this.deadLetters = new sqs.Queue(this, "DeadLetters", {
      queueName: `${prefix}-events-dlq`,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      removalPolicy: config.removalPolicy,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself a dead-letter queue: the on-failure destination of the stream mapping (records it " +
        "gave up on); SQS3 only recognises a queue as a DLQ when another queue's redrive policy names it",
    });
  }
}
