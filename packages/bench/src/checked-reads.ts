/**
 * Context reads that keep scn's runtime contract (docs/runtime.md, "Hostile
 * contexts"), written as a competent engineer would write them by hand for
 * one program: one memoized reader per property path with the key as a
 * constant, so that the hand-written baseline can be timed both as such
 * code is usually written (straight property reads, a well-typed context
 * assumed) and as it must be written to give scn's answers on any context.
 * The second figure is the floor of any evaluator that keeps the contract,
 * whatever its design (docs/benchmarks.md, "What the read contract costs").
 *
 * The contract, step by step:
 * - a path follows own properties of non-array objects only, so nothing
 *   is read from a prototype (a polluted `Object.prototype` included);
 * - each property on a path is read at most once per decision, and only
 *   when the decision needs it (a getter runs at most once, lazily);
 * - a step that throws makes the value absent;
 * - a value of the wrong type is absent: an int is a safe integer, a
 *   number is finite, a list is an array whose elements (copied once) all
 *   have the element type.
 *
 * The own-property check is the cheapest one with `hasOwnProperty`'s
 * result on ordinary objects: `key in object` (which V8 answers from the
 * object's hidden class at a site that always sees the same key), then
 * `hasOwnProperty` only when the object's prototype is neither `null` nor
 * an `Object.prototype` without the key. It runs different Proxy traps
 * than scn's runtime does; that changes nothing the bench feeds it.
 *
 * Enum membership is not checked on read: an `==` or `in` test compares
 * with members only, so a string outside the enum fails it as an absent
 * value would. The tests whose result a non-member could change (`not in`,
 * `present`) ask `members(path)` for the check.
 */
import type { Column } from "@scn/runtime";

const SCALAR_CHECKS: Record<string, (v: string) => string> = {
  bool: (v) => `typeof ${v} === "boolean"`,
  int: (v) => `Number.isSafeInteger(${v})`,
  number: (v) => `typeof ${v} === "number" && ${v} - ${v} === 0`,
  string: (v) => `typeof ${v} === "string"`,
  enum: (v) => `typeof ${v} === "string"`,
};

interface Slot {
  readonly id: number;
  /** The slot holding this step's object, -1 for the context itself. */
  readonly parent: number;
  readonly key: string;
}

