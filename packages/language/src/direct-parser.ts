/**
 * The direct parser: a hand-written recursive-descent parser for the grammar
 * of grammar.ts that builds the syntax tree of ast.ts straight from the
 * tokens, for text without syntax errors.
 *
 * Why it exists: the chevrotain parser builds a concrete tree that
 * cst-to-ast.ts then walks, and building the parser costs a grammar analysis
 * at start. On a large program the three were most of the front end's time
 * and its garbage (docs/benchmarks.md, "Front end"). Most files people
 * compile have no syntax error, so those go through this parser, and only a
 * file that has one pays for chevrotain, whose error recovery and messages
 * stay exactly as they were.
 *
 * Invariant: `parseDirectly` gives either undefined or exactly the
 * declarations (key order included) that the chevrotain parser and
 * cst-to-ast.ts give for the same tokens, and it gives a tree only when that
 * route reports nothing: no syntax error, and none of cst-to-ast.ts's own
 * diagnostics (a reserved word as a name, a misplaced `split`). It follows
 * grammar.ts rule by rule, decides each choice with the same tokens and
 * gates, and gives up (undefined) at the first token the grammar would not
 * accept there; a property test holds it to the chevrotain route on valid,
 * mutated and random text.
 *
 * It reads the tokens from a token store (token-store.ts), as the scanner
 * makes them; token objects (chevrotain's lexer's) are put in one first.
 *
 * Its recursion follows the bracket nesting, which parse-file.ts bounds
 * before parsing (`MAX_NESTING_DEPTH`); `not` chains are a loop.
 */
import type { IToken, TokenType } from "chevrotain";
import type * as Ast from "./ast.js";
import { numberLiteralNode, percentLiteralNode, stringLiteralNode } from "./literals.js";
import {
  Colon,
  Comma,
  ComparisonOperator,
  Ctx,
  DateLiteral,
  Dot,
  DotDot,
  Equals,
  Greater,
  EqualEqual,
  GreaterEqual,
  Identifier,
  LessEqual,
  NotEqual,
  KEYWORD_TOKENS,
  CONTEXTUAL_TOKENS,
  Kw,
  LBracket,
  LCurly,
  Less,
  LParen,
  NumberLiteral,
  PercentLiteral,
  Question,
  RBracket,
  RCurly,
  RParen,
  Slash,
  StringLiteral,
  TOKENS_IN_ORDER,
  type ScnTokenType,
} from "./lexer.js";
import { endOffsetOf, OffsetSpan, type SourceLines, type Span } from "./span.js";
import { storeOf, type TokenStore } from "./token-store.js";

/**
 * The items without the spare room that `push` leaves (an array that grew by
 * `push` keeps room for about sixteen more), for arrays the tree keeps.
 */
function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

/** Thrown to give up the direct parse; caught in `parseDirectly` only. */
class GiveUp {}
const GIVE_UP = new GiveUp();

/**
 * Token kinds by the token type's `ordinal` (lexer.ts), as bit flags
 * (chevrotain's token categories, resolved once). Chevrotain's own numbers
 * would do as well, but they exist only once chevrotain is loaded, and this
 * parser runs without it.
 */
const WORD = 1;
const IDENTIFIER = 2;
const RESERVED = 4;
const COMPARISON = 8;
const FLAGS: number[] = TOKENS_IN_ORDER.map(() => 0);
function flag(type: TokenType, bits: number): void {
  const index = (type as ScnTokenType).ordinal;
  FLAGS[index] = (FLAGS[index] ?? 0) | bits;
}
flag(Identifier, WORD | IDENTIFIER);
for (const type of Object.values(CONTEXTUAL_TOKENS)) flag(type, WORD | IDENTIFIER);
for (const type of Object.values(KEYWORD_TOKENS)) flag(type, WORD | RESERVED);
for (const type of [EqualEqual, NotEqual, LessEqual, GreaterEqual, Less, Greater]) {
  if (!type.CATEGORIES?.includes(ComparisonOperator)) throw new Error(`internal: ${type.name} is not a comparison operator`);
  flag(type, COMPARISON);
}

/** What `peek` sees past the last token: a type of no kind, which no rule takes. */
const END: ScnTokenType = { name: "EOF", ordinal: FLAGS.length };
FLAGS.push(0);

/**
 * The declarations of a file's tokens, or undefined when the text has a
 * syntax error or something cst-to-ast.ts would report (see the header).
 */
