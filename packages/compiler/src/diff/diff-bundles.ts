/**
 * `diffBundles`: the semantic diff of two versions of a program, given as
 * bundles, so that directories, bundle files and git revisions all go
 * through the same code. Per decision it finds the customers whose answer
 * changes (exact-regions.ts, or sampled-changes.ts when the exact comparison
 * cannot be done within its budget), merges changes with the same before and
 * after answers into one entry with one witness, and checks every witness by
 * evaluating both bundles with the runtime. Metadata changes come from
 * metadata-diff.ts.
 *
 * Invariant: a witness that does not reproduce its change is a bug in the
 * diff (or the compiler) and throws; it is never reported. A decision whose
 * tables are equal (source positions aside) is unchanged without any search.
 */
import { experimentChanges } from "./experiment-diff.js";
import { loadBundle, type Bundle, type DecisionTable, type Runtime } from "@scn/runtime";
import { BoxLimitExceeded, intersectUnions, type Box } from "../boxes/box.js";
import { canonicalJson, compareCodeUnits } from "../bundle/canonical-json.js";
import { answerKey, answerView, outputChanges } from "./answer-view.js";
import { contextRoot } from "./context-fields.js";
import type { AnswerView, BehaviorChange, BundleDiff, DecisionDiff, FieldChange, JsonObject } from "./diff-model.js";
import { DIFF_BUDGET, exactRegions, type ChangedRegion } from "./exact-regions.js";
import { consentChanges, metricChanges, scenarioChanges, schemaFieldChanges } from "./metadata-diff.js";
import { describeRegions } from "./region-text.js";
import { rowBoxes } from "./row-boxes.js";
import { SAMPLE_COUNT, sampleChanges } from "./sampled-changes.js";
import { unifyColumns, type UnifiedColumns } from "./unified-columns.js";
import { shapeOfSchema, type ContextShape } from "../contexts/context-shape.js";
import { validContextBoxes } from "../contexts/valid-contexts.js";
import { boxPoint, contextFrom } from "../contexts/witness.js";
import { sortedScalars, type Scalar } from "../boxes/cell.js";
import { literalsOf } from "../boxes/test-algebra.js";
import type { SourceEdit } from "./source-edits.js";

export interface DiffOptions {
  /** Box operations one decision's exact comparison may spend (default DIFF_BUDGET). */
  readonly budget?: number;
  /** Contexts tried per decision when sampling (default SAMPLE_COUNT). */
  readonly samples?: number;
  /**
   * The source edits between the versions, each with the bundle of the old
   * version plus that edit alone (null when that program does not compile):
   * a change is attributed to the first edit whose bundle alone gives the
   * new answer at the change's example point (source-edits.ts).
   */
  readonly edits?: readonly { readonly edit: SourceEdit; readonly bundle: Bundle | null }[];
}

/** Boxes the new schema's valid contexts, and their intersection with one region, may take. */
const VALIDITY_LIMIT = 4_096;

interface Versions {
  readonly before: Runtime;
  readonly after: Runtime;
  /** The new version's context shape, read from its schema; null when the schema cannot be read. */
  readonly shape: ContextShape | null;
  /** The old version plus one edit each, in the order of the diff's edits (null: did not compile). */
  readonly causes: readonly (Runtime | null)[];
}

/**
 * Compares two bundles. Both must be valid `scn.bundle/5` documents (as
 * the driver (pipeline.ts) compiles them, or as `readBundle` accepts them); an invalid
 * one is the caller's mistake, and `loadBundle` throws BundleFormatError.
 */
export function diffBundles(before: Bundle, after: Bundle, options: DiffOptions = {}): BundleDiff {
  const edits = options.edits ?? [];
  const causes = edits.map((e) => (e.bundle === null ? null : loadBundle(e.bundle)));
  const versions: Versions = { before: loadBundle(before), after: loadBundle(after), shape: shapeOf(after), causes };
  const names = [...new Set([...Object.keys(before.decisions), ...Object.keys(after.decisions)])].sort(compareCodeUnits);
  const decisions = names.map((name): DecisionDiff => {
    const a = Object.hasOwn(before.decisions, name) ? before.decisions[name]! : null;
    const b = Object.hasOwn(after.decisions, name) ? after.decisions[name]! : null;
    if (a === null || b === null) {
      const table = (a ?? b)!;
      return { name, title: table.title, status: a === null ? "added" : "removed", method: null, note: null, samples: null, changes: [], metadata: [] };
    }
    return decisionDiff(name, a, b, versions, options);
  });
  const experiments = experimentChanges(before, after);
  return {
    // A change of seed, weights or coverage moves customers between arms even where no table changed.
    behaviorChanged: decisions.some((d) => d.status !== "unchanged") || experiments.some((e) => (e.reassigned?.moved ?? 0) > 0),
    decisions,
    scenarios: scenarioChanges(before, after),
    metrics: metricChanges(before, after),
    context: schemaFieldChanges(before.context, after.context),
    consent: consentChanges(before, after),
    experiments,
    edits: edits.map((e) => e.edit),
  };
}

