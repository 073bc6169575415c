import { Aws, CfnOutput, Duration, Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { APP_NAME } from "./stage.ts";

export const GITHUB_OIDC_ISSUER = "token.actions.githubusercontent.com";

export interface GitHubOidcRoleStackProps extends StackProps {
  /** `owner/name` of the repository whose workflow deploys. */
  repository: string;
  /** Git refs allowed to deploy (GitHub's `sub` claim is `repo:<owner/name>:ref:<ref>`). */
  refs?: readonly string[];
  /**
   * An account has one OIDC provider per issuer: the ARN of the existing one, if another stack
   * or a person already created it; created here otherwise.
   */
  existingProviderArn?: string;
  /** Qualifier of the CDK bootstrap (`cdk bootstrap --qualifier`), `hnb659fds` by default. */
  bootstrapQualifier?: string;
}

/**
 * The role GitHub Actions assumes through OIDC to deploy (.github/workflows/deploy.yml): no
 * stored AWS key. It can do one thing, assume the CDK bootstrap roles of this account (deploy,
 * file publishing, lookup), which hold the actual rights; and only a workflow run of this
 * repository on its main branch or a `v*` tag can assume it. Deployed once, by hand, with
 * `-c githubRepo=owner/name` (docs/operations.md).
 */
export class GitHubOidcRoleStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GitHubOidcRoleStackProps) {
    super(scope, id, props);
    if (!/^[\w.-]+\/[\w.-]+$/.test(props.repository)) {
      throw new Error(`githubRepo must be owner/name, not "${props.repository}"`);
    }
    const refs = props.refs ?? ["refs/heads/main", "refs/tags/v*"];
    const qualifier = props.bootstrapQualifier ?? "hnb659fds";
    const providerArn =
      props.existingProviderArn ??
      new iam.OidcProviderNative(this, "GitHubProvider", {
        url: `https://${GITHUB_OIDC_ISSUER}`,
        clientIds: ["sts.amazonaws.com"],
      }).oidcProviderArn;

    this.role = new iam.Role(this, "DeployRole", {
      roleName: `${APP_NAME}-github-deploy`,
      description: `GitHub Actions of ${props.repository} (${refs.join(", ")}): assumes the CDK bootstrap roles`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${GITHUB_OIDC_ISSUER}:aud`]: "sts.amazonaws.com" },
        StringLike: { [`${GITHUB_OIDC_ISSUER}:sub`]: refs.map((ref) => `repo:${props.repository}:ref:${ref}`) },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ["sts:AssumeRole", "sts:TagSession"],
        resources: [`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-*`],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-${qualifier}-*]`,
      reason:
        "The CDK bootstrap roles (deploy, file publishing, image publishing, lookup) are named " +
        "cdk-<qualifier>-<kind>-role-<account>-<region>; the pattern covers those of this account only",
    });

    new CfnOutput(this, "DeployRoleArn", {
      value: this.role.roleArn,
      description: "Set it as the repository variable AWS_DEPLOY_ROLE_ARN",
    });
  }
}
