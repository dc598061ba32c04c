/**
 * Hygiene: findings that do not make a program wrong but make it worse to
 * maintain — unused declarations, a metric target pointing the way the
 * metric calls worse, a review date in the past, a scenario without an owner,
 * and the list of drafts (as information).
 *
 * Invariant: runs after every other check, on a program whose names are
 * resolved, so "unused" is final and each finding is reported once.
 */
import type { MetricUse, Property, ScenarioDeclaration } from "../ast.js";
import type { CheckedCondition, CheckedField, CheckedMetric, CheckedProgram, CheckedScenario } from "../checked.js";
import { leadingSpan } from "./spans.js";
import type { SymbolTable } from "./declarations.js";
import type { Reporter } from "./report.js";
import type { Usage } from "./usage.js";

export function reportUnused(symbols: SymbolTable, usage: Usage, reporter: Reporter): void {
  for (const [name, declaration] of symbols.segments) {
    if (!usage.segments.has(name)) {
      reporter.report("unused-segment", declaration.name.span, `the segment \`${name}\` is never used`, {
        help: "use it in a `variation`, or remove it",
      });
    }
  }
  for (const [name, declaration] of symbols.consts) {
    if (!usage.consts.has(name)) {
      reporter.report("unused-const", declaration.name.span, `the const \`${name}\` is never used`, { help: "use it, or remove it" });
    }
  }
  for (const [name, declaration] of symbols.metrics) {
    if (!usage.metrics.has(name)) {
      reporter.report("unused-metric", declaration.name.span, `the metric \`${name}\` is not measured by any scenario`, {
        help: "list it in a scenario's `metrics` block, or remove it",
      });
    }
  }
  for (const [name, declaration] of symbols.types) {
    if (!usage.types.has(name)) {
      reporter.report("unused-type", declaration.name.span, `the type \`${name}\` is never used`, { help: "use it in `context` or an `output`, or remove it" });
    }
  }
  for (const [name, declaration] of symbols.fixtures) {
    if (!usage.fixtures.has(name)) {
      reporter.report("unused-fixture", declaration.name.span, `the fixture \`${name}\` is never used`, {
        help: `start a test's context from it with \`given ${name} { … }\`, or remove it`,
      });
    }
  }
}

export function reportDecisionsWithoutScenarios(symbols: SymbolTable, usage: Usage, reporter: Reporter): void {
  for (const [name, declaration] of symbols.decisions) {
    if (!usage.decisionsWithScenarios.has(name)) {
      reporter.report("decision-without-scenario", declaration.name.span, `no scenario answers the decision \`${name}\``, {
        help: `add a \`scenario … for ${name}\`; until then every context gets the \`default\` (or no answer)`,
      });
    }
  }
}

/** Per-scenario hygiene: owner, review date, drafts, and metric target directions. */
export function reportScenarioHygiene(
  declaration: ScenarioDeclaration,
  scenario: CheckedScenario,
  metrics: ReadonlyMap<string, CheckedMetric>,
  today: string,
  reporter: Reporter,
): void {
  const name = declaration.name.name;
  const properties = new Map<string, Property>();
  for (const member of declaration.members) {
    if (member.kind === "Property" && !properties.has(member.key.name)) properties.set(member.key.name, member);
  }
  // Drafts and retired scenarios often have no owner yet (or any more); only
  // a scenario that is live needs someone to answer for it.
  if (!properties.has("owner") && scenario.status === "active") {
    reporter.report("missing-owner", declaration.name.span, `the scenario \`${name}\` has no owner`, {
      help: 'say who maintains it, e.g. `owner "cx-returns"`',
    });
  }
  const expires = properties.get("expires");
  if (expires && scenario.expires !== null && scenario.expires < today) {
    reporter.report("expired-review-date", expires.value.span, `the review date of \`${name}\` (${scenario.expires}) has passed`, {
      help: "review the scenario, then move `expires` forward (or retire it)",
    });
  }
  if (scenario.status === "draft") {
    const status = properties.get("status");
    reporter.report("draft-scenario", status ? status.value.span : declaration.name.span, `the scenario \`${name}\` is a draft and is not compiled into its decision`, {
      help: "set `status active` when it is ready",
    });
  }
  for (const member of declaration.members) {
    if (member.kind !== "MetricsBlock") continue;
    for (const use of member.uses) reportTargetDirection(use, metrics, reporter);
  }
}

