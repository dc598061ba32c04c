/**
 * The union of a growing prefix of an indexed list of boxes, kept so that
 * "does the union of the boxes before position `end` contain this box" costs
 * about the same however long the list is
 * (docs/analysis.md#the-union-so-far-shadowing-and-pruning-in-linear-time).
 *
 * Shadowing asks it of each scenario about the claims of the scenarios
 * before it, pruning of each row about the rows before it: the questions
 * come in list order, so the union only grows. Answering each one by an
 * exact search over every earlier box that meets it made both quadratic,
 * because on realistic programs a growing number of boxes meets every
 * question (broad scenarios that name no category).
 *
 * The boxes are split by one dispatch column, the one the most boxes pin to
 * a few keys (the category, on such programs):
 * - the *open* boxes, which leave that column open and may meet anything,
 *   are folded, once each as the prefix grows, into the complement: boxes
 *   holding what of the universe no open box covers;
 * - the *pinned* boxes stay in an index of their own.
 * A box inside the universe lies in the union exactly when each piece of it
 * that the complement holds lies in the union of the pinned boxes; a piece
 * pinning a few keys meets only the pinned boxes of those keys, and a piece
 * open on the dispatch column is asked about one named key at a time (a
 * value no pinned box names leaves it uncovered at once). The complement
 * grows with the cuts the open boxes' cells make, not with their number,
 * and shrinks as they cover the universe.
 *
 * Invariant: `covered` only when the boxes before `end` contain the box,
 * `uncovered` only with a piece of the box outside all of them; null when
 * this structure cannot answer (a shorter window than one already folded,
 * a window not starting at 0, a complement past its limit, a question past
 * its budget), and the caller then runs the exact search over the
 * candidates, which gives the verdicts and the budget failures it always
 * gave. `alive` may leave out only boxes that the boxes before them cover
 * (pruned rows, claims of shadowed scenarios): that changes the work,
 * never the union.
 */
import { addColumns, boxesMeet, boxWithin, cellAt, copyBox, intersectBoxes, subtractBox, subtractUnion, type Box } from "./box.js";
import { isFullCell, noValues, sortedScalars, subtractCells, type Cell, type ColumnDomain, type Scalar } from "./cell.js";
import type { ColumnTable } from "./column-table.js";
import { ComplementTree, ascendingOrder } from "./complement-tree.js";
import { searchCoverage, SUBTRACTION_LIMIT, type Coverage, type ExactCoverage } from "./coverage.js";
import { normalizeIntervals } from "./intervals.js";
import type { IndexWindow } from "./scanned-union.js";
import { cellMeetsKey, keyCell, pinnedKeys, UnionIndex, type Key } from "./union-index.js";

export interface GrowingUnionTuning {
  /** Most boxes the complement of the open boxes may hold; past it the structure gives up for good. */
  readonly complementLimit: number;
  /**
   * Windows with fewer open boxes than this are left to the search over
   * their candidates (the structure declines), which is then cheaper: a
   * question costs the pieces of the complement it meets, and before the
   * open boxes cover much of the universe (every context, for pruning)
   * those are many, while the candidates are still few.
   */
  readonly minimumOpen: number;
  /** The order in which an open box splits the complement's leaves (see complement-tree.ts): only the pieces found change with it, never a verdict. */
  readonly splitOrder: (box: Box) => number[];
  /**
   * Whether the caller reads only the verdict of an uncovered answer, not
   * its piece (the analysis's shadowing question): `byRemainder` then
   * subtracts depth first and stops at the first piece of the remainder
   * that meets a leaf, instead of building the whole remainder first.
   * Pruning keeps each piece for the conformance vectors, so it keeps the
   * breadth-first remainder and its limit exactly.
   */
  readonly verdictsOnly: boolean;
}

const TUNING: GrowingUnionTuning = { complementLimit: 20_000, minimumOpen: 0, splitOrder: ascendingOrder, verdictsOnly: false };

/**
 * A dispatch column must leave a typical question this share of the boxes
 * to look at (the open ones plus an average key's), or none is used and
 * every box counts as open.
 */
const DISPATCH_GAIN = 0.5;

/** Most leaves the complement may hold for `coveredByOpen` to walk it. */
const CHEAP_COMPLEMENT = 64;

