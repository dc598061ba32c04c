/**
 * Resolves type expressions (`int(0..23)`, `Loyalty`, `list<string>`,
 * records, `T?`) into `CheckedType`s, following named `type` declarations.
 *
 * Invariants:
 * - Each named type is resolved once (memoized), so resolution is linear in
 *   the size of all type expressions; a cycle among named types is reported
 *   once, at the reference that closes it.
 * - A type that could not be resolved becomes `UNKNOWN_TYPE`, a sentinel that
 *   later checks recognize and stay silent about, so one mistake gives one
 *   diagnostic.
 */
import type { FieldDeclaration, Identifier, RangeLiteral, TypeExpression } from "../ast.js";
import type { CheckedField, CheckedType } from "../checked.js";
import { BUILTIN_TYPES } from "../keywords.js";
import type { ConstTable } from "./consts.js";
import type { SymbolTable } from "./declarations.js";
import { describeValue } from "./describe.js";
import type { Reporter } from "./report.js";
import { didYouMean } from "./suggest.js";
import type { Usage } from "./usage.js";

/** The type of something that failed to resolve; checks skip it silently. */
export const UNKNOWN_TYPE: CheckedType = Object.freeze({ kind: "string" as const });

export function isUnknownType(type: CheckedType): boolean {
  return type === UNKNOWN_TYPE;
}

export interface ResolvedType {
  readonly type: CheckedType;
  /** Written `T?` (directly or through a named type). */
  readonly optional: boolean;
}

/** Where a field list appears; `personal` only means something in `context`. */
export type FieldSite = "context" | "output";

const UNKNOWN: ResolvedType = { type: UNKNOWN_TYPE, optional: false };
const SCALAR_KINDS: ReadonlySet<string> = new Set(["bool", "int", "number", "string", "enum"]);

export function isScalarType(type: CheckedType): boolean {
  return SCALAR_KINDS.has(type.kind);
}

export class TypeResolver {
  private readonly named = new Map<string, ResolvedType | "resolving">();

  constructor(
    private readonly symbols: SymbolTable,
    private readonly consts: ConstTable,
    private readonly reporter: Reporter,
    private readonly usage: Usage,
  ) {}

  /**
   * Resolves every named type once, so errors in unused types are reported
   * too. `order` puts dependencies first, which keeps the stack shallow.
   */
  resolveDeclaredTypes(order: Iterable<string>): void {
    for (const name of order) this.resolveNamed(name);
  }

  resolve(expression: TypeExpression, site: FieldSite): ResolvedType {
    switch (expression.kind) {
      case "TypeReference":
        return this.resolveReference(expression.name, expression.range);
      case "EnumType": {
        const members: string[] = [];
        const seen = new Map<string, Identifier>();
        for (const member of expression.members) {
          const first = seen.get(member.name);
          if (first) {
            this.reporter.report("duplicate-member", member.span, `the enum member \`${member.name}\` is listed twice`, {
              related: [{ span: first.span, message: "first listed here" }],
            });
            continue;
          }
          seen.set(member.name, member);
          members.push(member.name);
        }
        if (members.length === 0) {
          this.reporter.report("invalid-type", expression.span, "an enum needs at least one member");
          return UNKNOWN;
        }
        return { type: { kind: "enum", members }, optional: false };
      }
      case "ListType": {
        const element = this.resolve(expression.element, site);
        if (isUnknownType(element.type)) return UNKNOWN;
        if (!isScalarType(element.type) || element.optional) {
          this.reporter.report("invalid-type", expression.element.span, "a list holds scalar values (`bool`, `int`, `number`, `string` or an enum)", {
            help: "model structured data as a record of lists, or pass a derived value in the context",
          });
          return UNKNOWN;
        }
        return { type: { kind: "list", element: element.type }, optional: false };
      }
      case "RecordType":
        return { type: { kind: "record", fields: this.fields(expression.fields, site, false) }, optional: false };
      case "OptionalType":
        return { type: this.resolve(expression.inner, site).type, optional: true };
    }
  }

  /** Resolves a field list, reporting fields declared twice in the same record. */
  fields(declarations: readonly FieldDeclaration[], site: FieldSite, inheritedPersonal: boolean): CheckedField[] {
    const result: CheckedField[] = [];
    const seen = new Map<string, FieldDeclaration>();
    for (const declaration of declarations) {
      const first = seen.get(declaration.name.name);
      if (first) {
        this.reporter.report("duplicate-member", declaration.name.span, `the field \`${declaration.name.name}\` is declared twice in this record`, {
          related: [{ span: first.name.span, message: "first declared here" }],
        });
        continue;
      }
      seen.set(declaration.name.name, declaration);
      result.push(this.field(declaration, site, inheritedPersonal));
    }
    return result;
  }

