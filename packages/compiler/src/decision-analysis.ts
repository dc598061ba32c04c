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
import { BoxLimitExceeded, boxesMeet, intersectBoxes, intersectUnions, type Box } from "./box.js";
import { ColumnTable } from "./column-table.js";
import { COVERAGE_BUDGET, indexedUnionCoverage, unionCoverage, type Coverage } from "./coverage.js";
import { decisionBoxes, type CandidateBoxes, type DecisionBoxes } from "./scenario-conditions.js";
import { UnionIndex } from "./union-index.js";
import { validContextBoxes } from "./valid-contexts.js";
import { witnessContext } from "./witness.js";

export class DecisionAnalysis {
  readonly columns: ColumnTable;
  readonly boxes: DecisionBoxes;
  readonly valid: readonly Box[];

  constructor(
    readonly program: CheckedProgram,
    readonly decision: CheckedDecision,
    private readonly limit: number,
    private readonly budget: number = COVERAGE_BUDGET,
  ) {
    this.columns = ColumnTable.forProgram(program);
    this.boxes = decisionBoxes(program, decision.name, this.columns, limit);
    this.valid = validContextBoxes(program, this.columns, limit);
  }

  get candidates(): readonly CandidateBoxes[] {
    return this.boxes.candidates;
  }

  private readonly claims = new Map<CandidateBoxes, Box[]>();
  private candidateOrder: Map<CandidateBoxes, number> | undefined;
  private claimIndex: { index: UnionIndex; ends: Map<CandidateBoxes, number>; owners: Map<Box, CandidateBoxes> } | null = null;

  /**
   * Every claim of the candidates, in candidate order, indexed; `ends` maps a
   * candidate to the number of boxes claimed by strictly higher priorities.
   */
  private allClaims(): { index: UnionIndex; ends: Map<CandidateBoxes, number>; owners: Map<Box, CandidateBoxes> } {
    if (this.claimIndex) return this.claimIndex;
    const boxes = this.candidates.flatMap((c) => this.claim(c));
    const owners = new Map<Box, CandidateBoxes>();
    for (const candidate of this.candidates) for (const box of this.claim(candidate)) owners.set(box, candidate);
    const index = UnionIndex.over(this.columns, boxes);
    const ends = new Map<CandidateBoxes, number>();
    let count = 0;
    let priorityStart = 0;
    this.candidates.forEach((candidate, i) => {
      const previous = this.candidates[i - 1];
      if (previous && previous.scenario.priority !== candidate.scenario.priority) priorityStart = count;
      ends.set(candidate, priorityStart);
      count += this.claim(candidate).length;
    });
    this.claimIndex = { index, ends, owners };
    return this.claimIndex;
  }

  /** The higher-priority candidates whose claims share a valid context with `region`, in candidate order. */
  higherOverlapping(candidate: CandidateBoxes, region: readonly Box[]): CandidateBoxes[] {
    const { owners } = this.allClaims();
    const found = new Set<CandidateBoxes>();
    for (const box of this.higherClaims(candidate, region)) {
      const owner = owners.get(box)!;
      if (!found.has(owner) && this.overlaps(region, [box])) found.add(owner);
    }
    const order = (this.candidateOrder ??= new Map(this.candidates.map((c, i) => [c, i])));
    return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
  }

  /** The claims of strictly higher-priority candidates that may meet `region`. */
  higherClaims(candidate: CandidateBoxes, region: readonly Box[]): Box[] {
    const { index, ends } = this.allClaims();
    const end = ends.get(candidate)!;
    return this.mayMeet(index, region, end);
  }

  /** Every candidate's claims that may meet `region`. */
  anyClaims(region: readonly Box[]): Box[] {
    const { index } = this.allClaims();
    return this.mayMeet(index, region, index.boxes.length);
  }

  private mayMeet(index: UnionIndex, region: readonly Box[], end: number): Box[] {
    return index.candidatesOfAny(region, { end });
  }

  /**
   * Whether the valid part of `region` lies inside the claims of the
   * strictly higher-priority candidates, decided on the claim index (a point
   * search first), so the usual "not shadowed" answer costs a few point
   * queries however many candidates there are.
   */
  higherCoverage(candidate: CandidateBoxes, region: readonly Box[]): Coverage {
    const { index, ends } = this.allClaims();
    return indexedUnionCoverage(this.columns, this.and(region), index, { end: ends.get(candidate)! }, this.budget);
  }

  private priorityGroups: Map<CandidateBoxes, { index: UnionIndex; owners: number[] }> | undefined;

  /**
   * The later candidates of the same priority whose claims may share a
   * context with this one's, in candidate order: a superset of those that do.
   * Each run of equal priorities gets its own claim index, so this costs
   * about the size of the answer rather than the size of the run.
   */
  laterEqualPriority(candidate: CandidateBoxes): CandidateBoxes[] {
    const groups = (this.priorityGroups ??= this.groupByPriority());
    const order = (this.candidateOrder ??= new Map(this.candidates.map((c, i) => [c, i])));
    const { index, owners } = groups.get(candidate)!;
    const self = order.get(candidate)!;
    const later = new Set<number>();
    for (const p of index.candidatePositions(this.claim(candidate))) if (owners[p]! > self) later.add(owners[p]!);
    return [...later].sort((a, b) => a - b).map((i) => this.candidates[i]!);
  }

  private groupByPriority(): Map<CandidateBoxes, { index: UnionIndex; owners: number[] }> {
    const groups = new Map<CandidateBoxes, { index: UnionIndex; owners: number[] }>();
    let start = 0;
    this.candidates.forEach((candidate, i) => {
      const next = this.candidates[i + 1];
      if (next && next.scenario.priority === candidate.scenario.priority) return;
      const run = this.candidates.slice(start, i + 1);
      const boxes: Box[] = [];
      const owners: number[] = [];
      run.forEach((member, k) => {
        for (const box of this.claim(member)) {
          boxes.push(box);
          owners.push(start + k);
        }
      });
      const group = { index: UnionIndex.over(this.columns, boxes), owners };
      for (const member of run) groups.set(member, group);
      start = i + 1;
    });
    return groups;
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
    let acc: { box: Box; valid: number }[] = this.valid.map((box, valid) => ({ box, valid }));
    for (const union of unions) {
      const next: { box: Box; valid: number }[] = [];
      for (const { box: x, valid } of acc) {
        for (const y of union) {
          const both = intersectBoxes(this.columns, x, y);
          if (both === null) continue;
          next.push({ box: both, valid });
          if (next.length > this.limit) throw new BoxLimitExceeded(this.limit);
        }
      }
      acc = next;
    }
    for (const { box, valid } of acc) this.insideValid.set(box, valid);
    return acc.map(({ box }) => box);
  }

  private disjointValid(): boolean {
    return (this.validDisjoint ??= this.valid.every((a, i) => this.valid.every((b, j) => j <= i || !boxesMeet(this.columns, a, b))));
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

  /** Whether two unions share a valid context. */
  overlaps(a: readonly Box[], b: readonly Box[]): boolean {
    return this.firstShared(a, b) !== null;
  }

  witness(box: Box): { [key: string]: JsonValue } {
    return witnessContext(this.program.context, this.columns, box);
  }
}
