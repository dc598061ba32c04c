/**
 * The state analysis keeps for one decision: its columns, the boxes of every
 * candidate's conditions, the valid contexts, and the questions each finding
 * asks of them (is this region of valid contexts empty, is it covered by that
 * union, give me a witness inside it).
 *
 * Invariant: every region is intersected with the valid contexts before it
 * is examined, so findings and witnesses are about contexts the strict
 * validator accepts.
 */
import type { CheckedDecision, CheckedProgram } from "@scn/language";
import type { JsonValue } from "@scn/runtime";
import { BoxLimitExceeded, EVERYTHING, boxWithin, boxesMeet, intersectBoxes, intersectUnions, type Box } from "../boxes/box.js";
import { ColumnTable } from "../boxes/column-table.js";
import { COVERAGE_BUDGET, indexedUnionCoverage, subtractionCoverage, unionCoverage, type Coverage } from "../boxes/coverage.js";
import { decisionBoxes, type CandidateBoxes, type DecisionBoxes, type PreparedBoxes } from "../lower/scenario-conditions.js";
import { ScannedUnion, type IndexWindow } from "../boxes/scanned-union.js";
import { UnionIndex } from "../boxes/union-index.js";
import { GrowingUnion } from "../boxes/growing-union.js";
import { splitOrder } from "../boxes/complement-tree.js";
import { shapeOfFields, type ContextShape } from "../contexts/context-shape.js";
import { validContextBoxes } from "../contexts/valid-contexts.js";
import { ValidRegions } from "./valid-regions.js";
import { witnessContext } from "../contexts/witness.js";
import { isArmPath } from "../boxes/column-table.js";
import { noValues, type Cell } from "../boxes/cell.js";
import { ABSENT, readTyped } from "../semantics/context-value.js";

/** The covering boxes of every candidate's claim (see `coveringClaim`), indexed; `owners[p]` is the candidate (by order) claiming position p. */
interface ClaimIndex {
  readonly index: UnionIndex;
  readonly owners: readonly number[];
  /** Each candidate's run of equal priorities, as a window of positions: claims before `start` have strictly higher priority. */
  readonly runs: ReadonlyMap<CandidateBoxes, { readonly start: number; readonly end: number }>;
  readonly order: ReadonlyMap<CandidateBoxes, number>;
  /** The union of the claims so far, for the shadowing questions, asked in candidate order. */
  readonly growing: GrowingUnion;
}

/** Unions up to this many boxes are stripped of boxes another of them contains (a pairwise test). */
const MAXIMAL_BOXES = 64;

/**
 * The union without the boxes another of its boxes contains (of equal boxes,
 * the first is kept): the same set of contexts, so the same coverage verdict,
 * with fewer boxes to ask about. A claim's `otherwise` pathway holds the
 * boxes of its other pathways, so this makes one question of three.
 */
function maximalBoxes(columns: ColumnTable, union: readonly Box[]): readonly Box[] {
  if (union.length < 2 || union.length > MAXIMAL_BOXES) return union;
  return union.filter((box, i) => !union.some((other, j) => j !== i && boxWithin(columns, box, other) && (j < i || !boxWithin(columns, other, box))));
}

/** Claims in the first window a search for the highest overlapping candidates asks the index about; each later window is twice as long (see `higherOverlapping`). */
const OVERLAP_SCAN = 512;

/** A coverage question's answer without its piece, for questions that only need that. */
export type Verdict = Coverage["kind"];

/**
 * The verdict on whether `boxes` lie inside `union`, when containment and
 * meeting alone tell it, else null. Each box must hold a context (a box the
 * valid product returned holds only valid ones): a box inside one box of
 * the union is covered; a box that at most one box of the union meets,
 * without lying inside it, keeps contexts outside every box of the union,
 * so the boxes are uncovered. That settles most reachability questions (a
 * pathway after one earlier pathway, or whose earlier pathways test other
 * columns), which a point search answered by building a point on every
 * column of the box. It is the search's verdict: the search proves a box
 * inside one box covered at its first step, and finds a box that one box
 * meets uncovered after splitting it into a piece or two per column, far
 * within the default budget (a budget smaller than that, which only tests
 * set, could leave undecided what this answers).
 *
 * A box that exactly two boxes of the union meet, lying inside neither,
 * is decided by the subtraction the search ends with, over those two in
 * union order (`subtractionCoverage`): on the benchmark's programs that is
 * every scenario's `otherwise` pathway, whose two earlier pathways each
 * meet it, and the search first built a union to scan, looked for a point
 * and probed before it came to that step
 * (docs/analysis.md#keeping-each-step-cheap). The point search and the
 * probe before it can only find a box uncovered, which the subtraction
 * finds too; a subtraction past `budget` leaves the question to the
 * search, so the verdict is the search's within any budget.
 */