export function parseDirectly(tokens: TokenStore | readonly IToken[], lines: SourceLines): Ast.Declaration[] | undefined {
  const parser = new DirectParser(isTokenList(tokens) ? storeOf(tokens) : tokens, lines);
  try {
    return parser.sourceFile();
  } catch (stop) {
    if (stop === GIVE_UP) return undefined;
    throw stop;
  }
}

function isTokenList(tokens: TokenStore | readonly IToken[]): tokens is readonly IToken[] {
  return Array.isArray(tokens);
}

class DirectParser {
  private pos = 0;
  private readonly types: readonly TokenType[];
  private readonly images: readonly string[];
  private readonly offsets: Int32Array;
  private readonly lines: Int32Array;
  /**
   * One-token spans by token index, each made once: nodes that start and end
   * at one token share them (the tree is immutable). Spans hold offsets and
   * the file's line table, not position objects (span.ts, OffsetSpan); with
   * the shared names (see `image`) and exact-length arrays below, this keeps
   * the tree of a large program small (docs/benchmarks.md, "Front end").
   */
  private readonly spans: (Span | undefined)[];

  constructor(
    tokens: TokenStore,
    private readonly sourceLines: SourceLines,
  ) {
    this.types = tokens.types;
    this.images = tokens.images;
    this.offsets = tokens.starts;
    this.lines = tokens.lines;
    this.spans = new Array<Span | undefined>(tokens.types.length);
  }

  // -------------------------------------------------------------------------
  // Tokens

  /** The type of the token `k` ahead (0 is the next one), or the end's. */
  private peek(k = 0): TokenType {
    return this.types[this.pos + k] ?? END;
  }

  private is(type: TokenType, k = 0): boolean {
    return this.peek(k) === type;
  }

  private flags(k = 0): number {
    return FLAGS[(this.peek(k) as ScnTokenType).ordinal] as number;
  }

  private take(type: TokenType): number {
    if (this.peek() !== type) throw GIVE_UP;
    return this.pos++;
  }

  private takeWord(): number {
    if ((this.flags() & WORD) === 0) throw GIVE_UP;
    return this.pos++;
  }

  private takeIdentifier(): number {
    if ((this.flags() & IDENTIFIER) === 0) throw GIVE_UP;
    return this.pos++;
  }

  /** An optional `,` after a block member. */
  private separator(): void {
    if (this.is(Comma)) this.pos++;
  }

  /** The offset just past token `index` (a token lies on one line and spans its image, token-store.ts). */
  private endOffset(index: number): number {
    return (this.offsets[index] as number) + (this.images[index] as string).length;
  }

  /** The span from token `first` to the last token taken. */
  private spanFrom(first: number): Span {
    const last = this.pos - 1;
    if (first === last) return this.tokenSpan(first);
    return new OffsetSpan(this.sourceLines, this.offsets[first] as number, this.endOffset(last));
  }

  private tokenSpan(index: number): Span {
    const known = this.spans[index];
    if (known) return known;
    const made = new OffsetSpan(this.sourceLines, this.offsets[index] as number, this.endOffset(index));
    this.spans[index] = made;
    return made;
  }

  /**
   * The token's text. The scanner (scanner.ts) gives every token of one
   * spelling the same string, so the tree holds each name and number once;
   * only a text with a lexical error, lexed by chevrotain, has a string per
   * token.
   */
  private image(index: number): string {
    return this.images[index] as string;
  }

  private identifier(index: number): Ast.Identifier {
    return { kind: "Identifier", name: this.image(index), span: this.tokenSpan(index) };
  }

  private stringLiteral(index: number): Ast.StringLiteral {
    return stringLiteralNode(this.image(index), this.tokenSpan(index));
  }

  private numberLiteral(index: number): Ast.NumberLiteral {
    return numberLiteralNode(this.image(index), this.tokenSpan(index));
  }

  private percentLiteral(index: number): Ast.PercentLiteral {
    return percentLiteralNode(this.image(index), this.tokenSpan(index));
  }

  /** An optional title string. */
  private title(): Ast.StringLiteral | undefined {
    return this.is(StringLiteral) ? this.stringLiteral(this.pos++) : undefined;
  }

  // -------------------------------------------------------------------------
  // Files and declarations

