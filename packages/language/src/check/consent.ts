/**
 * Checks `consent` gates: each names a bool context path (optional is fine:
 * an absent value means "no consent"). The rule on reading `personal` data is
 * enforced where conditions are lowered (conditions.ts), because it depends on
 * where the read happens.
 */
import type { ConsentDeclaration } from "../ast.js";
import type { CheckedConsent } from "../checked.js";
import type { ContextIndex } from "./context.js";
import { describeType } from "./describe.js";
import type { Reporter } from "./report.js";
import { isUnknownType } from "./resolve-types.js";
import { resolveContextPath } from "./subjects.js";

export function checkConsent(declaration: ConsentDeclaration, context: ContextIndex, reporter: Reporter): CheckedConsent {
  const entry = resolveContextPath(declaration.path, context, reporter);
  if (entry && !isUnknownType(entry.type) && entry.type.kind !== "bool") {
    reporter.report("consent-not-bool", declaration.path.span, `a consent gate reads a bool field; \`${entry.path}\` is ${entry.type.kind === "record" ? "a record" : `\`${describeType(entry.type)}\``}`, {
      help: "point the gate at the customer's yes/no answer, e.g. `customer.consent.personalization: bool`",
    });
  }
  return {
    name: declaration.name.name,
    path: declaration.path.segments.map((segment) => segment.name).join("."),
    span: declaration.span,
  };
}