export function verdictByContainment(columns: ColumnTable, boxes: readonly Box[], union: readonly Box[], budget: number = COVERAGE_BUDGET): "covered" | "uncovered" | null {
  let settled = true;
  for (const box of boxes) {
    let meeting = 0;
    let first: Box | undefined;
    let second: Box | undefined;
    let inside = false;
    for (const other of union) {
      if (!boxesMeet(columns, box, other)) continue;
      if (boxWithin(columns, box, other)) {
        inside = true;
        break;
      }
      if (meeting === 0) first = other;
      else if (meeting === 1) second = other;
      meeting += 1;
    }
    if (inside) continue;
    if (meeting <= 1) return "uncovered";
    if (meeting === 2) {
      const kind = subtractionCoverage(columns, box, [first!, second!], budget).kind;
      if (kind === "uncovered") return "uncovered";
      if (kind === "covered") continue;
    }
    settled = false;
  }
  return settled ? "covered" : null;
}

/**
 * The point and exact search's verdict on whether `boxes` lie inside
 * `union`, asked about the boxes without their cells on the columns no box
 * of the union constrains (see `narrowed`): a box of a reachability region
 * carries a cell on every column the valid contexts require (about twelve
 * on the benchmark's programs), while a scenario's earlier pathways test
 * one or two, and the point search built a value, and the exact step a
 * piece, on every one of them. The verdict is the same (only the verdict
 * is kept; no piece becomes a witness).
 */
export function searchedVerdict(columns: ColumnTable, boxes: readonly Box[], union: readonly Box[], budget: number): Verdict {
  const scanned = new ScannedUnion(columns, union);
  const used = columnMask(columns, scanned.columnsUsed);
  return indexedUnionCoverage(columns, boxes.map((box) => narrowed(box, used)), scanned, {}, budget).kind;
}

/**
 * `verdictByContainment`, else `searchedVerdict`, of whole boxes given by
 * `narrow`: each cut to the columns of `union`, which both answer over
 * alone (a box meets a box of the union, or lies inside it, by its cells on
 * the union's columns), so the verdict is the one over the whole boxes.
 */
function narrowedVerdict(columns: ColumnTable, count: number, narrow: (k: number, used: Uint8Array) => Box, union: readonly Box[], budget: number): Verdict {
  // The union's columns by mask, read from its boxes: the union to scan is built only for a question containment leaves.
  const used = new Uint8Array(columns.paths.length);
  for (const box of union) box.forEach(markColumn, used);
  const boxes: Box[] = [];
  for (let k = 0; k < count; k++) boxes.push(narrow(k, used));
  return verdictByContainment(columns, boxes, union, budget) ?? indexedUnionCoverage(columns, boxes, new ScannedUnion(columns, union), {}, budget).kind;
}

/** Marks `column` in the mask given as `this` (a `forEach` callback that needs no closure per box). */
function markColumn(this: Uint8Array, _cell: Cell, column: number): void {
  this[column] = 1;
}

/** A product of the valid contexts with some unions, for the questions reachability asks of it. */
export interface Region {
  /** Whether it holds no valid context. */
  readonly empty: boolean;
  /** Whether `union` covers it, as `coverageVerdict` answers. */
  verdict(union: readonly Box[]): Verdict;
  /** Its boxes, as `and` gives them, for a finding's witness and related spans. */
  boxes(): Box[];
}

/**
 * First factors whose products are kept: a candidate asks about its
 * covering claim, its situation and the consent gates, each with its own
 * extensions, and then never again. Keeping every product kept every box
 * of every candidate's regions alive until the decision's analysis ended
 * (some 8,000 boxes of a dozen cells on 1,000 `overlap` scenarios), which
 * the garbage collector copied and promoted instead of dropping young.
 */
