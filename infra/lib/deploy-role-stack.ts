import { Aws, CfnOutput, Duration, Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { APP_NAME, type StageName } from "./stage.ts";

const GITHUB_OIDC_ISSUER = "token.actions.githubusercontent.com";

export interface GitHubOidcRoleStackProps extends StackProps {
  /** `owner/name` of the repository whose workflow deploys. */
  repository: string;
  /**
   * An account has one OIDC provider per issuer: the ARN of the existing one, if another stack
   * or a person already created it; created here otherwise.
   */
  existingProviderArn?: string;
  /** Qualifier of the CDK bootstrap (`cdk bootstrap --qualifier`), `hnb659fds` by default. */
  bootstrapQualifier?: string;
}

/**
 * Who may assume each stage's role (GitHub's `sub` claim): dev, a run on the main branch
 * (`repo:<owner/name>:ref:refs/heads/main`); prod, only a job of the `prod` GitHub environment
 * (`repo:<owner/name>:environment:prod`), which its required reviewers gate. A job that names an
 * environment gets that subject whatever its ref, so a push to main can never assume prod's role.
 */
const DEPLOY_SUBJECTS: Record<StageName, (repository: string) => string> = {
  dev: (repository) => `repo:${repository}:ref:refs/heads/main`,
  prod: (repository) => `repo:${repository}:environment:prod`,
};

/**
 * The roles GitHub Actions assumes through OIDC to deploy (.github/workflows/deploy.yml), one per
 * stage: no stored AWS key. Each can do one thing, assume the CDK bootstrap roles of this account
 * (deploy, file publishing, lookup), which hold the actual rights; and only the workflow runs of
 * {@link DEPLOY_SUBJECTS} can assume it. Deployed once, by hand, with `-c githubRepo=owner/name`
 * (docs/operations.md).
 */
export class GitHubOidcRoleStack extends Stack {
  readonly roles: Record<StageName, iam.Role>;

  constructor(scope: Construct, id: string, props: GitHubOidcRoleStackProps) {
    super(scope, id, props);
    if (!/^[\w.-]+\/[\w.-]+$/.test(props.repository)) {
      throw new Error(`githubRepo must be owner/name, not "${props.repository}"`);
    }
    const qualifier = props.bootstrapQualifier ?? "hnb659fds";
    const providerArn =
      props.existingProviderArn ??
      new iam.OidcProviderNative(this, "GitHubProvider", {
        url: `https://${GITHUB_OIDC_ISSUER}`,
        clientIds: ["sts.amazonaws.com"],
      }).oidcProviderArn;

    const role = (stage: StageName) => {
      const subject = DEPLOY_SUBJECTS[stage](props.repository);
      const created = new iam.Role(this, `DeployRole-${stage}`, {
        roleName: `${APP_NAME}-github-deploy-${stage}`,
        description: `Deploys ${stage} from GitHub Actions (${subject}): assumes the CDK bootstrap roles`,
        maxSessionDuration: Duration.hours(1),
        assumedBy: new iam.WebIdentityPrincipal(providerArn, {
          StringEquals: { [`${GITHUB_OIDC_ISSUER}:aud`]: "sts.amazonaws.com", [`${GITHUB_OIDC_ISSUER}:sub`]: subject },
        }),
      });
      created.addToPolicy(
        new iam.PolicyStatement({
          actions: ["sts:AssumeRole", "sts:TagSession"],
          resources: [`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-${qualifier}-*`],
        }),
      );
      Validations.of(created).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-${qualifier}-*]`,
        reason:
          "The CDK bootstrap roles (deploy, file publishing, image publishing, lookup) are named " +
          "cdk-<qualifier>-<kind>-role-<account>-<region>; the pattern covers those of this account only",
      });
      return created;
    };
    this.roles = { dev: role("dev"), prod: role("prod") };

    new CfnOutput(this, "DevDeployRoleArn", {
      value: this.roles.dev.roleArn,
      description: "Set it as the repository variable AWS_DEPLOY_ROLE_ARN",
    });
    new CfnOutput(this, "ProdDeployRoleArn", {
      value: this.roles.prod.roleArn,
      description: "Set it as the variable AWS_DEPLOY_ROLE_ARN of the GitHub environment prod",
    });
  }
}