  sourceFile(): Ast.Declaration[] {
    const declarations: Ast.Declaration[] = [];
    while (this.pos < this.types.length) declarations.push(this.declaration());
    return declarations;
  }

  private declaration(): Ast.Declaration {
    switch (this.peek()) {
      case Kw.Context:
        return this.contextDeclaration();
      case Kw.Type:
        return this.typeDeclaration();
      case Kw.Const:
        return this.constDeclaration();
      case Kw.Segment:
        return this.segmentDeclaration();
      case Kw.Decision:
        return this.decisionDeclaration();
      case Kw.Metric:
        return this.metricDeclaration();
      case Kw.Consent:
        return this.consentDeclaration();
      case Kw.Scenario:
        return this.scenarioDeclaration();
      case Kw.Test:
        return this.testDeclaration();
      case Kw.Experiment:
        return this.experimentDeclaration();
      case Kw.Fixture:
        return this.fixtureDeclaration();
      default:
        throw GIVE_UP;
    }
  }

  /**
   * A declaration's name. A reserved word there is reported by cst-to-ast.ts,
   * so it is left to that route.
   */
  private declarationName(): Ast.Identifier {
    return this.identifier(this.takeIdentifier());
  }

  private contextDeclaration(): Ast.ContextDeclaration {
    const first = this.take(Kw.Context);
    const fields = this.fieldBlock();
    return { kind: "ContextDeclaration", fields, span: this.spanFrom(first) };
  }

  private typeDeclaration(): Ast.TypeDeclaration {
    const first = this.take(Kw.Type);
    const name = this.declarationName();
    this.take(Equals);
    const type = this.typeExpression();
    return { kind: "TypeDeclaration", name, type, span: this.spanFrom(first) };
  }

  private constDeclaration(): Ast.ConstDeclaration {
    const first = this.take(Kw.Const);
    const name = this.declarationName();
    this.take(Equals);
    const value = this.value(false, false);
    return { kind: "ConstDeclaration", name, value, span: this.spanFrom(first) };
  }

  private segmentDeclaration(): Ast.SegmentDeclaration {
    const first = this.take(Kw.Segment);
    const name = this.declarationName();
    const title = this.title();
    this.take(Equals);
    const condition = this.condition();
    const span = this.spanFrom(first);
    return title ? { kind: "SegmentDeclaration", name, title, condition, span } : { kind: "SegmentDeclaration", name, condition, span };
  }

  private consentDeclaration(): Ast.ConsentDeclaration {
    const first = this.take(Kw.Consent);
    const name = this.declarationName();
    this.take(Equals);
    const path = this.subjectPath();
    return { kind: "ConsentDeclaration", name, path, span: this.spanFrom(first) };
  }

  private decisionDeclaration(): Ast.DecisionDeclaration {
    const first = this.take(Kw.Decision);
    const name = this.declarationName();
    const title = this.title();
    this.take(LCurly);
    const members: (Ast.OutputBlock | Ast.DefaultBlock | Ast.Property)[] = [];
    while (!this.is(RCurly)) {
      const next = this.peek();
      if (next === Kw.Output) members.push(this.outputBlock());
      else if (next === Kw.Default) members.push(this.defaultBlock());
      else members.push(this.property());
      this.separator();
    }
    this.pos++;
    const span = this.spanFrom(first);
    return title ? { kind: "DecisionDeclaration", name, title, members: exact(members), span } : { kind: "DecisionDeclaration", name, members: exact(members), span };
  }

  private outputBlock(): Ast.OutputBlock {
    const first = this.take(Kw.Output);
    const fields = this.fieldBlock();
    return { kind: "OutputBlock", fields, span: this.spanFrom(first) };
  }

  private defaultBlock(): Ast.DefaultBlock {
    const first = this.take(Kw.Default);
    const assignments = this.assignmentBlock();
    return { kind: "DefaultBlock", assignments, span: this.spanFrom(first) };
  }

  private metricDeclaration(): Ast.MetricDeclaration {
    const first = this.take(Kw.Metric);
    const name = this.declarationName();
    const title = this.title();
    this.take(LCurly);
    const properties: Ast.Property[] = [];
    while (!this.is(RCurly)) {
      properties.push(this.property());
      this.separator();
    }
    this.pos++;
    const span = this.spanFrom(first);
    return title ? { kind: "MetricDeclaration", name, title, properties: exact(properties), span } : { kind: "MetricDeclaration", name, properties: exact(properties), span };
  }