  field(declaration: FieldDeclaration, site: FieldSite, inheritedPersonal: boolean): CheckedField {
    if (declaration.personal && site === "output") {
      this.reporter.report("invalid-type", declaration.personal, "`personal` marks context data; it has no meaning on an output field", {
        help: "remove `personal` here",
      });
    }
    const personal = site === "context" && (inheritedPersonal || declaration.personal !== undefined);
    const resolved = this.resolve(declaration.type, site);
    const type = resolved.type.kind === "record" && personal ? markPersonal(resolved.type) : resolved.type;
    return { name: declaration.name.name, type, optional: resolved.optional, personal, span: declaration.span };
  }

  private resolveReference(name: Identifier, range: RangeLiteral | undefined): ResolvedType {
    const word = name.name;
    if (word === "int" || word === "number") {
      if (!range) return { type: { kind: word }, optional: false };
      const bounds = this.rangeBounds(range, word === "int");
      return bounds ? { type: { kind: word, min: bounds[0], max: bounds[1] }, optional: false } : { type: { kind: word }, optional: false };
    }
    if (range) {
      this.reporter.report("invalid-type", range.span, `a range only refines \`int\` or \`number\`, not \`${word}\``);
    }
    if (word === "bool" || word === "string") return { type: { kind: word }, optional: false };
    if (!this.symbols.types.has(word)) {
      const help = didYouMean(word, [...BUILTIN_TYPES, ...this.symbols.types.keys()]);
      this.reporter.report("unknown-type", name.span, `there is no type named \`${word}\``, help ? { help } : {});
      return UNKNOWN;
    }
    this.usage.types.add(word);
    return this.resolveNamed(word, name);
  }

  private resolveNamed(word: string, reference?: Identifier): ResolvedType {
    const memo = this.named.get(word);
    if (memo === "resolving") {
      const declaration = this.symbols.types.get(word);
      if (reference && declaration) {
        this.reporter.report("type-cycle", reference.span, `the type \`${word}\` is defined in terms of itself`, {
          related: [{ span: declaration.name.span, message: `\`${word}\` is declared here` }],
          help: "break the cycle; a type cannot contain itself",
        });
      }
      return UNKNOWN;
    }
    if (memo) return memo;
    const declaration = this.symbols.types.get(word);
    if (!declaration) return UNKNOWN;
    this.named.set(word, "resolving");
    const resolved = this.resolve(declaration.type, "context");
    // A named enum keeps its name so that messages and generated types can use it.
    const named: ResolvedType =
      resolved.type.kind === "enum" && declaration.type.kind === "EnumType"
        ? { type: { ...resolved.type, name: word }, optional: resolved.optional }
        : resolved;
    this.named.set(word, named);
    return named;
  }

  /** The numeric bounds of a `lo..hi`, or undefined after reporting why not. */
  rangeBounds(range: RangeLiteral, integer: boolean): readonly [number, number] | undefined {
    const low = this.bound(range.low, integer);
    const high = this.bound(range.high, integer);
    if (low === undefined || high === undefined) return undefined;
    if (low > high) {
      this.reporter.report("reversed-range", range.span, `the range \`${low}..${high}\` is empty: its low bound is above its high bound`, {
        help: `write \`${high}..${low}\``,
      });
      return undefined;
    }
    return [low, high];
  }

  private bound(node: RangeLiteral["low"], integer: boolean): number | undefined {
    if (node.kind === "Number") {
      if (integer && !node.isInteger) {
        this.reporter.report("wrong-value-type", node.span, `an \`int\` range takes integer bounds, not ${describeValue(node)}`);
        return undefined;
      }
      return node.value;
    }
    const name = node.segments.map((segment) => segment.name).join(".");
    const constant = node.segments.length === 1 ? this.consts.lookup(name) : undefined;
    if (!constant) {
      if (node.segments.length === 1 && this.consts.isDeclared(name)) return undefined;
      const help = this.consts.suggest(name);
      this.reporter.report("unknown-const", node.span, `there is no const named \`${name}\``, help ? { help } : { help: "write a number or the name of a numeric const as a range bound" });
      return undefined;
    }
    if (typeof constant.value !== "number" || (integer && constant.kind !== "int")) {
      this.reporter.report("wrong-value-type", node.span, `a range bound must be ${integer ? "an integer" : "a number"}; the const \`${name}\` is a ${constant.kind}`, {
        related: [{ span: constant.declaration.span, message: `\`${name}\` is declared here` }],
      });
      return undefined;
    }
    return constant.value;
  }
}

/** Personal data stays personal all the way down a record. */
function markPersonal(type: CheckedType): CheckedType {
  if (type.kind !== "record") return type;
  return {
    kind: "record",
    fields: type.fields.map((field) => ({ ...field, personal: true, type: markPersonal(field.type) })),
  };
}
