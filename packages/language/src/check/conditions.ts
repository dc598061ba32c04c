/**
 * Types conditions and lowers them to `CheckedCondition`: every atom becomes a
 * unary test on one context path, exactly as in the bundle format; consts are
 * substituted and segments inlined. Also enforces the consent rule of
 * docs/language.md#5-consent-respecting-the-no on every read of a `personal` field.
 *
 * Invariants:
 * - Each segment is checked and lowered once (memoized), whatever the number
 *   of references, so lowering is linear in program size and a segment's own
 *   mistakes are reported once.
 * - A reference that closes a cycle among segments is reported (with the
 *   cycle spelled out) and lowers to `false`; lowering always terminates.
 * - An atom that fails to check lowers to `false`; the program then has
 *   errors and the compiler will not use it.
 */
import type { Condition, Identifier, InCondition, Path, SegmentDeclaration, Value } from "../ast.js";
import type { CheckedCondition, Interval, UnaryTest } from "../checked.js";
import { MAX_NESTING_DEPTH } from "../parse-file.js";
import { compareSpans, type Span } from "../span.js";
import type { ContextEntry } from "./context.js";
import type { SymbolTable } from "./declarations.js";
import { describeType, pathText } from "./describe.js";
import { numericTruth } from "./ranges.js";
import { isScalarType, isUnknownType, type TypeResolver } from "./resolve-types.js";
import { resolveContextPath } from "./subjects.js";
import { closestName } from "./suggest.js";
import type { Usage } from "./usage.js";
import { resolveScalar, type ValueEnvironment } from "./values.js";

/** Where a condition is written; the consent rule depends on it. */
export type ConditionSite = "segment" | "situation" | "pathway" | "variation";

export interface ConditionEnvironment extends ValueEnvironment {
  readonly symbols: SymbolTable;
  readonly usage: Usage;
  readonly types: TypeResolver;
  readonly hasConsentGates: boolean;
}

/** The first read of a personal field inside a segment, to explain a later misuse. */
interface PersonalRead {
  readonly span: Span;
  readonly path: string;
}

interface LoweredSegment {
  readonly condition: CheckedCondition;
  readonly personal: PersonalRead | undefined;
}

const FALSE: CheckedCondition = { kind: "false" };

function isJunction(condition: CheckedCondition): boolean {
  return condition.kind === "and" || condition.kind === "or";
}

export class ConditionLowering {
  private readonly segments = new Map<string, LoweredSegment>();
  /** Segments being lowered right now, outermost first: the path a cycle is reported along. */
  private readonly inProgress: SegmentDeclaration[] = [];

  /**
   * Nesting levels of lowered conditions, by node. Inlined segments share
   * their nodes, so each node is measured once and a measure recurses only
   * through the nodes of the condition just lowered, which the parser has
   * bounded (`MAX_NESTING_DEPTH`).
   */
  private readonly levels = new WeakMap<CheckedCondition, number>();

  constructor(private readonly env: ConditionEnvironment) {}

  /** Lowers a condition written at `site`. */
  lower(condition: Condition, site: ConditionSite): CheckedCondition {
    return this.withinDepth(this.lowerWith(condition, site, []), condition);
  }

  /**
   * The recursion budget applied to a condition with its segments inlined: a
   * chain of segments, each shallow, may still expand to a condition nested
   * thousands of levels deep, which every later stage would recurse through.
   * Levels count as in the source: a `not` is one, and an `and`/`or` inside
   * another is one (the parenthesis that inlining leaves implicit).
   */
  private withinDepth(lowered: CheckedCondition, written: Condition): CheckedCondition {
    const levels = this.levelsOf(lowered);
    if (levels <= MAX_NESTING_DEPTH) return lowered;
    this.env.reporter.report("condition-too-deep", written.span, `this condition nests ${levels} levels deep once the segments it uses are inlined, more than the limit of ${MAX_NESTING_DEPTH}`, {
      help: "flatten the chain of segments that use each other: combine them with `and`/`or` side by side instead of one inside another",
    });
    return FALSE;
  }

  private levelsOf(condition: CheckedCondition): number {
    // An atom, `true` or `false` nests nothing. Only the nodes that nest are
    // remembered: atoms are most nodes, and a weak map entry for each was
    // most of what measuring cost.
    if (condition.kind !== "not" && !isJunction(condition)) return 0;
    const known = this.levels.get(condition);
    if (known !== undefined) return known;
    let levels = 0;
    if (condition.kind === "not") levels = 1 + this.levelsOf(condition.operand) + (isJunction(condition.operand) ? 1 : 0);
    else {
      const operands = (condition as { operands: readonly CheckedCondition[] }).operands;
      for (let i = 0; i < operands.length; i++) {
        const operand = operands[i] as CheckedCondition;
        levels = Math.max(levels, this.levelsOf(operand) + (isJunction(operand) ? 1 : 0));
      }
    }
    this.levels.set(condition, levels);
    return levels;
  }