/** The first edit whose program alone answers `after` on `context`; null when none does. */
function causeOf(name: string, after: AnswerView, context: JsonObject, versions: Versions): number | null {
  const wanted = answerKey(after);
  for (let i = 0; i < versions.causes.length; i++) {
    const runtime = versions.causes[i];
    if (!runtime || !runtime.decisions.includes(name)) continue;
    if (answerKey(answerView(runtime.decide(name, context))) === wanted) return i;
  }
  return null;
}

function decisionMetadata(a: DecisionTable, b: DecisionTable): FieldChange[] {
  const changes: FieldChange[] = [];
  if (a.title !== b.title) changes.push({ field: "title", before: a.title, after: b.title });
  for (const field of schemaFieldChanges(a.output, b.output)) changes.push({ field: `output.${field.path}`, before: field.before, after: field.after });
  return changes;
}

/** The table's meaning: everything but source positions and the index (which only speeds up the rows). */
function meaning(table: DecisionTable): string {
  return canonicalJson({ columns: table.columns, outcomes: table.outcomes, default: table.default, rows: table.rows.map((r) => ({ outcome: r.outcome, tests: r.tests })) });
}

function decisionDiff(name: string, a: DecisionTable, b: DecisionTable, versions: Versions, options: DiffOptions): DecisionDiff {
  const base = { name, title: b.title ?? a.title, metadata: decisionMetadata(a, b) };
  if (meaning(a) === meaning(b)) return { ...base, status: "unchanged", method: "exact", note: null, samples: null, changes: [] };
  const unified = unifyColumns(a.columns, b.columns);
  const budget = options.budget ?? DIFF_BUDGET;
  let note: string;
  if (unified.ok) {
    const boxes = [rowBoxes(a, unified.value), rowBoxes(b, unified.value)];
    const exact = exactRegions(unified.value.table, { table: a, boxes: boxes[0]! }, { table: b, boxes: boxes[1]! }, budget);
    if (exact.complete) {
      const changes = mergeRegions(name, exact.regions, unified.value, [a, b], boxes, versions);
      return { ...base, status: changes.length > 0 ? "changed" : "unchanged", method: "exact", note: null, samples: null, changes };
    }
    note = `the exact comparison needed more than ${budget.toLocaleString("en-US")} box operations`;
  } else {
    note = unified.reason;
  }
  const sampled = sampleChanges(name, { table: a, runtime: versions.before }, { table: b, runtime: versions.after }, versions.shape, options.samples ?? SAMPLE_COUNT);
  const changes = sampled.changes.map((change): BehaviorChange => {
    confirm(name, change.before, change.after, change.witness, change.witnessValid, versions);
    return { ...change, fields: outputChanges(change.before.output, change.after.output), regions: null, customers: null, cause: causeOf(name, change.after, change.witness, versions) };
  });
  return { ...base, status: changes.length > 0 ? "changed" : "unchanged", method: "sampled", note, samples: sampled.samples, changes };
}

function shapeOf(bundle: Bundle): ContextShape | null {
  const root = contextRoot(bundle.context);
  return root === null ? null : shapeOfSchema(root);
}

/**
 * The contexts the new schema accepts, over the unified columns; null when
 * the union grows past VALIDITY_LIMIT boxes (the diff then does without
 * preferring valid witnesses).
 */
function schemaBoxes(shape: ContextShape, unified: UnifiedColumns, literals: ReadonlyMap<string, readonly Scalar[]>): Box[] | null {
  try {
    return validContextBoxes(shape, unified.table, (column) => literals.get(unified.table.paths[column]!) ?? [], VALIDITY_LIMIT);
  } catch (error) {
    if (error instanceof BoxLimitExceeded) return null;
    throw error;
  }
}

/** Literals each unified list column is tested with in either version. */
function listLiteralsByPath(tables: readonly DecisionTable[]): Map<string, Scalar[]> {
  const found = new Map<string, Scalar[]>();
  for (const table of tables) {
    for (const row of table.rows) {
      for (const [key, test] of Object.entries(row.tests)) {
        const column = table.columns[Number(key)]!;
        if (column.type !== "list") continue;
        found.set(column.path, sortedScalars([...(found.get(column.path) ?? []), ...literalsOf(test)]));
      }
    }
  }
  return found;
}

