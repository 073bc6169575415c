/**
 * The LocalStack deploy as LocalStack 4.14.0's free edition will receive it (docs/localstack.md):
 * every resource type of its two stacks, and of `cdk bootstrap`'s template, has a resource provider
 * there, and the service that provider calls is enabled by docker-compose.localstack.yml's
 * `SERVICES` (with it set, every other service is off). The table is LocalStack's own source
 * (localstack-providers.ts). Templates only: no bundling.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../lib/functions.ts";
import { LOCALSTACK_PROVIDERS } from "./localstack-providers.ts";
import { type Synthesized, synthesize } from "./synth.ts";

/** `SERVICES` of the compose file, as LocalStack splits it (`config.py`: commas, ports dropped). */
function composeServices(): Set<string> {
  const compose = readFileSync(path.join(REPO_ROOT, "docker-compose.localstack.yml"), "utf8");
  const line = /^\s*-\s*SERVICES=(.*)$/m.exec(compose);
  if (!line) throw new Error("docker-compose.localstack.yml sets no SERVICES");
  return new Set(
    line[1]!
      .split(",")
      .map((service) => service.trim().split(/[:=]/)[0]!)
      .filter(Boolean),
  );
}

/** The resource types of `cdk bootstrap`'s template (the CDK CLI's, the one cdklocal deploys). */
function bootstrapTypes(): string[] {
  const cli = path.dirname(createRequire(path.join(REPO_ROOT, "package.json")).resolve("aws-cdk/package.json"));
  const template = readFileSync(path.join(cli, "lib/api/bootstrap/bootstrap-template.yaml"), "utf8");
  return [...template.matchAll(/^\s+Type:\s+(AWS::\S+)\s*$/gm)].map((m) => m[1]!);
}

const typesOf = (s: Synthesized) => [...new Set(Object.values(s.resources).map((r) => r.Type as string))].sort();

/** Each type LocalStack free cannot create, or whose service the compose file leaves off. */
function gaps(types: readonly string[], services: ReadonlySet<string>): string[] {
  return types.flatMap((type) => {
    if (!(type in LOCALSTACK_PROVIDERS)) return [`${type}: no resource provider in LocalStack 4.14.0 free`];
    const service = LOCALSTACK_PROVIDERS[type];
    return service && !services.has(service) ? [`${type}: service ${service} is not in SERVICES`] : [];
  });
}

let local: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  // as scripts/localstack.sh deploys it; version reporting on, as the CLI synthesizes (AWS::CDK::Metadata)
  const cli = { "aws:cdk:version-reporting": "true" };
  local = synthesize({ ...cli, stage: "dev", localstack: "true", access: "open" }, { bundle: false });
  prod = synthesize({ ...cli, stage: "prod" }, { bundle: false });
}, 300_000);

describe("the LocalStack deploy", () => {
  it("creates only resource types LocalStack 4.14.0 free has, in services the compose file enables", () => {
    const types = [...new Set([...typesOf(local), ...bootstrapTypes()])];
    expect(types).toContain("AWS::CDK::Metadata");
    expect(types).toContain("AWS::Events::EventBus");
    expect(types).toContain("AWS::ECR::Repository");
    expect(gaps(types, composeServices())).toEqual([]);
  });

  it("would fail on what the AWS stages have and LocalStack free lacks, or on a service left off", () => {
    expect(gaps(typesOf(prod), composeServices())).toEqual(
      expect.arrayContaining([
        "AWS::Events::Archive: no resource provider in LocalStack 4.14.0 free",
        "AWS::CloudWatch::Dashboard: no resource provider in LocalStack 4.14.0 free",
        "AWS::CodeDeploy::DeploymentGroup: no resource provider in LocalStack 4.14.0 free",
        "AWS::Cognito::UserPool: no resource provider in LocalStack 4.14.0 free",
        "AWS::WAFv2::WebACL: no resource provider in LocalStack 4.14.0 free",
      ]),
    );
    // the compose file as issue 19 found it: no events, no sqs
    const before = new Set(["cloudformation", "dynamodb", "lambda", "apigateway", "iam", "sts", "s3", "ssm"]);
    expect(gaps(typesOf(local), before)).toEqual(
      expect.arrayContaining([
        "AWS::Events::EventBus: service events is not in SERVICES",
        "AWS::SQS::Queue: service sqs is not in SERVICES",
      ]),
    );
  });

  it("names each service of the table as LocalStack does", () => {
    // the services of LocalStack 4.14.0's community providers (localstack-core/localstack/services/providers.py)
    const known = new Set([
      "acm",
      "apigateway",
      "cloudformation",
      "cloudwatch",
      "dynamodb",
      "dynamodbstreams",
      "ec2",
      "es",
      "events",
      "firehose",
      "iam",
      "kinesis",
      "kms",
      "lambda",
      "logs",
      "opensearch",
      "redshift",
      "resource-groups",
      "route53",
      "s3",
      "scheduler",
      "secretsmanager",
      "ses",
      "sns",
      "sqs",
      "ssm",
      "stepfunctions",
      "sts",
    ]);
    for (const service of Object.values(LOCALSTACK_PROVIDERS)) if (service) expect(known).toContain(service);
    for (const service of composeServices()) expect(known).toContain(service);
  });
});
