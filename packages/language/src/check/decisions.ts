/**
 * Checks `decision` declarations: exactly one `output` block (its types
 * resolved), at most one `default` (type-checked, and complete: every
 * required field set), and the decision's properties.
 *
 * Invariant: `hasOutput` is false when the output block is missing, so
 * scenarios for such a decision skip their assignment checks instead of
 * reporting every assignment as unknown.
 */
import type { DecisionDeclaration, DefaultBlock, OutputBlock, Property } from "../ast.js";
import type { CheckedDecision } from "../checked.js";
import type { ConstTable } from "./consts.js";
import { listMembers } from "./describe.js";
import { missingFields } from "./outputs.js";
import { DECISION_PROPERTIES, readProperties } from "./properties.js";
import type { Reporter } from "./report.js";
import type { TypeResolver } from "./resolve-types.js";
import { leadingSpan } from "./spans.js";
import { checkAssignments, type ValueEnvironment } from "./values.js";

export interface DecisionInfo {
  readonly checked: CheckedDecision;
  readonly hasOutput: boolean;
  readonly declaration: DecisionDeclaration;
  /**
   * Required fields the `default` leaves unset (already reported there);
   * pathways are not reported again for them, so one gap gives one error.
   */
  readonly defaultGaps: ReadonlySet<string>;
}

export interface DecisionEnvironment extends ValueEnvironment {
  readonly types: TypeResolver;
  readonly consts: ConstTable;
  readonly reporter: Reporter;
}

export function checkDecision(declaration: DecisionDeclaration, env: DecisionEnvironment): DecisionInfo {
  const outputs: OutputBlock[] = [];
  const defaults: DefaultBlock[] = [];
  const properties: Property[] = [];
  for (const member of declaration.members) {
    if (member.kind === "OutputBlock") outputs.push(member);
    else if (member.kind === "DefaultBlock") defaults.push(member);
    else properties.push(member);
  }
  const name = declaration.name.name;
  for (const extra of outputs.slice(1)) {
    env.reporter.report("duplicate-member", leadingSpan(extra.span, "output".length), `the decision \`${name}\` has more than one \`output\` block`, {
      related: outputs[0] ? [{ span: leadingSpan(outputs[0].span, "output".length), message: "the first `output` block" }] : [],
      help: "declare every output field in one block",
    });
  }
  for (const extra of defaults.slice(1)) {
    env.reporter.report("duplicate-member", leadingSpan(extra.span, "default".length), `the decision \`${name}\` has more than one \`default\` block`, {
      related: defaults[0] ? [{ span: leadingSpan(defaults[0].span, "default".length), message: "the first `default` block" }] : [],
    });
  }
  const output = outputs[0];
  if (!output) {
    env.reporter.report("decision-without-output", declaration.name.span, `the decision \`${name}\` has no \`output\` block`, {
      help: "declare the shape of its answer, e.g. `output { action: enum { a, b }, message: string }`",
    });
  }
  const fields = output ? env.types.fields(output.fields, "output", false) : [];
  const values = readProperties(properties, DECISION_PROPERTIES, "decision", env.reporter, env.consts);

  let defaultValue = null;
  let defaultGaps: readonly string[] = [];
  const block = defaults[0];
  // Without an output block there is nothing to check the default against;
  // the missing block is the one error to report.
  if (block && output) {
    const result = checkAssignments(block.assignments, fields, { site: "assignment", prefix: "" }, env);
    defaultValue = result.value;
    const missing = missingFields(result.value, fields);
    defaultGaps = missing;
    if (missing.length > 0) {
      env.reporter.report("missing-output-field", leadingSpan(block.span, "default".length), `the \`default\` of \`${name}\` leaves required output fields unset: ${listMembers(missing)}`, {
        help: "assign every required field, or mark a field optional with `?` in `output`; a default is a complete answer",
      });
    }
  }
  const title = declaration.title?.value ?? stringProperty(values.get("title"));
  return {
    checked: { name, title, output: fields, default: defaultValue, span: declaration.span },
    hasOutput: output !== undefined,
    declaration,
    defaultGaps: new Set(defaultGaps),
  };
}

function stringProperty(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
