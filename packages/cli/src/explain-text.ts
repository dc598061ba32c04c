/**
 * Turns a runtime Explanation into the text `scn eval --explain` prints: the
 * answer, the index branches taken, every candidate row tried with the first
 * test that failed and the value the context had, and the source line of
 * each row, so a person sees why in terms of their own `.scn` files.
 */
import type { Explanation, Interval, UnaryTest } from "@scn/runtime";

function literal(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function interval([low, high, lowIncl, highIncl]: Interval): string {
  if (low === null && high === null) return "any number";
  if (low === null) return `${highIncl ? "<=" : "<"} ${high}`;
  if (high === null) return `${lowIncl ? ">=" : ">"} ${low}`;
  if (low === high && lowIncl && highIncl) return `== ${low}`;
  return `${lowIncl ? "[" : "("}${low}..${high}${highIncl ? "]" : ")"}`;
}

/** A unary test in the language's own words. */
export function describeTest(test: UnaryTest): string {
  if ("eq" in test) return `== ${literal(test.eq)}`;
  if ("in" in test) return `in [${test.in.map(literal).join(", ")}]`;
  if ("notIn" in test) return `not in [${test.notIn.map(literal).join(", ")}]`;
  if ("range" in test) return test.range.map(interval).join(" or ");
  if ("bool" in test) return `is ${test.bool}`;
  if ("contains" in test) return `contains ${literal(test.contains)}`;
  if ("notContains" in test) return `not contains ${literal(test.notContains)}`;
  return test.present ? "is present" : "is not present";
}

export type LineLookup = (file: string, line: number) => string | undefined;

export function renderExplanation(explanation: Explanation, lineOf: LineLookup): string {
  const out: string[] = [];
  const verdict =
    explanation.reason === "scenario"
      ? `rule ${explanation.rule}`
      : explanation.reason === "default"
        ? "no scenario applies: the decision's default"
        : "no scenario applies and the decision has no default: no answer";
  out.push(`${explanation.decision}: ${verdict}`);
  const trace = explanation.trace;
  if (trace.path.length > 0) {
    out.push("", "index:");
    for (const step of trace.path) out.push(`  ${step.column} is ${step.actual} → ${step.branch}`);
  }
  out.push("", trace.tried.length > 0 ? "rows tried, in order:" : "no row could match this context.");
  for (const trial of trace.tried) {
    const where = `${trial.source.file}:${trial.source.line}:${trial.source.column}`;
    out.push(`  ${trial.matched ? "✓" : "✗"} ${trial.rule}  (${where})`);
    if (trial.failed) {
      out.push(`      fails ${trial.failed.column} ${describeTest(trial.failed.test)}: the context has ${trial.failed.actual}`);
    }
    const text = lineOf(trial.source.file, trial.source.line);
    if (text !== undefined) out.push(`      ${trial.source.line} | ${text.trim()}`);
  }
  if (Object.keys(explanation.consent).length > 0) {
    const gates = Object.entries(explanation.consent).map(([gate, value]) => `${gate}=${value}`);
    out.push("", `consent: ${gates.join(", ")}${Object.values(explanation.consent).every((v) => v) ? "" : " (variations are off for this customer)"}`);
  }
  const placed = trace.experiment;
  if (placed) {
    out.push(
      "",
      `experiment ${placed.name}: unit ${JSON.stringify(placed.unit)} hashes to bucket ${placed.bucket}, in [${placed.range[0]}, ${placed.range[1]}) → arm ${placed.arm} (log this exposure)`,
    );
  }
  out.push("", `output: ${JSON.stringify(explanation.output, null, 2)}`);
  return out.join("\n") + "\n";
}