  /** The lowered condition of a declared segment (checking it on first use). */
  segment(name: string): LoweredSegment | undefined {
    const declaration = this.env.symbols.segments.get(name);
    if (!declaration) return undefined;
    const done = this.segments.get(name);
    if (done) return done;
    this.inProgress.push(declaration);
    const reads: PersonalRead[] = [];
    const condition = this.withinDepth(this.lowerWith(declaration.condition, "segment", reads), declaration.condition);
    this.inProgress.pop();
    const lowered = { condition, personal: reads[0] };
    this.segments.set(name, lowered);
    return lowered;
  }

  /** A `variation SEGMENT` reference: the segment's condition, or false after reporting. */
  variationSegment(name: Identifier): CheckedCondition {
    const resolved = this.segmentReference(name.name, name.span, "variation", []);
    if (resolved) return resolved;
    const closest = closestName(name.name, this.env.symbols.segments.keys());
    if (closest !== undefined) this.env.usage.segments.add(closest);
    const help = closest === undefined ? undefined : `did you mean \`${closest}\`?`;
    this.env.reporter.report("unknown-segment", name.span, `there is no segment named \`${name.name}\``, {
      help: help ?? "declare it with `segment NAME = condition`, or write an inline variation: `variation NAME when condition { … }`",
    });
    return FALSE;
  }

  private lowerWith(condition: Condition, site: ConditionSite, reads: PersonalRead[]): CheckedCondition {
    switch (condition.kind) {
      case "Or":
        return { kind: "or", operands: condition.operands.map((operand) => this.lowerWith(operand, site, reads)) };
      case "And":
        return { kind: "and", operands: condition.operands.map((operand) => this.lowerWith(operand, site, reads)) };
      case "Not":
        return { kind: "not", operand: this.lowerWith(condition.operand, site, reads) };
      case "Paren":
        return this.lowerWith(condition.inner, site, reads);
      case "BoolCondition":
        return { kind: condition.value ? "true" : "false" };
      case "Reference":
        return this.reference(condition.path, site, reads);
      case "Compare":
        return this.atom(condition.subject, site, reads, condition.span, (entry) => this.compare(entry, condition.operator, condition.operatorSpan, condition.value));
      case "In":
        return this.atom(condition.subject, site, reads, condition.span, (entry) => this.membership(entry, condition));
      case "Contains":
        return this.atom(condition.subject, site, reads, condition.span, (entry) => {
          if (entry.type.kind !== "list") {
            this.operatorError(condition.span, `\`contains\` tests list fields; \`${entry.path}\` is ${typePhrase(entry)}`, entry.type.kind === "record" ? undefined : "use `==` or `in [ … ]` to compare a single value");
            return undefined;
          }
          const value = resolveScalar(condition.value, entry.type.element, "comparison", this.env);
          if (value === undefined) return undefined;
          return condition.negated ? { notContains: value } : { contains: value };
        });
      case "Present":
        return this.atom(condition.subject, site, reads, condition.span, (entry) => {
          if (!entry.mayBeAbsent) {
            const always = condition.negated ? "always false" : "always true";
            this.env.reporter.report("present-on-required-field", condition.span, `\`${entry.path}\` is a required field, so this test is ${always}`, {
              help: `declare the field optional (\`${describeType(entry.type)}?\`) if it may be absent, or remove the test`,
            });
          }
          return { present: !condition.negated };
        });
    }
  }