const RECENT_PRODUCTS = 4;

/** A mask by column of `used`. */
export function columnMask(columns: ColumnTable, used: readonly number[]): Uint8Array {
  const mask = new Uint8Array(columns.paths.length);
  for (let k = 0; k < used.length; k++) mask[used[k]!] = 1;
  return mask;
}

/**
 * `box` without its cells on the columns `used` leaves out, for a question
 * whose only answer is a verdict over a union of boxes none of which
 * constrains those columns. The box is a product of cells, each holding a
 * value, so a context of the wider box, given any value of the box's cell on
 * such a column, is a context of the box and lies in the same boxes of the
 * union: the wider box is covered exactly when the box is. A box of the
 * valid product holds a cell on every column the valid contexts require
 * (about twelve on the benchmark's programs), while the claims constrain
 * about six; each piece the shadowing question splits off, and each point
 * its search builds, had a cell on every one of them.
 */
export function narrowed(box: Box, used: Uint8Array): Box {
  let keep = 0;
  for (const column of box.keys()) keep += used[column]!;
  if (keep === box.size) return box;
  const narrow = new Map<number, Cell>();
  box.forEach((cell, column) => {
    if (used[column] === 1) narrow.set(column, cell);
  });
  return narrow;
}

/** A product of the valid contexts with some unions: its boxes, the valid box each lies in, and its known extensions. */
interface Product {
  readonly boxes: Box[];
  readonly valid: readonly number[];
  readonly next: Map<readonly Box[], Product>;
}

export class DecisionAnalysis {
  readonly columns: ColumnTable;
  readonly boxes: DecisionBoxes;
  readonly valid: readonly Box[];
  /** The context as validity and witnesses see it, read from the checked fields. */
  private readonly shape: ContextShape;

  constructor(
    readonly program: CheckedProgram,
    readonly decision: CheckedDecision,
    private readonly limit: number,
    private readonly budget: number = COVERAGE_BUDGET,
    /** The columns and boxes lowering built for the decision under the same limit, if at hand: they are what this would build. */
    prepared?: PreparedBoxes,
  ) {
    this.columns = prepared?.columns ?? ColumnTable.forProgram(program);
    this.boxes = prepared?.boxes ?? decisionBoxes(program, decision.name, this.columns, limit);
    this.shape = shapeOfFields(program.context);
    const columns = this.columns;
    this.valid = validContextBoxes(this.shape, columns, (column) => columns.listLiterals[column] ?? [], limit);
  }

  get candidates(): readonly CandidateBoxes[] {
    return this.boxes.candidates;
  }

  private readonly claims = new Map<CandidateBoxes, Box[]>();
  private claimIndex: ClaimIndex | null = null;

  /**
   * The covering boxes of every candidate's claim, in candidate order,
   * indexed, with the owner of each position and each candidate's run of
   * equal priorities. Owners go by position, not by box: two candidates
   * may share one box object (both claiming every context, say).
   */
  private allClaims(): ClaimIndex {
    if (this.claimIndex) return this.claimIndex;
    const boxes: Box[] = [];
    const owners: number[] = [];
    const runs = new Map<CandidateBoxes, { start: number; end: number }>();
    let run = { start: 0, end: 0 };
    this.candidates.forEach((candidate, i) => {
      if (i > 0 && this.candidates[i - 1]!.scenario.priority !== candidate.scenario.priority) run = { start: boxes.length, end: boxes.length };
      for (const box of this.coveringClaim(candidate)) {
        boxes.push(box);
        owners.push(i);
      }
      run.end = boxes.length;
      runs.set(candidate, run);
    });
    const index = UnionIndex.over(this.columns, boxes);
    // The growing union answers shadowing and fall-through's proof of coverage, which read only its verdicts (a witness comes from the claim): it may stop at the first uncovered piece it meets.
    this.claimIndex = { index, owners, runs, order: new Map(this.candidates.map((c, i) => [c, i])), growing: GrowingUnion.over(this.columns, index, this.valid, { splitOrder, verdictsOnly: true }) };
    return this.claimIndex;
  }

