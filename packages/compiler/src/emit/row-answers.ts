/**
 * The expected answer of a point's context read off the row the point
 * reaches, instead of asking the runtime (docs/bundle-format.md#conformance-vectors-vectorsjson).
 *
 * The vectors make most of their contexts from points, one value per
 * column (a row's witness, or a witness moved onto a bound), and the walk
 * already knows the row each witness reaches: it checked it with one walk
 * of the table's index (optimize/index/first-row.ts), whose node and test
 * semantics are the runtime's. The runtime's answer for such a context is
 * that row's outcome (or the default) whenever the context holds, at each
 * column's path, exactly the value the point gives the column, because a
 * decision reads its columns' paths and nothing else to choose its row; the
 * consent gates it also reads are not part of an expected answer. Asking the
 * runtime walked the same index a second time and first made every context
 * as an object, which was half of the vectors' time at 10,000 scenarios.
 *
 * Invariant: `expected(row)` is the expected answer the runtime gives, as
 * vectors.ts writes it, for a context that reaches `row` (-1: none), and
 * `sameValues` is true only when contextOfValues's context holds each
 * column's value at the column's path. Tables with an arm column (and
 * bundles with experiments) have no row answers: an arm's context holds a
 * unit, not the arm, and the answer carries an exposure. Whatever this
 * turns down is answered by the runtime; either way the interpreter still
 * checks a sample of the file's answers.
 */
import type { Column, DecisionTable, JsonValue } from "@scn/runtime";
import type { Expected } from "./vectors-format.js";

export class RowAnswers {
  /** Per column, the first column reading the same path (itself when none before it does). */
  private readonly firstOnPath: Int32Array;
  /** Each outcome's expected answer, made when first asked for; the default's at the end. */
  private readonly made: (Expected | undefined)[];

  private constructor(private readonly table: DecisionTable) {
    this.firstOnPath = new Int32Array(table.columns.length);
    const first = new Map<string, number>();
    table.columns.forEach((column, c) => {
      const known = first.get(column.path);
      if (known === undefined) first.set(column.path, c);
      this.firstOnPath[c] = known ?? c;
    });
    this.made = new Array<Expected | undefined>(table.outcomes.length + 1);
  }

  /**
   * The row answers of `table`, or null when its contexts cannot be read
   * that way: the bundle declares experiments (every answer then carries
   * an exposure), a column is an arm column, or one column's path is a
   * proper prefix of another's (setting the longer one would make or change
   * the record the shorter one reads, or setting the shorter one would
   * replace it).
   */
  static of(table: DecisionTable, withExposure: boolean): RowAnswers | null {
    if (withExposure || table.columns.some((column) => column.experiment !== undefined)) return null;
    const paths = [...new Set(table.columns.map((column: Column) => column.path))];
    for (const path of paths) for (const other of paths) if (other.startsWith(`${path}.`)) return null;
    return new RowAnswers(table);
  }

  /**
   * Whether columns that read the same path are given the same value
   * (`undefined`: absent), so that the context, which holds the value the
   * last of them sets, holds every one's value. Columns on different paths
   * never meet (see `of`).
   */
  sameValues(values: readonly (JsonValue | undefined)[]): boolean {
    for (let c = 0; c < values.length; c++) {
      const first = this.firstOnPath[c] as number;
      if (first !== c && !sameJson(values[first], values[c])) return false;
    }
    return true;
  }

  /**
   * The answer the runtime gives a context reaching `row` (-1: no row):
   * the row's outcome, or the decision's default (decide.ts's answerFor),
   * with the fields a vector expects. One object per outcome, shared by
   * every vector that expects it.
   */
  expected(row: number): Expected {
    const table = this.table;
    const at = row < 0 ? table.outcomes.length : (table.rows[row] as DecisionTable["rows"][number]).outcome;
    let expected = this.made[at];
    if (expected === undefined) {
      if (row < 0) expected = { rule: null, reason: table.default === null ? "none" : "default", output: table.default };
      else {
        const outcome = table.outcomes[at] as DecisionTable["outcomes"][number];
        expected = { rule: outcome.rule, reason: "scenario", output: outcome.output };
      }
      this.made[at] = expected;
    }
    return expected;
  }
}

/**
 * Whether two values (JSON, or `undefined` for absent) are the same value,
 * compared strictly: scalars by Object.is (so `-0` is not `0`), and records
 * must hold their keys in the same order, which only turns down more points
 * (they are then answered by the runtime).
 */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as { readonly [key: string]: JsonValue };
  const y = b as { readonly [key: string]: JsonValue };
  const keys = Object.keys(x);
  const others = Object.keys(y);
  if (keys.length !== others.length) return false;
  for (let k = 0; k < keys.length; k++) if (keys[k] !== others[k] || !sameJson(x[keys[k] as string], y[keys[k] as string])) return false;
  return true;
}
