/**
 * The front end in one call: parse every source file, then check the
 * program. This is what `scn check`, `scn build` and `scn test` start with.
 *
 * Invariant: when any file has a syntax error, only syntax diagnostics are
 * returned. The checker still runs (so the value is as complete as the
 * recovered tree allows), but its findings on a tree with holes in it would
 * mostly be echoes of the syntax errors ("missing goal" for a goal line that
 * failed to parse), so they wait until the syntax is fixed.
 */
import type { CheckedProgram } from "../checked.js";
import { hasErrors, sortDiagnostics, type StageResult } from "../diagnostic.js";
import { parseProgram } from "../parse-file.js";
import { checkProgram, type CheckOptions } from "./check.js";

export interface SourceFileText {
  readonly path: string;
  readonly text: string;
}

export function checkSources(files: readonly SourceFileText[], options: CheckOptions = {}): StageResult<CheckedProgram> {
  const parsed = parseProgram(files);
  const checked = checkProgram(parsed.value, options);
  if (hasErrors(parsed.diagnostics)) return { value: checked.value, diagnostics: sortDiagnostics(parsed.diagnostics) };
  return { value: checked.value, diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked.diagnostics]) };
}