  private scenarioDeclaration(): Ast.ScenarioDeclaration {
    const first = this.take(Kw.Scenario);
    const name = this.declarationName();
    const title = this.title();
    this.take(Kw.For);
    const decision = this.identifier(this.takeIdentifier());
    this.take(LCurly);
    const members: Ast.ScenarioMember[] = [];
    while (!this.is(RCurly)) {
      const next = this.peek();
      if (next === Kw.Situation) members.push(this.situationClause());
      else if (next === Kw.Goal) members.push(this.goalClause());
      else if (next === Kw.Pathway) members.push(this.pathway());
      else if (next === Kw.Metrics) members.push(this.metricsBlock());
      else members.push(this.property());
      this.separator();
    }
    this.pos++;
    const span = this.spanFrom(first);
    return title
      ? { kind: "ScenarioDeclaration", name, title, decision, members: exact(members), span }
      : { kind: "ScenarioDeclaration", name, decision, members: exact(members), span };
  }

  private situationClause(): Ast.SituationClause {
    const first = this.take(Kw.Situation);
    const condition = this.condition();
    return { kind: "Situation", condition, span: this.spanFrom(first) };
  }

  private goalClause(): Ast.GoalClause {
    const first = this.take(Kw.Goal);
    const text = this.stringLiteral(this.take(StringLiteral));
    return { kind: "Goal", text, span: this.spanFrom(first) };
  }

  private pathway(): Ast.Pathway {
    const first = this.take(Kw.Pathway);
    const name = this.declarationName();
    let when: Ast.Condition | undefined;
    let otherwise: Span | undefined;
    if (this.is(Kw.When)) {
      this.pos++;
      when = this.condition();
    } else {
      otherwise = this.tokenSpan(this.take(Kw.Otherwise));
    }
    this.take(LCurly);
    const members: (Ast.Assignment | Ast.Variation)[] = [];
    while (!this.is(RCurly)) {
      // `variation` and `split` are words too: a `:` after one makes it a field.
      const startsBlock = !this.is(Colon, 1);
      if (startsBlock && this.is(Kw.Variation)) members.push(this.variation());
      // A `split` directly in a pathway is reported by cst-to-ast.ts.
      else if (startsBlock && this.is(Kw.Split)) throw GIVE_UP;
      else members.push(this.assignment());
      this.separator();
    }
    this.pos++;
    const span = this.spanFrom(first);
    if (otherwise) return { kind: "Pathway", name, otherwise, members: exact(members), span };
    return { kind: "Pathway", name, when: when as Ast.Condition, members: exact(members), span };
  }

  private variation(): Ast.Variation {
    const first = this.take(Kw.Variation);
    const name = this.declarationName();
    let when: Ast.Condition | undefined;
    if (this.is(Kw.When)) {
      this.pos++;
      when = this.condition();
    }
    this.take(LCurly);
    const assignments: Ast.Assignment[] = [];
    let split: Ast.Split | undefined;
    while (!this.is(RCurly)) {
      // A `split` must be the variation's last member, and its only one;
      // cst-to-ast.ts reports any other.
      if (split) throw GIVE_UP;
      if (this.is(Kw.Split) && !this.is(Colon, 1)) split = this.splitClause();
      else assignments.push(this.assignment());
      this.separator();
    }
    this.pos++;
    const span = this.spanFrom(first);
    const withSplit = split ? { split } : {};
    if (!when) return { kind: "Variation", name, assignments: exact(assignments), ...withSplit, span };
    return { kind: "Variation", name, when, assignments: exact(assignments), ...withSplit, span };
  }

  private splitClause(): Ast.Split {
    const first = this.take(Kw.Split);
    const experiment = this.identifier(this.takeIdentifier());
    this.take(LCurly);
    const arms: Ast.SplitArm[] = [];
    while (!this.is(RCurly)) {
      const armFirst = this.takeWord();
      const record = this.recordLiteral();
      arms.push({ kind: "SplitArm", name: this.identifier(armFirst), assignments: record.entries, span: this.spanFrom(armFirst) });
      this.separator();
    }
    this.pos++;
    return { kind: "Split", experiment, arms: exact(arms), span: this.spanFrom(first) };
  }

