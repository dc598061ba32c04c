/**
 * The point search as it was written before it kept its point in arrays
 * (boxes/point-search.ts): the point a map from column to cell, built
 * absent on every column the union uses and then set to the box's start
 * on the box's columns, its values read back from the map, each move made
 * on the map and undone. The search that keeps its point in arrays must
 * find exactly this point, with its columns in this order, or none when
 * this finds none: pruning hands the point to the conformance vectors.
 */
import { cellAt, type Box } from "../../src/boxes/box.js";
import { noValues, pointValue, type Cell, type ColumnDomain } from "../../src/boxes/cell.js";
import type { ColumnTable } from "../../src/boxes/column-table.js";
import { keptEscape, startPoint, type ColumnLiterals } from "../../src/boxes/point-search.js";
import { pointValues } from "../../src/boxes/point-tests.js";
import { cellLiterals, type IndexWindow, type SearchableUnion } from "../../src/boxes/scanned-union.js";

function literalsFor(domain: ColumnDomain, column: number, literalsOf: (column: number) => ColumnLiterals): () => ColumnLiterals {
  return domain.kind === "string" || domain.kind === "list"
    ? () => literalsOf(column)
    : () => {
        throw new Error("literals asked for a column whose cells need none");
      };
}

export function referenceFindUncoveredPoint(columns: ColumnTable, box: Box, union: SearchableUnion, window: IndexWindow = {}): Box | null {
  const literalsOf = (column: number): ColumnLiterals => {
    const own = cellLiterals(box, column);
    return {
      has: (value) => own.includes(value) || union.namesLiteral(column, value),
      all: () => [...new Set([...union.literals(column), ...own])],
    };
  };
  const point = new Map<number, Cell>();
  for (const column of union.columnsUsed) point.set(column, { absent: true, values: noValues(columns.domain(column)) });
  for (const column of box.keys()) {
    const domain = columns.domain(column);
    const value = startPoint(domain, box.get(column)!, literalsFor(domain, column, literalsOf));
    if (value === null) return null;
    point.set(column, value);
  }
  const values = pointValues(point);
  let hit = union.containing(point, window, values);
  const escaped = new Set<number>();
  for (let step = 0; step < 8 && hit !== null; step++) {
    escaped.add(hit);
    const blocker = union.boxes[hit]!;
    let next: { column: number; cell: Cell; hit: number } | null = null;
    for (const column of blocker.keys()) {
      const domain = columns.domain(column);
      const escape = keptEscape(domain, cellAt(columns, box, column), blocker.get(column)!, literalsFor(domain, column, literalsOf));
      if (escape === null) continue;
      const before = point.get(column)!;
      const valueBefore = values[column];
      point.set(column, escape);
      values[column] = pointValue(escape);
      const movedHit = union.containing(point, window, values);
      point.set(column, before);
      values[column] = valueBefore;
      if (movedHit === null) return point.set(column, escape);
      if (next === null && !escaped.has(movedHit)) next = { column, cell: escape, hit: movedHit };
    }
    if (next === null) return null;
    point.set(next.column, next.cell);
    values[next.column] = pointValue(next.cell);
    hit = next.hit;
  }
  return hit === null ? point : null;
}