  /**
   * The first `most` higher-priority candidates whose claims share a valid
   * context with `region`, in candidate order, and whether there are more.
   * Those shadowed never answer, so they are left out.
   */
  higherOverlapping(candidate: CandidateBoxes, region: readonly Box[], most: number): { readonly found: CandidateBoxes[]; readonly more: boolean } {
    const { index, owners, runs } = this.allClaims();
    const found: number[] = [];
    const valid = maximalBoxes(this.columns, this.and(region));
    const window = this.higherWindow(runs.get(candidate)!.start);
    const end = window.end!;
    // Positions come in candidate order, so the search stops at the first
    // candidate past `most`. The index is asked about the first positions
    // first, which usually holds them all, and then about windows twice as
    // long each time: an index search lists and sorts every box of its
    // window that may meet the region, and on large programs that is a
    // share of all of them, while a shadowed scenario's first overlapping
    // candidates are usually near the start (asking about all the rest at
    // once was a fifth of the analysis of 10,000 scenarios). The windows
    // follow each other, so the positions still come in ascending order,
    // and each lists what the index lists of that stretch of positions (or
    // less, for a window narrow enough to scan: only boxes that meet the
    // region, which are all `visit` keeps), so the answer is the same.
    // The first window itself is scanned position by position, each
    // position told apart by the keys it pins on the index's first column
    // before any cell is compared (`scanCandidates`), and the scan stops at
    // the candidate past `most`: the overlapping candidates of a shadowed
    // scenario are usually among the first few hundred positions (all of
    // them by position 624 on 10,000 `overlap` scenarios, half by 141), and
    // walking the index for the whole first window was again a fifth of
    // that analysis. The scan visits every position of the window that
    // meets the region, in order, so the answer is the same; it ends with
    // the first window, so a scenario whose overlapping candidates are few
    // costs at most that window's key tests. (Testing the cells of every
    // position instead cost far more for those.)
    // `overlaps(valid, [box])`, asked of every position visited: the boxes of
    // `and` lie inside valid boxes, so meeting one of them is sharing a valid
    // context, tested without a list and closures per position.
    const allValid = valid.every((box) => this.insideValid.has(box));
    const meets = (box: Box): boolean => {
      if (!allValid) return this.overlaps(valid, [box]);
      for (let k = 0; k < valid.length; k++) if (boxesMeet(this.columns, valid[k]!, box)) return true;
      return false;
    };
    const visit = (p: number): boolean => {
      const owner = owners[p]!;
      if (found[found.length - 1] === owner || (window.alive && !window.alive(p)) || !meets(index.boxes[p]!)) return false;
      if (found.length === most) return true;
      found.push(owner);
      return false;
    };
    // The scan is told the region's own boxes rather than their products with
    // the valid contexts: they hold those products, so the positions it visits
    // still include every one meeting them (`visit` keeps only those), and a
    // claim that leaves the index's first column open leaves it open here,
    // where its product holds the valid cell there (every category of the
    // benchmark's programs), whose keys the scan listed only to find them too
    // many (a fifth of what SCN3004's search for overlapping scenarios
    // allocated on 10,000 `wide` scenarios).
    if (index.scanCandidates(region, { ...window, end: Math.min(end, OVERLAP_SCAN) }, visit)) return { found: found.map((i) => this.candidates[i]!), more: true };
    for (let from = Math.min(end, OVERLAP_SCAN), to = Math.min(end, 2 * OVERLAP_SCAN); from < end; from = to, to = Math.min(end, 2 * to)) {
      const positions = index.candidatePositions(valid, { ...window, start: from, end: to });
      for (let k = 0; k < positions.length; k++) if (visit(positions[k]!)) return { found: found.map((i) => this.candidates[i]!), more: true };
    }
    return { found: found.map((i) => this.candidates[i]!), more: false };
  }

  /**
   * The first strictly higher-priority candidate whose claim holds the
   * context `witness`, found on the claim index; null when the context
   * cannot be read as a point of it (list or experiment columns).
   */
  higherClaimant(candidate: CandidateBoxes, witness: unknown): CandidateBoxes | null {
    const { index, owners, runs } = this.allClaims();
    const point = new Map<number, Cell>();
    for (const column of index.columnsUsed) {
      const path = this.columns.paths[column]!;
      const domain = this.columns.domain(column);
      if (isArmPath(path) || domain.kind === "list") return null;
      const value = readTyped(witness, path, this.columns.typeAt(path));
      if (value === ABSENT) point.set(column, { absent: true, values: noValues(domain) });
      else if (typeof value === "number" && (domain.kind === "int" || domain.kind === "number")) point.set(column, { absent: false, values: { kind: "ranges", intervals: [[value, value, true, true]] } });
      else if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") point.set(column, { absent: false, values: { kind: "finite", values: [value] } });
      else return null;
    }
    const position = index.containing(point, { end: runs.get(candidate)!.start });
    return position === null ? null : this.candidates[owners[position]!]!;
  }

