/**
 * `pnpm cost` (infra/lib/cost.ts): every resource type of both stages' stacks is in the price
 * table (infra/lib/prices.ts), the bill counts what is billed at rest, and docs/operations.md
 * quotes what the tool prints. Templates only: no bundling.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { costAtRest, formatCost, stageResources } from "../lib/cost.ts";
import { REPO_ROOT } from "../lib/functions.ts";
import { PRICES, type TemplateResource } from "../lib/prices.ts";
import type { StageName } from "../lib/stage.ts";

const resources: Partial<Record<StageName, TemplateResource[]>> = {};
beforeAll(() => {
  resources.dev = stageResources("dev");
  resources.prod = stageResources("prod");
}, 300_000);

const count = (stage: StageName, type: string) => resources[stage]!.filter((r) => r.Type === type).length;

describe.each(["dev", "prod"] as const)("the %s stage's cost at rest", (stage) => {
  it("prices every resource type its two stacks contain", () => {
    const types = new Set(resources[stage]!.map((r) => r.Type));
    expect([...types].filter((type) => !(type in PRICES))).toEqual([]);
    expect(() => costAtRest(resources[stage]!)).not.toThrow();
  });

  it("counts each alarm metric, the dashboard, the secret and the machine client; the web ACL and its rules in prod", () => {
    const lines = Object.fromEntries(costAtRest(resources[stage]!).lines.map((line) => [line.type, line]));
    const alarms = resources[stage]!.filter((r) => r.Type === "AWS::CloudWatch::Alarm");
    // a metric math alarm reads several metrics, each billed
    const metrics = alarms.reduce((sum, a) => {
      const math = a.Properties!.Metrics as { MetricStat?: unknown }[] | undefined;
      return sum + (math ? math.filter((m) => m.MetricStat).length : 1);
    }, 0);
    expect(metrics).toBeGreaterThan(alarms.length);
    expect(lines["AWS::CloudWatch::Alarm"]).toMatchObject({ resources: alarms.length, items: metrics });
    expect(lines["AWS::CloudWatch::Alarm"]!.usd).toBeCloseTo(metrics * 0.1);
    expect(lines["AWS::CloudWatch::Dashboard"]).toMatchObject({ items: 1, usd: 3 });
    expect(lines["AWS::SecretsManager::Secret"]).toMatchObject({ items: count(stage, "AWS::SecretsManager::Secret") });
    expect(lines["AWS::SecretsManager::Secret"]!.usd).toBeCloseTo(0.4);
    expect(lines["AWS::Cognito::UserPoolClient"]).toMatchObject({ items: 1, usd: 6 });
    if (stage === "prod") expect(lines["AWS::WAFv2::WebACL"]).toMatchObject({ resources: 1, items: 2, usd: 7 });
    else expect(lines["AWS::WAFv2::WebACL"]).toBeUndefined();
  });

  it("is what docs/operations.md quotes", () => {
    // as Markdown reads it: the width of a column's padding and rule does not matter
    const table = (text: string) => text.replace(/-{3,}/g, "---").replace(/ {2,}/g, " ");
    const docs = readFileSync(path.join(REPO_ROOT, "docs/operations.md"), "utf8");
    expect(table(docs)).toContain(table(formatCost(stage, costAtRest(resources[stage]!))));
  });
});

describe("the price table", () => {
  it("refuses a template with a type it does not price", () => {
    expect(() => costAtRest([{ Type: "AWS::RDS::DBInstance" }])).toThrow(/AWS::RDS::DBInstance/);
  });
});
