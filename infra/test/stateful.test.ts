/**
 * Destroy and re-create, simulated on the synthesized templates of both stacks of both stages
 * (issue 19): the API stack keeps nothing that would block its own re-creation, it reads from the
 * stateful stack exactly what the stateful stack publishes, and the stateful stack holds every
 * resource a re-created API must find again. Then the one-time move (docs/operations.md): its
 * resource mapping covers every retained resource, under the logical ids the pre-split stack had.
 * Templates only: no bundling.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { StageName } from "../lib/stage.ts";
import { IMPORT_IDENTIFIERS, importedIds, importMapping, retainTemplate } from "../lib/stateful-move.ts";
import { parameterName } from "../lib/stateful-parameters.ts";
import type { Template } from "../lib/templates.ts";
import { type Synthesized, synthesize } from "./synth.ts";

const stages: Record<StageName, Synthesized> = {} as never;
beforeAll(() => {
  stages.dev = synthesize({ stage: "dev" }, { bundle: false });
  stages.prod = synthesize({ stage: "prod" }, { bundle: false });
}, 300_000);

const json = (s: Synthesized, which: "template" | "statefulTemplate") => s[which].toJSON() as Template;

/** Every value of a template that is a literal or built from literals and pseudo parameters only. */
function isFixed(value: unknown, template: Template): boolean {
  if (typeof value === "string") return true;
  if (Array.isArray(value)) return value.every((v) => isFixed(v, template));
  if (value && typeof value === "object") {
    const ref = (value as { Ref?: string }).Ref;
    if (ref !== undefined) return ref.startsWith("AWS::");
    if ("Fn::GetAtt" in value) return false;
    return Object.values(value).every((v) => isFixed(v, template));
  }
  return true;
}

/**
 * The types CloudFormation adopts by name (`--import-existing-resources`): their primary identifier
 * is a property the template sets. A secret (`Id`), a user pool (`UserPoolId`), a queue (`QueueUrl`)
 * or a Lambda version (`FunctionArn`) have read-only identifiers: never adopted.
 */
const ADOPTED_BY_NAME: Record<string, string> = {
  "AWS::DynamoDB::Table": "TableName",
  "AWS::Logs::LogGroup": "LogGroupName",
  "AWS::Events::EventBus": "Name",
  "AWS::Events::Archive": "ArchiveName",
  "AWS::SSM::Parameter": "Name",
};

/** Each `id.Property` of a resource kept on delete whose fixed name CloudFormation could not adopt. */
function unadoptableNames(template: Template): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.DeletionPolicy === "Retain")
    .flatMap(([id, resource]) =>
      Object.entries(resource.Properties ?? {})
        .filter(([key, value]) => /Name$/.test(key) && isFixed(value, template))
        .filter(([key]) => ADOPTED_BY_NAME[resource.Type] !== key)
        .map(([key]) => `${id}.${key}`),
    );
}

