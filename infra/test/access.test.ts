/**
 * Access control and the firewall as CloudFormation receives them (API.md, "Access: who may call
 * what"): the user pool, its resource server and scopes, the token domain, the machine client (in
 * the stateful stack), the authorizer on every method whose route is not public, the Gateway
 * Responses of a refused token, the explicitly open stage, and prod's web ACL with its 429. Synthesis
 * runs cdk-nag (it throws on any finding nobody acknowledged) but skips bundling: these tests read
 * the templates, not the functions' code.
 */
import { corsAllowMethods, preflightHeaders } from "@sites-groups/functions/commons/cors";
import { acceptedScopes, OAUTH_SCOPES, RESOURCE_SERVER, routes } from "@sites-groups/functions/routes";
import { Validations } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiStack } from "../lib/api-stack.ts";
import { GATEWAY_PROBLEMS, problemTemplate } from "../lib/gateway-responses.ts";
import { stageConfig } from "../lib/stage.ts";
import { tooManyRequestsProblem } from "../lib/waf.ts";
import { type Synthesized, synthesize } from "./synth.ts";

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
interface Synth {
  stack: ApiStack;
  /** The resources of both stacks; the API stack's outputs. */
  template: { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };
  synthesized: Synthesized;
}

function synth(context: Record<string, string>): Synth {
  const synthesized = synthesize(context, { bundle: false });
  return {
    stack: synthesized.stack,
    template: { Resources: synthesized.resources, Outputs: synthesized.template.toJSON().Outputs },
    synthesized,
  };
}

const API_SCOPES = Object.values(OAUTH_SCOPES);
const CORS_ORIGINS = ["https://app.example.com", "https://admin.example.com"];
const prodConfig = stageConfig((key) => (key === "stage" ? "prod" : undefined));
let dev: Synth;
let prod: Synth;
let open: Synth;
beforeAll(() => {
  dev = synth({ stage: "dev" });
  prod = synth({ stage: "prod", corsOrigins: CORS_ORIGINS.join(",") });
  open = synth({ stage: "dev", access: "open" });
  // two stacks each, unbundled: ~40 s alone, over 80 s while other suites load the machine
}, 300_000);

const ofType = (s: Synth, type: string) =>
  Object.entries(s.template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => ({ id, ...r }));
