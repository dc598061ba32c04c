/**
 * The program's consts: each `const NAME = literal` validated once and kept as
 * a typed scalar, ready to be substituted wherever a literal is accepted.
 *
 * Invariant: `lookup` returns a value only for a declared const whose literal
 * is a string, number or bool; an invalid const is reported once, at its
 * declaration, and its uses resolve to nothing (no cascade of errors).
 */
import type { ConstDeclaration } from "../ast.js";
import type { SymbolTable } from "./declarations.js";
import { describeValue } from "./describe.js";
import type { Reporter } from "./report.js";
import type { Usage } from "./usage.js";
import { closestName } from "./suggest.js";

export type ScalarKind = "int" | "number" | "string" | "bool";
export type { Scalar } from "@scn/runtime";
import type { Scalar } from "@scn/runtime";

export interface ConstValue {
  readonly kind: ScalarKind;
  readonly value: Scalar;
  readonly declaration: ConstDeclaration;
}

export class ConstTable {
  private readonly values = new Map<string, ConstValue>();

  constructor(
    private readonly symbols: SymbolTable,
    reporter: Reporter,
    private readonly usage: Usage,
  ) {
    for (const [name, declaration] of symbols.consts) {
      const value = declaration.value;
      switch (value.kind) {
        case "String":
          this.values.set(name, { kind: "string", value: value.value, declaration });
          break;
        case "Number":
          this.values.set(name, { kind: value.isInteger ? "int" : "number", value: value.value, declaration });
          break;
        case "Bool":
          this.values.set(name, { kind: "bool", value: value.value, declaration });
          break;
        default:
          reporter.report("invalid-const-value", value.span, `the const \`${name}\` must be a string, number or bool literal, not ${describeValue(value)}`, {
            help:
              value.kind === "Path"
                ? `write a string in quotes (\`"${value.segments.map((segment) => segment.name).join(".")}"\`) or the literal itself; a const cannot refer to a name`
                : "write lists and ranges where they are used; a const names one literal",
          });
      }
    }
  }

  /** Whether a const of that name is declared (valid or not). */
  isDeclared(name: string): boolean {
    return this.symbols.consts.has(name);
  }

  /** The const's value, recording the use. */
  lookup(name: string): ConstValue | undefined {
    if (this.symbols.consts.has(name)) this.usage.consts.add(name);
    return this.values.get(name);
  }

  names(): Iterable<string> {
    return this.symbols.consts.keys();
  }

  /**
   * The const a misspelt `word` most likely means — the closest name, or one
   * that `word` starts (`RETURN_WINDOW` for `RETURN_WINDOW_DAYS`) — as a
   * "did you mean" help. That const counts as used: the mistake is the
   * reference, and reporting the const as unused too, before the real error,
   * would send the reader to the wrong line.
   */
  suggest(word: string): string | undefined {
    const names = [...this.symbols.consts.keys()];
    const closest = closestName(word, names) ?? (word.length >= 4 ? names.filter((name) => name.startsWith(word) || word.startsWith(name)).sort()[0] : undefined);
    if (closest === undefined) return undefined;
    this.usage.consts.add(closest);
    return `did you mean \`${closest}\`?`;
  }
}
