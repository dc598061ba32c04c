/**
 * An index over a list of boxes that answers "which of the first `end` boxes
 * might intersect this one?" without testing them all. It buckets boxes by
 * their finite value set on one discriminating column (the column the most
 * boxes pin to a few values, typically an enum such as a channel), so that a
 * query pinned to one value only looks at that value's bucket and at the
 * boxes that leave the column open.
 *
 * Invariant: `candidates` returns, in list order, a superset of the boxes that
 * intersect the query (every box it skips is provably disjoint from it), so
 * exact coverage over the candidates equals exact coverage over the list.
 */
import type { Box } from "./box.js";
import type { Scalar } from "./cell.js";

function pinnedValues(box: Box, column: number): readonly Scalar[] | null {
  const cell = box.get(column);
  if (!cell || cell.absent || cell.values.kind !== "finite") return null;
  return cell.values.values;
}

export class UnionIndex {
  readonly boxes: Box[] = [];
  private readonly buckets = new Map<Scalar, number[]>();
  private readonly open: number[] = [];

  private constructor(private readonly column: number | null) {}

  /** An index keyed on the column that best splits `sample` (which need not be the boxes added later). */
  static over(sample: readonly Box[]): UnionIndex {
    const pins = new Map<number, number>();
    for (const box of sample) {
      for (const [column, cell] of box) {
        if (!cell.absent && cell.values.kind === "finite") pins.set(column, (pins.get(column) ?? 0) + 1);
      }
    }
    let best: number | null = null;
    for (const [column, count] of pins) if (best === null || count > pins.get(best)! || (count === pins.get(best)! && column < best)) best = column;
    const index = new UnionIndex(best);
    for (const box of sample) index.add(box);
    return index;
  }

  static empty(sample: readonly Box[]): UnionIndex {
    const keyed = UnionIndex.over(sample);
    return new UnionIndex(keyed.column);
  }

  add(box: Box): void {
    const position = this.boxes.length;
    this.boxes.push(box);
    const values = this.column === null ? null : pinnedValues(box, this.column);
    if (values === null) {
      this.open.push(position);
      return;
    }
    for (const value of values) {
      const bucket = this.buckets.get(value) ?? [];
      bucket.push(position);
      this.buckets.set(value, bucket);
    }
  }

  /** Boxes among the first `end` that may intersect `box`, in list order. */
  candidates(box: Box, end = this.boxes.length): Box[] {
    return this.candidatesOfAny([box], end);
  }

  /** Boxes among the first `end` that may intersect any of `boxes`, in list order. */
  candidatesOfAny(boxes: readonly Box[], end = this.boxes.length): Box[] {
    const pinned = boxes.map((box) => (this.column === null ? null : pinnedValues(box, this.column)));
    if (pinned.some((values) => values === null)) return this.boxes.slice(0, end);
    const positions = new Set<number>();
    for (const p of this.open) if (p < end) positions.add(p);
    for (const values of pinned) for (const value of values!) for (const p of this.buckets.get(value) ?? []) if (p < end) positions.add(p);
    return [...positions].sort((a, b) => a - b).map((p) => this.boxes[p]!);
  }
}