  /**
   * Every box of every candidate's claim that meets `region`, in candidate
   * order: the whole claims, not the covering boxes the claim index holds,
   * since the fall-through question's search takes its witness from them.
   */
  anyClaims(region: readonly Box[]): Box[] {
    const found: Box[] = [];
    for (const candidate of this.candidates) for (const box of this.claim(candidate)) if (region.some((other) => boxesMeet(this.columns, other, box))) found.push(box);
    return found;
  }

  /**
   * Whether the valid part of `region` lies inside the claims of the
   * strictly higher-priority candidates, decided on the claim index (a point
   * search first), so the usual "not shadowed" answer costs a few point
   * queries however many candidates there are.
   */
  higherCoverage(candidate: CandidateBoxes, region: readonly Box[]): Coverage {
    const { index, runs, growing } = this.allClaims();
    const used = (this.claimColumns ??= columnMask(this.columns, index.columnsUsed));
    const questions = maximalBoxes(this.columns, this.and(region)).map((box) => narrowed(box, used));
    return indexedUnionCoverage(this.columns, questions, index, this.higherWindow(runs.get(candidate)!.start), this.budget, growing);
  }

  /** Which columns some claim constrains, by column (see `narrowed`). */
  private claimColumns: Uint8Array | undefined;

  /**
   * Candidates proved shadowed, by order. A shadowed candidate's claims lie
   * inside the claims of the candidates before it, so leaving them out of
   * later questions keeps every union the same with fewer boxes: on large
   * programs most scenarios end up shadowed, and the questions about the
   * rest would otherwise grow with all of them.
   */
  private shadowed: Uint8Array | null = null;

  /** Records that `candidate` was proved shadowed (SCN3004), for the questions about later candidates. */
  markShadowed(candidate: CandidateBoxes): void {
    // Flags by candidate order rather than a set: every window of every later question tests them, once per position it looks at.
    (this.shadowed ??= new Uint8Array(this.candidates.length))[this.allClaims().order.get(candidate)!] = 1;
  }

  /** The claims before `end` whose candidates are not known to be shadowed. */
  private higherWindow(end: number): IndexWindow {
    const { owners } = this.allClaims();
    const shadowed = this.shadowed;
    return shadowed === null ? { end } : { end, alive: (p) => shadowed[owners[p]!] === 0 };
  }

  /**
   * The later candidates of the same priority whose claims may share a
   * context with this one's, in candidate order: a superset of those that do.
   * A run of equal priorities is a contiguous window of the claim index, so
   * this costs about the size of the answer rather than the size of the run.
   */
  laterEqualPriority(candidate: CandidateBoxes): CandidateBoxes[] {
    const { index, owners, runs, order } = this.allClaims();
    const self = order.get(candidate)!;
    const later = new Set<number>();
    for (const p of index.candidatePositions(this.coveringClaim(candidate), runs.get(candidate)!)) if (owners[p]! > self) later.add(owners[p]!);
    return [...later].sort((a, b) => a - b).map((i) => this.candidates[i]!);
  }

  /**
   * For each box `and` returned, the valid box it lies in. The valid boxes
   * are pairwise disjoint (checked in `validDisjoint`), so such a box meets
   * no other valid box, and intersecting it with the valid contexts again
   * gives it back: `and` and `firstValid` skip that work (it was most of
   * reachability's cost), with the same boxes in the same order.
   */
  private readonly insideValid = new WeakMap<Box, number>();
  private validDisjoint: boolean | undefined;