export function reportTargetDirection(use: MetricUse, metrics: ReadonlyMap<string, CheckedMetric>, reporter: Reporter): void {
  const metric = metrics.get(use.metric.name);
  const target = use.target;
  if (!metric || !target || target.value === 0) return;
  const worse = metric.better === "higher" ? target.value < 0 : target.value > 0;
  if (!worse) return;
  reporter.report("target-against-direction", target.span, `the target \`${target.raw}\` moves \`${metric.name}\` the way it calls worse (\`better ${metric.better}\`)`, {
    related: [{ span: metric.span, message: `\`${metric.name}\` is declared here` }],
    help: `write \`${metric.better === "higher" ? "+" : "-"}${Math.abs(target.value)}%\`: a target says where a \`better ${metric.better}\` metric should go`,
  });
}

/** Every context path a condition, a segment, a consent gate or an experiment's unit reads. */
function readPaths(program: Pick<CheckedProgram, "consents" | "segments" | "scenarios" | "experiments">): Set<string> {
  const paths = new Set<string>();
  const visit = (condition: CheckedCondition | null): void => {
    if (condition === null) return;
    switch (condition.kind) {
      case "test":
        paths.add(condition.path);
        return;
      case "and":
      case "or":
        for (const operand of condition.operands) visit(operand);
        return;
      case "not":
        visit(condition.operand);
        return;
      default:
        return;
    }
  };
  for (const consent of program.consents) paths.add(consent.path);
  for (const segment of program.segments) visit(segment.condition);
  for (const experiment of program.experiments ?? []) paths.add(experiment.unit);
  for (const scenario of program.scenarios) {
    visit(scenario.situation);
    for (const pathway of scenario.pathways) {
      visit(pathway.when);
      for (const variation of pathway.variations) visit(variation.condition);
    }
  }
  return paths;
}

/**
 * Context fields that nothing reads (SCN4012, a note): every caller still
 * has to send them, and a reader wonders what they are for. A record none
 * of whose fields is read is reported once, at the record. A field counts as
 * read when it, a field inside it or the record around it is tested (`trip
 * is present` reads `trip` and what it holds).
 */
export function reportUnreadFields(program: Pick<CheckedProgram, "context" | "consents" | "segments" | "scenarios" | "experiments">, reporter: Reporter): void {
  const paths = readPaths(program);
  // Each read path and every record on its way: linear in the reads, so the
  // test below costs one lookup per level of the field's path.
  const reached = new Set<string>();
  for (const path of paths) {
    for (let end = path.indexOf("."); end !== -1; end = path.indexOf(".", end + 1)) reached.add(path.slice(0, end));
    reached.add(path);
  }
  const isRead = (path: string): boolean => {
    if (reached.has(path)) return true;
    for (let end = path.indexOf("."); end !== -1; end = path.indexOf(".", end + 1)) if (paths.has(path.slice(0, end))) return true;
    return false;
  };
  const walk = (fields: readonly CheckedField[], prefix: string): void => {
    for (const field of fields) {
      const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
      if (!isRead(path)) {
        const what = field.type.kind === "record" ? "the context record" : "the context field";
        reporter.report("unread-context-field", leadingSpan(field.span, field.name.length), `no condition reads ${what} \`${path}\``, {
          help: "read it in a condition, a segment or an experiment's `unit`, or remove it from `context` so that callers need not send it",
        });
      } else if (field.type.kind === "record") {
        walk(field.type.fields, path);
      }
    }
  };
  walk(program.context, "");
}
