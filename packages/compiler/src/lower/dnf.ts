/**
 * Turns a checked condition into a union of boxes (disjunctive normal form):
 * `or` is expanded, `not` is pushed down to the atoms, and each atom, or its
 * negation, becomes a cell on its column. Negating an atom keeps the absent
 * semantics exact: `not (x == a)` holds on an absent `x`, so its cell admits
 * absent as well as every other value.
 *
 * Invariant: the union of the returned boxes holds exactly the contexts on
 * which the condition is true (over all contexts, absent and wrongly typed
 * values included); a union larger than `limit` raises `BoxLimitExceeded`
 * instead of growing without bound.
 */
import type { CheckedCondition } from "@scn/language";
import { EVERYTHING, boxOf, boxWithin, intersectUnions, type Box } from "../boxes/box.js";
import { atomCell, complementCell } from "../boxes/cell.js";
import type { ColumnTable } from "../boxes/column-table.js";
import { BoxLimitExceeded } from "../boxes/box.js";
import { recordPresence } from "./record-presence.js";

/** Below this size a union is cheap enough to drop boxes contained in others. */
const SIMPLIFY_BELOW = 200;

function simplify(columns: ColumnTable, boxes: Box[]): Box[] {
  if (boxes.length < 2 || boxes.length > SIMPLIFY_BELOW) return boxes;
  const kept: Box[] = [];
  boxes.forEach((box, i) => {
    const redundant = boxes.some((other, j) => j !== i && boxWithin(columns, box, other) && (j < i || !boxWithin(columns, other, box)));
    if (!redundant) kept.push(box);
  });
  return kept;
}

/**
 * The boxes of condition nodes already converted for one decision, by
 * polarity. The checker inlines a segment as one shared node wherever it is
 * used (check/conditions.ts), so a segment a thousand variations name is one
 * node met a thousand times; converting it again each time was most of what
 * lowering spent on programs whose variations name segments. The result for
 * a node depends only on the node, its polarity and the decision's columns
 * (every column a node reads is numbered at its first conversion, and
 * numbers never change), so a remembered result is the one a new conversion
 * would give; unions of boxes are never modified once made.
 */
export type BoxMemo = Map<CheckedCondition, { positive?: Box[]; negative?: Box[] }>;

export function conditionToBoxes(columns: ColumnTable, condition: CheckedCondition, limit: number, negated = false, memo?: BoxMemo): Box[] {
  if (memo === undefined || condition.kind === "true" || condition.kind === "false") return convert(columns, condition, limit, negated, memo);
  const known = memo.get(condition);
  const remembered = negated ? known?.negative : known?.positive;
  if (remembered !== undefined) return remembered;
  const boxes = convert(columns, condition, limit, negated, memo);
  const entry = known ?? {};
  if (negated) entry.negative = boxes;
  else entry.positive = boxes;
  if (known === undefined) memo.set(condition, entry);
  return boxes;
}

function convert(columns: ColumnTable, condition: CheckedCondition, limit: number, negated: boolean, memo: BoxMemo | undefined): Box[] {
  switch (condition.kind) {
    case "true":
      return negated ? [] : [EVERYTHING];
    case "false":
      return negated ? [EVERYTHING] : [];
    case "not":
      return conditionToBoxes(columns, condition.operand, limit, !negated, memo);
    case "and":
    case "or": {
      const parts = condition.operands.map((c) => conditionToBoxes(columns, c, limit, negated, memo));
      if ((condition.kind === "and") !== negated) {
        return parts.reduce((acc, part) => simplify(columns, intersectUnions(columns, acc, part, limit)), [EVERYTHING]);
      }
      const union = simplify(columns, parts.flat());
      if (union.length > limit) throw new BoxLimitExceeded(limit);
      return union;
    }
    case "test": {
      const type = columns.typeAt(condition.path);
      if (type.kind === "record") {
        // Only `present` can test a record; anything else is false on it.
        if (!("present" in condition.test)) return negated ? [EVERYTHING] : [];
        const presence = recordPresence(condition.path, type.fields, condition.span);
        return conditionToBoxes(columns, presence, limit, negated !== !condition.test.present, memo);
      }
      const column = columns.indexOf(condition.path);
      const domain = columns.domain(column);
      const test = condition.test;
      if ("contains" in test) columns.noteListLiteral(column, test.contains);
      if ("notContains" in test) columns.noteListLiteral(column, test.notContains);
      const cell = atomCell(domain, test);
      const cells = negated ? complementCell(domain, cell) : [cell];
      return cells.map((c) => boxOf(columns, column, c)).filter((b): b is Box => b !== null);
    }
  }
}

/** The intersection of several unions of boxes (each a DNF), as one union. */
export function intersectAll(columns: ColumnTable, unions: readonly (readonly Box[])[], limit: number): Box[] {
  return unions.reduce<Box[]>((acc, union) => intersectUnions(columns, acc, union, limit), [EVERYTHING]);
}