describe.each(["dev", "prod"] as const)("destroying and re-creating the %s API stack", (stage) => {
  const s = () => stages[stage];

  it("keeps nothing on delete under a fixed name CloudFormation could not adopt", () => {
    const template = json(s(), "template");
    // the functions' versions (an alias goes back to one); prod, its log groups and API Gateway's CloudWatch role too
    const kept = new Set(
      Object.values(template.Resources)
        .filter((r) => r.DeletionPolicy === "Retain")
        .map((r) => r.Type),
    );
    expect([...kept].sort()).toEqual(
      stage === "prod"
        ? ["AWS::ApiGateway::Account", "AWS::IAM::Role", "AWS::Lambda::Version", "AWS::Logs::LogGroup"]
        : ["AWS::Lambda::Version"],
    );
    expect(unadoptableNames(template)).toEqual([]);
    // the check can fail: the pre-split stack's kept cursor secret, with its fixed name
    const secret = { Type: "AWS::SecretsManager::Secret", DeletionPolicy: "Retain", Properties: { Name: "x/cursor" } };
    expect(unadoptableNames({ Resources: { ...template.Resources, CursorSecret: secret } })).toEqual([
      "CursorSecret.Name",
    ]);
  });

  it("holds no table, user pool, secret, bus, archive or kept queue: the stateful stack has them", () => {
    const stateful = ["DynamoDB::Table", "Cognito::", "SecretsManager::Secret", "Events::EventBus", "Events::Archive"];
    const resources = Object.values(json(s(), "template").Resources);
    const types = resources.map((r) => r.Type);
    for (const type of types) for (const part of stateful) expect(type).not.toContain(part);
    // one queue only: the rollups processor's dead letters, which `pnpm rollups:rebuild` makes
    // needless (docs/operations.md), so a re-created stack may start it empty
    const queues = resources.filter((r) => r.Type === "AWS::SQS::Queue");
    expect(queues.map((q) => (q.Properties as { QueueName: string }).QueueName)).toEqual([
      `${stage}-sites-and-groups-rollups-dlq`,
    ]);
    const statefulTypes = new Set(Object.values(json(s(), "statefulTemplate").Resources).map((r) => r.Type));
    for (const type of [
      "AWS::DynamoDB::Table",
      "AWS::Cognito::UserPool",
      "AWS::Cognito::UserPoolClient",
      "AWS::Cognito::UserPoolDomain",
      "AWS::Cognito::UserPoolResourceServer",
      "AWS::SecretsManager::Secret",
      "AWS::Events::EventBus",
      "AWS::Events::Archive",
      "AWS::SQS::Queue",
    ]) {
      expect(statefulTypes, type).toContain(type);
    }
  });

  it("reads from the stateful stack exactly the SSM parameters it publishes, and nothing else", () => {
    const api = json(s(), "template");
    const read = Object.values((api.Parameters ?? {}) as Record<string, { Type: string; Default?: string }>)
      .filter((p) => p.Type.startsWith("AWS::SSM::Parameter::Value"))
      .map((p) => p.Default)
      .filter((name) => name !== "/cdk-bootstrap/hnb659fds/version");
    const published = Object.values(json(s(), "statefulTemplate").Resources)
      .filter((r) => r.Type === "AWS::SSM::Parameter")
      .map((r) => r.Properties!.Name);
    expect(read.sort()).toEqual([...published].sort());
    expect(read).toContain(parameterName(`${stage}-sites-and-groups`, "tableStreamArn"));
    // no export, no import, no physical name of a stateful resource written into the API stack
    const apiText = JSON.stringify(api);
    expect(apiText).not.toContain("Fn::ImportValue");
    expect(Object.keys((json(s(), "statefulTemplate").Outputs ?? {}) as object)).toEqual([]);
    // the physical names another stack could refer to them by
    const NAMES: Record<string, string> = {
      "AWS::DynamoDB::Table": "TableName",
      "AWS::Events::EventBus": "Name",
      "AWS::Events::Archive": "ArchiveName",
      "AWS::SQS::Queue": "QueueName",
      "AWS::Cognito::UserPool": "UserPoolName",
      "AWS::Cognito::UserPoolClient": "ClientName",
    };
    const names = Object.values(json(s(), "statefulTemplate").Resources)
      .filter((r) => r.Type in NAMES)
      .map((r) => r.Properties![NAMES[r.Type]!])
      .filter((name): name is string => typeof name === "string");
    expect(names).toContain(`${stage}-sites-and-groups`);
    const literals = new Set<string>();
    const walk = (value: unknown): void => {
      if (typeof value === "string") literals.add(value);
      else if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    // where a resource names another (environments, policies, dimensions…), not its own name properties
    for (const resource of Object.values(api.Resources)) {
      for (const [key, value] of Object.entries(resource.Properties ?? {})) if (!/Name$/.test(key)) walk(value);
    }
    for (const name of names) expect(literals.has(name), name).toBe(false);
  });

  it("is synthesized the same way again: a re-created stack binds to the same parameters", () => {
    const again = synthesize({ stage }, { bundle: false });
    expect(again.template.toJSON().Parameters).toEqual(s().template.toJSON().Parameters);
    expect(again.statefulTemplate.toJSON()).toEqual(s().statefulTemplate.toJSON());
  });

  it("depends on the stateful stack, which depends on nothing", () => {
    const api = s().assembly.getStackByName(`${stage}-sites-and-groups`);
    const stateful = s().assembly.getStackByName(`${stage}-sites-and-groups-stateful`);
    expect(api.dependencies.map((d) => d.id)).toContain(stateful.id);
    expect(stateful.dependencies.map((d) => d.id)).not.toContain(api.id);
  });
});

describe("the stateful stack", () => {
  it.each(["dev", "prod"] as const)("%s: keeps its resources on delete in prod only", (stage) => {
    const template = json(stages[stage], "statefulTemplate");
    for (const id of importedIds(template)) {
      expect(template.Resources[id]!.DeletionPolicy, id).toBe(stage === "prod" ? "Retain" : "Delete");
    }
  });
});

/** The logical ids of the moved resources in the single stack deployed before the split. */
const PRE_SPLIT_IDS: Record<string, string> = {
  TableCD117FA1: "AWS::DynamoDB::Table",
  CursorSecretABAE1358: "AWS::SecretsManager::Secret",
  AccessUserPool771E2DF7: "AWS::Cognito::UserPool",
  AccessUserPoolResourceServerF160730F: "AWS::Cognito::UserPoolResourceServer",
  AccessUserPoolDomain0C42F474: "AWS::Cognito::UserPoolDomain",
  AccessUserPoolMachineClient1DD5EF46: "AWS::Cognito::UserPoolClient",
  EventsBus45DE4339: "AWS::Events::EventBus",
  EventsArchive5A2DBDD8: "AWS::Events::Archive",
  EventsDeadLetters8A90034E: "AWS::SQS::Queue",
};

describe("the one-time move into the stateful stack", () => {
  /** What `aws cloudformation list-stack-resources` says of the old prod stack (among its other resources). */
  const oldStack = [
    ...Object.entries(PRE_SPLIT_IDS).map(([id, type]) => ({
      LogicalResourceId: id,
      ResourceType: type,
      PhysicalResourceId: `physical-${id}`,
    })),
    { LogicalResourceId: "ListSites1D5B8C3A", ResourceType: "AWS::Lambda::Function", PhysicalResourceId: "fn" },
  ];

  it("imports every resource the prod stateful stack retains, under its pre-split logical id", () => {
    const template = json(stages.prod, "statefulTemplate");
    const mapping = importMapping(template, oldStack);
    const retained = Object.entries(template.Resources)
      .filter(([, r]) => r.DeletionPolicy === "Retain")
      .map(([id]) => id);
    expect(Object.keys(mapping).sort()).toEqual(retained.sort());
    expect(retained.sort()).toEqual(Object.keys(PRE_SPLIT_IDS).sort());
    // each with its type's identifier, the pool's parts with their pool
    for (const [id, identifier] of Object.entries(mapping)) {
      expect(Object.keys(identifier)).toEqual(IMPORT_IDENTIFIERS[template.Resources[id]!.Type]);
    }
    expect(mapping.AccessUserPoolMachineClient1DD5EF46).toEqual({
      UserPoolId: "physical-AccessUserPool771E2DF7",
      ClientId: "physical-AccessUserPoolMachineClient1DD5EF46",
    });
    expect(mapping.CursorSecretABAE1358).toEqual({ Id: "physical-CursorSecretABAE1358" });
    // what it does not import, the stack creates: nothing retained among them
    const created = Object.keys(template.Resources).filter((id) => !(id in mapping));
    expect(created.length).toBeGreaterThan(0);
    for (const id of created) expect(template.Resources[id]!.DeletionPolicy, id).not.toBe("Retain");
  });

  it("refuses a mapping the old stack cannot fill", () => {
    const template = json(stages.prod, "statefulTemplate");
    const withoutPool = oldStack.filter((r) => r.LogicalResourceId !== "AccessUserPool771E2DF7");
    expect(() => importMapping(template, withoutPool)).toThrow(/AccessUserPool771E2DF7/);
    const wrongType = oldStack.map((r) =>
      r.LogicalResourceId === "TableCD117FA1" ? { ...r, ResourceType: "AWS::S3::Bucket" } : r,
    );
    expect(() => importMapping(template, wrongType)).toThrow(/TableCD117FA1/);
  });

  it("first keeps those resources when the old stack is deleted", () => {
    const old: Template = {
      Resources: {
        ...Object.fromEntries(Object.entries(PRE_SPLIT_IDS).map(([id, Type]) => [id, { Type, Properties: {} }])),
        ListSites1D5B8C3A: { Type: "AWS::Lambda::Function", Properties: {} },
      },
    };
    const retained = retainTemplate(old, importedIds(json(stages.prod, "statefulTemplate")));
    for (const id of Object.keys(PRE_SPLIT_IDS)) {
      expect(retained.Resources[id]).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
    }
    expect(retained.Resources.ListSites1D5B8C3A!.DeletionPolicy).toBeUndefined();
  });
});
