import * as ssm from "aws-cdk-lib/aws-ssm";
import { Construct } from "constructs";

/**
 * What the API stack needs from its stage's stateful stack, and nothing else: each value is an SSM
 * parameter the stateful stack writes (`/<prefix>/stateful/<name>`) and the API stack reads at
 * deploy time (a CloudFormation parameter of type `AWS::SSM::Parameter::Value<String>`).
 *
 * Why not CloudFormation exports (CDK's cross-stack references): an export cannot be changed or
 * removed while another stack imports it, so every change to what the API stack reads would first
 * need the API stack updated, and CDK's automatic references remove an export as soon as its last
 * reader stops using it, which fails the stateful stack's deploy while the API stack still imports
 * it. With parameters the stateful stack never waits on the API stack; the API stack, destroyed or
 * re-created at any time, reads the current values on each deploy.
 */
export const STATEFUL_VALUES = [
  "tableName",
  "tableStreamArn",
  "rollupsTableName",
  "cursorSecretArn",
  "eventBusName",
  "eventBusArn",
  "deadLettersArn",
  "deadLettersName",
  "deadLettersUrl",
] as const;

/** The user pool's values, for the stages with Cognito (not `-c access=open`). */
export const CLIENT_POOL_VALUES = ["userPoolId", "machineClientId", "tokenUrl"] as const;

export type StatefulValue = (typeof STATEFUL_VALUES)[number];
export type ClientPoolValue = (typeof CLIENT_POOL_VALUES)[number];
export type StatefulValues = Record<StatefulValue, string>;
export type ClientPoolValues = Record<ClientPoolValue, string>;

/** The parameter's name: `/dev-sites-and-groups/stateful/table-stream-arn`. */
export function parameterName(prefix: string, value: StatefulValue | ClientPoolValue): string {
  return `/${prefix}/stateful/${value.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Writes each value as a String parameter (standard tier, no charge), in the stateful stack. */
export class StatefulParameters extends Construct {
  constructor(scope: Construct, id: string, props: { prefix: string; values: Record<string, string> }) {
    super(scope, id);
    for (const [value, stringValue] of Object.entries(props.values)) {
      new ssm.StringParameter(this, value, {
        parameterName: parameterName(props.prefix, value as StatefulValue),
        description: `The ${props.prefix} API stack reads it at deploy time (stateful-parameters.ts)`,
        stringValue,
      });
    }
  }
}

/** The values as the API stack reads them: deploy-time tokens, one CloudFormation parameter each. */
export function readStateful<K extends StatefulValue | ClientPoolValue>(
  scope: Construct,
  prefix: string,
  values: readonly K[],
): Record<K, string> {
  return Object.fromEntries(
    values.map((value) => [value, ssm.StringParameter.valueForStringParameter(scope, parameterName(prefix, value))]),
  ) as Record<K, string>;
}