  /** A bare name: a segment, a bool const, or a bool context field (in that order). */
  private reference(path: Path, site: ConditionSite, reads: PersonalRead[]): CheckedCondition {
    const { reporter, consts } = this.env;
    const text = pathText(path);
    if (path.segments.length === 1) {
      const viaSegment = this.segmentReference(text, path.span, site, reads);
      if (viaSegment) return viaSegment;
      if (consts.isDeclared(text)) {
        const constant = consts.lookup(text);
        if (!constant) return FALSE;
        if (typeof constant.value === "boolean") return { kind: constant.value ? "true" : "false" };
        reporter.report("not-a-condition", path.span, `the const \`${text}\` is ${constant.kind === "string" ? "a string" : "a number"}, not a condition`, {
          related: [{ span: constant.declaration.span, message: `\`${text}\` is declared here` }],
          help: "compare a context field with it instead, e.g. `field == " + text + "`",
        });
        return FALSE;
      }
      if (!this.env.context.lookup(text)) {
        const candidates = [...this.env.symbols.segments.keys(), ...consts.names(), ...this.env.context.childNames("")];
        const closest = closestName(text, candidates);
        // The segment or const the author meant is not "unused": the mistake is this reference.
        if (closest !== undefined && this.env.symbols.segments.has(closest)) this.env.usage.segments.add(closest);
        else if (closest !== undefined && consts.isDeclared(closest)) this.env.usage.consts.add(closest);
        const help = closest === undefined ? undefined : `did you mean \`${closest}\`?`;
        reporter.report("unknown-segment", path.span, `there is no segment, bool const or context field named \`${text}\``, {
          help: help ?? "declare the segment with `segment NAME = condition`",
        });
        return FALSE;
      }
    }
    return this.atom(path, site, reads, path.span, (entry) => {
      if (entry.type.kind === "bool") return { bool: true };
      reporter.report("not-a-condition", path.span, `\`${entry.path}\` is ${typePhrase(entry)}, not a condition`, {
        help: entry.type.kind === "record" ? "test one of its fields" : "compare it with a value, e.g. `" + entry.path + " == …`",
      });
      return undefined;
    });
  }

  /** Inlines segment `name` if it exists, applying the consent rule at the reference. */
  private segmentReference(name: string, span: Span, site: ConditionSite, reads: PersonalRead[]): CheckedCondition | undefined {
    const declaration = this.env.symbols.segments.get(name);
    if (!declaration) return undefined;
    this.env.usage.segments.add(name);
    const cycleStart = this.inProgress.indexOf(declaration);
    if (cycleStart >= 0) {
      const cycle = readableCycle(this.inProgress.slice(cycleStart));
      this.env.reporter.report("segment-cycle", span, `the segment \`${name}\` depends on itself: ${cycle.map((segment) => segment.name.name).join(" → ")}`, {
        related: cycle.slice(0, -1).map((segment) => ({ span: segment.name.span, message: `\`${segment.name.name}\` is declared here` })),
        help: "break the cycle: a segment may use other segments, but not itself, directly or through others",
      });
      return FALSE;
    }
    const lowered = this.segment(name);
    if (!lowered) return FALSE;
    if (lowered.personal) {
      if (site === "situation" || site === "pathway") {
        this.env.reporter.report("personal-outside-variation", span, `the segment \`${name}\` reads the personal field \`${lowered.personal.path}\`, which a ${siteWord(site)} may not use`, {
          related: [{ span: lowered.personal.span, message: `\`${lowered.personal.path}\` is read here` }],
          help: "use the segment in a `variation` instead; personal data may only choose variations",
        });
      }
      reads.push(lowered.personal);
    }
    return lowered.condition;
  }

  /** Resolves an atom's subject, applies the consent rule, and builds the test. */
  private atom(subject: Path, site: ConditionSite, reads: PersonalRead[], span: Span, build: (entry: ContextEntry) => UnaryTest | undefined): CheckedCondition {
    const entry = resolveContextPath(subject, this.env.context, this.env.reporter);
    if (!entry) return FALSE;
    if (entry.personal) this.personalRead(entry, subject.span, site, reads);
    if (isUnknownType(entry.type)) return FALSE;
    const test = build(entry);
    if (!test) return FALSE;
    this.rangeWarnings(test, entry, span);
    return { kind: "test", path: entry.path, test, span };
  }

  private personalRead(entry: ContextEntry, span: Span, site: ConditionSite, reads: PersonalRead[]): void {
    reads.push({ span, path: entry.path });
    if (site === "situation" || site === "pathway") {
      this.env.reporter.report("personal-outside-variation", span, `\`${entry.path}\` is personal data; a ${siteWord(site)} may not read it`, {
        help: "read it in a segment or a `variation … when` instead: personal data may only choose variations, so that a customer without consent still gets the same scenario and pathway",
      });
    } else if (!this.env.hasConsentGates) {
      this.env.reporter.report("personal-without-consent", span, `\`${entry.path}\` is personal data, but the program declares no consent gate`, {
        help: "declare a gate, e.g. `consent personalization = customer.consent.personalization`, so that variations apply only to customers who opted in",
      });
    }
  }

