/**
 * A cheap first try at the coverage question: test a few single points of a
 * box against the union before any splitting. Most boxes asked about (rows
 * during pruning, scenarios during analysis) are not covered, and one point
 * outside every box of the union proves that at once.
 *
 * Points are chosen per column among a cell's telling values: absent, an
 * interval's ends and middle, a fresh string no box names, and for lists the
 * smallest and the largest list the cell allows over the literals in play.
 *
 * Invariant: a returned point box lies inside the queried box and outside
 * every box of the union; null only means no probe found one.
 */
import { boxWithin, cellAt, type Box } from "./box.js";
import { isEmptyValues, noValues, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import { PointTests, pointValues } from "./point-tests.js";

function rangePoints(domain: ColumnDomain, cell: Cell): Cell[] {
  if (cell.values.kind !== "ranges") return [];
  const points: number[] = [];
  for (const [lo, hi] of cell.values.intervals) {
    if (lo !== null && hi !== null) points.push(lo, hi, domain.kind === "int" ? Math.floor((lo + hi) / 2) : (lo + hi) / 2);
    else if (lo !== null) points.push(lo, lo + 1);
    else if (hi !== null) points.push(hi, hi - 1);
    else points.push(0);
  }
  return points.map((p): Cell => ({ absent: false, values: { kind: "ranges", intervals: [[p, p, true, true]] } }));
}

/** Candidate single-value cells inside `cell` (some may fall outside; those are filtered). */
function telling(domain: ColumnDomain, cell: Cell, literals: readonly Scalar[]): Cell[] {
  const cells: Cell[] = [];
  if (cell.absent) cells.push({ absent: true, values: noValues(domain) });
  const values = cell.values;
  if (isEmptyValues(values)) return cells;
  switch (values.kind) {
    case "finite":
      for (const v of values.values.slice(0, 3)) cells.push({ absent: false, values: { kind: "finite", values: [v] } });
      break;
    case "cofinite": {
      // Readable, because an uncovered point may end up in a witness.
      let n = 1;
      const name = () => (n === 1 ? "other" : `other${n}`);
      while (values.values.includes(name()) || literals.includes(name())) n++;
      const fresh = name();
      cells.push({ absent: false, values: { kind: "finite", values: [fresh] } });
      for (const v of literals) if (typeof v === "string" && !values.values.includes(v)) cells.push({ absent: false, values: { kind: "finite", values: [v] } });
      break;
    }
    case "ranges":
      cells.push(...rangePoints(domain, cell));
      break;
    case "lists": {
      const { req, forb } = values.conj!;
      const others = literals.filter((v) => !req.includes(v) && !forb.includes(v));
      cells.push({ absent: false, values: { kind: "lists", conj: { req, forb: [...forb, ...others] } } });
      cells.push({ absent: false, values: { kind: "lists", conj: { req: [...req, ...others], forb } } });
      break;
    }
  }
  return cells;
}

function literalsOf(box: Box, union: readonly Box[], column: number): Scalar[] {
  const found = new Set<Scalar>();
  const note = (other: Box) => {
    const values = other.get(column)?.values;
    if (!values) return;
    if (values.kind === "finite" || values.kind === "cofinite") for (const v of values.values) found.add(v);
    if (values.kind === "lists" && values.conj) for (const v of [...values.conj.req, ...values.conj.forb]) found.add(v);
  };
  note(box);
  for (const other of union) note(other);
  return [...found];
}

export function probeUncovered(columns: ColumnTable, box: Box, union: readonly Box[], tries = 12): Box | null {
  const used = new Set<number>(box.keys());
  for (const other of union) for (const column of other.keys()) used.add(column);
  const choices = [...used].sort((a, b) => a - b).map((column) => {
    const domain = columns.domain(column);
    const cell = cellAt(columns, box, column);
    // Only co-finite and list cells pick their points among the literals in play.
    const literals = cell.values.kind === "cofinite" || cell.values.kind === "lists" ? literalsOf(box, union, column) : [];
    return { column, cells: telling(domain, cell, literals) };
  });
  if (choices.some((c) => c.cells.length === 0)) return null;
  // The union's boxes are tested against each point by its values, which
  // is what boxWithin answers (point-tests.ts); the union of a fall-through
  // question is every claim of the decision, tested up to twelve times.
  let tests: PointTests | null = null;
  for (let t = 0; t < tries; t++) {
    const point = new Map<number, Cell>();
    choices.forEach(({ column, cells }, k) => point.set(column, cells[(t * (k + 1) + Math.floor(t / 2) * k) % cells.length]!));
    if (!boxWithin(columns, point, box)) continue;
    tests ??= new PointTests(columns, union);
    const values = pointValues(point);
    let held = false;
    for (let p = 0; p < union.length && !held; p++) held = tests.holds(p, point, values);
    if (!held) return point;
  }
  return null;
}