  private experimentDeclaration(): Ast.ExperimentDeclaration {
    const first = this.take(Kw.Experiment);
    const name = this.declarationName();
    const title = this.title();
    this.take(LCurly);
    const members: (Ast.Property | Ast.ArmsBlock | Ast.MetricsBlock)[] = [];
    while (!this.is(RCurly)) {
      // `arms { … }` would also read as a property whose value is a record: the block wins.
      if (this.is(Ctx.Arms) && this.is(LCurly, 1)) members.push(this.armsBlock());
      else if (this.is(Kw.Metrics)) members.push(this.metricsBlock());
      else members.push(this.property());
      this.separator();
    }
    this.pos++;
    const span = this.spanFrom(first);
    return title ? { kind: "ExperimentDeclaration", name, title, members: exact(members), span } : { kind: "ExperimentDeclaration", name, members: exact(members), span };
  }

  private armsBlock(): Ast.ArmsBlock {
    const first = this.take(Ctx.Arms);
    this.take(LCurly);
    const arms: Ast.ExperimentArm[] = [];
    while (!this.is(RCurly)) {
      const armFirst = this.takeWord();
      const weight = this.percentLiteral(this.take(PercentLiteral));
      arms.push({ kind: "ExperimentArm", name: this.identifier(armFirst), weight, span: this.spanFrom(armFirst) });
      this.separator();
    }
    this.pos++;
    return { kind: "ArmsBlock", arms: exact(arms), span: this.spanFrom(first) };
  }

  private metricsBlock(): Ast.MetricsBlock {
    const first = this.take(Kw.Metrics);
    this.take(LCurly);
    const uses: Ast.MetricUse[] = [];
    while (!this.is(RCurly)) {
      uses.push(this.metricUse());
      this.separator();
    }
    this.pos++;
    return { kind: "MetricsBlock", uses: exact(uses), span: this.spanFrom(first) };
  }

  private metricUse(): Ast.MetricUse {
    const next = this.peek();
    if (next !== Ctx.Primary && next !== Ctx.Secondary && next !== Ctx.Guardrail) throw GIVE_UP;
    const first = this.pos++;
    const role = this.image(first) as Ast.MetricRole;
    const metric = this.identifier(this.takeIdentifier());
    let target: Ast.PercentLiteral | undefined;
    if (this.is(Ctx.Target)) {
      this.pos++;
      target = this.percentLiteral(this.take(PercentLiteral));
    }
    let within: Ast.MetricWindow | undefined;
    if (this.is(Ctx.Within)) {
      const windowFirst = this.pos++;
      const amount = this.numberLiteral(this.take(NumberLiteral));
      const unit = this.is(Ctx.Days) ? "days" : this.is(Ctx.Weeks) ? "weeks" : undefined;
      if (!unit) throw GIVE_UP;
      this.pos++;
      within = { kind: "MetricWindow", amount, unit, span: this.spanFrom(windowFirst) };
    }
    return {
      kind: "MetricUse",
      role,
      metric,
      ...(target ? { target } : {}),
      ...(within ? { within } : {}),
      span: this.spanFrom(first),
    };
  }

  private testDeclaration(): Ast.TestDeclaration {
    const first = this.take(Kw.Test);
    const title = this.stringLiteral(this.take(StringLiteral));
    this.take(LCurly);
    const members: (Ast.GivenBlock | Ast.ExpectRule | Ast.ExpectOutput | Ast.ExpectArm)[] = [];
    while (!this.is(RCurly)) {
      if (this.is(Kw.Given)) members.push(this.givenBlock());
      else members.push(this.expectClause());
      this.separator();
    }
    this.pos++;
    return { kind: "TestDeclaration", title, members: exact(members), span: this.spanFrom(first) };
  }

  private givenBlock(): Ast.GivenBlock {
    const first = this.take(Kw.Given);
    let fixture: Ast.Identifier | undefined;
    let value: Ast.RecordLiteral | undefined;
    if (this.is(LCurly)) {
      value = this.recordLiteral();
    } else {
      fixture = this.identifier(this.takeIdentifier());
      if (this.is(LCurly)) value = this.recordLiteral();
    }
    return { kind: "Given", ...(fixture ? { fixture } : {}), ...(value ? { value } : {}), span: this.spanFrom(first) };
  }

