/**
 * What a growing union of boxes leaves uncovered in a universe, kept as a
 * tree whose leaves are disjoint boxes (growing-union.ts folds boxes into
 * it one at a time and asks which leaves meet a box).
 *
 * Subtracting a box from a leaf splits it along the box's columns, one at a
 * time (its finite cells before its intervals, see `splitOrder`): the part
 * outside the box's cell on the first column, then, inside it, the part
 * outside on the next, and so on. The tree keeps those splits
 * as nodes ("inside this cell on this column" and "outside it"), so a later
 * box, or a question, descends only into the sides it meets: the work of a
 * fold or a question grows with the leaves it meets and the depth of the
 * tree, not with all the leaves, which a flat list scanned on every fold
 * (the open rows of a large program cut their complement into thousands of
 * boxes, and each meets a few percent of them). A split one of whose sides
 * a later box empties is not needed to tell its sides apart any more, but
 * what it knew of the other side's cells is kept as a guard, so that walks
 * still stay out of leaves they cannot meet (`guarded`).
 *
 * Invariant: the leaves are pairwise disjoint boxes whose union is the
 * universe less every box folded in; every leaf under the `inside` side of
 * a split lies inside its `within` cell on its column, every leaf under
 * `outside` inside one of its `beyond` cells, every leaf under a guard
 * inside one of its `cells`.
 */
import { boxesMeet, cellAt, copyBox, type Box } from "./box.js";
import { cellWithin, cellsMeet, intersectCells, isEmptyCell, isFullCell, subtractCells, type Cell } from "./cell.js";
import type { ColumnTable } from "./column-table.js";

type Node =
  | { readonly kind: "empty" }
  | { readonly kind: "leaf"; readonly box: Box }
  | { readonly kind: "group"; readonly children: readonly Node[] }
  | {
      readonly kind: "split";
      readonly column: number;
      /** The cell on `column` of every leaf under `inside`: the split leaf's cell there within the subtracted box's. */
      readonly within: Cell;
      /** The cells on `column` of the pieces under `outside`: the split leaf's cell there less the subtracted box's. */
      readonly beyond: readonly Cell[];
      /** The sides a box open on `column` meets (see `sides`), found once when the split is made. */
      readonly open: number;
      readonly inside: Node;
      readonly outside: Node;
    }
  /**
   * What is left of a split one of whose sides emptied: every leaf under
   * `child` lies inside one of `cells` on `column` (the surviving side's
   * cells), so a box whose cell there meets none of them meets no leaf below.
   */
  | { readonly kind: "guard"; readonly column: number; readonly cells: readonly Cell[]; readonly child: Node };

const EMPTY: Node = { kind: "empty" };

/** The sides of a split a box may meet, as bits. */
const INSIDE = 1;
const OUTSIDE = 2;

/** The sides of a split that a box open on its column (the full cell) meets: each side whose cells are not empty. */
function openSides(within: Cell, beyond: readonly Cell[]): number {
  return (isEmptyCell(within) ? 0 : INSIDE) | (beyond.some((cell) => !isEmptyCell(cell)) ? OUTSIDE : 0);
}

/**
 * The order in which a subtracted box splits the leaves it meets: its
 * columns of finite cells (enum, bool, string and list values) first, then
 * its interval cells, each in ascending column order. The leaves are the
 * same set of contexts whatever the order, but not as many: the part of a
 * leaf outside an interval keeps every key of the finite columns, and on
 * realistic programs each box names its own bounds while the keys repeat
 * (a tier, a region, a channel), so slabs cut along intervals first were
 * cut again by nearly every later box, one key at a time. Cut along the
 * keys first, the intervals split only the part with the box's keys. On
 * the benchmark's `wide` and `overlap` programs this leaves half the
 * leaves or fewer (`wide` 10,000: 10,366 → 3,103 leaves split, at most
 * 1,771 → 462 leaves at once), and every fold and question walks them.
 */
