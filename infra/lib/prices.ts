/**
 * What each CloudFormation resource type of the stacks costs a month at rest (deployed, no
 * traffic, no data), in US dollars: the one price table of `pnpm cost` (cost.ts). List prices of
 * us-east-1, without free tiers (they are per account, not per stage); check the pricing pages of
 * your region. Every type the stacks contain must be here (infra/test/cost.test.ts), free ones with
 * what they do cost once used, so that a new resource type is priced before it ships.
 */

/** A resource as the template holds it. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface Price {
  /** What one item costs a month, and what an item is. */
  usd: number;
  item: string;
  /** How many items one resource of the type is at rest (1 unless said). */
  items?(resource: TemplateResource): number;
  /** A monthly fee per resource on top of its items. */
  fixedUsd?: number;
  /** What it costs once it is used, not counted at rest. */
  usage?: string;
}

const free = (usage: string): Price => ({ usd: 0, item: "resource", usage });

/** A metric an alarm reads: the metric itself, or each metric of its math expression. */
function alarmMetrics(resource: TemplateResource): number {
  const metrics = (resource.Properties?.Metrics ?? []) as { MetricStat?: unknown }[];
  return metrics.length === 0 ? 1 : metrics.filter((m) => m.MetricStat).length;
}

/** An app client allowed the client-credentials grant is a machine-to-machine client. */
function machineClients(resource: TemplateResource): number {
  return ((resource.Properties?.AllowedOAuthFlows ?? []) as string[]).includes("client_credentials") ? 1 : 0;
}

export const PRICES: Readonly<Record<string, Price>> = {
  // Every alarm here has a period of 60 s or more (standard resolution: $0.10, high resolution $0.30).
  "AWS::CloudWatch::Alarm": { usd: 0.1, item: "alarm metric", items: alarmMetrics },
  "AWS::CloudWatch::Dashboard": {
    usd: 3,
    item: "dashboard",
    usage: "the first 3 dashboards of an account (up to 50 metrics each) are free; ours has more than 50",
  },
  "AWS::WAFv2::WebACL": {
    fixedUsd: 5,
    usd: 1,
    item: "rule (and $5 per web ACL)",
    items: (acl) => ((acl.Properties?.Rules ?? []) as unknown[]).length,
    usage: "$0.60 per million requests inspected",
  },
  "AWS::SecretsManager::Secret": {
    usd: 0.4,
    item: "secret",
    usage: "$0.05 per 10,000 API calls (a function reads it once per container)",
  },
  "AWS::Cognito::UserPoolClient": {
    usd: 6,
    item: "machine-to-machine app client",
    items: machineClients,
    usage: "$2.25 per 1,000 token requests, tiered (clients reuse their one-hour tokens)",
  },
  "AWS::KMS::Key": { usd: 1, item: "customer managed key", usage: "$0.03 per 10,000 requests" },
  "AWS::Cognito::UserPool": free("Lite plan: per monthly active user, and the pool has no users"),
  "AWS::Cognito::UserPoolDomain": free("none"),
  "AWS::Cognito::UserPoolResourceServer": free("none"),
  "AWS::DynamoDB::Table": free(
    "on demand: $0.25 per GB-month stored (25 GB free), point-in-time recovery $0.20 per GB-month, requests",
  ),
  "AWS::Events::EventBus": free("$1.00 per million events put; rules on it are the consumers'"),
  "AWS::Events::Archive": free("$0.10 per GB archived (~1 KB an event), per GB replayed"),
  "AWS::SQS::Queue": free("$0.40 per million requests (the dead-letter queue sees few)"),
  "AWS::SQS::QueuePolicy": free("none"),
  "AWS::SSM::Parameter": free("standard parameters: none"),
  "AWS::SNS::Topic": free("per notification (email: 1,000 free, then $2 per 100,000)"),
  "AWS::SNS::TopicPolicy": free("none"),
  "AWS::SNS::Subscription": free("none"),
  "AWS::Logs::LogGroup": free("$0.50 per GB ingested, $0.03 per GB-month stored"),
  "AWS::Lambda::Function": free("per request and GB-second; the code's storage is free up to the 75 GB quota"),
  "AWS::Lambda::Version": free("its code counts towards the region's 75 GB code storage quota (kept versions)"),
  "AWS::Lambda::Alias": free("none"),
  "AWS::Lambda::Permission": free("none"),
  "AWS::Lambda::EventSourceMapping": free("reading a DynamoDB stream for Lambda is free; the invocations are not"),
  "AWS::ApiGateway::RestApi": free("$3.50 per million requests; detailed metrics $0.30 per metric-month with data"),
  "AWS::ApiGateway::Account": free("none"),
  "AWS::ApiGateway::Deployment": free("none"),
  "AWS::ApiGateway::Stage": free("none (no cache); access and execution logs as log groups"),
  "AWS::ApiGateway::Resource": free("none"),
  "AWS::ApiGateway::Method": free("none"),
  "AWS::ApiGateway::GatewayResponse": free("none"),
  "AWS::ApiGateway::RequestValidator": free("none"),
  "AWS::ApiGateway::Authorizer": free("none (Cognito bills the tokens)"),
  "AWS::WAFv2::WebACLAssociation": free("none"),
  "AWS::CodeDeploy::Application": free("deployments to Lambda are free"),
  "AWS::CodeDeploy::DeploymentGroup": free("deployments to Lambda are free"),
  "AWS::IAM::Role": free("none"),
  "AWS::IAM::Policy": free("none"),
  "AWS::CDK::Metadata": free("none"),
};