export class CheckedReads {
  private readonly columns = new Map<string, Column>();
  private readonly slots: Slot[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Slots whose value other steps read as their object. */
  private readonly holders = new Set<number>();
  /** Path → the expression of its typed value (a call of its reader). */
  private readonly values = new Map<string, string>();
  private readonly memberSets = new Map<string, string>();

  /** `columns`: the decision's columns (their types); a path with none is read as `bool` (a consent gate). */
  constructor(columns: readonly Column[]) {
    for (const column of columns) if (column.experiment === undefined) this.columns.set(column.path, column);
  }

  /** The expression of `path`'s value, checked as the contract says; registers the path's readers. */
  readonly access = (path: string): string => {
    let expression = this.values.get(path);
    if (expression === undefined) {
      expression = `$value${this.slot(path)}()`;
      this.values.set(path, expression);
    }
    return expression;
  };

  /** The expression of the Set of `path`'s enum members, or null when the path is not an enum. */
  readonly members = (path: string): string | null => {
    const column = this.columns.get(path);
    return column?.type !== "enum" || column.values === undefined ? null : this.setOf(path);
  };

  /** The name of the Set of `path`'s members (an enum's values, or a list-of-enum's elements'), declared by `source`. */
  private setOf(path: string): string {
    let name = this.memberSets.get(path);
    if (name === undefined) {
      name = `$members${this.memberSets.size}`;
      this.memberSets.set(path, name);
    }
    return name;
  }

  private slot(path: string): number {
    const known = this.slotOf.get(path);
    if (known !== undefined) return known;
    const dot = path.lastIndexOf(".");
    const parent = dot < 0 ? -1 : this.slot(path.slice(0, dot));
    if (parent >= 0) this.holders.add(parent);
    const id = this.slots.length;
    this.slots.push({ id, parent, key: dot < 0 ? path : path.slice(dot + 1) });
    this.slotOf.set(path, id);
    return id;
  }

  /** The code every reader needs, then the readers; `$begin(context)` starts a decision. */
  source(): string {
    const lines = [
      "const $proto = Object.getPrototypeOf, $objectProto = Object.prototype, $hasOwn = Object.prototype.hasOwnProperty, $isArray = Array.isArray;",
      "let $context = null, $generation = 0;",
      "function $begin(context) { $context = context; if (++$generation === 0x7fffffff) { $generation = 1; $clear(); } }",
      "function $holderOf(v) { if (typeof v !== \"object\" || v === null) return null; try { return $isArray(v) ? null : v; } catch { return null; } }",
      "let $rootStamp = 0, $root = null;",
      "function $holderRoot() { if ($rootStamp !== $generation) { $rootStamp = $generation; $root = $holderOf($context); } return $root; }",
    ];
    const clears = ["$rootStamp = 0;"];
    for (const slot of this.slots) {
      const key = JSON.stringify(slot.key);
      const s = slot.id;
      // The step's raw value, read once per decision.
      lines.push(
        `let $stamp${s} = 0, $raw${s};`,
        `function $read${s}() {`,
        `  if ($stamp${s} === $generation) return $raw${s};`,
        `  $stamp${s} = $generation;`,
        `  const h = $holder${slot.parent < 0 ? "Root" : slot.parent}();`,
        "  let v;",
        `  if (h !== null) { try { let p; if (${key} in h && ((p = $proto(h)) === null || (p === $objectProto && !(${key} in $objectProto)) || $hasOwn.call(h, ${key}))) v = h[${key}]; } catch { v = undefined; } }`,
        `  return ($raw${s} = v);`,
        "}",
      );
      clears.push(`$stamp${s} = 0;`);
      if (this.holders.has(s)) {
        lines.push(`let $holderStamp${s} = 0, $held${s} = null;`, `function $holder${s}() { if ($holderStamp${s} !== $generation) { $holderStamp${s} = $generation; $held${s} = $holderOf($read${s}()); } return $held${s}; }`);
        clears.push(`$holderStamp${s} = 0;`);
      }
    }
    for (const [path] of this.values) {
      const s = this.slotOf.get(path) as number;
      const column = this.columns.get(path);
      const type = column?.type ?? "bool";
      if (type === "list") {
        const element = column?.element ?? "string";
        const check = (SCALAR_CHECKS[element] as (v: string) => string)("e");
        const member = element === "enum" ? ` && ${this.setOf(path)}.has(e)` : "";
        // A list is copied once per decision, before any test looks at it.
        lines.push(
          `let $listStamp${s} = 0, $list${s};`,
          `function $value${s}() {`,
          `  if ($listStamp${s} === $generation) return $list${s};`,
          `  $listStamp${s} = $generation;`,
          `  const raw = $read${s}();`,
          "  let copy;",
          "  try { if ($isArray(raw)) { copy = new Array(raw.length); for (let i = 0; i < copy.length; i++) { const e = raw[i]; if (!(" + check + member + ")) { copy = undefined; break; } copy[i] = e; } } } catch { copy = undefined; }",
          `  return ($list${s} = copy);`,
          "}",
        );
        clears.push(`$listStamp${s} = 0;`);
      } else {
        const check = (SCALAR_CHECKS[type] ?? SCALAR_CHECKS["bool"]!)("v");
        lines.push(`function $value${s}() { const v = $read${s}(); return ${check} ? v : undefined; }`);
      }
    }
    for (const [path, name] of this.memberSets) lines.push(`const ${name} = new Set(${JSON.stringify(this.columns.get(path)?.values ?? [])});`);
    lines.push(`function $clear() { ${clears.join(" ")} }`);
    return lines.join("\n");
  }
}
