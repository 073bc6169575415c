import { costAtRest, formatCost, stageResources } from "../lib/cost.ts";
import { STAGES } from "../lib/stage.ts";

// `pnpm cost`: each stage's monthly cost at rest, from its synthesized templates (no AWS account).
for (const stage of STAGES) {
  const cost = costAtRest(stageResources(stage));
  console.log(`${formatCost(stage, cost)}\n`);
  console.log(`Free at rest (${stage}): ${cost.free.map((f) => f.type.replace(/^AWS::/, "")).join(", ")}\n`);
}
console.log("us-east-1 list prices without free tiers (infra/lib/prices.ts); usage-based charges not included.");
