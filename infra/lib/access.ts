import { acceptedScopes, OAUTH_SCOPES, type RouteDefinition } from "@sites-groups/functions/routes";
import { CfnOutput, Duration, Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import type { StageConfig } from "./stage.ts";
import type { ClientPoolValues } from "./stateful-parameters.ts";

/** Every OAuth scope of the API (`sites-groups/read`, `sites-groups/write`). */
const API_SCOPES: readonly string[] = Object.values(OAUTH_SCOPES);

/** What a method gets from the access control: its authorizer and scopes, or nothing (open). */
export type MethodAccess = Pick<apigateway.MethodOptions, "authorizer" | "authorizationType" | "authorizationScopes">;

/**
 * Who may call the API (API.md, "Access: who may call what"), on the API stack's side.
 *
 * `cognito` (every stage, unless told otherwise): the stage's user pool, its resource server, token
 * domain and machine client live in the stateful stack (client-pool.ts), so that a re-created API
 * keeps every client; this side reads the pool's id, the machine client's id and the token URL
 * (stateful-parameters.ts). Every method whose route is not `public` gets a Cognito user pool
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
  readonly userPool?: cognito.IUserPool;
  /** The stage's OAuth 2.0 token endpoint (client-credentials grant); none when open. */
  readonly tokenUrl?: string;
  private authorizer?: apigateway.CognitoUserPoolsAuthorizer;
  private readonly prefix: string;

  constructor(
    scope: Construct,
    id: string,
    props: { config: StageConfig; api: apigateway.IRestApi; pool: ClientPoolValues | undefined },
  ) {
    super(scope, id);
    const { config, api, pool } = props;
    this.mode = config.access;
    this.prefix = config.prefix;
    if (!pool) {
      this.acknowledgeOpen(api);
      new CfnOutput(this, "AccessControl", {
        key: "AccessControl",
        value: "OPEN: no access control, anyone who knows the URL can read and write (deployed with -c access=open)",
        description: "Who may call the API",
      });
      return;
    }

    this.userPool = cognito.UserPool.fromUserPoolId(this, "UserPool", pool.userPoolId);
    this.tokenUrl = pool.tokenUrl;

    new CfnOutput(this, "AccessControlOutput", {
      key: "AccessControl",
      value: `cognito: a bearer access token of user pool ${pool.userPoolId} with scope ${API_SCOPES.join(" or ")}`,
      description: "Who may call the API",
    });
    new CfnOutput(this, "TokenUrlOutput", {
      key: "TokenUrl",
      value: this.tokenUrl,
      description: "OAuth 2.0 token endpoint (client-credentials grant)",
    });
    new CfnOutput(this, "UserPoolIdOutput", { key: "UserPoolId", value: pool.userPoolId });
    new CfnOutput(this, "MachineClientIdOutput", {
      key: "MachineClientId",
      value: pool.machineClientId,
      description: "Client id of the machine client; its secret is never an output (see ClientSecretCommand)",
    });
    new CfnOutput(this, "ClientSecretCommandOutput", {
      key: "ClientSecretCommand",
      value:
        `aws cognito-idp describe-user-pool-client --user-pool-id ${pool.userPoolId} ` +
        `--client-id ${pool.machineClientId} --query UserPoolClient.ClientSecret --output text`,
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
