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

export function conditionToBoxes(columns: ColumnTable, condition: CheckedCondition, limit: number, negated = false): Box[] {
  switch (condition.kind) {
    case "true":
      return negated ? [] : [EVERYTHING];
    case "false":
      return negated ? [EVERYTHING] : [];
    case "not":
      return conditionToBoxes(columns, condition.operand, limit, !negated);
    case "and":
    case "or": {
      const parts = condition.operands.map((c) => conditionToBoxes(columns, c, limit, negated));
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
        return conditionToBoxes(columns, presence, limit, negated !== !condition.test.present);
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
