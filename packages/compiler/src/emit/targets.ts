/**
 * The build targets and the emitter of each: the driver (pipeline.ts) emits
 * the targets it is asked for, in the order asked, from one compiled bundle.
 * The `sql` target gives one artifact per dialect asked for (docs/warehouse.md).
 */
import type { CheckedProgram } from "@scn/language";
import type { Bundle, BundleDocument } from "@scn/runtime";
import { documentOf } from "../bundle/assemble.js";
import { emitDts } from "./dts.js";
import { emitCjs, emitJs } from "./js.js";
import { emitJson } from "./json.js";
import { emitVectors, type Reaching } from "./vectors.js";
import { emitSql, type SqlContextShape } from "./sql/view.js";
import type { SqlDialectName } from "./sql/dialect.js";

export type Target = "json" | "js" | "cjs" | "dts" | "vectors" | "sql";

/** How the `sql` target is written: its dialects (default duckdb) and the names of its input and views. */
export interface SqlTargetOptions {
  readonly dialects?: readonly SqlDialectName[];
  readonly input?: string;
  readonly context?: SqlContextShape;
  readonly prefix?: string;
}

/** One emitted target: its text, exactly the bytes to write (UTF-8). */
export interface Artifact {
  readonly target: Target;
  /** For `sql` artifacts, the dialect. */
  readonly dialect?: SqlDialectName;
  readonly text: string;
}

/** The bundle as its file holds it, tables encoded: made once per build and shared by the targets that read it. */
type Document = () => Omit<BundleDocument, "hash">;

/** What the optimizer found that emitters may reuse: the points pruning found reaching each row (vectors.ts). */
export interface EmitHints {
  readonly reaching?: Reaching;
}

const EMITTERS: { readonly [T in Exclude<Target, "sql">]: (program: CheckedProgram, bundle: Bundle, document: Document, hints: EmitHints) => string } = {
  json: (_, bundle, document) => emitJson(bundle, document()),
  js: (_, bundle, document) => emitJs(bundle, document()),
  cjs: (_, bundle, document) => emitCjs(bundle, document()),
  dts: (_, bundle) => emitDts(bundle),
  // Vectors need the checked program: their answers come from the reference interpreter.
  vectors: (program, bundle, document, hints) => emitVectors(program, bundle, document(), hints.reaching),
};

export function emitTargets(program: CheckedProgram, bundle: Bundle, targets: readonly Target[], sql: SqlTargetOptions = {}, hints: EmitHints = {}): readonly Artifact[] {
  let made: Omit<BundleDocument, "hash"> | undefined;
  // The document assemble hashed, when it assembled this bundle (documentOf).
  const document: Document = () => (made ??= documentOf(bundle));
  return targets.flatMap((target): Artifact[] => {
    if (target !== "sql") return [{ target, text: EMITTERS[target](program, bundle, document, hints) }];
    return (sql.dialects ?? ["duckdb"]).map((dialect) => ({
      target,
      dialect,
      text: emitSql(bundle, {
        dialect,
        ...(sql.input !== undefined ? { input: sql.input } : {}),
        ...(sql.context !== undefined ? { context: sql.context } : {}),
        ...(sql.prefix !== undefined ? { prefix: sql.prefix } : {}),
      }),
    }));
  });
}
