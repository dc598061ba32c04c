/**
 * Hover: what a name is, shown where it is used. Declarations are shown as
 * written (the source is the most precise description of a type or a
 * condition), with the facts the checker derived: a field's full path and
 * whether it is personal, a const's value, a decision's output and default,
 * a scenario's title, goal, owner, priority, status and metrics, a metric's
 * unit and direction. On a diagnostic's code, the catalog's summary.
 */
import { catalogEntry, type ConstDeclaration, type ExperimentArm, type ExperimentDeclaration, type DecisionDeclaration, type FieldDeclaration, type FixtureDeclaration, type MetricDeclaration, type Pathway, type Property, type ScenarioDeclaration, type SegmentDeclaration, type TypeDeclaration, type Variation } from "@scn/language";
import type { Hover, Position } from "vscode-languageserver";
import { offsetOf, type FileContext } from "./context.js";
import { spanToRange } from "./positions.js";
import { dedent, sliceSpan } from "./source-text.js";
import type { SymbolDefinition } from "./symbols.js";

const fence = (code: string): string => "```scn\n" + code + "\n```";

function propertyText(context: FileContext, properties: readonly Property[], key: string): string | undefined {
  const property = properties.find((p) => p.key.name === key);
  if (!property) return undefined;
  if (property.value.kind === "String") return property.value.value;
  return sliceSpan(context.index.textOf, property.value.span);
}

function scenarioFacts(context: FileContext, declaration: ScenarioDeclaration): string[] {
  const properties = declaration.members.filter((m): m is Property => m.kind === "Property");
  const goal = declaration.members.find((m) => m.kind === "Goal");
  const facts: string[] = [];
  if (declaration.title) facts.push(`**${declaration.title.value}**`);
  if (goal?.kind === "Goal") facts.push(`goal: ${goal.text.value}`);
  const line = [
    `decision \`${declaration.decision.name}\``,
    `owner ${propertyText(context, properties, "owner") ?? "(none)"}`,
    `priority ${propertyText(context, properties, "priority") ?? "0"}`,
    `status ${propertyText(context, properties, "status") ?? "active"}`,
  ];
  facts.push(line.join(" · "));
  const metrics = declaration.members.flatMap((m) => (m.kind === "MetricsBlock" ? m.uses : []));
  if (metrics.length > 0) facts.push("metrics: " + metrics.map((use) => `${use.role} \`${use.metric.name}\`${use.target ? ` ${use.target.raw}` : ""}`).join(", "));
  const pathways = declaration.members.filter((m): m is Pathway => m.kind === "Pathway");
  if (pathways.length > 0) facts.push("pathways: " + pathways.map((p) => `\`${p.name.name}\``).join(", "));
  return facts;
}

function fieldHover(context: FileContext, definition: SymbolDefinition): string[] {
  const field = definition.node as FieldDeclaration;
  const where = definition.kind === "output-field" ? `output of \`${definition.owner}\`` : "context field";
  const facts = [fence(`${definition.path}: ${dedent(sliceSpan(context.index.textOf, field.type.span))}${field.personal ? " personal" : ""}`), where];
  if (field.personal) facts.push("personal data: it may only choose variations, behind a consent gate");
  return facts;
}

