import { readFileSync } from "node:fs";
import { STAGES, type StageName } from "../lib/stage.ts";
import { importedIds, importMapping, retainTemplate, statefulTemplate } from "../lib/stateful-move.ts";

// docs/operations.md, "Moving the stateful resources":
//   pnpm -s stateful:move retain <stage>  < the old stack's template   > the same, the moved resources kept
//   pnpm -s stateful:move mapping <stage> < its list-stack-resources   > the cdk import mapping file
const [command, stage] = process.argv.slice(2);
if (!["retain", "mapping"].includes(command ?? "") || !(STAGES as readonly string[]).includes(stage ?? "")) {
  console.error("usage: stateful-move retain|mapping dev|prod < input.json > output.json");
  process.exit(2);
}
const input = JSON.parse(readFileSync(0, "utf8"));
const template = statefulTemplate(stage as StageName);
const output =
  command === "retain"
    ? retainTemplate(input.TemplateBody ?? input, importedIds(template))
    : importMapping(template, input.StackResourceSummaries ?? input.StackResources ?? input);
console.log(JSON.stringify(output, null, 2));
