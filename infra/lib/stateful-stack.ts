import { rollupsTableDefinition, rollupsTableName, tableDefinition } from "@sites-groups/core/table";
import { type CfnResource, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { ClientPool } from "./client-pool.ts";
import { ChangeEventsState } from "./events-stateful.ts";
import type { StageConfig } from "./stage.ts";
import { StatefulParameters, type StatefulValues } from "./stateful-parameters.ts";

/**
 * The metadata key of a stateful resource that is never moved nor imported (stateful-move.ts):
 * one this stack creates itself (the rollups table, derived from the table and rebuilt), so a move
 * or a re-adoption leaves it to the stack's next deploy.
 */
export const NOT_MOVED = "sites-and-groups:not-moved";

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What one stage keeps when its API stack is destroyed (`pnpm run destroy` leaves this stack alone
 * unless told `--all`): the table, the user pool with its app clients, domain and resource server,
 * the list-cursor secret, the change events' bus (other teams' rules hang on it), its archive and
 * the dead-letter queue, and the hierarchy's rollups table (derived from the table, but a rebuild
 * of it should not be the price of re-creating the API stack). The API stack reads what it needs of them from SSM parameters
 * (stateful-parameters.ts), so it can be destroyed and re-created against them at any time.
 *
 * The constructs keep the ids they had when they lived in the API stack (`Table`, `CursorSecret`,
 * `Access/UserPool…`, `Events/Bus…`): their logical ids are unchanged, which is what lets
 * docs/operations.md's one-time move import the existing resources under the same ids.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  /** The hierarchy's maintained items (core db/table.ts `rollupsTableDefinition`), named after the table. */
  readonly rollupsTable: dynamodb.Table;
  /** The stage's list-cursor secret, generated at deploy (never in the source); read by the list functions. */
  readonly cursorSecret: secretsmanager.Secret;
  /** The user pool and its parts; none on an open stage (`-c access=open`). */
  readonly clientPool: ClientPool | undefined;
  readonly events: ChangeEventsState;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = this.createTable("Table", config.prefix, tableDefinition, config);
    this.rollupsTable = this.createTable("RollupsTable", rollupsTableName(config.prefix), rollupsTableDefinition, {
      ...config,
      // derived data: `pnpm rollups:rebuild` makes it again from the table (docs/operations.md), so
      // a `destroy --all` deletes it, and it is created, never imported, when the stack is re-made
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
    });
    (this.rollupsTable.node.defaultChild as CfnResource).addMetadata(
      NOT_MOVED,
      "derived from the table; created by this stack and rebuilt, never imported",
    );
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
      rollupsTableName: this.rollupsTable.tableName,
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

  /** A table exactly as `packages/core/src/db/table.ts` defines it. */
  private createTable(
    id: string,
    tableName: string,
    definition: typeof tableDefinition | typeof rollupsTableDefinition,
    config: Pick<StageConfig, "removalPolicy" | "deletionProtection">,
  ): dynamodb.Table {
    const string = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    const table = new dynamodb.Table(this, id, {
      tableName,
      partitionKey: string(definition.partitionKey),
      sortKey: string(definition.sortKey),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      // the main table's stream: the change events' and the hierarchy's source (stream-consumer.ts)
      ...("stream" in definition ? { stream: dynamodb.StreamViewType[definition.stream] } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    for (const [indexName, keys] of Object.entries(definition.indexes)) {
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