  private fixtureDeclaration(): Ast.FixtureDeclaration {
    const first = this.take(Kw.Fixture);
    const name = this.declarationName();
    let base: Ast.Identifier | undefined;
    if (this.is(Ctx.Extends)) {
      this.pos++;
      base = this.identifier(this.takeIdentifier());
    }
    const value = this.recordLiteral();
    return { kind: "FixtureDeclaration", name, ...(base ? { base } : {}), value, span: this.spanFrom(first) };
  }

  private expectClause(): Ast.ExpectRule | Ast.ExpectOutput | Ast.ExpectArm {
    const first = this.take(Kw.Expect);
    const decision = this.identifier(this.takeIdentifier());
    if (this.is(Ctx.Arm)) {
      this.pos++;
      const arm = this.identifier(this.takeWord());
      return { kind: "ExpectArm", decision, arm, span: this.spanFrom(first) };
    }
    if (this.is(LCurly)) {
      const output = this.recordLiteral();
      return { kind: "ExpectOutput", decision, output, span: this.spanFrom(first) };
    }
    this.take(Equals);
    const target = this.expectTarget();
    return { kind: "ExpectRule", decision, target, span: this.spanFrom(first) };
  }

  private expectTarget(): Ast.ExpectRule["target"] {
    if (this.is(Kw.Default)) return { kind: "ExpectDefault", span: this.tokenSpan(this.pos++) };
    // `none` is contextual: `none/p` (or `none.p`) is a scenario named `none`.
    if (this.is(Ctx.None) && !this.is(Dot, 1) && !this.is(Slash, 1)) return { kind: "ExpectNone", span: this.tokenSpan(this.pos++) };
    return this.ruleReference();
  }

  private ruleReference(): Ast.RuleReference {
    const first = this.takeIdentifier();
    const scenario = this.identifier(first);
    this.ruleSeparator();
    const pathway = this.identifier(this.takeWord());
    if (this.is(Slash) || this.is(Dot)) {
      this.pos++;
      const variation = this.identifier(this.takeWord());
      return { kind: "RuleReference", scenario, pathway, variation, span: this.spanFrom(first) };
    }
    return { kind: "RuleReference", scenario, pathway, span: this.spanFrom(first) };
  }

  private ruleSeparator(): void {
    if (!this.is(Slash) && !this.is(Dot)) throw GIVE_UP;
    this.pos++;
  }

  private property(): Ast.Property {
    const first = this.takeIdentifier();
    const value = this.value(false, false);
    return { kind: "Property", key: this.identifier(first), value, span: this.spanFrom(first) };
  }

  // -------------------------------------------------------------------------
  // Types

  /** `{ field: type … }`, the body of a context, an output block and a record type. */
  private fieldBlock(): Ast.FieldDeclaration[] {
    this.take(LCurly);
    const fields: Ast.FieldDeclaration[] = [];
    while (!this.is(RCurly)) {
      fields.push(this.fieldDeclaration());
      this.separator();
    }
    this.pos++;
    return exact(fields);
  }

  private fieldDeclaration(): Ast.FieldDeclaration {
    const first = this.takeWord();
    this.take(Colon);
    const type = this.typeExpression();
    const name = this.identifier(first);
    // `personal` may also be the name of the next field (`personal: bool`).
    if (this.is(Ctx.Personal) && !this.is(Colon, 1)) {
      const personal = this.tokenSpan(this.pos++);
      return { kind: "FieldDeclaration", name, type, personal, span: this.spanFrom(first) };
    }
    return { kind: "FieldDeclaration", name, type, span: this.spanFrom(first) };
  }

  private typeExpression(): Ast.TypeExpression {
    const first = this.pos;
    let inner: Ast.TypeExpression;
    if (this.is(Kw.Enum)) inner = this.enumType();
    // `list` is contextual: only `list<` starts a list type.
    else if (this.is(Ctx.List) && this.is(Less, 1)) inner = this.listType();
    else if (this.is(LCurly)) inner = { kind: "RecordType", fields: this.fieldBlock(), span: this.spanFrom(first) };
    else inner = this.typeReference();
    if (!this.is(Question)) return inner;
    this.pos++;
    return { kind: "OptionalType", inner, span: this.spanFrom(first) };
  }

  private enumType(): Ast.EnumType {
    const first = this.take(Kw.Enum);
    this.take(LCurly);
    const members: Ast.Identifier[] = [];
    while (!this.is(RCurly)) {
      if (!this.enumMemberMayStart()) throw GIVE_UP;
      members.push(this.identifier(this.takeWord()));
      this.separator();
    }
    this.pos++;
    return { kind: "EnumType", members: exact(members), span: this.spanFrom(first) };
  }

