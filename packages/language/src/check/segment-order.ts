/**
 * The order in which to lower segments: dependencies first (a post-order of
 * the "uses" graph, computed without recursion). Lowering in this order means
 * every segment a segment uses is already lowered and memoized, so a long
 * chain `s2 = s1`, `s3 = s2`, … never deepens the call stack.
 *
 * Invariant: every declared segment appears exactly once; segments on a cycle
 * appear in some order, and the cycle itself is reported by the lowering.
 */
import type { Condition } from "../ast.js";
import type { SymbolTable } from "./declarations.js";

/** The names of declared segments that a condition refers to, in source order. */
function segmentReferences(condition: Condition, symbols: SymbolTable): string[] {
  const found: string[] = [];
  const pending: Condition[] = [condition];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    switch (next.kind) {
      case "Or":
      case "And":
        for (let i = next.operands.length - 1; i >= 0; i--) {
          const operand = next.operands[i];
          if (operand) pending.push(operand);
        }
        break;
      case "Not":
        pending.push(next.operand);
        break;
      case "Paren":
        pending.push(next.inner);
        break;
      case "Reference": {
        const only = next.path.segments.length === 1 ? next.path.segments[0]?.name : undefined;
        if (only !== undefined && symbols.segments.has(only)) found.push(only);
        break;
      }
      default:
        break;
    }
  }
  return found;
}

export function segmentLoweringOrder(symbols: SymbolTable): string[] {
  const order: string[] = [];
  const state = new Map<string, "open" | "done">();
  for (const root of symbols.segments.keys()) {
    if (state.has(root)) continue;
    // An explicit stack of (segment, its remaining dependencies).
    const stack: { name: string; dependencies: string[] }[] = [];
    const open = (name: string): void => {
      state.set(name, "open");
      const declaration = symbols.segments.get(name);
      stack.push({ name, dependencies: declaration ? segmentReferences(declaration.condition, symbols).reverse() : [] });
    };
    open(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const dependency = top.dependencies.pop();
      if (dependency === undefined) {
        stack.pop();
        state.set(top.name, "done");
        order.push(top.name);
      } else if (!state.has(dependency)) {
        open(dependency);
      }
    }
  }
  return order;
}
