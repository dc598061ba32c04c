/**
 * Exact analysis of a checked program (LANGUAGE.md §6, analysis family).
 */
import type { CheckedProgram, Diagnostic } from "@scn/language";

export function analyzeProgram(program: CheckedProgram): Diagnostic[] {
  void program;
  return [];
}
