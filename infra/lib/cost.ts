import { PRICES, type TemplateResource } from "./prices.ts";
import type { StageName } from "./stage.ts";
import { stageTemplates } from "./templates.ts";

/** One line of the bill: the resources of a type that cost something at rest. */
export interface CostLine {
  type: string;
  resources: number;
  items: number;
  item: string;
  usd: number;
}

export interface Cost {
  lines: CostLine[];
  /** The types that cost nothing at rest, with what they cost once used. */
  free: { type: string; usage: string }[];
  totalUsd: number;
}

/** The resources of a stage's two stacks as CloudFormation receives them. */
export function stageResources(stage: StageName, context: Record<string, string> = {}): TemplateResource[] {
  const { api, stateful } = stageTemplates({ ...context, stage });
  return [...Object.values(stateful.Resources), ...Object.values(api.Resources)];
}

/** The monthly cost at rest of these resources, by the price table; throws on a type it lacks. */
export function costAtRest(resources: readonly TemplateResource[]): Cost {
  const unpriced = [...new Set(resources.map((r) => r.Type).filter((type) => !(type in PRICES)))];
  if (unpriced.length > 0) throw new Error(`no price in infra/lib/prices.ts for ${unpriced.join(", ")}`);
  const byType = new Map<string, TemplateResource[]>();
  for (const resource of resources) byType.set(resource.Type, [...(byType.get(resource.Type) ?? []), resource]);
  const lines: CostLine[] = [];
  const free: Cost["free"] = [];
  for (const [type, ofType] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const price = PRICES[type]!;
    const items = ofType.reduce((sum, r) => sum + (price.items ? price.items(r) : 1), 0);
    const usd = ofType.length * (price.fixedUsd ?? 0) + items * price.usd;
    if (usd > 0) lines.push({ type, resources: ofType.length, items, item: price.item, usd });
    else free.push({ type, usage: price.usage ?? "" });
  }
  return { lines, free, totalUsd: lines.reduce((sum, line) => sum + line.usd, 0) };
}

const dollars = (usd: number) => `$${usd.toFixed(2)}`;

/** The bill as a Markdown table, its columns padded (docs/operations.md quotes it). */
export function formatCost(stage: StageName, cost: Cost): string {
  const rows = [
    [`${stage}: billed at rest`, "resources", "items", "a month"],
    ...cost.lines.map((line) => [
      `\`${line.type}\``,
      String(line.resources),
      `${line.items} × ${line.item}`,
      dollars(line.usd),
    ]),
    ["**total**", "", "", `**${dollars(cost.totalUsd)}**`],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(rows[0]!), line(widths.map((width) => "-".repeat(width))), ...rows.slice(1).map(line)].join("\n");
}