  private compare(entry: ContextEntry, operator: string, operatorSpan: Span, value: Value): UnaryTest | undefined {
    const { type } = entry;
    const ordering = operator !== "==" && operator !== "!=";
    if (!isScalarType(type)) {
      this.operatorError(operatorSpan, `\`${operator}\` compares single values; \`${entry.path}\` is ${typePhrase(entry)}`, type.kind === "list" ? "use `contains` to test list membership" : "compare one of its fields");
      return undefined;
    }
    if (ordering && type.kind !== "int" && type.kind !== "number") {
      this.operatorError(operatorSpan, `\`${operator}\` orders numbers; \`${entry.path}\` is ${typePhrase(entry)}`, "use `==`, `!=` or `in [ … ]`");
      return undefined;
    }
    const scalar = resolveScalar(value, type, "comparison", this.env);
    if (scalar === undefined) return undefined;
    switch (operator) {
      case "==":
        return { eq: scalar };
      case "!=":
        return { notIn: [scalar] };
    }
    const bound = scalar as number;
    switch (operator) {
      case "<":
        return { range: [[null, bound, false, false]] };
      case "<=":
        return { range: [[null, bound, false, true]] };
      case ">":
        return { range: [[bound, null, false, false]] };
      default:
        return { range: [[bound, null, true, false]] };
    }
  }

  private membership(entry: ContextEntry, condition: InCondition): UnaryTest | undefined {
    const { type } = entry;
    const set = condition.set;
    if (set.kind === "Range") {
      if (type.kind !== "int" && type.kind !== "number") {
        this.operatorError(set.span, `a range tests numbers; \`${entry.path}\` is ${typePhrase(entry)}`, isScalarType(type) ? "list the values instead: `in [a, b]`" : undefined);
        return undefined;
      }
      const bounds = this.env.types.rangeBounds(set, false);
      if (!bounds) return undefined;
      const [low, high] = bounds;
      const intervals: Interval[] = condition.negated
        ? [[null, low, false, false], [high, null, false, false]]
        : [[low, high, true, true]];
      return { range: intervals };
    }
    if (!isScalarType(type)) {
      this.operatorError(condition.span, `\`in [ … ]\` tests single values; \`${entry.path}\` is ${typePhrase(entry)}`, type.kind === "list" ? "use `contains` to test list membership" : "test one of its fields");
      return undefined;
    }
    const values: (string | number | boolean)[] = [];
    let ok = true;
    for (const item of set.items) {
      const scalar = resolveScalar(item, type, "comparison", this.env);
      if (scalar === undefined) ok = false;
      else values.push(scalar);
    }
    if (!ok) return undefined;
    return condition.negated ? { notIn: values } : { in: values };
  }

  private operatorError(span: Span, message: string, help: string | undefined): void {
    this.env.reporter.report("operator-not-allowed", span, message, help ? { help } : {});
  }

  /** Warns when a numeric test is decided by the field's declared range alone. */
  private rangeWarnings(test: UnaryTest, entry: ContextEntry, span: Span): void {
    const truth = numericTruth(test, entry.type);
    if (truth === "depends") return;
    const declared = `\`${entry.path}\` is declared \`${describeType(entry.type)}\``;
    if (truth === "always-false") {
      this.env.reporter.report("always-false-comparison", span, `this test is always false: ${declared}`, {
        help: "check the value or the declared range; as written this condition never holds",
      });
    } else {
      const qualifier = entry.mayBeAbsent ? " whenever the field is present" : "";
      this.env.reporter.report("always-true-comparison", span, `this test is always true${qualifier}: ${declared}`, {
        help: "remove the test, or check the value or the declared range",
      });
    }
  }
}

/**
 * The segments of a cycle, rotated to start at the one declared first and
 * closed by repeating it (`a → b → c → a`), however the cycle was entered.
 */
function readableCycle(members: readonly SegmentDeclaration[]): SegmentDeclaration[] {
  let start = 0;
  members.forEach((member, index) => {
    const current = members[start];
    if (current && compareSpans(member.span, current.span) < 0) start = index;
  });
  const rotated = [...members.slice(start), ...members.slice(0, start)];
  const first = rotated[0];
  return first ? [...rotated, first] : rotated;
}

function typePhrase(entry: ContextEntry): string {
  const text = describeType(entry.type);
  return entry.type.kind === "record" ? "a record" : entry.type.kind === "list" ? `a list (\`${text}\`)` : `\`${text}\``;
}

function siteWord(site: ConditionSite): string {
  return site === "situation" ? "`situation`" : "pathway `when`";
}
