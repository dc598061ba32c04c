/**
 * The front half of every command, in one place: parse and check the
 * sources, run the compiler's exact analysis when the program is free of
 * errors, and apply the project's severity settings. `check`, `build` and
 * `test` all start here, so they report the same diagnostics for the same
 * program.
 */
import { checkSources, hasErrors, sortDiagnostics, type CheckedProgram, type Diagnostic } from "@scn/language";
import { analyzeProgram } from "@scn/compiler";
import type { SourceText } from "./sources.js";
import type { SeveritySetting } from "./config.js";
import { applySeverities } from "./project.js";

export interface FrontResult {
  readonly program: CheckedProgram;
  readonly diagnostics: readonly Diagnostic[];
  /** True when there is no error, so the program may be compiled. */
  readonly ok: boolean;
}

export interface FrontOptions {
  /** `YYYY-MM-DD`: the date expiry checks compare against. */
  readonly today?: string;
  readonly severity?: ReadonlyMap<string, SeveritySetting>;
}

export function checkAndAnalyze(files: readonly SourceText[], options: FrontOptions): FrontResult {
  const front = checkSources(files, options.today === undefined ? {} : { today: options.today });
  const diagnostics = [...front.diagnostics];
  // Analysis reasons about a well-typed program only; on a program with
  // errors its findings would be noise on top of the real mistakes.
  if (!hasErrors(diagnostics)) diagnostics.push(...analyzeProgram(front.value));
  const final = sortDiagnostics(applySeverities(diagnostics, options.severity));
  return { program: front.value, diagnostics: final, ok: !hasErrors(final) };
}
