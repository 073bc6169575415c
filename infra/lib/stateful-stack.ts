import { tableDefinition } from "@sites-groups/core/table";
import { Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { ClientPool } from "./client-pool.ts";
import { ChangeEventsState } from "./events-stateful.ts";
import type { StageConfig } from "./stage.ts";
import { StatefulParameters, type StatefulValues } from "./stateful-parameters.ts";

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What one stage keeps when its API stack is destroyed (`pnpm run destroy` leaves this stack alone
 * unless told `--all`): the table, the user pool with its app clients, domain and resource server,
 * the list-cursor secret, the change events' bus (other teams' rules hang on it), its archive and
 * the dead-letter queue. The API stack reads what it needs of them from SSM parameters
 * (stateful-parameters.ts), so it can be destroyed and re-created against them at any time.
 *
 * The constructs keep the ids they had when they lived in the API stack (`Table`, `CursorSecret`,
 * `Access/UserPool…`, `Events/Bus…`): their logical ids are unchanged, which is what lets
 * docs/operations.md's one-time move import the existing resources under the same ids.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  /** The stage's list-cursor secret, generated at deploy (never in the source); read by the list functions. */
  readonly cursorSecret: secretsmanager.Secret;
  /** The user pool and its parts; none on an open stage (`-c access=open`). */
  readonly clientPool: ClientPool | undefined;
  readonly events: ChangeEventsState;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = this.createTable(config);
    // A generated name: a secret deleted with dev's stateful stack keeps its name for its recovery
    // window (7 to 30 days), and a fixed name would block the stack's re-creation until then.
    this.cursorSecret = new secretsmanager.Secret(this, "CursorSecret", {
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
    // "Access": the construct id the pool had in the API stack (see above)
    this.clientPool = config.access === "cognito" ? new ClientPool(this, "Access", { config }) : undefined;
    this.events = new ChangeEventsState(this, "Events", { config });

    const values: StatefulValues = {
      tableName: this.table.tableName,
      tableStreamArn: this.table.tableStreamArn!,
      cursorSecretArn: this.cursorSecret.secretArn,
      eventBusName: this.events.bus.eventBusName,
      eventBusArn: this.events.bus.eventBusArn,
      deadLettersArn: this.events.deadLetters.queueArn,
      deadLettersName: this.events.deadLetters.queueName,
      deadLettersUrl: this.events.deadLetters.queueUrl,
    };
    new StatefulParameters(this, "Parameters", {
      prefix: config.prefix,
      values: { ...values, ...this.clientPool?.values },
    });
  }

  /** The table exactly as `packages/core/src/db/table.ts` defines it. */
  private createTable(config: StageConfig): dynamodb.Table {
    const string = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    const table = new dynamodb.Table(this, "Table", {
      tableName: config.prefix,
      partitionKey: string(tableDefinition.partitionKey),
      sortKey: string(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      // the change events' source (events.ts)
      stream: dynamodb.StreamViewType[tableDefinition.stream],
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
}