export function splitOrder(box: Box): number[] {
  const finite: number[] = [];
  const ranges: number[] = [];
  box.forEach((cell, column) => (cell.values.kind === "ranges" ? ranges : finite).push(column));
  finite.sort(ascending);
  ranges.sort(ascending);
  for (let k = 0; k < ranges.length; k++) finite.push(ranges[k]!);
  return finite;
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * The box's columns in ascending order. Pruning keeps it: the pieces its
 * questions find become the points of the conformance vectors, so its
 * leaves must stay what they were; the analysis asks for verdicts only and
 * takes `splitOrder`.
 */
export function ascendingOrder(box: Box): number[] {
  return [...box.keys()].sort(ascending);
}

/**
 * `child`, known to lie inside one of `cells` on `column`, with that kept as
 * a guard. Dropping the split whose other side emptied lost it: on `wide`
 * 10,000 the tree's walks then reached 620,000 leaves to find 2,400 that
 * met the box, most of them leaves holding only a missing tier or channel
 * whose splits had emptied on their other side. A leaf is tested whole
 * anyway, and a split or guard on the same column below tells at least as
 * much (its cells lie inside these), so neither gets a guard.
 */
function guarded(column: number, cells: readonly Cell[], child: Node): Node {
  if (child.kind === "leaf" || child.kind === "empty") return child;
  if ((child.kind === "split" || child.kind === "guard") && child.column === column) return child;
  return { kind: "guard", column, cells, child };
}

export class ComplementTree {
  private root: Node;
  /** How many leaves the tree holds. */
  size: number;
  /** Counts the subtractions that changed the tree, so that a caller can tell whether leaves it found are still the leaves. */
  version = 0;

  constructor(
    private readonly columns: ColumnTable,
    universe: readonly Box[],
    /** The order in which a subtracted box splits the leaves it meets (`ascendingOrder` or `splitOrder`). */
    private readonly order: (box: Box) => number[] = ascendingOrder,
  ) {
    this.root = universe.length === 1 ? { kind: "leaf", box: universe[0]! } : { kind: "group", children: universe.map((box) => ({ kind: "leaf", box })) };
    this.size = universe.length;
  }

  /** Takes `box` out of the uncovered region. */
  subtract(box: Box): void {
    // The columns each leaf is split along (see `splitOrder`), found once for all the leaves the box meets.
    const columns = this.order(box);
    const root = this.subtractFrom(this.root, box, columns);
    if (root !== this.root) this.version++;
    this.root = root;
  }

  /** Every leaf that meets `box`, in a deterministic order. */
  meeting(box: Box): Box[] {
    const found: Box[] = [];
    this.eachMeeting(box, (leaf) => {
      found.push(leaf);
      return false;
    });
    return found;
  }

  /**
   * Visits the leaves that meet `box`, in the order `meeting` lists them,
   * until `visit` returns true (a caller that stops at the first leaf it
   * wants does not walk the rest of the tree). Returns how many leaves the
   * walk tested against `box` (met or not), which tests use to hold the
   * walks to the leaves the splits and guards let through.
   */
  eachMeeting(box: Box, visit: (leaf: Box) => boolean): number {
    const stack: Node[] = [this.root];
    let tested = 0;
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.kind) {
        case "empty":
          break;
        case "leaf":
          tested++;
          if (boxesMeet(this.columns, node.box, box) && visit(node.box)) return tested;
          break;
        case "group":
          for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
          break;
        case "split": {
          const sides = this.sides(node, box);
          if (sides & OUTSIDE) stack.push(node.outside);
          if (sides & INSIDE) stack.push(node.inside);
          break;
        }
        case "guard":
          if (this.passes(node, box)) stack.push(node.child);
          break;
      }
    }
    return tested;
  }

  /**
   * Which sides of a split `box` may meet (INSIDE and OUTSIDE as bits): a
   * side whose leaves' cells on the split's column its cell meets. Those
   * cells are the split leaf's own, within and less the subtracted box's,
   * rather than the subtracted box's cell and its complement: a leaf's
   * cell there is often narrower than the box that split it (an earlier
   * split on the same column cut it), and a box that meets the wider cell
   * but not the leaf's was walked down to every leaf below, each to be
   * found not to meet it (seven leaves in ten of those a fold visited, on
   * 1,000 `overlap` scenarios). The walk now stops at the split, and the
   * leaves it reaches that meet the box are the same, in the same order.
   * A box that leaves the split's column open has the full cell there,
   * which meets every non-empty cell: that is decided once, when the split
   * is made, and most questions leave most columns open.
   */
  private sides(node: Extract<Node, { kind: "split" }>, box: Box): number {
    const mine = box.get(node.column);
    if (mine === undefined) return node.open;
    const domain = this.columns.domain(node.column);
    let sides = cellsMeet(domain, mine, node.within) ? INSIDE : 0;
    const beyond = node.beyond;
    for (let k = 0; k < beyond.length; k++) {
      if (cellsMeet(domain, mine, beyond[k]!)) return sides | OUTSIDE;
    }
    return sides;
  }

  /** Whether `box` may meet a leaf under a guard: its cell on the guard's column meets one of the guard's cells. */
  private passes(node: Extract<Node, { kind: "guard" }>, box: Box): boolean {
    const mine = box.get(node.column);
    if (mine === undefined) return true;
    const domain = this.columns.domain(node.column);
    const cells = node.cells;
    for (let k = 0; k < cells.length; k++) if (cellsMeet(domain, mine, cells[k]!)) return true;
    return false;
  }

  private subtractFrom(node: Node, box: Box, columns: readonly number[]): Node {
    switch (node.kind) {
      case "empty":
        return node;
      case "leaf":
        return boxesMeet(this.columns, node.box, box) ? this.splitLeaf(node.box, box, columns) : node;
      case "group": {
        // A group the box does not change stays as it is (most groups, for a box that meets a few leaves).
        let children: Node[] | null = null;
        for (let k = 0; k < node.children.length; k++) {
          const child = node.children[k]!;
          const after = this.subtractFrom(child, box, columns);
          if (after !== child && children === null) children = node.children.slice(0, k);
          if (children !== null) children.push(after);
        }
        if (children === null && node.children.length > 1) return node;
        const kept = (children ?? node.children).filter((child) => child.kind !== "empty");
        return kept.length === 0 ? EMPTY : kept.length === 1 ? kept[0]! : { kind: "group", children: kept };
      }
      case "split": {
        const sides = this.sides(node, box);
        const within = sides & INSIDE ? this.subtractFrom(node.inside, box, columns) : node.inside;
        const without = sides & OUTSIDE ? this.subtractFrom(node.outside, box, columns) : node.outside;
        // A side that emptied needs no split to tell it from the other, but
        // what the split knew of the other side's cells still keeps walks
        // out of it (see `guarded`).
        if (within.kind === "empty") return without.kind === "empty" ? EMPTY : guarded(node.column, node.beyond, without);
        if (without.kind === "empty") return guarded(node.column, [node.within], within);
        if (within === node.inside && without === node.outside) return node;
        // Written out rather than spread: a spread copies through the generic
        // property path, and on `wide` 10,000 it was a tenth of the folds' time.
        return { kind: "split", column: node.column, within: node.within, beyond: node.beyond, open: node.open, inside: within, outside: without };
      }
      case "guard": {
        if (!this.passes(node, box)) return node;
        const child = this.subtractFrom(node.child, box, columns);
        if (child === node.child) return node;
        return child.kind === "empty" ? EMPTY : guarded(node.column, node.cells, child);
      }
    }
  }

  /**
   * `leaf` less `box` (which meets it) as a chain of splits along `box`'s
   * columns, in the order `columns` lists them (`splitOrder`).
   */
  private splitLeaf(leaf: Box, box: Box, columns: readonly number[]): Node {
    const current = copyBox(leaf);
    const chain: { column: number; within: Cell; beyond: Cell[]; outside: Node }[] = [];
    for (const column of columns) {
      const domain = this.columns.domain(column);
      const mine = cellAt(this.columns, current, column);
      const theirs = box.get(column)!;
      if (cellWithin(domain, mine, theirs)) continue;
      const beyond = subtractCells(domain, mine, theirs);
      const outside = beyond.map((rest): Node => {
        const piece = copyBox(current);
        if (isFullCell(domain, rest)) piece.delete(column);
        else piece.set(column, rest);
        return { kind: "leaf", box: piece };
      });
      const inside = intersectCells(domain, mine, theirs);
      chain.push({ column, within: inside, beyond, outside: outside.length === 1 ? outside[0]! : { kind: "group", children: outside } });
      if (isEmptyCell(inside)) break;
      current.set(column, inside);
    }
    // The last part lies inside `box` on every column: it is covered.
    let node: Node = EMPTY;
    this.size -= 1;
    for (let k = chain.length - 1; k >= 0; k--) {
      const { column, within, beyond, outside } = chain[k]!;
      this.size += outside.kind === "group" ? outside.children.length : 1;
      node = node.kind === "empty" ? outside : { kind: "split", column, within, beyond, open: openSides(within, beyond), inside: node, outside };
    }
    return node;
  }
}