/** Most pinned and pending boxes `byRemainder` subtracts from a box, and most pieces it lets the remainder split into. */
const REMAINDER_BOXES = 32;
const REMAINDER_PIECES = 64;

export class GrowingUnion implements ExactCoverage {
  /** The dispatch column, or null when every box is open. */
  private readonly dispatch: number | null;
  /** For each position, whether its box is folded into the complement (1) or kept in the pinned index (0). */
  private readonly open: Uint8Array;
  /** How many open boxes that no later box holds come before each position. */
  private readonly openBefore: Int32Array;
  /** The pinned boxes, indexed (see `pinned`); null when every box is open. */
  private pinnedIndex: UnionIndex | null | undefined;
  /** The pinned boxes, in list order. */
  private readonly pinnedBoxes: readonly Box[];
  /** The position in the whole list of each box of `pinned`, ascending. */
  private readonly pinnedPositions: readonly number[];
  /** Every key the pinned boxes name on the dispatch column, in order of the first position naming it. */
  private readonly keys: readonly { readonly key: Key; readonly first: number }[];
  /** The cell of the first `count` keys, for the questions about windows that many keys are named in. */
  private named: { readonly count: number; readonly cell: Cell } | null = null;
  /** The universe less every open box folded so far. */
  private complement: ComplementTree;
  /** Positions before this one are folded. */
  private folded = 0;
  /**
   * Open boxes of the window that are not folded because a later box holds
   * them (a scenario's last row holds its other rows): each stays here until
   * that box enters the window, so that the complement is not cut into
   * pieces the holding box then covers again. Questions check them along
   * with the pinned boxes; there are never more than a few.
   */
  private pending: { readonly position: number; readonly holder: number }[] = [];
  private gaveUp = false;

  private constructor(
    private readonly columns: ColumnTable,
    private readonly index: UnionIndex,
    universe: readonly Box[],
    private readonly tuning: GrowingUnionTuning,
  ) {
    const boxes = index.boxes;
    const dispatch = (this.dispatch = index.cheapestKeyColumn(DISPATCH_GAIN));
    this.open = new Uint8Array(boxes.length);
    const pinnedBoxes: Box[] = [];
    const pinnedPositions: number[] = [];
    const keys = new Map<Key, number>();
    const openColumns = new Set<number>();
    boxes.forEach((box, p) => {
      const cell = dispatch === null ? undefined : box.get(dispatch);
      const pins = cell === undefined ? null : pinnedKeys(columns.domain(dispatch!), cell);
      if (pins !== null) {
        pinnedBoxes.push(box);
        pinnedPositions.push(p);
        for (let k = 0; k < pins.length; k++) if (!keys.has(pins[k]!)) keys.set(pins[k]!, p);
        return;
      }
      this.open[p] = 1;
      addColumns(box, openColumns);
    });
    this.openBefore = new Int32Array(boxes.length + 1);
    // Open boxes that a later box holds are never folded (see `pending`), so they are not counted.
    for (let p = 0; p < boxes.length; p++) this.openBefore[p + 1] = this.openBefore[p]! + (this.open[p] === 1 && !(index.dominatorOf(p) > p) ? 1 : 0);
    this.pinnedBoxes = pinnedBoxes;
    this.pinnedPositions = pinnedPositions;
    this.keys = [...keys].map(([key, first]) => ({ key, first }));
    this.complement = new ComplementTree(columns, projectedUniverse(columns, universe, openColumns), tuning.splitOrder);
  }

  /**
   * A growing union over the boxes of `index`, for questions about boxes
   * inside `universe` (the valid contexts for analysis, every context for
   * pruning).
   */
  static over(columns: ColumnTable, index: UnionIndex, universe: readonly Box[], tuning: Partial<GrowingUnionTuning> = {}): GrowingUnion {
    return new GrowingUnion(columns, index, universe, { ...TUNING, ...tuning });
  }