  /** The intersection of several unions with the valid contexts, as one union (in the order of a left-to-right product). */
  and(...unions: readonly (readonly Box[])[]): Box[] {
    const [only] = unions;
    if (unions.length === 1 && only!.every((box) => this.insideValid.has(box)) && this.disjointValid()) {
      // The product `valid × only` keeps each box, grouped by the valid box it lies in.
      return this.valid.flatMap((_, i) => only!.filter((box) => this.insideValid.get(box) === i));
    }
    let acc = (this.validProduct ??= this.startProduct());
    for (const union of unions) acc = this.step(acc, union);
    return [...acc.boxes];
  }

  private validProduct: Product | undefined;

  private startProduct(): Product {
    this.valid.forEach((box, i) => this.insideValid.set(box, i));
    return { boxes: [...this.valid], valid: this.valid.map((_, i) => i), next: new Map() };
  }

  /**
   * One more factor of a product, remembered: analysis asks for the same
   * prefixes many times (a scenario's situation with each pathway, a pathway
   * with each variation), and the cached result is exactly what the product
   * would compute again. Only the products of the most recent first
   * factors are kept (see RECENT_PRODUCTS).
   */
  private step(acc: Product, union: readonly Box[]): Product {
    const known = acc.next.get(union);
    if (known) return known;
    if (acc === this.validProduct && acc.next.size >= RECENT_PRODUCTS) acc.next.delete(acc.next.keys().next().value!);
    const boxes: Box[] = [];
    const valid: number[] = [];
    acc.boxes.forEach((x, k) => {
      for (const y of union) {
        const both = intersectBoxes(this.columns, x, y);
        if (both === null) continue;
        boxes.push(both);
        valid.push(acc.valid[k]!);
        this.insideValid.set(both, acc.valid[k]!);
        if (boxes.length > this.limit) throw new BoxLimitExceeded(this.limit);
      }
    });
    const product: Product = { boxes, valid, next: new Map() };
    acc.next.set(union, product);
    return product;
  }

  private disjointValid(): boolean {
    return (this.validDisjoint ??= this.valid.every((a, i) => this.valid.every((b, j) => j <= i || !boxesMeet(this.columns, a, b))));
  }

  private readonly coveringClaims = new Map<CandidateBoxes, readonly Box[]>();

  /**
   * The boxes of a candidate's claim that no other box of it contains: the
   * same contexts as the claim, so every question about the union of
   * claims, and every question of which candidates' claims meet a region,
   * has the same answer over them. A scenario with an `otherwise` pathway
   * claims its situation, and its other pathways' boxes lie inside it, so
   * the claim index holds one box per scenario instead of one per pathway
   * (a third of them on the benchmark's programs): it is built, searched
   * and folded over fewer boxes (docs/analysis.md#keeping-each-step-cheap).
   * Witnesses are still taken from the whole claim, in its order.
   */
  coveringClaim(candidate: CandidateBoxes): readonly Box[] {
    let covering = this.coveringClaims.get(candidate);
    if (covering === undefined) this.coveringClaims.set(candidate, (covering = this.situationCovering(candidate) ?? maximalBoxes(this.columns, this.claim(candidate))));
    return covering;
  }

  /**
   * `maximalBoxes` of the claim of a scenario with one situation box and an
   * `otherwise` pathway, found without comparing every pair: each box of
   * such a claim is the situation box intersected with a `when`, so it
   * lies inside the situation box, which the `otherwise` pathway claims
   * itself; the maximal boxes are those equal to it, of which the first
   * is kept. Null for any other claim.
   */
  private situationCovering(candidate: CandidateBoxes): readonly Box[] | null {
    const [only] = candidate.situation;
    if (candidate.situation.length !== 1 || !candidate.pathways.some((p) => p.otherwise)) return null;
    const claim = this.claim(candidate);
    if (claim.length > MAXIMAL_BOXES) return null;
    for (const box of claim) if (box === only || boxWithin(this.columns, only!, box)) return [box];
    return null;
  }

  /** Every context a candidate claims: its situation and one of its pathways. */
  claim(candidate: CandidateBoxes): Box[] {
    const known = this.claims.get(candidate);
    if (known) return known;
    const claim = candidate.pathways.flatMap((p) => intersectUnions(this.columns, candidate.situation, p.when, this.limit));
    this.claims.set(candidate, claim);
    return claim;
  }

