/**
 * The box of a bundle row: the cells its unary tests allow, one per context
 * path. A list path may spread over several bundle columns (one per element
 * literal); their tests meet on the path's one box column.
 *
 * Invariant: a context's column values satisfy every test of the row exactly
 * when they lie in the box; null means the tests can never all hold. Box
 * column indices come from the given table, so boxes of one table compare.
 */
import type { Column, Row, UnaryTest } from "@scn/runtime";
import type { Box } from "./box.js";
import { atomCell, intersectCells, isEmptyCell, isFullCell, type Cell } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import { testKey, testTextIsExact } from "./test-algebra.js";

export function rowBox(table: ColumnTable, columns: readonly Column[], row: Row): Box | null {
  // Built in place rather than by intersecting one-column boxes: this runs for every row of a table.
  const box = new Map<number, Cell>();
  // By key rather than by entry, and the full cells dropped by `forEach`: an
  // entry array per test and an iterator result per cell, for every row of
  // a table, were about 3% of what pruning allocated on `wide` 10,000 (same
  // order, same cells).
  const tests = row.tests;
  const atoms = atomsOf(table);
  const indexes = tableIndexes(atoms, columns);
  const keys = Object.keys(tests);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const test = tests[key]!;
    const bundleColumn = Number(key);
    let index = indexes[bundleColumn];
    if (index === undefined) {
      const column = columns[bundleColumn];
      if (!column) throw new Error(`internal: row tests unknown column ${key}`);
      // Asked in the order the rows first name each column, as before: `indexOf` numbers a path it has not seen yet.
      indexes[bundleColumn] = index = table.indexOf(column.path);
    }
    const domain = table.domain(index);
    const known = box.get(index);
    const atom = sharedAtomCell(atoms, index, domain, test);
    const cell = known === undefined ? atom : intersectCells(domain, known, atom);
    if (isEmptyCell(cell)) return null;
    box.set(index, cell);
  }
  box.forEach((cell, index) => {
    if (isFullCell(table.domain(index), cell)) box.delete(index);
  });
  return box;
}

/**
 * Each table's atom cells by column and canonical text of the test. A
 * table's rows repeat a few tests many times over (`wide` 1,000: 35,095
 * tests, 1,109 distinct texts), and cells are never changed once made, so
 * rows share one cell per distinct test instead of each building its own.
 * Lowering already gives equal tests one object (lower/rows.ts), but rows
 * reach pruning from elsewhere too (row merging makes tests of its own,
 * tests build tables by hand), so cells are shared by text, not by object. The texts are the ones the
 * index builder and row merging key the same tests by (testKey, cached
 * per object), so working them out here costs those stages nothing.
 */
const ATOMS = new WeakMap<ColumnTable, TableAtoms>();

/**
 * A table's shared cells, and what finds them fast: the cell each test
 * object was given, by column (lowering gives equal tests one object, so
 * a row's tests are mostly objects met before, and one lookup by object
 * replaces checking the test's numbers and finding its text: at `wide`
 * 10,000 that check and that lookup were 30 ms of the 120 ms rowBox took),
 * and the table's column of each bundle column, for the bundle columns
 * (`indexes`) of the last rows read (a table serves one decision's
 * columns, but a caller may pass others: the list is kept per list of
 * columns) (docs/analysis.md#keeping-each-step-cheap).
 */
interface TableAtoms {
  readonly byText: Map<string, Cell>[];
  readonly byTest: Map<UnaryTest, Cell>[];
  columns: readonly Column[] | null;
  indexes: (number | undefined)[];
}

function atomsOf(table: ColumnTable): TableAtoms {
  let atoms = ATOMS.get(table);
  if (atoms === undefined) ATOMS.set(table, (atoms = { byText: [], byTest: [], columns: null, indexes: [] }));
  return atoms;
}

/** The table's column of each of `columns` found so far (see TableAtoms); reset when the rows read come with other columns. */
function tableIndexes(atoms: TableAtoms, columns: readonly Column[]): (number | undefined)[] {
  if (atoms.columns !== columns) {
    atoms.columns = columns;
    atoms.indexes = [];
  }
  return atoms.indexes;
}

function sharedAtomCell(atoms: TableAtoms, column: number, domain: Parameters<typeof atomCell>[0], test: UnaryTest): Cell {
  // The cell this very test object was given before: what the lookup below gave it, or its own cell.
  const byTest = (atoms.byTest[column] ??= new Map());
  let cell = byTest.get(test);
  if (cell !== undefined) return cell;
  // A test's text writes -0 as 0 and non-finite numbers as null, so tests
  // naming such a number get cells of their own.
  if (!testTextIsExact(test)) cell = atomCell(domain, test);
  else {
    const byText = (atoms.byText[column] ??= new Map());
    const key = testKey(test);
    cell = byText.get(key);
    if (cell === undefined) byText.set(key, (cell = atomCell(domain, test)));
  }
  byTest.set(test, cell);
  return cell;
}