  /** grammar.ts's gate of the same name: a reserved word is a member only when a member's follower comes next. */
  private enumMemberMayStart(): boolean {
    if ((this.flags() & RESERVED) === 0) return true;
    const second = this.peek(1);
    if (second === Comma || second === RCurly) return true;
    const third = this.peek(2);
    return (this.flags(1) & WORD) !== 0 && ((this.flags(2) & WORD) !== 0 || third === Comma || third === RCurly);
  }

  private listType(): Ast.ListType {
    const first = this.take(Ctx.List);
    this.take(Less);
    const element = this.typeExpression();
    this.take(Greater);
    return { kind: "ListType", element, span: this.spanFrom(first) };
  }

  private typeReference(): Ast.TypeReference {
    const first = this.takeIdentifier();
    const name = this.identifier(first);
    if (!this.is(LParen)) return { kind: "TypeReference", name, span: this.spanFrom(first) };
    this.pos++;
    const range = this.range();
    this.take(RParen);
    return { kind: "TypeReference", name, range, span: this.spanFrom(first) };
  }

  // -------------------------------------------------------------------------
  // Values

  /** `{ field: value … }`, the body of a default block and of a record literal. */
  private assignmentBlock(): Ast.Assignment[] {
    this.take(LCurly);
    const assignments: Ast.Assignment[] = [];
    while (!this.is(RCurly)) {
      assignments.push(this.assignment());
      this.separator();
    }
    this.pos++;
    return exact(assignments);
  }

  private assignment(): Ast.Assignment {
    const first = this.takeWord();
    this.take(Colon);
    const value = this.value(false, false);
    return { kind: "Assignment", field: this.identifier(first), value, span: this.spanFrom(first) };
  }

  /** grammar.ts's `value`, its alternatives tried in the same order with the same gates. */
  private value(inCondition: boolean, inList: boolean): Ast.Value {
    const type = this.peek();
    if (type === StringLiteral) return this.stringLiteral(this.pos++);
    if (type === PercentLiteral) return this.percentLiteral(this.pos++);
    if (type === DateLiteral) return { kind: "Date", value: this.image(this.pos), span: this.tokenSpan(this.pos++) };
    if (type === Kw.True) return { kind: "Bool", value: true, span: this.tokenSpan(this.pos++) };
    if (type === Kw.False) return { kind: "Bool", value: false, span: this.tokenSpan(this.pos++) };
    if (type === LBracket) return this.listLiteral();
    if (type === LCurly && !inCondition) return this.recordLiteral();
    if (type !== NumberLiteral && (this.flags() & WORD) === 0) throw GIVE_UP;
    // A reserved word names an enum member only on the line of the token before it.
    if (!inList && (this.flags() & RESERVED) !== 0 && this.lines[this.pos] !== this.lines[this.pos - 1]) throw GIVE_UP;
    const first = this.pos;
    const low = this.rangeBound();
    if (!this.is(DotDot)) return low;
    this.pos++;
    const high = this.rangeBound();
    return { kind: "Range", low, high, span: this.spanFrom(first) };
  }

  private range(): Ast.RangeLiteral {
    const first = this.pos;
    const low = this.rangeBound();
    this.take(DotDot);
    const high = this.rangeBound();
    return { kind: "Range", low, high, span: this.spanFrom(first) };
  }

  private rangeBound(): Ast.NumberLiteral | Ast.Path {
    if (this.is(NumberLiteral)) return this.numberLiteral(this.pos++);
    return this.path(this.takeWord());
  }

  private listLiteral(): Ast.ListLiteral {
    const first = this.take(LBracket);
    const items: Ast.Value[] = [];
    while (!this.is(RBracket)) {
      // Inside `[ … ]` only items can follow, so any word is an item, on any line.
      items.push(this.value(false, true));
      this.separator();
    }
    this.pos++;
    return { kind: "List", items: exact(items), span: this.spanFrom(first) };
  }

  private recordLiteral(): Ast.RecordLiteral {
    const first = this.pos;
    const entries = this.assignmentBlock();
    return { kind: "Record", entries, span: this.spanFrom(first) };
  }