  /** A valid point in the union, as a box, or null when the union holds no valid context. */
  firstValid(union: readonly Box[]): Box | null {
    for (const box of union) {
      if (this.insideValid.has(box) && this.disjointValid()) return box;
      for (const valid of this.valid) {
        const both = intersectBoxes(this.columns, box, valid);
        if (both !== null) return both;
      }
    }
    return null;
  }

  /** A valid box shared by two unions, found pair by pair without building their product. */
  firstShared(a: readonly Box[], b: readonly Box[]): Box | null {
    for (const x of a) {
      for (const y of b) {
        const both = intersectBoxes(this.columns, x, y);
        const valid = both === null ? null : this.firstValid([both]);
        if (valid !== null) return valid;
      }
    }
    return null;
  }

  /** Whether the valid part of `region` lies inside `union`. */
  coverage(region: readonly Box[], union: readonly Box[]): Coverage {
    return unionCoverage(this.columns, this.and(region), union, this.budget);
  }

  /**
   * Whether every valid context is claimed, with the piece `coverage`
   * gives when not. A covered answer is proved on the union of every
   * claim (`GrowingUnion`, whose shadowing questions have already folded
   * most of the claims that leave the dispatch column open) rather than by
   * the search over every claim meeting the valid contexts: on 10,000
   * `overlap` scenarios that search split the valid contexts over 30,000
   * claims for most of a second, to find no piece. The probe for an
   * uncovered point still comes first, and the search still runs when the
   * union does not prove coverage, so an uncovered answer and its piece
   * are what they were.
   */
  claimsCoverage(): Coverage {
    const { index, growing } = this.allClaims();
    const window = this.higherWindow(index.boxes.length);
    const proved = (box: Box): boolean => growing.coverage(box, window, this.budget)?.kind === "covered";
    return unionCoverage(this.columns, this.and([EVERYTHING]), this.anyClaims([EVERYTHING]), this.budget, proved);
  }

  /**
   * Whether the valid part of `region` lies inside `union`, for questions
   * that only need the verdict (reachability: no piece, so nothing that
   * could become a witness).
   */
  coverageVerdict(region: readonly Box[], union: readonly Box[]): Verdict {
    const valid = this.and(region);
    // An empty union covers nothing (a first pathway, a first variation of a
    // first pathway: two questions of every scenario): the region is
    // uncovered exactly when it holds a valid context, which needs no search.
    if (union.length === 0) return valid.length === 0 ? "covered" : "uncovered";
    return verdictByContainment(this.columns, valid, union, this.budget) ?? searchedVerdict(this.columns, valid, union, this.budget);
  }

  private validRegions: ValidRegions | undefined;

  /**
   * The product of the valid contexts with `unions`, for a verdict: kept as
   * the cells the unions change (`ValidRegions`) rather than as whole boxes,
   * which copy every cell of the valid box they lie in, unless the valid
   * boxes overlap or the product cannot be kept that way. Its whole boxes
   * are built only for a finding.
   */
  region(...unions: readonly (readonly Box[])[]): Region {
    const parts = this.disjointValid() ? (this.validRegions ??= new ValidRegions(this.columns, this.valid, this.limit)).product(...unions) : null;
    if (parts === null) {
      const whole = this.and(...unions);
      return { empty: whole.length === 0, verdict: (union) => this.coverageVerdict(whole, union), boxes: () => whole };
    }
    const regions = this.validRegions!;
    return {
      empty: parts.length === 0,
      verdict: (union) =>
        // As `coverageVerdict`, on the parts cut to the union's columns (`narrowedPart` gives what `narrowed` cuts of the whole box).
        union.length === 0 ? (parts.length === 0 ? "covered" : "uncovered") : narrowedVerdict(this.columns, parts.length, (k, used) => regions.narrowedPart(parts[k]!, used), union, this.budget),
      boxes: () => this.and(...unions),
    };
  }

  /** Whether two unions share a valid context. */
  overlaps(a: readonly Box[], b: readonly Box[]): boolean {
    // A box `and` returned lies inside a valid box, so every context of it is
    // valid and meeting it is enough: no intersection needs building.
    if (a.every((box) => this.insideValid.has(box))) return a.some((x) => b.some((y) => boxesMeet(this.columns, x, y)));
    return this.firstShared(a, b) !== null;
  }

  witness(box: Box): { [key: string]: JsonValue } {
    return witnessContext(this.shape, this.columns, box);
  }
}
