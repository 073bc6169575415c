import type { StageName } from "./stage.ts";
import { NOT_MOVED } from "./stateful-stack.ts";
import { stageTemplates, type Template } from "./templates.ts";

/**
 * The one-time move of a stage's stateful resources out of the stack that held them all into its
 * stateful stack (docs/operations.md, "Moving the stateful resources"), and their re-adoption after
 * a `destroy --all` of prod: CloudFormation cannot adopt a user pool or a secret by itself (their
 * identifiers are read-only), so they are kept (retain), released (the old stack deleted) and
 * imported (`cdk import` with a resource mapping file). The stateful stack's constructs keep the
 * ids they had in the old stack, so each resource keeps its logical id.
 */

/**
 * Each imported type and its import identifier (its CloudFormation primary identifier): the last
 * property is the resource's own physical id, the ones before it are read from the template (a
 * `Ref` to another imported resource: the client's, the domain's, the resource server's user pool).
 */
export const IMPORT_IDENTIFIERS: Readonly<Record<string, readonly string[]>> = {
  "AWS::DynamoDB::Table": ["TableName"],
  "AWS::SecretsManager::Secret": ["Id"],
  "AWS::Cognito::UserPool": ["UserPoolId"],
  "AWS::Cognito::UserPoolClient": ["UserPoolId", "ClientId"],
  "AWS::Cognito::UserPoolDomain": ["UserPoolId", "Domain"],
  "AWS::Cognito::UserPoolResourceServer": ["UserPoolId", "Identifier"],
  "AWS::Events::EventBus": ["Name"],
  "AWS::Events::Archive": ["ArchiveName"],
  "AWS::SQS::Queue": ["QueueUrl"],
};

/** A resource of the old stack (`aws cloudformation list-stack-resources` or `describe-stack-resources`). */
export interface StackResource {
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
}

/** The stage's stateful stack's template, synthesized offline. */
export function statefulTemplate(stage: StageName): Template {
  return stageTemplates({ stage }).stateful;
}

/** The logical ids to import: every resource of a type in {@link IMPORT_IDENTIFIERS}, but those {@link NOT_MOVED}. */
export function importedIds(template: Template): string[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type in IMPORT_IDENTIFIERS)
    .filter(([, resource]) => !(NOT_MOVED in ((resource.Metadata as object | undefined) ?? {})))
    .map(([id]) => id);
}

/**
 * The old stack's template with every resource to move kept on delete (`Retain`); a metadata entry
 * too, since CloudFormation may not see a change of DeletionPolicy alone as an update.
 */
export function retainTemplate<T extends Template>(current: T, ids: readonly string[]): T {
  const resources = { ...current.Resources };
  for (const id of ids) {
    const resource = resources[id];
    if (!resource) throw new Error(`the current template has no ${id}`);
    resources[id] = {
      ...resource,
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Metadata: { ...(resource.Metadata as object), "sites-and-groups:moved-to": "the stage's stateful stack" },
    };
  }
  return { ...current, Resources: resources };
}

/** The `cdk import --resource-mapping` file: each imported logical id → its identifier. */
export function importMapping(
  template: Template,
  oldResources: readonly StackResource[],
): Record<string, Record<string, string>> {
  const physical = new Map(oldResources.map((r) => [r.LogicalResourceId, r]));
  const physicalIdOf = (id: string, type: string) => {
    const old = physical.get(id);
    if (!old?.PhysicalResourceId) throw new Error(`the old stack has no ${id} (${type})`);
    if (old.ResourceType !== type) throw new Error(`${id} is a ${old.ResourceType} in the old stack, not a ${type}`);
    return old.PhysicalResourceId;
  };
  return Object.fromEntries(
    importedIds(template).map((id) => {
      const { Type: type, Properties: properties = {} } = template.Resources[id]!;
      const keys = IMPORT_IDENTIFIERS[type]!;
      const identifier = Object.fromEntries(
        keys.map((key, i) => {
          if (i === keys.length - 1) return [key, physicalIdOf(id, type)];
          const ref = (properties[key] as { Ref?: string } | undefined)?.Ref;
          if (!ref) throw new Error(`${id}.${key} is no Ref to another resource`);
          return [key, physicalIdOf(ref, template.Resources[ref]!.Type)];
        }),
      );
      return [id, identifier];
    }),
  );
}