function describe(context: FileContext, definition: SymbolDefinition): string[] {
  const source = (span: SymbolDefinition["span"]): string => dedent(sliceSpan(context.index.textOf, span));
  switch (definition.kind) {
    case "context-field":
    case "output-field":
      return fieldHover(context, definition);
    case "enum-member":
      return [fence(definition.name), `member of \`${dedent(sliceSpan(context.index.textOf, (definition.node as { span: SymbolDefinition["span"] }).span))}\``];
    case "segment": {
      const segment = definition.node as SegmentDeclaration;
      return [fence(source(segment.span)), ...(segment.title ? [segment.title.value] : [])];
    }
    case "const": {
      const constant = definition.node as ConstDeclaration;
      return [fence(source(constant.span)), `value: \`${sliceSpan(context.index.textOf, constant.value.span)}\``];
    }
    case "type":
      return [fence(source((definition.node as TypeDeclaration).span))];
    case "consent":
      return [fence(source(definition.span)), "consent gate: personal data is read only when this is true"];
    case "decision": {
      const decision = definition.node as DecisionDeclaration;
      const blocks = decision.members.filter((m) => m.kind === "OutputBlock" || m.kind === "DefaultBlock").map((m) => source(m.span));
      const scenarios = context.index.occurrencesOf(definition.key).filter((o) => !o.definition).length;
      return [
        fence(`decision ${decision.name.name}`),
        ...(decision.title ? [decision.title.value] : []),
        fence(blocks.join("\n") || "(no output declared)"),
        decision.members.some((m) => m.kind === "DefaultBlock") ? "has a default" : "no default: contexts no scenario claims get no answer",
        `${scenarios} reference${scenarios === 1 ? "" : "s"}`,
      ];
    }
    case "scenario": {
      const scenario = definition.node as ScenarioDeclaration;
      return [fence(`scenario ${scenario.name.name} for ${scenario.decision.name}`), ...scenarioFacts(context, scenario)];
    }
    case "metric": {
      const metric = definition.node as MetricDeclaration;
      const unit = propertyText(context, metric.properties, "unit");
      const better = propertyText(context, metric.properties, "better") ?? "higher";
      return [fence(`metric ${metric.name.name}`), ...(metric.title ? [metric.title.value] : []), `unit: ${unit ?? "(none)"} · better ${better}`];
    }
    case "pathway": {
      const pathway = definition.node as Pathway;
      const head = pathway.when ? `when ${sliceSpan(context.index.textOf, pathway.when.span)}` : "otherwise";
      return [fence(`pathway ${pathway.name.name} ${head}`), `in scenario \`${definition.owner}\` · rule \`${definition.owner}.${pathway.name.name}\``];
    }
    case "experiment": {
      const experiment = definition.node as ExperimentDeclaration;
      const properties = experiment.members.filter((m): m is Property => m.kind === "Property");
      const arms = experiment.members.flatMap((m) => (m.kind === "ArmsBlock" ? m.arms : []));
      const metrics = experiment.members.flatMap((m) => (m.kind === "MetricsBlock" ? m.uses : []));
      const facts = properties.map((p) => `${p.key.name} ${propertyText(context, properties, p.key.name)}`);
      return [
        fence(`experiment ${experiment.name.name}`),
        ...(experiment.title ? [experiment.title.value] : []),
        "arms: " + (arms.map((arm) => `\`${arm.name.name}\` ${arm.weight.raw}`).join(", ") || "(none)"),
        ...(facts.length > 0 ? [facts.join(" · ")] : []),
        ...(metrics.length > 0 ? ["metrics: " + metrics.map((use) => `${use.role} \`${use.metric.name}\``).join(", ")] : []),
      ];
    }
    case "arm": {
      const arm = definition.node as ExperimentArm;
      return [fence(`${arm.name.name} ${arm.weight.raw}`), `arm of experiment \`${definition.owner}\``];
    }
    case "fixture": {
      const fixture = definition.node as FixtureDeclaration;
      return [fence(source(fixture.span)), fixture.base ? `test context: \`${fixture.base.name}\` with these fields merged over it` : "test context: `given " + fixture.name.name + " { … }` starts a test from it"];
    }
    case "variation": {
      const variation = definition.node as Variation;
      return [fence(`variation ${variation.name.name} when ${variation.when ? sliceSpan(context.index.textOf, variation.when.span) : ""}`), `rule \`${definition.owner}.${variation.name.name}\``];
    }
  }
}

/** The diagnostic code written at `offset` in a comment or message, e.g. `SCN2003`. */
function codeAt(text: string, offset: number): { code: string; start: number; end: number } | undefined {
  const pattern = /SCN\d{4}/g;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  for (const match of line.matchAll(pattern)) {
    const start = lineStart + match.index;
    if (start <= offset && offset <= start + match[0].length) return { code: match[0], start, end: start + match[0].length };
  }
  return undefined;
}

export function catalogDocs(code: string): string | undefined {
  const entry = catalogEntry(code);
  if (!entry) return undefined;
  return `**${entry.code}** \`${entry.name}\` (${entry.severity})\n\n${entry.summary}\n\nSee docs/diagnostics.md#${entry.code.toLowerCase()}.`;
}

export function hover(context: FileContext, position: Position): Hover | null {
  const offset = offsetOf(context, position);
  const occurrence = context.index.at(context.path, offset);
  if (occurrence) {
    const definition = context.index.definitions.get(occurrence.key);
    if (!definition) return null;
    return { contents: { kind: "markdown", value: describe(context, definition).join("\n\n") }, range: spanToRange(occurrence.span) };
  }
  const shown = context.workspace.diagnosticsAt(context.state, context.path, offset);
  const shownDocs = [...new Set(shown.map((d) => d.code))].map(catalogDocs).filter((docs): docs is string => docs !== undefined);
  if (shownDocs.length > 0) return { contents: { kind: "markdown", value: shownDocs.join("\n\n---\n\n") } };
  const code = codeAt(context.text, offset);
  const docs = code ? catalogDocs(code.code) : undefined;
  if (code && docs) {
    return { contents: { kind: "markdown", value: docs }, range: { start: context.document.positionAt(code.start), end: context.document.positionAt(code.end) } };
  }
  return null;
}