  coverage(box: Box, window: IndexWindow, budget: number): Coverage | null {
    const end = this.foldedWindow(window);
    if (end === null) return null;
    const pending = this.pending.map(({ position }) => this.index.boxes[position]!);
    const settled = this.byRemainder(box, end, window.alive, pending, budget);
    if (settled !== null) return settled;
    const question = new PinnedQuestion(this.columns, this, end, window.alive, budget, pending);
    const known = this.knownLeavesMeeting(box);
    if (known !== null) {
      for (const region of known) {
        const verdict = this.pieceCoverage(intersectBoxes(this.columns, box, region)!, question);
        if (verdict?.kind !== "covered") return verdict;
      }
      return { kind: "covered" };
    }
    // The tree is walked one leaf at a time: a box that is not covered is
    // usually told so by its first leaves (a broad claim's first piece holds
    // a category no pinned box names), and collecting every leaf it meets
    // first cost more than the answer. The leaves come in the order
    // `leavesMeeting` lists them, so the verdict is the one it gives; a walk
    // that saw them all keeps them for the questions about boxes inside this one.
    let verdict: Coverage | null = { kind: "covered" };
    const leaves: Box[] = [];
    let stopped = false;
    this.complement.eachMeeting(box, (region) => {
      leaves.push(region);
      const found = this.pieceCoverage(intersectBoxes(this.columns, box, region)!, question);
      if (found?.kind === "covered") return false;
      verdict = found;
      stopped = true;
      return true;
    });
    if (!stopped) this.lastMeeting = { box, version: this.complement.version, leaves };
    return verdict;
  }

  /**
   * The verdict from the other side, when that is cheap: `box` less the
   * pinned and pending boxes of the window that meet it (a few, when the
   * box pins a few keys) must lie in the open boxes, so each piece of that
   * remainder must meet no leaf of the complement; a piece that meets one
   * shares with it contexts no box of the window holds. Walking the tree
   * with a few small pieces costs much less than asking about each leaf
   * the box meets, one piece of the box at a time, which a covered box
   * (a shadowed scenario, a pruned row) needs for every leaf. Null when
   * the box is open on the dispatch column, meets too many pinned boxes,
   * or its remainder splits into too many pieces (or more than the
   * question's budget): the leaves then answer.
   */
  private byRemainder(box: Box, end: number, alive: ((position: number) => boolean) | undefined, pending: readonly Box[], budget: number): Coverage | null {
    const others: Box[] = [];
    const dispatch = this.dispatch;
    if (dispatch !== null && this.pinnedBoxes.length > 0) {
      if (pinnedKeys(this.columns.domain(dispatch), cellAt(this.columns, box, dispatch)) === null) return null;
      const { index, window } = this.pinnedView(end, alive);
      for (const other of index.maximalCandidates(box, window)) if (boxesMeet(this.columns, box, other)) others.push(other);
    }
    for (const other of pending) if (boxesMeet(this.columns, box, other)) others.push(other);
    if (others.length > REMAINDER_BOXES) return null;
    if (this.tuning.verdictsOnly) return this.firstRemainderOutside(box, others, Math.min(REMAINDER_PIECES * others.length, budget));
    // Within the question's budget too, so that a question past it is still left to the search that reports it (SCN3008).
    const remainder = subtractUnion(this.columns, box, others, Math.min(REMAINDER_PIECES, budget));
    if (remainder === null) return null;
    for (const piece of remainder) {
      const outside = this.outsideOf(piece);
      if (outside !== null) return outside;
    }
    return { kind: "covered" };
  }

  /**
   * `byRemainder`'s answer for a caller that reads only verdicts: `box`
   * less `others` split depth first, each piece of the remainder walked as
   * soon as it is made. The pieces come in the order the breadth-first
   * remainder lists them (each piece's pieces replace it where it stood),
   * so the first that meets a leaf is the one `byRemainder` finds there;
   * an uncovered box is told after the subtractions along the way to that
   * piece rather than all of them (on `wide` 1,000 the shadowing question's
   * uncovered remainders held ten pieces, of which one or two were
   * walked). Null once more than `limit` pieces were made: the leaves then
   * answer, as when the breadth-first remainder outgrows its limit.
   */
  private firstRemainderOutside(box: Box, others: readonly Box[], limit: number): Coverage | null {
    const stack: { readonly box: Box; readonly next: number }[] = [{ box, next: 0 }];
    let made = 0;
    while (stack.length > 0) {
      const { box: piece, next } = stack.pop()!;
      if (next < others.length) {
        const rest = subtractBox(this.columns, piece, others[next]!);
        made += rest.length;
        if (made > limit) return null;
        // Pushed in reverse, so that the first piece is split (and walked) first.
        for (let k = rest.length - 1; k >= 0; k--) stack.push({ box: rest[k]!, next: next + 1 });
        continue;
      }
      const outside = this.outsideOf(piece);
      if (outside !== null) return outside;
    }
    return { kind: "covered" };
  }

