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
import { intersectBoxes, intersectUnions, type Box } from "./box.js";
import { ColumnTable } from "./column-table.js";
import { COVERAGE_BUDGET, unionCoverage, type Coverage } from "./coverage.js";
import { decisionBoxes, type CandidateBoxes, type DecisionBoxes } from "./scenario-conditions.js";
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

  /** The intersection of several unions, as one union. */
  and(...unions: readonly (readonly Box[])[]): Box[] {
    return unions.reduce<Box[]>((acc, union) => intersectUnions(this.columns, acc, union, this.limit), [...this.valid]);
  }

  /** Every context a candidate claims: its situation and one of its pathways. */
  claim(candidate: CandidateBoxes): Box[] {
    return candidate.pathways.flatMap((p) => intersectUnions(this.columns, candidate.situation, p.when, this.limit));
  }

  /** A valid point in the union, as a box, or null when the union holds no valid context. */
  firstValid(union: readonly Box[]): Box | null {
    for (const box of union) {
      for (const valid of this.valid) {
        const both = intersectBoxes(this.columns, box, valid);
        if (both !== null) return both;
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
    return this.firstValid(intersectUnions(this.columns, a, b, this.limit)) !== null;
  }

  witness(box: Box): { [key: string]: JsonValue } {
    return witnessContext(this.program.context, this.columns, box);
  }
}
