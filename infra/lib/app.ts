import path from "node:path";
import { routes } from "@sites-groups/functions/routes";
import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ApiStack } from "./api-stack.ts";
import { GitHubOidcRoleStack } from "./deploy-role-stack.ts";
import { APP_NAME, stageConfig } from "./stage.ts";
import { StatefulStack } from "./stateful-stack.ts";

/**
 * The CDK app: the two stacks of the stage named by `-c stage=dev|prod`, its stateful stack
 * (`<stage>-sites-and-groups-stateful`: what a destroy keeps) and its API stack
 * (`<stage>-sites-and-groups`, which depends on it), and, only when `-c githubRepo=owner/name` asks
 * for it, the roles the deploy workflow assumes. All are checked by cdk-nag's AwsSolutions pack:
 * synthesis fails on any finding that is not acknowledged with a reason.
 * Synthesis needs no AWS credentials: the stack is environment-agnostic unless
 * CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION are set (the CLI sets them from your profile).
 */
export function createApp(props: AppProps = {}) {
  // esbuild is a dependency of this package; NodejsFunction looks for it on the PATH.
  const bin = path.resolve(import.meta.dirname, "../node_modules/.bin");
  if (!(process.env.PATH ?? "").split(path.delimiter).includes(bin)) {
    process.env.PATH = [bin, process.env.PATH].filter(Boolean).join(path.delimiter);
  }
  const app = new App(props);
  const config = stageConfig((key) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const env = account && region ? { env: { account, region } } : {};
  const tags = { app: APP_NAME, stage: config.stage };
  const stateful = new StatefulStack(app, config.stacks.stateful, {
    config,
    description: `Sites & Groups data, stage ${config.stage}: what a destroy of the API keeps`,
    ...env,
    tags,
  });
  const stack = new ApiStack(app, config.stacks.api, {
    config,
    routes,
    description: `Sites & Groups API, stage ${config.stage}`,
    ...env,
    tags,
  });
  // it reads the stateful stack's parameters: deployed after it, destroyed on its own
  stack.addStackDependency(stateful, "reads the stateful stack's SSM parameters");
  const githubRepo = app.node.tryGetContext("githubRepo");
  const providerArn = app.node.tryGetContext("githubOidcProviderArn");
  const deployRole = githubRepo
    ? new GitHubOidcRoleStack(app, `${APP_NAME}-github-deploy`, {
        repository: String(githubRepo),
        ...(providerArn ? { existingProviderArn: String(providerArn) } : {}),
        description: "Sites & Groups: the role GitHub Actions assumes to deploy (OIDC)",
        ...env,
        tags: { app: APP_NAME },
      })
    : undefined;
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, stateful, config, deployRole };
}
