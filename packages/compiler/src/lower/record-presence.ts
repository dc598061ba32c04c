/**
 * Rewrites `R is present` on a record path into a condition on R's leaf
 * fields, following the definition in semantics/context-value.ts: every required field
 * present (records recursively), or, when every field is optional, at least
 * one field present. Bundle columns are leaves, so this is how record
 * presence reaches a table.
 *
 * Invariant: on every context the rewritten condition has the same truth
 * value as the reference interpreter's record presence test.
 */
import type { CheckedCondition, CheckedField, Span } from "@scn/language";

export function recordPresence(path: string, fields: readonly CheckedField[], span: Span): CheckedCondition {
  const required = fields.filter((f) => !f.optional);
  const chosen = required.length > 0 ? required : fields;
  const operands = chosen.map((field): CheckedCondition => {
    const child = `${path}.${field.name}`;
    if (field.type.kind === "record") return recordPresence(child, field.type.fields, span);
    return { kind: "test", path: child, test: { present: true }, span };
  });
  return { kind: required.length > 0 ? "and" : "or", operands };
}
