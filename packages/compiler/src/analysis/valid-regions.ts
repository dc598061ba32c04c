/**
 * Products of the valid contexts with some unions, kept by the cells the
 * unions change (docs/analysis.md#keeping-each-step-cheap), for questions
 * that only need a verdict: whether the product is empty, and whether a
 * union of conditions covers it.
 *
 * A box of such a product is a valid box intersected with one box of each
 * union. The valid box holds a cell on every column the valid contexts
 * require (about twelve on the benchmark's programs) while a scenario's
 * situation, pathway and segment test a few, so the whole box is mostly
 * the valid box's cells, copied into a new map for every box of every
 * product. Here a box is kept as the valid box it lies in and the cells
 * the factors changed or added: what reachability asked for (a product per
 * pathway and per variation of every scenario) was two fifths of what the
 * analysis of 10,000 `wide` scenarios allocated.
 *
 * Invariant: `product` lists, in the order of the left-to-right product,
 * the boxes `DecisionAnalysis.and` gives, and `narrowedPart` a box of it
 * exactly as `narrowed` cuts the whole box, cell for cell and in the same
 * column order, so every verdict asked of them is the verdict asked of the
 * whole boxes. A product this cannot keep the same way (a factor box with
 * as many cells as the box it meets, or more, which `intersectBoxes` would
 * walk the other way round) is null, and the caller takes the whole boxes.
 */
import { BoxLimitExceeded, type Box } from "../boxes/box.js";
import { intersectCells, isEmptyCell, type Cell } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";

/**
 * One box of a product: the valid box it lies in (by index), and its cells
 * where they differ from that box's or the valid box has none, in the order
 * the product added them (as two lists rather than a map: a part holds a
 * few cells, one list scan finds one, and a map per part was most of what
 * the parts allocated). On every other column the box holds the valid
 * box's cell.
 */
export interface ValidPart {
  readonly valid: number;
  readonly columns: readonly number[];
  readonly cells: readonly Cell[];
  /** How many columns the whole box holds a cell on. */
  readonly size: number;
}

const NONE: readonly never[] = [];

/** The cell `part` holds on `column` of its own, if any. */
function ownCell(part: ValidPart, column: number): Cell | undefined {
  const columns = part.columns;
  for (let k = 0; k < columns.length; k++) if (columns[k] === column) return part.cells[k];
  return undefined;
}

/** A product and its known extensions by one more union (made when the first is: most products are never extended, and an empty map is not free). */
interface Product {
  readonly parts: readonly ValidPart[] | null;
  next: Map<readonly Box[], Product> | null;
}

/** First factors whose products are kept, as in `DecisionAnalysis` (a scenario asks about its situation, then never again). */
const RECENT_PRODUCTS = 4;

export class ValidRegions {
  private readonly root: Product;

  constructor(
    private readonly columns: ColumnTable,
    /** The valid boxes, pairwise disjoint. */
    private readonly valid: readonly Box[],
    private readonly limit: number,
  ) {
    this.root = { parts: valid.map((box, i) => ({ valid: i, columns: NONE, cells: NONE, size: box.size })), next: null };
  }

  /**
   * The boxes of the product of the valid contexts with `unions`, in the
   * order of the left-to-right product; null when they cannot be kept as
   * parts (see the invariant). Throws BoxLimitExceeded past the limit, at
   * the step where `DecisionAnalysis.and` would.
   */
  product(...unions: readonly (readonly Box[])[]): readonly ValidPart[] | null {
    let acc = this.root;
    for (const union of unions) {
      if (acc.parts === null) return null;
      acc = this.step(acc, union);
    }
    return acc.parts;
  }

  /** One more factor, remembered for the most recent first factors. */
  private step(acc: Product, union: readonly Box[]): Product {
    const next = (acc.next ??= new Map());
    const known = next.get(union);
    if (known) return known;
    if (acc === this.root && next.size >= RECENT_PRODUCTS) next.delete(next.keys().next().value!);
    let parts: ValidPart[] | null = [];
    for (const part of acc.parts!) {
      for (let k = 0; k < union.length; k++) {
        const both = this.meet(part, union[k]!);
        if (both === undefined) {
          parts = null;
          break;
        }
        if (both === null) continue;
        parts.push(both);
        if (parts.length > this.limit) throw new BoxLimitExceeded(this.limit);
      }
      if (parts === null) break;
    }
    const product: Product = { parts, next: null };
    next.set(union, product);
    return product;
  }

  /**
   * `part` intersected with `box`, computed as `intersectBoxes(whole, box)`
   * computes it: each cell of `box` intersected with the whole box's on its
   * column (the box's cell first), a column the whole box leaves open taking
   * the box's cell at the end of the order. Null when empty; undefined when
   * `box` has as many cells as the whole box or more, where `intersectBoxes`
   * walks the whole box instead and orders the result by `box`.
   */
  private meet(part: ValidPart, box: Box): ValidPart | null | undefined {
    if (box.size === 0) return part;
    // An empty whole box is the smaller one: `intersectBoxes` returns `box` itself.
    if (part.size === 0) return { valid: part.valid, columns: [...box.keys()], cells: [...box.values()], size: box.size };
    if (box.size >= part.size) return undefined;
    const valid = this.valid[part.valid]!;
    // The lists are made at their final length: a list grown by `push` takes a store with room to spare.
    const own = part.columns.length;
    let added = 0;
    for (const column of box.keys()) if (part.columns.indexOf(column) < 0) added += 1;
    const columns = new Array<number>(own + added);
    const cells = new Array<Cell>(own + added);
    for (let k = 0; k < own; k++) {
      columns[k] = part.columns[k]!;
      cells[k] = part.cells[k]!;
    }
    let next = own;
    let size = part.size;
    for (const column of box.keys()) {
      const cell = box.get(column)!;
      const at = part.columns.indexOf(column);
      const other = at >= 0 ? cells[at] : valid.get(column);
      let both = cell;
      if (other === undefined) size += 1;
      else {
        both = intersectCells(this.columns.domain(column), cell, other);
        if (isEmptyCell(both)) return null;
      }
      if (at >= 0) cells[at] = both;
      else {
        columns[next] = column;
        cells[next++] = both;
      }
    }
    return { valid: part.valid, columns, cells, size };
  }

  /**
   * The whole box of `part` without its cells on the columns `used` leaves
   * out: `narrowed(whole, used)`, entry for entry. The whole box lists the
   * valid box's columns in its order, then the columns it leaves open in
   * the order the product added them.
   */
  narrowedPart(part: ValidPart, used: Uint8Array): Box {
    const valid = this.valid[part.valid]!;
    const narrow = new Map<number, Cell>();
    valid.forEach((cell, column) => {
      if (used[column] === 1) narrow.set(column, ownCell(part, column) ?? cell);
    });
    for (let k = 0; k < part.columns.length; k++) {
      const column = part.columns[k]!;
      if (used[column] === 1 && !valid.has(column)) narrow.set(column, part.cells[k]!);
    }
    return narrow;
  }

  /** The whole box of `part`, as `DecisionAnalysis.and` builds it. */
  wholeBox(part: ValidPart): Box {
    const valid = this.valid[part.valid]!;
    const whole = new Map<number, Cell>();
    valid.forEach((cell, column) => whole.set(column, ownCell(part, column) ?? cell));
    for (let k = 0; k < part.columns.length; k++) if (!valid.has(part.columns[k]!)) whole.set(part.columns[k]!, part.cells[k]!);
    return whole;
  }
}
