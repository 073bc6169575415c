import { OAUTH_SCOPES, RESOURCE_SERVER } from "@sites-groups/functions/routes";
import { Aws, Duration, Validations } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import type { StageConfig } from "./stage.ts";
import type { ClientPoolValues } from "./stateful-parameters.ts";

/**
 * The stage's user pool for machine clients (API.md, "Access: who may call what"), in the stateful
 * stack: it outlives the API stack, so a destroyed and re-created API keeps every client id and
 * secret. A user pool with no users and no sign-up, a resource server `sites-groups` with the scopes
 * `read` and `write`, a Cognito domain for its OAuth token endpoint, and one app client for machine
 * clients (client-credentials grant, a generated secret no stack ever outputs). The API side, the
 * authorizer and the outputs, is access.ts.
 */
export class ClientPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly domain: cognito.UserPoolDomain;
  readonly machineClient: cognito.UserPoolClient;
  /** What the API stack reads (stateful-parameters.ts). */
  readonly values: ClientPoolValues;

  constructor(scope: Construct, id: string, props: { config: StageConfig }) {
    super(scope, id);
    const { config } = props;
    const userPool = new cognito.UserPool(this, "UserPool", {
      userPoolName: `${config.prefix}-clients`,
      // Machine clients only: nobody signs up, nobody signs in with a password.
      selfSignUpEnabled: false,
      featurePlan: cognito.FeaturePlan.LITE,
      signInAliases: { username: true },
      accountRecovery: cognito.AccountRecovery.NONE,
      // Free, and the strictest settings, should anyone ever add a user by hand.
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    Validations.of(userPool).acknowledge({
      id: "AwsSolutions-COG8",
      reason:
        "The Plus feature plan's threat protection watches user sign-ins (compromised credentials, risky " +
        "sign-ins); this pool has no users, only machine clients using the client-credentials grant, and " +
        "Plus is billed per monthly active user",
    });

    const scopes = Object.keys(OAUTH_SCOPES).map(
      (name) =>
        new cognito.ResourceServerScope({
          scopeName: name,
          scopeDescription: name === "read" ? "Read sites and groups" : "Create, change and delete sites and groups",
        }),
    );
    const resourceServer = userPool.addResourceServer("ResourceServer", {
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: `${config.prefix}-api`,
      scopes,
    });

    // The prefix must be unique in the region across every AWS account: the stage's prefix and the account id.
    const domain = userPool.addDomain("Domain", {
      cognitoDomain: { domainPrefix: `${config.prefix}-${Aws.ACCOUNT_ID}` },
    });

    const machineClient = userPool.addClient("MachineClient", {
      userPoolClientName: `${config.prefix}-machine`,
      generateSecret: true,
      // No user flows at all (Cognito then allows refresh tokens only, which client credentials never get).
      authFlows: { userPassword: false, adminUserPassword: false, custom: false, userSrp: false, user: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: scopes.map((s) => cognito.OAuthScope.resourceServer(resourceServer, s)),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    // Every part of the pool is kept with it: a client, the domain or the resource server deleted
    // on their own would break the kept pool's clients.
    for (const part of [resourceServer, domain, machineClient]) part.applyRemovalPolicy(config.removalPolicy);

    this.userPool = userPool;
    this.resourceServer = resourceServer;
    this.domain = domain;
    this.machineClient = machineClient;
    this.values = {
      userPoolId: userPool.userPoolId,
      machineClientId: machineClient.userPoolClientId,
      tokenUrl: `${domain.baseUrl()}/oauth2/token`,
    };
  }
}