  /**
   * The part of `piece` no open box holds, as an uncovered answer, or null
   * when no leaf of the complement meets it. The first leaf it meets is all
   * the answer needs: the walk stops there.
   */
  private outsideOf(piece: Box): Coverage | null {
    let leaf: Box | undefined;
    this.complement.eachMeeting(piece, (found) => {
      leaf = found;
      return true;
    });
    return leaf === undefined ? null : { kind: "uncovered", piece: intersectBoxes(this.columns, piece, leaf)! };
  }

  /**
   * Whether the open boxes of the window alone contain `box`: no leaf of
   * their complement meets it. That costs a walk of the complement, which
   * on large programs is soon empty or nearly (the broad scenarios cover
   * every valid context), so the caller asks it before a point search that
   * would look for an uncovered point in vain. A complement of more than
   * CHEAP_COMPLEMENT leaves is not walked here: most questions are then
   * settled by the point search, for less.
   */
  coveredByOpen(box: Box, window: IndexWindow): boolean {
    const end = this.foldedWindow(window);
    return end !== null && this.complement.size <= CHEAP_COMPLEMENT && this.leavesMeeting(box).length === 0;
  }

  /** The end of the window with every open box before it folded, or null when this structure cannot answer about the window. */
  private foldedWindow(window: IndexWindow): number | null {
    if (this.gaveUp || (window.start ?? 0) !== 0) return null;
    const end = Math.min(window.end ?? this.index.boxes.length, this.index.boxes.length);
    // A shorter prefix than the one folded cannot be answered from the complement.
    if (end < this.folded || this.openBefore[end]! < this.tuning.minimumOpen) return null;
    return this.foldTo(end, window.alive) ? end : null;
  }

  /**
   * The leaves of the complement that meet `box`. Pruning asks about a
   * scenario's situation row first and then about its other rows, which lie
   * inside it, with nothing folded in between (they wait for the situation
   * row, see `pending`): the leaves meeting such a row are those of the
   * situation's leaves that meet it, found without walking the tree again.
   */
  private leavesMeeting(box: Box): readonly Box[] {
    const known = this.knownLeavesMeeting(box);
    if (known !== null) return known;
    const leaves = this.complement.meeting(box);
    this.lastMeeting = { box, version: this.complement.version, leaves };
    return leaves;
  }

  /** The leaves meeting `box` found from the last walk of the tree (see `leavesMeeting`), or null when that walk does not tell them. */
  private knownLeavesMeeting(box: Box): readonly Box[] | null {
    const last = this.lastMeeting;
    if (last !== null && last.version === this.complement.version && last.box === box) return last.leaves;
    if (last !== null && last.version === this.complement.version && boxWithin(this.columns, box, last.box)) return last.leaves.filter((leaf) => boxesMeet(this.columns, leaf, box));
    return null;
  }

  /** The last box whose leaves were found by walking the tree, for `leavesMeeting`. */
  private lastMeeting: { readonly box: Box; readonly version: number; readonly leaves: readonly Box[] } | null = null;