function validPieces(pieces: readonly Box[], valid: readonly Box[] | null, unified: UnifiedColumns): Box[] {
  if (valid === null) return [];
  try {
    return intersectUnions(unified.table, pieces, valid, VALIDITY_LIMIT);
  } catch (error) {
    if (error instanceof BoxLimitExceeded) return [];
    throw error;
  }
}

interface Group {
  readonly before: AnswerView;
  readonly after: AnswerView;
  readonly cause: number | null;
  regions: number;
  valid: Box[];
  all: Box[];
}

/**
 * Merges the changed regions into one change per (cause, old answer, new
 * answer). Each piece's cause is read at the point its witness would be
 * taken from, so the group's witness is a point where its cause was checked.
 */
function mergeRegions(
  name: string,
  regions: readonly ChangedRegion[],
  unified: UnifiedColumns,
  tables: readonly DecisionTable[],
  boxes: readonly (readonly (Box | null)[])[],
  versions: Versions,
): BehaviorChange[] {
  if (regions.length === 0) return [];
  const valid = versions.shape === null ? null : schemaBoxes(versions.shape, unified, listLiteralsByPath(tables));
  const tested = unified.table.paths;
  const groups = new Map<string, Group>();
  for (const region of regions) {
    // With edits to attribute, each disjoint piece of the region is
    // attributed at its own example point, so a region that one edit changes
    // in part and only two edits together change elsewhere is split between
    // the two sections. Without edits the region is taken whole.
    const parts = versions.causes.length === 0 ? [region.pieces] : region.pieces.map((piece) => [piece]);
    const seen = new Set<string>();
    for (const pieces of parts) {
      const validHere = validPieces(pieces, valid, unified);
      const sample = validHere[0] ?? pieces[0]!;
      const cause = versions.causes.length === 0 ? null : causeOf(name, region.after, contextFrom(boxPoint(unified.table, sample, "present"), tested, versions.shape), versions);
      const key = `${cause}\n${answerKey(region.before)}\n${answerKey(region.after)}`;
      const group = groups.get(key) ?? { before: region.before, after: region.after, cause, regions: 0, valid: [], all: [] };
      if (!seen.has(key)) group.regions++;
      seen.add(key);
      group.valid.push(...validHere);
      group.all.push(...pieces);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group): BehaviorChange => {
    const shown = group.valid.length > 0 ? group.valid : group.all;
    const witness = contextFrom(boxPoint(unified.table, shown[0]!, "present"), tested, versions.shape);
    const witnessValid = group.valid.length > 0 || versions.after.validateContext(witness).length === 0;
    confirm(name, group.before, group.after, witness, witnessValid, versions);
    return {
      before: group.before,
      after: group.after,
      fields: outputChanges(group.before.output, group.after.output),
      regions: group.regions,
      customers: describeRegions(unified.table, shown, group.valid.length > 0 ? valid : null, [ruleRows(tables[0]!, boxes[0]!, group.before), ruleRows(tables[1]!, boxes[1]!, group.after)]),
      witness,
      witnessValid,
      cause: group.cause,
    };
  });
}

/** The boxes of the rows of `table` that give `answer`'s rule; empty for the default or no answer. */
function ruleRows(table: DecisionTable, boxes: readonly (Box | null)[], answer: AnswerView): Box[] {
  if (answer.reason !== "scenario" || answer.rule === null) return [];
  return table.rows.flatMap((row, index) => (table.outcomes[row.outcome]?.rule === answer.rule && boxes[index] ? [boxes[index]!] : []));
}

/** Evaluates the witness with both runtimes; a mismatch is a bug, not a finding. */
function confirm(name: string, before: AnswerView, after: AnswerView, witness: JsonObject, valid: boolean, versions: Versions): void {
  const old = answerView(versions.before.decide(name, witness));
  const next = answerView(versions.after.decide(name, witness));
  if (answerKey(old) !== answerKey(before) || answerKey(next) !== answerKey(after)) {
    throw new Error(
      `internal: the diff witness for \`${name}\` does not reproduce its change (expected ${answerKey(before)} → ${answerKey(after)}, got ${answerKey(old)} → ${answerKey(next)}): ${JSON.stringify(witness)}`,
    );
  }
  if (valid && versions.after.validateContext(witness).length > 0) {
    throw new Error(`internal: the diff witness for \`${name}\` was built to be valid but the new context schema rejects it: ${JSON.stringify(witness)}`);
  }
}
