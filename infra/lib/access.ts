import { acceptedScopes, OAUTH_SCOPES, RESOURCE_SERVER, type RouteDefinition } from "@sites-groups/functions/routes";
import { Aws, CfnOutput, Duration, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import type { StageConfig } from "./stage.ts";

/** Every OAuth scope of the API (`sites-groups/read`, `sites-groups/write`). */
const API_SCOPES: readonly string[] = Object.values(OAUTH_SCOPES);

/** What a method gets from the access control: its authorizer and scopes, or nothing (open). */
export type MethodAccess = Pick<apigateway.MethodOptions, "authorizer" | "authorizationType" | "authorizationScopes">;

/**
 * Who may call the API (API.md, "Access: who may call what").
 *
 * `cognito` (every stage, unless told otherwise): a user pool with no users and no sign-up, a
 * resource server `sites-groups` with the scopes `read` and `write`, a Cognito domain for its OAuth
 * token endpoint, and one app client for machine clients (client-credentials grant, a generated
 * secret the stack never outputs). Every method whose route is not `public` gets a Cognito user pool
 * authorizer with BOTH scopes as its AuthorizationScopes: API Gateway answers a token meeting none of
 * a method's scopes with a 401, not a 403, so the gateway only authenticates (an access token of this
 * pool carrying one of the API's scopes) and the function authorizes by the route's scope (403
 * FORBIDDEN, `acceptedScopes` of the route record: a write token may also read). Public routes (the
 * documentation) stay open.
 *
 * `open` (`-c access=open`, LocalStack): no user pool, no authorizer; cdk-nag's findings are
 * acknowledged with that reason and the outputs say so.
 */
export class ApiAccess extends Construct {
  readonly mode: StageConfig["access"];
  readonly userPool?: cognito.UserPool;
  readonly resourceServer?: cognito.UserPoolResourceServer;
  readonly domain?: cognito.UserPoolDomain;
  readonly machineClient?: cognito.UserPoolClient;
  /** The stage's OAuth 2.0 token endpoint (client-credentials grant); none when open. */
  readonly tokenUrl?: string;
  private authorizer?: apigateway.CognitoUserPoolsAuthorizer;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: { config: StageConfig; api: apigateway.IRestApi }) {
    super(scope, id);
    const { config, api } = props;
    this.mode = config.access;
    this.prefix = config.prefix;
    if (config.access === "open") {
      this.acknowledgeOpen(api);
      new CfnOutput(this, "AccessControl", {
        key: "AccessControl",
        value: "OPEN: no access control, anyone who knows the URL can read and write (deployed with -c access=open)",
        description: "Who may call the API",
      });
      return;
    }

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

    this.userPool = userPool;
    this.resourceServer = resourceServer;
    this.domain = domain;
    this.machineClient = machineClient;
    this.tokenUrl = `${domain.baseUrl()}/oauth2/token`;

    new CfnOutput(this, "AccessControlOutput", {
      key: "AccessControl",
      value: `cognito: a bearer access token of user pool ${userPool.userPoolId} with scope ${API_SCOPES.join(" or ")}`,
      description: "Who may call the API",
    });
    new CfnOutput(this, "TokenUrlOutput", {
      key: "TokenUrl",
      value: this.tokenUrl,
      description: "OAuth 2.0 token endpoint (client-credentials grant)",
    });
    new CfnOutput(this, "UserPoolIdOutput", { key: "UserPoolId", value: userPool.userPoolId });
    new CfnOutput(this, "MachineClientIdOutput", {
      key: "MachineClientId",
      value: machineClient.userPoolClientId,
      description: "Client id of the machine client; its secret is never an output (see ClientSecretCommand)",
    });
    new CfnOutput(this, "ClientSecretCommandOutput", {
      key: "ClientSecretCommand",
      value:
        `aws cognito-idp describe-user-pool-client --user-pool-id ${userPool.userPoolId} ` +
        `--client-id ${machineClient.userPoolClientId} --query UserPoolClient.ClientSecret --output text`,
      description: "Prints the machine client's secret (needs cognito-idp:DescribeUserPoolClient)",
    });
  }

  /** The authorizer and scopes of a route's method: none for a public route or an open stage. */
  methodOptions(route: RouteDefinition): MethodAccess {
    if (!this.userPool || acceptedScopes(route.scope).length === 0) {
      return { authorizationType: apigateway.AuthorizationType.NONE };
    }
    this.authorizer ??= new apigateway.CognitoUserPoolsAuthorizer(this, "Authorizer", {
      authorizerName: `${this.prefix}-cognito`,
      cognitoUserPools: [this.userPool],
      identitySource: apigateway.IdentitySource.header("Authorization"),
      resultsCacheTtl: Duration.minutes(5),
    });
    return {
      authorizer: this.authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: [...API_SCOPES],
    };
  }

  /** Acknowledges, on a public route's method, that it is open on purpose. */
  acknowledgePublic(method: apigateway.Method, route: RouteDefinition) {
    if (!this.userPool || route.scope !== "public") return;
    const reason =
      `${route.method} ${route.path} is public by its route record (scope "public"): the API's documentation, ` +
      "which holds no data and must load in a browser before any token exists";
    Validations.of(method).acknowledge({ id: "AwsSolutions-APIG4", reason }, { id: "AwsSolutions-COG4", reason });
  }

  /** The environment a route's function needs from the access control. */
  environment(route: RouteDefinition): Record<string, string> {
    return {
      AUTH_MODE: this.mode,
      ...(route.scope === "public" && this.tokenUrl ? { TOKEN_URL: this.tokenUrl } : {}),
    };
  }

  private acknowledgeOpen(api: apigateway.IRestApi) {
    const reason =
      "Deployed open on purpose with -c access=open (LocalStack, whose free edition has no Cognito): no " +
      "authorizer, and the AccessControl output says so; every other stage has the Cognito authorizer";
    Validations.of(api).acknowledge({ id: "AwsSolutions-APIG4", reason }, { id: "AwsSolutions-COG4", reason });
  }
}