  /**
   * Coverage of a piece that no folded open box meets, by the pinned and the
   * pending boxes of the window. A piece open on the dispatch column is asked
   * about one key at a time, since a pinned box meets only the keys it pins:
   * first the values no pinned box names (which only pending boxes may
   * cover), then each named key against the few boxes pinning it.
   */
  private pieceCoverage(piece: Box, question: PinnedQuestion): Coverage | null {
    const dispatch = this.dispatch;
    if (dispatch === null || this.pinnedBoxes.length === 0) return question.ask(piece, false);
    const domain = this.columns.domain(dispatch);
    const cell = cellAt(this.columns, piece, dispatch);
    if (pinnedKeys(domain, cell) !== null) return question.ask(piece, true);
    const named = question.countNamed(this.keys);
    const unnamed = this.unnamedIn(domain, cell, named);
    if (unnamed !== undefined) {
      const verdict = question.ask(withCell(domain, piece, dispatch, unnamed), false);
      if (verdict?.kind !== "covered") return verdict;
    }
    for (let k = 0; k < named; k++) {
      // Told without the key's cell (cellMeetsKey answers what cellsMeet with it does), which is made once per key.
      if (!cellMeetsKey(domain, cell, this.keys[k]!.key)) continue;
      const verdict = question.ask(withCell(domain, piece, dispatch, this.keyCellAt(domain, k)), true);
      if (verdict?.kind !== "covered") return verdict;
    }
    return { kind: "covered" };
  }

  /**
   * The values of `cell` that none of the first `count` keys names (the
   * first piece of `cell` less their cell), or undefined when there are
   * none. The last answer is kept: the pieces asked about are mostly open
   * on the dispatch column, so `cell` is its full cell again and again,
   * and on `wide` 10,000 subtracting a thousand named categories from it
   * for every piece was a tenth of pruning's exact questions
   * (docs/analysis.md#the-union-so-far-shadowing-and-pruning-in-linear-time).
   */
  private unnamedIn(domain: ColumnDomain, cell: Cell, count: number): Cell | undefined {
    const last = this.lastUnnamed;
    if (last !== null && last.cell === cell && last.count === count) return last.unnamed;
    const [unnamed] = subtractCells(domain, cell, this.namedCell(domain, count));
    this.lastUnnamed = { cell, count, unnamed };
    return unnamed;
  }

  private lastUnnamed: { readonly cell: Cell; readonly count: number; readonly unnamed: Cell | undefined } | null = null;

  /** The one-key cell of the `k`th key (`keyCell`), made when first asked; cells are never changed, so pieces share it. */
  private keyCellAt(domain: ColumnDomain, k: number): Cell {
    let cell = this.keyCells[k];
    if (cell === undefined) this.keyCells[k] = cell = keyCell(domain, this.keys[k]!.key);
    return cell;
  }

  private readonly keyCells: (Cell | undefined)[] = [];

  /** The cell holding exactly the first `count` keys. */
  private namedCell(domain: ColumnDomain, count: number): Cell {
    if (this.named?.count === count) return this.named.cell;
    const keys = this.keys.slice(0, count).map(({ key }) => key);
    const values = keys.filter((key): key is Scalar => typeof key !== "symbol");
    const absent = values.length < keys.length;
    const cell: Cell =
      domain.kind === "int" || domain.kind === "number"
        ? { absent, values: { kind: "ranges", intervals: normalizeIntervals((values as number[]).map((v) => [v, v, true, true]), domain.kind === "int") } }
        : { absent, values: values.length === 0 ? noValues(domain) : { kind: "finite", values: sortedScalars(values) } };
    this.named = { count, cell };
    return cell;
  }

  /** The index of the pinned boxes, built when a question first needs it (a structure that always declines never does). */
  private get pinned(): UnionIndex | null {
    if (this.pinnedIndex === undefined) this.pinnedIndex = this.pinnedBoxes.length === 0 ? null : UnionIndex.over(this.columns, this.pinnedBoxes);
    return this.pinnedIndex;
  }

  /** The pinned index and the window mapped onto it, for `PinnedQuestion`. */
  pinnedView(end: number, alive: ((position: number) => boolean) | undefined): { readonly index: UnionIndex; readonly window: IndexWindow } {
    const positions = this.pinnedPositions;
    return { index: this.pinned!, window: { end: firstAtOrAfter(positions, end), ...(alive ? { alive: (q: number) => alive(positions[q]!) } : {}) } };
  }

