/**
 * Expresses a cell with the bundle's unary tests. One test can say "absent"
 * (`present: false`) or describe present values, but not both, so a cell that
 * admits absent and some values becomes two alternatives, which lowering emits
 * as two rows. List cells need one test per element literal; each test names
 * its literal so lowering can put it on that literal's column.
 *
 * Invariant: the alternatives are disjoint, and their union is exactly the
 * cell: a context value passes one alternative's tests (all of them) iff it is
 * in the cell. A full cell is one empty alternative; an empty cell is none.
 */
import type { UnaryTest } from "@scn/runtime";
import { isAllValues, isEmptyValues, isFullCell, type Cell, type ColumnDomain, type Scalar, type ValueSet } from "../boxes/cell.js";

export interface PlacedTest {
  /** For list columns, the element literal whose column carries the test; null for any column of the path. */
  readonly literal: Scalar | null;
  readonly test: UnaryTest;
}

export type Alternative = readonly PlacedTest[];

const anywhere = (test: UnaryTest): PlacedTest => ({ literal: null, test });

function valueTests(domain: ColumnDomain, values: ValueSet): PlacedTest[] {
  if (isAllValues(domain, values)) return [anywhere({ present: true })];
  switch (values.kind) {
    case "finite": {
      const [only] = values.values;
      if (values.values.length === 1 && only !== undefined) return [anywhere(typeof only === "boolean" ? { bool: only } : { eq: only })];
      return [anywhere({ in: [...values.values] })];
    }
    case "cofinite":
      return [anywhere({ notIn: [...values.values] })];
    case "ranges": {
      // A union of single points reads better, and dispatches faster, as `eq` / `in`.
      const points = values.intervals.every(([lo, hi, loIncl, hiIncl]) => lo !== null && lo === hi && loIncl && hiIncl);
      if (points) {
        const list = values.intervals.map(([lo]) => lo as number);
        return [anywhere(list.length === 1 ? { eq: list[0]! } : { in: list })];
      }
      return [anywhere({ range: values.intervals.map((i) => [i[0], i[1], i[2], i[3]]) })];
    }
    case "lists": {
      const conj = values.conj!;
      return [
        ...conj.req.map((v) => ({ literal: v, test: { contains: v } })),
        ...conj.forb.map((v) => ({ literal: v, test: { notContains: v } })),
      ];
    }
  }
}

/**
 * How many alternatives `cellAlternatives` gives for `cell`, without building
 * their tests: lowering counts every box's rows to hold the row limit, and
 * `scn check` never builds the rows themselves.
 */
export function cellAlternativeCount(domain: ColumnDomain, cell: Cell): number {
  if (isFullCell(domain, cell)) return 1;
  return (cell.absent ? 1 : 0) + (isEmptyValues(cell.values) ? 0 : 1);
}

export function cellAlternatives(domain: ColumnDomain, cell: Cell): Alternative[] {
  if (isFullCell(domain, cell)) return [[]];
  const alternatives: Alternative[] = [];
  if (cell.absent) alternatives.push([anywhere({ present: false })]);
  if (!isEmptyValues(cell.values)) alternatives.push(valueTests(domain, cell.values));
  return alternatives;
}
