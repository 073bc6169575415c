import { ERROR_CATALOG } from "@sites-groups/core/errors";
import { Validations } from "aws-cdk-lib";
import type * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import type { StageConfig } from "./stage.ts";

/** The managed rule group, and its one rule this API cannot live with. */
const COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet";
/**
 * SizeRestrictions_BODY blocks every body over 8 KB; the contract accepts bodies up to 64 KiB
 * (a group with many members, a site with a long name list), so that rule only counts.
 */
const COUNTED_RULES = ["SizeRestrictions_BODY"] as const;

/** The custom response body the rate rule refers to (its key in the web ACL's `CustomResponseBodies`). */
const TOO_MANY_REQUESTS_BODY_KEY = "TooManyRequests";

/**
 * What the rate rule answers, the contract's problem members (API.md, "Too many requests"). AWS WAF
 * serves a custom body as text/plain, text/html or application/json only (its `ContentType`), so
 * this is application/json, not application/problem+json; and it is static: no `request_id`.
 */
export function tooManyRequestsProblem(limit: number, windowSeconds: number) {
  const { title, status } = ERROR_CATALOG.TOO_MANY_REQUESTS;
  return {
    type: "about:blank",
    title,
    status,
    code: "TOO_MANY_REQUESTS",
    detail:
      `more than ${limit} requests in ${windowSeconds} s from this address; nothing was done, ` +
      "retry after the Retry-After delay",
  };
}

export interface ApiFirewallProps {
  prefix: string;
  stage: apigateway.Stage;
  /** Requests one client IP may send over `windowSeconds` before the rate rule answers 429. */
  requestsPerClient: number;
  windowSeconds: 60 | 120 | 300 | 600;
}

/**
 * An AWS WAF web ACL (REGIONAL) on the API stage: a rate-based rule per client IP, then AWS's
 * common rule set, each with CloudWatch metrics and sampled requests. The rate rule answers with
 * its own 429 response ({@link tooManyRequestsProblem}, `Retry-After`: the rule's window, after
 * which the address's count has aged out), which takes precedence over API Gateway's; a request
 * the common rules block gets API Gateway's WAF_FILTERED answer (gateway-responses.ts).
 */
class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const { prefix, stage, requestsPerClient, windowSeconds } = props;
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      name: `${prefix}-api`,
      description: "Rate limit per client IP and AWS managed common rules for the Sites and Groups API",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-api`),
      customResponseBodies: {
        [TOO_MANY_REQUESTS_BODY_KEY]: {
          contentType: "APPLICATION_JSON",
          content: JSON.stringify(tooManyRequestsProblem(requestsPerClient, windowSeconds)),
        },
      },
      rules: [
        {
          name: "RatePerIp",
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: TOO_MANY_REQUESTS_BODY_KEY,
                responseHeaders: [{ name: "Retry-After", value: String(windowSeconds) }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: requestsPerClient,
              aggregateKeyType: "IP",
              evaluationWindowSec: windowSeconds,
            },
          },
          visibilityConfig: visibility(`${prefix}-rate-per-ip`),
        },
        {
          name: COMMON_RULE_SET,
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: COMMON_RULE_SET,
              ruleActionOverrides: COUNTED_RULES.map((name) => ({ name, actionToUse: { count: {} } })),
            },
          },
          visibilityConfig: visibility(`${prefix}-common-rules`),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, "Association", {
      resourceArn: stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

/** The prod stage's firewall; elsewhere, cdk-nag's APIG3 acknowledged with why there is none. */
export function addFirewall(scope: Construct, api: apigateway.RestApi, config: StageConfig) {
  if (config.firewall) {
    return new ApiFirewall(scope, "Firewall", {
      prefix: config.prefix,
      stage: api.deploymentStage,
      ...config.firewall,
    });
  }
  Validations.of(api).acknowledge({
    id: "AwsSolutions-APIG3",
    reason:
      `No AWS WAF web ACL in the ${config.stage} stage: a web ACL costs about $7 a month even idle; this stage ` +
      "holds no production data, requires a Cognito token (unless deployed open), and stage throttling bounds its load",
  });
  return undefined;
}
