/**
 * Lowering (OUTPUT.md §3): turns each decision of a checked program into
 * first-hit rows over columns.
 */
import type { CheckedProgram } from "@scn/language";
import type { LoweredDecision } from "./lowered.js";

export function lowerDecision(program: CheckedProgram, decision: string): LoweredDecision {
  const declared = program.decisions.find((d) => d.name === decision);
  if (!declared) throw new Error(`internal: decision \`${decision}\` is not declared`);
  return { name: declared.name, title: declared.title, default: null, columns: [], outcomes: [], rows: [] };
}

export function lowerProgram(program: CheckedProgram): LoweredDecision[] {
  return program.decisions.map((d) => lowerDecision(program, d.name));
}