  /** A dotted name whose first word, already taken, is token `first`. */
  private path(first: number): Ast.Path {
    const segments: Ast.Identifier[] = [this.identifier(first)];
    while (this.is(Dot)) {
      this.pos++;
      segments.push(this.identifier(this.takeWord()));
    }
    return { kind: "Path", segments: exact(segments), span: this.spanFrom(first) };
  }

  /** A dotted name that starts a condition: a reserved word starts one only when what follows shows it is a path. */
  private subjectPath(): Ast.Path {
    const flags = this.flags();
    if ((flags & IDENTIFIER) === 0 && ((flags & WORD) === 0 || !this.reservedWordStartsPath())) throw GIVE_UP;
    return this.path(this.pos++);
  }

  private reservedWordStartsPath(): boolean {
    const next = this.peek(1);
    if (next === Dot || next === Kw.In || next === Kw.Contains || next === Kw.Is || (this.flags(1) & COMPARISON) !== 0) return true;
    const after = this.peek(2);
    return next === Kw.Not && (after === Kw.In || after === Kw.Contains);
  }

  // -------------------------------------------------------------------------
  // Conditions

  private condition(): Ast.Condition {
    const first = this.pos;
    const only = this.andCondition();
    if (!this.is(Kw.Or)) return only;
    const operands = [only];
    while (this.is(Kw.Or)) {
      this.pos++;
      operands.push(this.andCondition());
    }
    return { kind: "Or", operands: exact(operands), span: this.spanFrom(first) };
  }

  private andCondition(): Ast.Condition {
    const first = this.pos;
    const only = this.notCondition();
    if (!this.is(Kw.And)) return only;
    const operands = [only];
    while (this.is(Kw.And)) {
      this.pos++;
      operands.push(this.notCondition());
    }
    return { kind: "And", operands: exact(operands), span: this.spanFrom(first) };
  }

  private notCondition(): Ast.Condition {
    const first = this.pos;
    while (this.is(Kw.Not)) this.pos++;
    const lastNot = this.pos - 1;
    let condition = this.atom();
    // `not not x` nests from the inside out; a loop, so long chains cost no stack.
    for (let index = lastNot; index >= first; index--) {
      condition = { kind: "Not", operand: condition, span: new OffsetSpan(this.sourceLines, this.offsets[index] as number, endOffsetOf(condition.span)) };
    }
    return condition;
  }

  private atom(): Ast.Condition {
    const type = this.peek();
    if (type === LParen) {
      const first = this.pos++;
      const inner = this.condition();
      this.take(RParen);
      return { kind: "Paren", inner, span: this.spanFrom(first) };
    }
    if (type === Kw.True) return { kind: "BoolCondition", value: true, span: this.tokenSpan(this.pos++) };
    if (type === Kw.False) return { kind: "BoolCondition", value: false, span: this.tokenSpan(this.pos++) };
    return this.predicate();
  }

  private predicate(): Ast.Condition {
    const first = this.pos;
    const subject = this.subjectPath();
    const type = this.peek();
    if ((this.flags() & COMPARISON) !== 0) {
      const operatorIndex = this.pos++;
      const value = this.value(true, false);

      return {
        kind: "Compare",
        subject,
        operator: this.image(operatorIndex) as Ast.ComparisonOperator,
        operatorSpan: this.tokenSpan(operatorIndex),
        value,
        span: this.spanFrom(first),
      };
    }
    const negated = type === Kw.Not;
    const test = negated ? this.peek(1) : type;
    if (negated && test !== Kw.In && test !== Kw.Contains) return { kind: "Reference", path: subject, span: this.spanFrom(first) };
    if (test === Kw.In) {
      this.pos += negated ? 2 : 1;
      const set = this.is(LBracket) ? this.listLiteral() : this.range();
      return { kind: "In", subject, negated, set, span: this.spanFrom(first) };
    }
    if (test === Kw.Contains) {
      this.pos += negated ? 2 : 1;
      const value = this.value(true, false);
      return { kind: "Contains", subject, negated, value, span: this.spanFrom(first) };
    }
    if (type === Kw.Is) {
      this.pos++;
      const isNegated = this.is(Kw.Not);
      if (isNegated) this.pos++;
      this.take(Kw.Present);
      return { kind: "Present", subject, negated: isNegated, span: this.spanFrom(first) };
    }
    return { kind: "Reference", path: subject, span: this.spanFrom(first) };
  }
}
