/**
 * The order in which to resolve named things that refer to each other
 * (segments using segments, types naming types): dependencies first, a
 * post-order of the "uses" graph computed without recursion. Resolving in
 * this order means everything a declaration uses is already resolved and
 * memoized, so a long chain `s2 = s1`, `s3 = s2`, … never deepens the call
 * stack.
 *
 * Invariant: every name appears exactly once; names on a cycle appear in some
 * order, and the cycle itself is reported by the resolution that meets it.
 */
import type { Condition, TypeExpression } from "../ast.js";
import type { SymbolTable } from "./declarations.js";

/** A post-order of `names` over the graph `dependenciesOf` (names outside `names` are ignored). */
export function dependencyOrder(names: Iterable<string>, dependenciesOf: (name: string) => string[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of names) {
    if (seen.has(root)) continue;
    // An explicit stack of (name, its dependencies not yet visited).
    const stack: { name: string; pending: string[] }[] = [];
    const open = (name: string): void => {
      seen.add(name);
      stack.push({ name, pending: dependenciesOf(name).reverse() });
    };
    open(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const next = top.pending.pop();
      if (next === undefined) {
        stack.pop();
        order.push(top.name);
      } else if (!seen.has(next)) {
        open(next);
      }
    }
  }
  return order;
}

/** The declared segments a condition refers to by a bare name, in source order. */
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

/** The declared types a type expression names, in source order. */
function typeReferences(expression: TypeExpression, symbols: SymbolTable): string[] {
  const found: string[] = [];
  const pending: TypeExpression[] = [expression];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    switch (next.kind) {
      case "TypeReference":
        if (symbols.types.has(next.name.name)) found.push(next.name.name);
        break;
      case "ListType":
        pending.push(next.element);
        break;
      case "OptionalType":
        pending.push(next.inner);
        break;
      case "RecordType":
        for (let i = next.fields.length - 1; i >= 0; i--) {
          const field = next.fields[i];
          if (field) pending.push(field.type);
        }
        break;
      case "EnumType":
        break;
    }
  }
  return found;
}

export function segmentLoweringOrder(symbols: SymbolTable): string[] {
  return dependencyOrder(symbols.segments.keys(), (name) => {
    const declaration = symbols.segments.get(name);
    return declaration ? segmentReferences(declaration.condition, symbols) : [];
  });
}

export function typeResolutionOrder(symbols: SymbolTable): string[] {
  return dependencyOrder(symbols.types.keys(), (name) => {
    const declaration = symbols.types.get(name);
    return declaration ? typeReferences(declaration.type, symbols) : [];
  });
}
