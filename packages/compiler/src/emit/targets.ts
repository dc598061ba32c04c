/**
 * The build targets and the emitter of each: the driver (pipeline.ts) emits
 * the targets it is asked for, in the order asked, from one compiled bundle.
 */
import type { CheckedProgram } from "@scn/language";
import type { Bundle } from "@scn/runtime";
import { emitDts } from "./dts.js";
import { emitCjs, emitJs } from "./js.js";
import { emitJson } from "./json.js";
import { emitVectors } from "./vectors.js";

export type Target = "json" | "js" | "cjs" | "dts" | "vectors";

/** One emitted target: its text, exactly the bytes to write (UTF-8). */
export interface Artifact {
  readonly target: Target;
  readonly text: string;
}

const EMITTERS: { readonly [T in Target]: (program: CheckedProgram, bundle: Bundle) => string } = {
  json: (_, bundle) => emitJson(bundle),
  js: (_, bundle) => emitJs(bundle),
  cjs: (_, bundle) => emitCjs(bundle),
  dts: (_, bundle) => emitDts(bundle),
  // Vectors need the checked program: their answers come from the reference interpreter.
  vectors: (program, bundle) => emitVectors(program, bundle),
};

export function emitTargets(program: CheckedProgram, bundle: Bundle, targets: readonly Target[]): readonly Artifact[] {
  return targets.map((target) => ({ target, text: EMITTERS[target](program, bundle) }));
}
