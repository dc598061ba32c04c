/**
 * The valid contexts, as a union of boxes over a table's columns: what the
 * strict validator accepts, seen through the columns a question cares about.
 * Analysis findings are about valid contexts, so that a required field is
 * never "absent", an `int(0..23)` never holds 24, and every witness is a
 * context the validator accepts; the semantic diff prefers witnesses the new
 * version accepts in the same way.
 *
 * Besides each column's own values (required or not, declared range, enum
 * members), it captures the one dependency between columns that validity
 * imposes: an optional record is either absent, and then so is every field
 * under it, or present, and then so is every field it requires. A path the
 * shape does not declare must be absent (records are closed).
 *
 * Invariant: a context is valid (restricted to the table's columns) exactly
 * when its column values lie in one of the returned boxes. Throws
 * BoxLimitExceeded when the union grows past `limit` boxes.
 */
import { boxOf, intersectUnions, type Box } from "../boxes/box.js";
import { allValues, noValues, type Cell, type Scalar } from "../boxes/cell.js";
import { isArmPath, type ColumnTable } from "../boxes/column-table.js";
import { shapeChain, type ContextShape, type ShapeField } from "./context-shape.js";

interface RecordGroup {
  /** Columns under the record. */
  readonly all: number[];
  /** Columns the record requires (no optional field between it and them). */
  readonly required: number[];
}

/** The cell of one column in a valid context, ignoring other columns. */
function columnCell(columns: ColumnTable, column: number, chain: readonly ShapeField[] | null, listLiterals: readonly Scalar[]): Cell {
  const domain = columns.domain(column);
  if (chain === null) return { absent: true, values: noValues(domain) };
  const leaf = chain[chain.length - 1]!;
  return { absent: chain.some((field) => !field.required), values: leaf.validValues(domain, listLiterals) };
}

/** `listLiterals` gives the literals a list column is tested with: only whether they can be elements matters. */
export function validContextBoxes(shape: ContextShape, columns: ColumnTable, listLiterals: (column: number) => readonly Scalar[], limit: number): Box[] {
  const base = new Map<number, Cell>();
  const groups = new Map<string, RecordGroup>();
  let satisfiable = true;
  columns.paths.forEach((path, column) => {
    // An arm column may hold any arm, or be absent (a unit that is not
    // enrolled); witness.ts builds a unit for either.
    if (isArmPath(path)) return;
    const chain = shapeChain(shape, path);
    const box = boxOf(columns, column, columnCell(columns, column, chain, listLiterals(column)));
    // An empty cell (a declared range with no value of the column's type) leaves no valid context at all.
    if (box === null) satisfiable = false;
    else for (const [c, v] of box) base.set(c, v);
    chain?.forEach((record, k) => {
      if (record.required || k === chain.length - 1) return;
      const key = chain.slice(0, k + 1).map((f) => f.name).join(".");
      const group = groups.get(key) ?? { all: [], required: [] };
      group.all.push(column);
      if (chain.slice(k + 1).every((f) => f.required)) group.required.push(column);
      groups.set(key, group);
    });
  });
  if (!satisfiable) return [];
  let valid: Box[] = [base];
  for (const group of [...groups.values()].filter((g) => g.required.length > 0)) {
    const present = new Map<number, Cell>();
    for (const c of group.required) present.set(c, { absent: false, values: allValues(columns.domain(c)) });
    const absent = new Map<number, Cell>();
    for (const c of group.all) absent.set(c, { absent: true, values: noValues(columns.domain(c)) });
    valid = intersectUnions(columns, valid, [present, absent], limit);
  }
  return valid;
}