  /**
   * Folds the open boxes before `end` into the complement. A box that `alive`
   * rejects, or that a box before `end` that it keeps contains, is skipped:
   * it lies inside the union of the others, so the union is the same. Only
   * a holder the window keeps stands for the boxes it holds: one that
   * `alive` leaves out is covered by the boxes before it, which may be the
   * very boxes it holds.
   */
  private foldTo(end: number, alive: ((position: number) => boolean) | undefined): boolean {
    const keeps = (holder: number) => !alive || alive(holder);
    if (this.pending.length > 0) {
      const entered = this.pending.filter(({ holder }) => holder < end);
      this.pending = this.pending.filter(({ holder }) => holder >= end);
      for (const { position, holder } of entered) if (!keeps(holder) && !this.fold(position)) return false;
    }
    for (; this.folded < end; this.folded++) {
      const p = this.folded;
      if (this.open[p] === 0 || (alive && !alive(p))) continue;
      const holder = this.index.dominatorOf(p);
      if (holder >= 0 && holder < end && keeps(holder)) continue;
      if (holder > p && holder >= end) {
        this.pending.push({ position: p, holder });
        continue;
      }
      if (!this.fold(p)) return false;
    }
    return true;
  }

  /** Subtracts the box at `position` from the complement; false when the complement outgrew its limit and the structure gave up. */
  private fold(position: number): boolean {
    this.complement.subtract(this.index.boxes[position]!);
    if (this.complement.size <= this.tuning.complementLimit) return true;
    this.gaveUp = true;
    this.complement = new ComplementTree(this.columns, []);
    this.lastMeeting = null;
    return false;
  }
}

/** One question's view of the boxes a piece is asked about: the pinned boxes of the window, and the pending ones. */
class PinnedQuestion {
  private view: { readonly index: UnionIndex; readonly window: IndexWindow } | null = null;

  constructor(
    private readonly columns: ColumnTable,
    private readonly union: GrowingUnion,
    private readonly end: number,
    private readonly alive: ((position: number) => boolean) | undefined,
    private readonly budget: number,
    private readonly pending: readonly Box[],
  ) {}

  /** How many of `keys` (in order of first naming position) a pinned box of the window names. */
  countNamed(keys: readonly { readonly first: number }[]): number {
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (keys[middle]!.first < this.end) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Coverage of a piece by the pending boxes and, when `pinned`, the pinned
   * boxes of the window that meet it (the piece then pins a few keys, or
   * the lookup would list them all); null past the budget.
   */
  ask(piece: Box, pinned: boolean): Coverage | null {
    const candidates: Box[] = [];
    if (pinned) {
      const { index, window } = (this.view ??= this.union.pinnedView(this.end, this.alive));
      for (const other of index.maximalCandidates(piece, window, SUBTRACTION_LIMIT)) if (boxesMeet(this.columns, piece, other)) candidates.push(other);
    }
    for (const other of this.pending) if (boxesMeet(this.columns, piece, other)) candidates.push(other);
    if (candidates.length === 0) return { kind: "uncovered", piece };
    // The usual case on realistic programs: one box of the same key holds the piece.
    if (candidates.some((other) => boxWithin(this.columns, piece, other))) return { kind: "covered" };
    // Pieces are mostly covered, so the search runs without probing for an uncovered point first.
    const result = searchCoverage(this.columns, piece, candidates, this.budget);
    // A question past its budget goes to the search the caller would have run, so budget failures stay what they were.
    return result.kind === "unknown" ? null : result;
  }
}

/** `piece` with `cell` on `column`. */
function withCell(domain: ColumnDomain, piece: Box, column: number, cell: Cell): Box {
  const part = copyBox(piece);
  if (isFullCell(domain, cell)) part.delete(column);
  else part.set(column, cell);
  return part;
}

/**
 * The universe seen through the columns the open boxes constrain: the
 * complement only ever splits on those, and a box asked about lies in the
 * universe already, so its pieces are the same. Boxes the projection makes
 * equal, or one inside another, are kept once.
 */
function projectedUniverse(columns: ColumnTable, universe: readonly Box[], kept: ReadonlySet<number>): Box[] {
  const projected = universe.map((box) => new Map([...box].filter(([column]) => kept.has(column))) as Box);
  return projected.filter((box, i) => !projected.some((other, j) => j !== i && boxWithin(columns, box, other) && (j < i || !boxWithin(columns, other, box))));
}

/** The first index of ascending `positions` holding `end` or more. */
function firstAtOrAfter(positions: readonly number[], end: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle]! < end) low = middle + 1;
    else high = middle;
  }
  return low;
}
