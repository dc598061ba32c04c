/**
 * The part of a witness a reader needs (docs/analysis.md#how-witnesses-are-built-and-verified):
 * the fields the finding depends on. `scn check` shows this by default and
 * the whole context with `--witness full`.
 */
import type { Diagnostic } from "../diagnostic.js";

/** `witness` with only the fields along `fields` (and everything inside them). */
export function relevantWitness(witness: unknown, fields: readonly string[]): unknown {
  const keep = (value: unknown, prefix: string): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const kept: [string, unknown][] = [];
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (fields.some((field) => field === path || path.startsWith(`${field}.`))) kept.push([key, inner]);
      else if (fields.some((field) => field.startsWith(`${path}.`))) kept.push([key, keep(inner, path)]);
    }
    return Object.fromEntries(kept);
  };
  return keep(witness, "");
}

/** The diagnostic with its witness cut to the fields it depends on (unchanged when it has none). */
export function withRelevantWitness(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.witness === undefined || diagnostic.witnessFields === undefined) return diagnostic;
  return { ...diagnostic, witness: relevantWitness(diagnostic.witness, diagnostic.witnessFields) };
}