const only = (s: Synth, type: string) => {
  const found = ofType(s, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
/** The API Gateway method of a route (its operation name is the route's name). */
const methodOf = (s: Synth, name: string) => {
  const found = ofType(s, "AWS::ApiGateway::Method").filter((m) => m.Properties.OperationName === name);
  expect(found, name).toHaveLength(1);
  return found[0]!.Properties;
};
const functionOf = (s: Synth, name: string) =>
  ofType(s, "AWS::Lambda::Function").find((f) => f.Properties.FunctionName.endsWith(`-sites-and-groups-${name}`))!
    .Properties;

describe.each(["dev", "prod"] as const)("the %s stage's access control", (stage) => {
  const s = () => (stage === "dev" ? dev : prod);

  it("has a user pool for machine clients, in the stateful stack: nobody signs up, kept in prod with its parts", () => {
    const pool = only(s(), "AWS::Cognito::UserPool");
    expect(pool.Properties.UserPoolName).toBe(`${stage}-sites-and-groups-clients`);
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.DeletionProtection).toBe(stage === "prod" ? "ACTIVE" : "INACTIVE");
    expect(pool.DeletionPolicy).toBe(stage === "prod" ? "Retain" : "Delete");
    const statefulIds = Object.keys(s().synthesized.statefulTemplate.toJSON().Resources);
    for (const type of ["UserPool", "UserPoolClient", "UserPoolDomain", "UserPoolResourceServer"]) {
      const part = only(s(), `AWS::Cognito::${type}`);
      expect(statefulIds, type).toContain(part.id);
      expect(part.DeletionPolicy, type).toBe(stage === "prod" ? "Retain" : "Delete");
    }
  });

  it("has the resource server of the route records, with the scopes read and write", () => {
    const server = only(s(), "AWS::Cognito::UserPoolResourceServer").Properties;
    expect(server.Identifier).toBe(RESOURCE_SERVER);
    expect(server.Scopes.map((scope: { ScopeName: string }) => `${RESOURCE_SERVER}/${scope.ScopeName}`).sort()).toEqual(
      [...API_SCOPES].sort(),
    );
  });

  it("has a Cognito domain named after the stage and the account, for the token endpoint", () => {
    const domain = only(s(), "AWS::Cognito::UserPoolDomain").Properties;
    const name = JSON.stringify(domain.Domain);
    expect(name).toContain(`${stage}-sites-and-groups-`);
    expect(name).toContain("AWS::AccountId");
  });

  it("has one machine client: client credentials only, both scopes, a generated secret", () => {
    const client = only(s(), "AWS::Cognito::UserPoolClient").Properties;
    expect(client).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
      SupportedIdentityProviders: ["COGNITO"],
    });
    expect(client.CallbackURLs).toBeUndefined();
    expect(JSON.stringify(client.AllowedOAuthScopes)).toContain("/read");
    expect(client.AllowedOAuthScopes).toHaveLength(API_SCOPES.length);
  });

  it("outputs the token URL and the client id, and never the client secret", () => {
    const outputs = s().template.Outputs;
    // read from the stateful stack, which writes them from the domain and the client
    expect(outputs.TokenUrl!.Value).toEqual(s().synthesized.ref("tokenUrl"));
    expect(outputs.MachineClientId!.Value).toEqual(s().synthesized.ref("machineClientId"));
    const written = (name: string) =>
      ofType(s(), "AWS::SSM::Parameter").find(
        (p) => p.Properties.Name === `/${stage}-sites-and-groups/stateful/${name}`,
      )!.Properties.Value;
    expect(JSON.stringify(written("token-url"))).toContain("/oauth2/token");
    expect(written("machine-client-id")).toEqual({ Ref: only(s(), "AWS::Cognito::UserPoolClient").id });
    expect(JSON.stringify(outputs.ClientSecretCommand!.Value)).toContain("describe-user-pool-client");
    expect(JSON.stringify(outputs.AccessControl!.Value)).toMatch(/^"?.*cognito/);
    // The secret is only ever GetAtt ClientSecret: nowhere in the template, outputs and environments included.
    expect(JSON.stringify(s().template)).not.toMatch(/ClientSecret"\]/);
  });

  it("guards every route that is not public with the Cognito authorizer and the API's scopes", () => {
    const authorizer = only(s(), "AWS::ApiGateway::Authorizer");
    expect(authorizer.Properties).toMatchObject({
      Type: "COGNITO_USER_POOLS",
      IdentitySource: "method.request.header.Authorization",
    });
    expect(authorizer.Properties.ProviderARNs).toHaveLength(1);
    expect(JSON.stringify(authorizer.Properties.ProviderARNs)).toContain(
      JSON.stringify(s().synthesized.ref("userPoolId")),
    );
    const guarded = routes.filter((route) => route.scope !== "public");
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of routes) {
      const method = methodOf(s(), route.name);
      if (route.scope === "public") {
        expect(method.AuthorizationType, route.name).toBe("NONE");
        expect(method.AuthorizerId).toBeUndefined();
        continue;
      }
      expect(method.AuthorizationType, route.name).toBe("COGNITO_USER_POOLS");
      expect(method.AuthorizerId).toEqual({ Ref: authorizer.id });
      // Both scopes at the gateway (a token meeting none is API Gateway's 401); the route's own scope
      // is the function's check (403): the gateway's list holds every scope the route accepts.
      expect([...method.AuthorizationScopes].sort()).toEqual([...API_SCOPES].sort());
      for (const scope of acceptedScopes(route.scope)) expect(method.AuthorizationScopes).toContain(scope);
    }
  });

  it("tells every function the access mode, and the public ones the token URL", () => {
    for (const route of routes) {
      const variables = functionOf(s(), route.name).Environment.Variables;
      expect(variables.AUTH_MODE, route.name).toBe("cognito");
      // the token URL the stateful stack writes (…/oauth2/token: above)
      if (route.scope === "public") expect(variables.TOKEN_URL).toEqual(s().synthesized.ref("tokenUrl"));
      else expect(variables.TOKEN_URL).toBeUndefined();
    }
  });

  it("answers a refused token with the contract's 401 or 403, never a 400", () => {
    const responses = new Map(
      ofType(s(), "AWS::ApiGateway::GatewayResponse").map((r) => [r.Properties.ResponseType, r.Properties]),
    );
    const body = (type: string) =>
      JSON.parse(
        String(responses.get(type)!.ResponseTemplates["application/json"])
          .replace("$context.error.messageString", '"Unauthorized"')
          .replace("$context.requestId", "c0ffee"),
      );
    for (const type of ["UNAUTHORIZED", "EXPIRED_TOKEN", "INVALID_SIGNATURE", "AUTHORIZER_FAILURE"]) {
      const response = responses.get(type);
      expect(response, type).toBeDefined();
      expect(response!.StatusCode).toBe("401");
      expect(response!.ResponseParameters).toMatchObject({
        "gatewayresponse.header.WWW-Authenticate": "'Bearer'",
        "gatewayresponse.header.Content-Type": "'application/problem+json'",
      });
      expect(body(type)).toMatchObject({ status: 401, code: "UNAUTHENTICATED", request_id: "c0ffee" });
    }
    expect(responses.get("ACCESS_DENIED")!.StatusCode).toBe("403");
    expect(body("ACCESS_DENIED")).toMatchObject({ status: 403, code: "FORBIDDEN" });
    // what the common rules block; the rate rule answers 429 itself (the firewall, below)
    expect(responses.get("WAF_FILTERED")!.StatusCode).toBe("403");
    expect(body("WAF_FILTERED")).toMatchObject({ status: 403, code: "FORBIDDEN" });
    // An unknown route or method stays the 404 (API Gateway's MISSING_AUTHENTICATION_TOKEN).
    expect(body("MISSING_AUTHENTICATION_TOKEN")).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});

describe("the gateway problems of access control", () => {
  it("are written for every auth failure, so that DEFAULT_4XX (a 400) never answers one", () => {
    const types = GATEWAY_PROBLEMS.map((p) => p.type.responseType);
    for (const type of ["UNAUTHORIZED", "ACCESS_DENIED", "AUTHORIZER_FAILURE", "EXPIRED_TOKEN", "INVALID_SIGNATURE"]) {
      expect(types).toContain(type);
    }
    const unauthorized = GATEWAY_PROBLEMS.find((p) => p.type.responseType === "UNAUTHORIZED")!;
    expect(JSON.parse(problemTemplate(unauthorized).replace("$context.requestId", "x"))).toEqual({
      type: "about:blank",
      title: "Unauthenticated",
      status: 401,
      code: "UNAUTHENTICATED",
      detail: "a bearer access token of this API's user pool is required",
      request_id: "x",
    });
  });
});

describe("a stage deployed open (-c access=open)", () => {
  it("has no user pool, no authorizer, and every method open", () => {
    for (const type of ["AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient", "AWS::ApiGateway::Authorizer"]) {
      expect(ofType(open, type), type).toHaveLength(0);
    }
    for (const route of routes) expect(methodOf(open, route.name).AuthorizationType).toBe("NONE");
  });

  it("says so loudly in its outputs and to its functions", () => {
    expect(String(open.template.Outputs.AccessControl!.Value)).toMatch(/^OPEN: no access control/);
    expect(open.template.Outputs.TokenUrl).toBeUndefined();
    for (const route of routes) {
      const variables = functionOf(open, route.name).Environment.Variables;
      expect(variables.AUTH_MODE).toBe("open");
      expect(variables.TOKEN_URL).toBeUndefined();
    }
  });

  it("acknowledges cdk-nag's missing-authorizer findings with that reason", () => {
    const reasons = open.stack.api.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    const ids = reasons.map(([id]) => /AwsSolutions-[A-Z]+\d+/.exec(id)?.[0]);
    expect(ids).toEqual(expect.arrayContaining(["AwsSolutions-APIG4", "AwsSolutions-COG4"]));
    for (const [id, reason] of reasons) if (/APIG4|COG4/.test(id)) expect(reason).toContain("-c access=open");
  });

  it("is only ever asked for by name", () => {
    expect(stageConfig(() => undefined).access).toBe("cognito");
    expect(stageConfig((key) => (key === "access" ? "open" : undefined)).access).toBe("open");
    expect(() => stageConfig((key) => (key === "access" ? "none" : undefined))).toThrow(/access/);
  });
});

describe("the firewall", () => {
  it("protects the prod stage: a rate limit per client IP and AWS's common rules, with metrics", () => {
    const acl = only(prod, "AWS::WAFv2::WebACL").Properties;
    expect(acl.Scope).toBe("REGIONAL");
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    const [rate, common] = acl.Rules;
    expect(rate.Statement).toEqual({
      RateBasedStatement: {
        Limit: prodConfig.firewall!.requestsPerClient,
        AggregateKeyType: "IP",
        EvaluationWindowSec: prodConfig.firewall!.windowSeconds,
      },
    });
    expect(common.Statement.ManagedRuleGroupStatement).toMatchObject({
      VendorName: "AWS",
      Name: "AWSManagedRulesCommonRuleSet",
      // bodies up to 64 KiB are the contract's; this rule blocks any over 8 KB
      RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }],
    });
    expect(common.OverrideAction).toEqual({ None: {} });
    for (const rule of acl.Rules) {
      expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
  });

  it("lets one address use the whole stage rate: at least the sustained rate over the rule's window", () => {
    const { requestsPerClient, windowSeconds } = prodConfig.firewall!;
    expect(requestsPerClient).toBeGreaterThanOrEqual(prodConfig.throttle.rateLimit * windowSeconds);
    expect(requestsPerClient).toBeGreaterThanOrEqual(30_000);
  });

  it("answers the rate rule's block with 429 TOO_MANY_REQUESTS, Retry-After and the problem's members as JSON", () => {
    const acl = only(prod, "AWS::WAFv2::WebACL").Properties;
    const { windowSeconds, requestsPerClient } = prodConfig.firewall!;
    expect(acl.Rules[0].Action).toEqual({
      Block: {
        CustomResponse: {
          ResponseCode: 429,
          CustomResponseBodyKey: "TooManyRequests",
          ResponseHeaders: [{ Name: "Retry-After", Value: String(windowSeconds) }],
        },
      },
    });
    // AWS WAF serves a custom body as text/plain, text/html or application/json only
    const body = acl.CustomResponseBodies.TooManyRequests;
    expect(body.ContentType).toBe("APPLICATION_JSON");
    expect(JSON.parse(body.Content)).toEqual({
      type: "about:blank",
      title: "Too many requests",
      status: 429,
      code: "TOO_MANY_REQUESTS",
      detail: expect.stringContaining(`${requestsPerClient} requests in ${windowSeconds} s`),
    });
    expect(JSON.parse(body.Content)).toEqual(tooManyRequestsProblem(requestsPerClient, windowSeconds));
    // the common rules keep WAF's default block (API Gateway's WAF_FILTERED answer)
    expect(acl.Rules[1].OverrideAction).toEqual({ None: {} });
  });

  it("is associated with the prod API stage", () => {
    const association = only(prod, "AWS::WAFv2::WebACLAssociation").Properties;
    const stage = only(prod, "AWS::ApiGateway::Stage");
    const api = only(prod, "AWS::ApiGateway::RestApi");
    const arn = JSON.stringify(association.ResourceArn);
    expect(arn).toContain(`{"Ref":"${api.id}"}`);
    expect(arn).toContain(`{"Ref":"${stage.id}"}`);
    expect(association.WebACLArn).toEqual({ "Fn::GetAtt": [only(prod, "AWS::WAFv2::WebACL").id, "Arn"] });
  });

  it("is prod's only", () => {
    expect(ofType(dev, "AWS::WAFv2::WebACL")).toHaveLength(0);
    expect(ofType(open, "AWS::WAFv2::WebACL")).toHaveLength(0);
  });
});

describe("CORS", () => {
  it("allows the configured origin and the headers a client sends, never *", () => {
    const preflights = ofType(prod, "AWS::ApiGateway::Method").filter((m) => m.Properties.HttpMethod === "OPTIONS");
    expect(preflights.length).toBeGreaterThan(0);
    for (const preflight of preflights) {
      const headers = preflight.Properties.Integration.IntegrationResponses[0].ResponseParameters;
      expect(headers["method.response.header.Access-Control-Allow-Origin"]).toBe("'https://app.example.com'");
      const allowed = String(headers["method.response.header.Access-Control-Allow-Headers"]).slice(1, -1).split(",");
      expect(allowed.sort()).toEqual(
        ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match"].sort(),
      );
      expect(preflight.Properties.AuthorizationType).toBe("NONE");
    }
    expect(() => stageConfig((key) => (key === "corsOrigins" ? "*" : undefined))).toThrow(/wildcard/);
  });

  it("answers each preflight as preflightHeaders says, which the local gateway answers too", () => {
    const methods = corsAllowMethods(routes);
    const expected = Object.fromEntries(
      Object.entries(preflightHeaders(CORS_ORIGINS, methods, undefined)).map(([name, value]) => [
        `method.response.header.${name}`,
        `'${value}'`,
      ]),
    );
    for (const preflight of ofType(prod, "AWS::ApiGateway::Method").filter(
      (m) => m.Properties.HttpMethod === "OPTIONS",
    )) {
      const [answer] = preflight.Properties.Integration.IntegrationResponses;
      expect(answer.StatusCode).toBe("204");
      expect(answer.ResponseParameters).toEqual(expected);
      // the other origins replace the first when they are the request's
      const template = String(answer.ResponseTemplates["application/json"]);
      expect(template).toContain('#if($origin == "https://admin.example.com")');
      expect(template).toContain("#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)");
    }
  });

  it("answers a preflight on every resource, the root and the paths between routes included", () => {
    const preflights = ofType(prod, "AWS::ApiGateway::Method").filter((m) => m.Properties.HttpMethod === "OPTIONS");
    expect(preflights).toHaveLength(ofType(prod, "AWS::ApiGateway::Resource").length + 1);
  });
});
