/**
 * Parses and checks sources through the compiler's driver, stopping before
 * lowering: what the checker's tests look at (the checked program and the
 * parse and check diagnostics, sorted).
 */
import { compile, type SourceText } from "@scn/compiler";
import type { CheckedProgram, Diagnostic } from "@scn/language";

export function checkSources(files: readonly SourceText[], options: { readonly today?: string } = {}): { value: CheckedProgram; diagnostics: readonly Diagnostic[] } {
  const checked = compile(files, { ...options, stopAfter: "check" });
  return { value: checked.program, diagnostics: checked.diagnostics };
}
