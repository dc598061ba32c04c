/**
 * CST → AST: turns the parser's concrete syntax tree into the syntax tree of
 * ast.ts. The visitor has one method per grammar rule, and `ruleMethods`
 * checks when it is first used that none is missing, so a new rule breaks
 * every parse of a file with a syntax error until it is handled. Files
 * without one take the direct route (direct-parser.ts), which builds the
 * same tree without a concrete one.
 *
 * Invariants:
 * - It never throws on a tree built with error recovery: a token inserted by
 *   recovery or a missing child is treated as absent, and a node whose
 *   required part is absent is dropped (its parent keeps its other members).
 *   The parser has already reported the syntax error, so nothing is lost.
 * - Spans come from real tokens only and cover exactly a node's text.
 * - Its only diagnostics are about text the parser accepts on purpose so
 *   that parsing can go on: a reserved word as a declaration's name (kept in
 *   the tree), and a `split` where it does not belong (outside a variation,
 *   or not its last member; left out of the tree).
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import type * as Ast from "./ast.js";
import type { Diagnostic } from "./diagnostic.js";
import { makeDiagnostic } from "./catalog/index.js";
import { numberLiteralNode, percentLiteralNode, stringLiteralNode } from "./literals.js";
import { sharedParser } from "./grammar.js";
import type { Position, Span } from "./span.js";

type Children = Readonly<Record<string, CstElement[] | undefined>>;

function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

/** Whether a token holds text: tokens inserted by error recovery have none. */
function isRealToken(element: CstElement): element is IToken {
  return isToken(element) && element.isInsertedInRecovery !== true && !Number.isNaN(element.startOffset);
}

/** Real tokens under `key`. */
function tokens(ctx: Children, key: string): IToken[] {
  const found = ctx[key];
  const real: IToken[] = [];
  if (found) for (const element of found) if (isRealToken(element)) real.push(element);
  return real;
}

function token(ctx: Children, key: string, index = 0): IToken | undefined {
  const found = ctx[key];
  if (!found) return undefined;
  let seen = 0;
  for (const element of found) {
    if (isRealToken(element)) {
      if (seen === index) return element;
      seen += 1;
    }
  }
  return undefined;
}

function nodes(ctx: Children, key: string): CstNode[] {
  const found = ctx[key];
  const children: CstNode[] = [];
  if (found) for (const element of found) if (!isToken(element)) children.push(element);
  return children;
}

function firstNode(ctx: Children, key: string): CstNode | undefined {
  const found = ctx[key];
  if (found) for (const element of found) if (!isToken(element)) return element;
  return undefined;
}

function startOf(tokenOrNode: IToken): Position {
  return { offset: tokenOrNode.startOffset, line: tokenOrNode.startLine ?? 1, column: tokenOrNode.startColumn ?? 1 };
}

function endOf(tok: IToken): Position {
  return { offset: (tok.endOffset ?? tok.startOffset) + 1, line: tok.endLine ?? 1, column: (tok.endColumn ?? 0) + 1 };
}

function byOffset<T extends { readonly span: Span }>(items: T[]): T[] {
  return items.sort((a, b) => a.span.start.offset - b.span.start.offset);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** One builder per file: it holds the file path for spans and collects diagnostics. */
class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  // -------------------------------------------------------------------------
  // Helpers

  tokenSpan(tok: IToken): Span {
    return { file: this.file, start: startOf(tok), end: endOf(tok) };
  }

  /** The span of a CST node, or undefined when recovery left it without any real token. */
  nodeSpan(node: CstNode): Span | undefined {
    const location = node.location;
    if (!location || Number.isNaN(location.startOffset) || location.endOffset === undefined || Number.isNaN(location.endOffset)) {
      return undefined;
    }
    return {
      file: this.file,
      start: { offset: location.startOffset, line: location.startLine ?? 1, column: location.startColumn ?? 1 },
      end: { offset: location.endOffset + 1, line: location.endLine ?? 1, column: (location.endColumn ?? 0) + 1 },
    };
  }

  identifier(tok: IToken | undefined): Ast.Identifier | undefined {
    if (!tok) return undefined;
    return { kind: "Identifier", name: tok.image, span: this.tokenSpan(tok) };
  }

  stringLiteral(tok: IToken | undefined): Ast.StringLiteral | undefined {
    return tok ? stringLiteralNode(tok.image, this.tokenSpan(tok)) : undefined;
  }

  numberLiteral(tok: IToken | undefined): Ast.NumberLiteral | undefined {
    return tok ? numberLiteralNode(tok.image, this.tokenSpan(tok)) : undefined;
  }

  percentLiteral(tok: IToken | undefined): Ast.PercentLiteral | undefined {
    return tok ? percentLiteralNode(tok.image, this.tokenSpan(tok)) : undefined;
  }

  /** Visits the first child under `key`, if any. */
  child<T>(ctx: Children, key: string): T | undefined {
    const node = firstNode(ctx, key);
    return node ? (this.visit(node) as T | undefined) : undefined;
  }

  /** Visits every child under `key`, dropping those that came back absent. */
  all<T>(ctx: Children, key: string): T[] {
    const built: T[] = [];
    const found = ctx[key];
    if (!found) return built;
    for (const element of found) {
      if (isToken(element)) continue;
      const value = this.visit(element) as T | undefined;
      if (value !== undefined) built.push(value);
    }
    return built;
  }

  /** Every rule method receives its own node as the visitor parameter, to compute its span when it needs one. */
  visit(node: CstNode | CstNode[]): unknown {
    const single = Array.isArray(node) ? node[0] : node;
    if (!single) return undefined;
    const method = ruleMethods().get(single.name);
    if (!method) throw new Error(`internal: no visitor method for the rule ${single.name}`);
    return method.call(this, single.children, single);
  }

  // -------------------------------------------------------------------------
  // Files and declarations

  sourceFile(ctx: Children): Ast.Declaration[] {
    return this.all<Ast.Declaration>(ctx, "declaration");
  }

  declaration(ctx: Children): Ast.Declaration | undefined {
    for (const key of Object.keys(ctx)) {
      const built = this.child<Ast.Declaration>(ctx, key);
      if (built) return built;
    }
    return undefined;
  }

  contextDeclaration(ctx: Children, node: CstNode): Ast.ContextDeclaration | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "ContextDeclaration", fields: this.all(ctx, "fieldDeclaration"), span };
  }

  typeDeclaration(ctx: Children, node: CstNode): Ast.TypeDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a type");
    const type = this.child<Ast.TypeExpression>(ctx, "typeExpression");
    if (!span || !name || !type) return undefined;
    return { kind: "TypeDeclaration", name, type, span };
  }

  constDeclaration(ctx: Children, node: CstNode): Ast.ConstDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a const");
    const value = this.child<Ast.Value>(ctx, "value");
    if (!span || !name || !value) return undefined;
    return { kind: "ConstDeclaration", name, value, span };
  }

  segmentDeclaration(ctx: Children, node: CstNode): Ast.SegmentDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a segment");
    const condition = this.child<Ast.Condition>(ctx, "condition");
    if (!span || !name || !condition) return undefined;
    const title = this.stringLiteral(token(ctx, "StringLiteral"));
    return title
      ? { kind: "SegmentDeclaration", name, title, condition, span }
      : { kind: "SegmentDeclaration", name, condition, span };
  }

  consentDeclaration(ctx: Children, node: CstNode): Ast.ConsentDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a consent gate");
    const path = this.child<Ast.Path>(ctx, "subjectPath");
    if (!span || !name || !path) return undefined;
    return { kind: "ConsentDeclaration", name, path, span };
  }

  decisionDeclaration(ctx: Children, node: CstNode): Ast.DecisionDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a decision");
    if (!span || !name) return undefined;
    const members = byOffset<Ast.OutputBlock | Ast.DefaultBlock | Ast.Property>([
      ...this.all<Ast.OutputBlock>(ctx, "outputBlock"),
      ...this.all<Ast.DefaultBlock>(ctx, "defaultBlock"),
      ...this.all<Ast.Property>(ctx, "property"),
    ]);
    const title = this.stringLiteral(token(ctx, "StringLiteral"));
    return title
      ? { kind: "DecisionDeclaration", name, title, members, span }
      : { kind: "DecisionDeclaration", name, members, span };
  }

  outputBlock(ctx: Children, node: CstNode): Ast.OutputBlock | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "OutputBlock", fields: this.all(ctx, "fieldDeclaration"), span };
  }

  defaultBlock(ctx: Children, node: CstNode): Ast.DefaultBlock | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "DefaultBlock", assignments: this.all(ctx, "assignment"), span };
  }

  metricDeclaration(ctx: Children, node: CstNode): Ast.MetricDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a metric");
    if (!span || !name) return undefined;
    const properties = this.all<Ast.Property>(ctx, "property");
    const title = this.stringLiteral(token(ctx, "StringLiteral"));
    return title
      ? { kind: "MetricDeclaration", name, title, properties, span }
      : { kind: "MetricDeclaration", name, properties, span };
  }

  scenarioDeclaration(ctx: Children, node: CstNode): Ast.ScenarioDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a scenario");
    const decision = this.identifier(token(ctx, "Identifier"));
    if (!span || !name || !decision) return undefined;
    const members = byOffset<Ast.ScenarioMember>([
      ...this.all<Ast.SituationClause>(ctx, "situationClause"),
      ...this.all<Ast.GoalClause>(ctx, "goalClause"),
      ...this.all<Ast.Pathway>(ctx, "pathway"),
      ...this.all<Ast.MetricsBlock>(ctx, "metricsBlock"),
      ...this.all<Ast.Property>(ctx, "property"),
    ]);
    const title = this.stringLiteral(token(ctx, "StringLiteral"));
    return title
      ? { kind: "ScenarioDeclaration", name, title, decision, members, span }
      : { kind: "ScenarioDeclaration", name, decision, members, span };
  }

  situationClause(ctx: Children, node: CstNode): Ast.SituationClause | undefined {
    const span = this.nodeSpan(node);
    const condition = this.child<Ast.Condition>(ctx, "condition");
    if (!span || !condition) return undefined;
    return { kind: "Situation", condition, span };
  }

  goalClause(ctx: Children, node: CstNode): Ast.GoalClause | undefined {
    const span = this.nodeSpan(node);
    const text = this.stringLiteral(token(ctx, "StringLiteral"));
    if (!span || !text) return undefined;
    return { kind: "Goal", text, span };
  }

  pathway(ctx: Children, node: CstNode): Ast.Pathway | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a pathway");
    if (!span || !name) return undefined;
    for (const split of this.all<Ast.Split>(ctx, "splitClause")) {
      this.reportMisplacedSplit(split, "a `split` belongs inside a variation, not directly in a pathway", "move the `split` into the variation it tests, as its last member");
    }
    const members = byOffset<Ast.Assignment | Ast.Variation>([
      ...this.all<Ast.Assignment>(ctx, "assignment"),
      ...this.all<Ast.Variation>(ctx, "variation"),
    ]);
    const otherwise = token(ctx, "Otherwise");
    if (otherwise) return { kind: "Pathway", name, otherwise: this.tokenSpan(otherwise), members, span };
    const when = this.child<Ast.Condition>(ctx, "condition");
    if (!when) return undefined;
    return { kind: "Pathway", name, when, members, span };
  }

  variation(ctx: Children, node: CstNode): Ast.Variation | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a variation");
    if (!span || !name) return undefined;
    const assignments = this.all<Ast.Assignment>(ctx, "assignment");
    const split = this.variationSplit(ctx, assignments);
    const withSplit = split ? { split } : {};
    if (!token(ctx, "When")) return { kind: "Variation", name, assignments, ...withSplit, span };
    const when = this.child<Ast.Condition>(ctx, "condition");
    if (!when) return undefined;
    return { kind: "Variation", name, when, assignments, ...withSplit, span };
  }

  /**
   * The variation's `split`: one, as its last member (arms layer last, so
   * writing them last reads in the order they apply). Any other `split` is
   * reported and left out of the tree.
   */
  variationSplit(ctx: Children, assignments: readonly Ast.Assignment[]): Ast.Split | undefined {
    const splits = this.all<Ast.Split>(ctx, "splitClause");
    const last = splits.at(-1);
    for (const extra of splits.slice(0, -1)) {
      this.reportMisplacedSplit(extra, "a variation has at most one `split`", "keep one `split` and move the other arms into it, or split another variation");
    }
    if (!last) return undefined;
    const after = assignments.find((a) => a.span.start.offset > last.span.start.offset);
    if (after) {
      this.reportMisplacedSplit(last, "a `split` must be the last member of its variation", "move the assignments after the `split` above it");
      return undefined;
    }
    return last;
  }

  reportMisplacedSplit(split: Ast.Split, message: string, help: string): void {
    this.diagnostics.push(makeDiagnostic("split-misplaced", split.span, message, { help }));
  }

  splitClause(ctx: Children, node: CstNode): Ast.Split | undefined {
    const span = this.nodeSpan(node);
    const experiment = this.identifier(token(ctx, "Identifier"));
    if (!span || !experiment) return undefined;
    return { kind: "Split", experiment, arms: this.all<Ast.SplitArm>(ctx, "splitArm"), span };
  }

  splitArm(ctx: Children, node: CstNode): Ast.SplitArm | undefined {
    const span = this.nodeSpan(node);
    const name = this.identifier(token(ctx, "Word"));
    const record = this.child<Ast.RecordLiteral>(ctx, "recordLiteral");
    if (!span || !name || !record) return undefined;
    return { kind: "SplitArm", name, assignments: record.entries, span };
  }

  experimentDeclaration(ctx: Children, node: CstNode): Ast.ExperimentDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "an experiment");
    if (!span || !name) return undefined;
    const members = byOffset<Ast.Property | Ast.ArmsBlock | Ast.MetricsBlock>([
      ...this.all<Ast.Property>(ctx, "property"),
      ...this.all<Ast.ArmsBlock>(ctx, "armsBlock"),
      ...this.all<Ast.MetricsBlock>(ctx, "metricsBlock"),
    ]);
    const title = this.stringLiteral(token(ctx, "StringLiteral"));
    return title
      ? { kind: "ExperimentDeclaration", name, title, members, span }
      : { kind: "ExperimentDeclaration", name, members, span };
  }

  armsBlock(ctx: Children, node: CstNode): Ast.ArmsBlock | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "ArmsBlock", arms: this.all<Ast.ExperimentArm>(ctx, "experimentArm"), span };
  }

  experimentArm(ctx: Children, node: CstNode): Ast.ExperimentArm | undefined {
    const span = this.nodeSpan(node);
    const name = this.identifier(token(ctx, "Word"));
    const weight = this.percentLiteral(token(ctx, "PercentLiteral"));
    if (!span || !name || !weight) return undefined;
    return { kind: "ExperimentArm", name, weight, span };
  }

  metricsBlock(ctx: Children, node: CstNode): Ast.MetricsBlock | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "MetricsBlock", uses: this.all(ctx, "metricUse"), span };
  }

  metricUse(ctx: Children, node: CstNode): Ast.MetricUse | undefined {
    const span = this.nodeSpan(node);
    const roleToken = token(ctx, "Primary") ?? token(ctx, "Secondary") ?? token(ctx, "Guardrail");
    const metric = this.identifier(token(ctx, "Identifier"));
    if (!span || !roleToken || !metric) return undefined;
    const role = roleToken.image as Ast.MetricRole;
    const target = this.percentLiteral(token(ctx, "PercentLiteral"));
    const within = this.child<Ast.MetricWindow>(ctx, "metricWindow");
    return {
      kind: "MetricUse",
      role,
      metric,
      ...(target ? { target } : {}),
      ...(within ? { within } : {}),
      span,
    };
  }

  metricWindow(ctx: Children, node: CstNode): Ast.MetricWindow | undefined {
    const span = this.nodeSpan(node);
    const amount = this.numberLiteral(token(ctx, "NumberLiteral"));
    const unit = token(ctx, "Days") ? "days" : token(ctx, "Weeks") ? "weeks" : undefined;
    if (!span || !amount || !unit) return undefined;
    return { kind: "MetricWindow", amount, unit, span };
  }

  testDeclaration(ctx: Children, node: CstNode): Ast.TestDeclaration | undefined {
    const span = this.nodeSpan(node);
    const title = this.stringLiteral(token(ctx, "StringLiteral"));
    if (!span || !title) return undefined;
    const members = byOffset<Ast.GivenBlock | Ast.ExpectRule | Ast.ExpectOutput | Ast.ExpectArm>([
      ...this.all<Ast.GivenBlock>(ctx, "givenBlock"),
      ...this.all<Ast.ExpectRule | Ast.ExpectOutput | Ast.ExpectArm>(ctx, "expectClause"),
    ]);
    return { kind: "TestDeclaration", title, members, span };
  }

  givenBlock(ctx: Children, node: CstNode): Ast.GivenBlock | undefined {
    const span = this.nodeSpan(node);
    const fixture = this.identifier(token(ctx, "Identifier"));
    const value = this.child<Ast.RecordLiteral>(ctx, "recordLiteral");
    if (!span || (!fixture && !value)) return undefined;
    return { kind: "Given", ...(fixture ? { fixture } : {}), ...(value ? { value } : {}), span };
  }

  fixtureDeclaration(ctx: Children, node: CstNode): Ast.FixtureDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.declaredName(ctx, "a fixture");
    const base = this.identifier(token(ctx, "Identifier"));
    const value = this.child<Ast.RecordLiteral>(ctx, "recordLiteral");
    if (!span || !name || !value) return undefined;
    return { kind: "FixtureDeclaration", name, ...(base ? { base } : {}), value, span };
  }

  expectClause(ctx: Children, node: CstNode): Ast.ExpectRule | Ast.ExpectOutput | Ast.ExpectArm | undefined {
    const span = this.nodeSpan(node);
    const decision = this.identifier(token(ctx, "Identifier"));
    if (!span || !decision) return undefined;
    if (token(ctx, "Arm")) {
      const arm = this.identifier(token(ctx, "Word"));
      return arm ? { kind: "ExpectArm", decision, arm, span } : undefined;
    }
    const output = this.child<Ast.RecordLiteral>(ctx, "recordLiteral");
    if (output) return { kind: "ExpectOutput", decision, output, span };
    const target = this.child<Ast.ExpectRule["target"]>(ctx, "expectTarget");
    if (!target) return undefined;
    return { kind: "ExpectRule", decision, target, span };
  }

  expectTarget(ctx: Children, node: CstNode): Ast.ExpectRule["target"] | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    if (token(ctx, "Default")) return { kind: "ExpectDefault", span };
    if (token(ctx, "None")) return { kind: "ExpectNone", span };
    return this.child<Ast.RuleReference>(ctx, "ruleReference");
  }

  ruleReference(ctx: Children, node: CstNode): Ast.RuleReference | undefined {
    const span = this.nodeSpan(node);
    const scenario = this.identifier(token(ctx, "Identifier"));
    const pathway = this.identifier(token(ctx, "Word"));
    if (!span || !scenario || !pathway) return undefined;
    const variation = this.identifier(token(ctx, "Word", 1));
    return variation
      ? { kind: "RuleReference", scenario, pathway, variation, span }
      : { kind: "RuleReference", scenario, pathway, span };
  }

  /** The name a declaration introduces; a reserved word is reported, and kept so the rest still builds. */
  declaredName(ctx: Children, what: string): Ast.Identifier | undefined {
    const node = firstNode(ctx, "declarationName");
    if (!node) return undefined;
    const plain = this.identifier(token(node.children, "Identifier"));
    if (plain) return plain;
    const reserved = this.identifier(token(node.children, "Word"));
    if (reserved) {
      this.diagnostics.push(
        makeDiagnostic("reserved-word-as-name", reserved.span, `\`${reserved.name}\` is a reserved word and cannot name ${what}`, {
          help: `choose another name, such as \`${reserved.name}_1\``,
        }),
      );
    }
    return reserved;
  }

  /** Declarations read their name through `declaredName`, which knows what is being named. */
  declarationName(ctx: Children): Ast.Identifier | undefined {
    return this.identifier(token(ctx, "Identifier") ?? token(ctx, "Word"));
  }

  property(ctx: Children, node: CstNode): Ast.Property | undefined {
    const span = this.nodeSpan(node);
    const key = this.identifier(token(ctx, "Identifier"));
    const value = this.child<Ast.Value>(ctx, "value");
    if (!span || !key || !value) return undefined;
    return { kind: "Property", key, value, span };
  }

  // -------------------------------------------------------------------------
  // Types

  fieldDeclaration(ctx: Children, node: CstNode): Ast.FieldDeclaration | undefined {
    const span = this.nodeSpan(node);
    const name = this.identifier(token(ctx, "Word"));
    const type = this.child<Ast.TypeExpression>(ctx, "typeExpression");
    if (!span || !name || !type) return undefined;
    const personal = token(ctx, "Personal");
    return personal
      ? { kind: "FieldDeclaration", name, type, personal: this.tokenSpan(personal), span }
      : { kind: "FieldDeclaration", name, type, span };
  }

  typeExpression(ctx: Children, node: CstNode): Ast.TypeExpression | undefined {
    const inner =
      this.child<Ast.TypeExpression>(ctx, "enumType") ??
      this.child<Ast.TypeExpression>(ctx, "listType") ??
      this.child<Ast.TypeExpression>(ctx, "recordType") ??
      this.child<Ast.TypeExpression>(ctx, "typeReference");
    if (!inner || !token(ctx, "Question")) return inner;
    const span = this.nodeSpan(node);
    return span ? { kind: "OptionalType", inner, span } : undefined;
  }

  enumType(ctx: Children, node: CstNode): Ast.EnumType | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    const members = tokens(ctx, "Word").map((t) => this.identifier(t)).filter(isDefined);
    return { kind: "EnumType", members, span };
  }

  listType(ctx: Children, node: CstNode): Ast.ListType | undefined {
    const span = this.nodeSpan(node);
    const element = this.child<Ast.TypeExpression>(ctx, "typeExpression");
    if (!span || !element) return undefined;
    return { kind: "ListType", element, span };
  }

  recordType(ctx: Children, node: CstNode): Ast.RecordType | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "RecordType", fields: this.all(ctx, "fieldDeclaration"), span };
  }

  typeReference(ctx: Children, node: CstNode): Ast.TypeReference | undefined {
    const span = this.nodeSpan(node);
    const name = this.identifier(token(ctx, "Identifier"));
    if (!span || !name) return undefined;
    const range = this.child<Ast.RangeLiteral>(ctx, "range");
    return range ? { kind: "TypeReference", name, range, span } : { kind: "TypeReference", name, span };
  }

  // -------------------------------------------------------------------------
  // Values

  assignment(ctx: Children, node: CstNode): Ast.Assignment | undefined {
    const span = this.nodeSpan(node);
    const field = this.identifier(token(ctx, "Word"));
    const value = this.child<Ast.Value>(ctx, "value");
    if (!span || !field || !value) return undefined;
    return { kind: "Assignment", field, value, span };
  }

  value(ctx: Children): Ast.Value | undefined {
    const text = token(ctx, "StringLiteral");
    if (text) return this.stringLiteral(text);
    const percent = token(ctx, "PercentLiteral");
    if (percent) return this.percentLiteral(percent);
    const date = token(ctx, "DateLiteral");
    if (date) return { kind: "Date", value: date.image, span: this.tokenSpan(date) };
    const yes = token(ctx, "True");
    if (yes) return { kind: "Bool", value: true, span: this.tokenSpan(yes) };
    const no = token(ctx, "False");
    if (no) return { kind: "Bool", value: false, span: this.tokenSpan(no) };
    return (
      this.child<Ast.Value>(ctx, "listLiteral") ??
      this.child<Ast.Value>(ctx, "recordLiteral") ??
      this.child<Ast.Value>(ctx, "scalarOrRange")
    );
  }

  scalarOrRange(ctx: Children, node: CstNode): Ast.Value | undefined {
    const bounds = this.all<Ast.NumberLiteral | Ast.Path>(ctx, "rangeBound");
    const [low, high] = bounds;
    if (!low) return undefined;
    if (!token(ctx, "DotDot")) return low;
    const span = this.nodeSpan(node);
    if (!high || !span) return undefined;
    return { kind: "Range", low, high, span };
  }

  range(ctx: Children, node: CstNode): Ast.RangeLiteral | undefined {
    const span = this.nodeSpan(node);
    const [low, high] = this.all<Ast.NumberLiteral | Ast.Path>(ctx, "rangeBound");
    if (!span || !low || !high) return undefined;
    return { kind: "Range", low, high, span };
  }

  rangeBound(ctx: Children): Ast.NumberLiteral | Ast.Path | undefined {
    return this.numberLiteral(token(ctx, "NumberLiteral")) ?? this.child<Ast.Path>(ctx, "path");
  }

  listLiteral(ctx: Children, node: CstNode): Ast.ListLiteral | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "List", items: this.all(ctx, "value"), span };
  }

  recordLiteral(ctx: Children, node: CstNode): Ast.RecordLiteral | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    return { kind: "Record", entries: this.all(ctx, "assignment"), span };
  }

  path(ctx: Children, node: CstNode): Ast.Path | undefined {
    const span = this.nodeSpan(node);
    return this.pathFrom(tokens(ctx, "Word"), span);
  }

  subjectPath(ctx: Children, node: CstNode): Ast.Path | undefined {
    const span = this.nodeSpan(node);
    // A path starts with an `Identifier` or a reserved `Word`, and goes on with words.
    const first = tokens(ctx, "Identifier");
    const rest = tokens(ctx, "Word");
    const words = first.length === 0 ? rest : rest.length === 0 ? first : [...first, ...rest].sort((a, b) => a.startOffset - b.startOffset);
    return this.pathFrom(words, span);
  }

  pathFrom(words: readonly IToken[], span: Span | undefined): Ast.Path | undefined {
    if (!span || words.length === 0) return undefined;
    const segments: Ast.Identifier[] = [];
    for (const word of words) segments.push({ kind: "Identifier", name: word.image, span: this.tokenSpan(word) });
    return { kind: "Path", segments, span };
  }

  // -------------------------------------------------------------------------
  // Conditions

  condition(ctx: Children, node: CstNode): Ast.Condition | undefined {
    const operands = this.all<Ast.Condition>(ctx, "andCondition");
    const [only] = operands;
    if (operands.length <= 1) return only;
    const span = this.nodeSpan(node);
    return span ? { kind: "Or", operands, span } : undefined;
  }

  andCondition(ctx: Children, node: CstNode): Ast.Condition | undefined {
    const operands = this.all<Ast.Condition>(ctx, "notCondition");
    const [only] = operands;
    if (operands.length <= 1) return only;
    const span = this.nodeSpan(node);
    return span ? { kind: "And", operands, span } : undefined;
  }

  notCondition(ctx: Children): Ast.Condition | undefined {
    let condition = this.child<Ast.Condition>(ctx, "atom");
    if (!condition) return undefined;
    // `not not x` nests from the inside out; a loop, so long chains cost no stack.
    const nots = tokens(ctx, "Not");
    for (let i = nots.length - 1; i >= 0; i--) {
      const notToken = nots[i];
      if (!notToken) continue;
      condition = {
        kind: "Not",
        operand: condition,
        span: { file: this.file, start: startOf(notToken), end: condition.span.end },
      };
    }
    return condition;
  }

  atom(ctx: Children): Ast.Condition | undefined {
    const yes = token(ctx, "True");
    if (yes) return { kind: "BoolCondition", value: true, span: this.tokenSpan(yes) };
    const no = token(ctx, "False");
    if (no) return { kind: "BoolCondition", value: false, span: this.tokenSpan(no) };
    return this.child<Ast.Condition>(ctx, "parenCondition") ?? this.child<Ast.Condition>(ctx, "predicate");
  }

  parenCondition(ctx: Children, node: CstNode): Ast.ParenCondition | undefined {
    const span = this.nodeSpan(node);
    const inner = this.child<Ast.Condition>(ctx, "condition");
    if (!span || !inner) return undefined;
    return { kind: "Paren", inner, span };
  }

  predicate(ctx: Children, node: CstNode): Ast.Condition | undefined {
    const span = this.nodeSpan(node);
    const subject = this.child<Ast.Path>(ctx, "subjectPath");
    if (!span || !subject) return undefined;
    const comparison = this.child<ComparisonTail>(ctx, "comparison");
    if (comparison) return { kind: "Compare", subject, ...comparison, span };
    const inTail = this.child<InTail>(ctx, "inTest");
    if (inTail) return { kind: "In", subject, ...inTail, span };
    const containsTail = this.child<ContainsTail>(ctx, "containsTest");
    if (containsTail) return { kind: "Contains", subject, ...containsTail, span };
    const presentTail = this.child<PresentTail>(ctx, "presentTest");
    if (presentTail) return { kind: "Present", subject, ...presentTail, span };
    // A tail that recovery left incomplete drops the whole predicate.
    if (nodes(ctx, "comparison").length + nodes(ctx, "inTest").length + nodes(ctx, "containsTest").length + nodes(ctx, "presentTest").length > 0) {
      return undefined;
    }
    return { kind: "Reference", path: subject, span };
  }

  comparison(ctx: Children): ComparisonTail | undefined {
    const operatorToken = token(ctx, "ComparisonOperator");
    const value = this.child<Ast.Value>(ctx, "value");
    if (!operatorToken || !value) return undefined;
    return { operator: operatorToken.image as Ast.ComparisonOperator, operatorSpan: this.tokenSpan(operatorToken), value };
  }

  inTest(ctx: Children): InTail | undefined {
    const set = this.child<Ast.ListLiteral>(ctx, "listLiteral") ?? this.child<Ast.RangeLiteral>(ctx, "range");
    if (!set || !token(ctx, "In")) return undefined;
    return { negated: token(ctx, "Not") !== undefined, set };
  }

  containsTest(ctx: Children): ContainsTail | undefined {
    const value = this.child<Ast.Value>(ctx, "value");
    if (!value || !token(ctx, "Contains")) return undefined;
    return { negated: token(ctx, "Not") !== undefined, value };
  }

  presentTest(ctx: Children): PresentTail | undefined {
    if (!token(ctx, "Present")) return undefined;
    return { negated: token(ctx, "Not") !== undefined };
  }
}

type RuleMethod = (this: AstBuilder, ctx: Children, node: CstNode) => unknown;

let RULE_METHODS: ReadonlyMap<string, RuleMethod> | undefined;

/**
 * The visitor method of each grammar rule, found once (a lookup by name on
 * every node is one V8 cannot cache across fifty names, and cost more than
 * building the node). A rule without a method fails here, at the first
 * tree built, so a new rule cannot go unhandled.
 */
function ruleMethods(): ReadonlyMap<string, RuleMethod> {
  if (RULE_METHODS) return RULE_METHODS;
  const methods = new Map<string, RuleMethod>();
  for (const name of Object.keys(sharedParser().getGAstProductions())) {
    const method = (AstBuilder.prototype as unknown as Record<string, RuleMethod | undefined>)[name];
    if (typeof method !== "function") throw new Error(`internal: no visitor method for the rule ${name}`);
    methods.set(name, method);
  }
  RULE_METHODS = methods;
  return methods;
}

interface ComparisonTail {
  readonly operator: Ast.ComparisonOperator;
  readonly operatorSpan: Span;
  readonly value: Ast.Value;
}
interface InTail {
  readonly negated: boolean;
  readonly set: Ast.ListLiteral | Ast.RangeLiteral;
}
interface ContainsTail {
  readonly negated: boolean;
  readonly value: Ast.Value;
}
interface PresentTail {
  readonly negated: boolean;
}

export interface BuiltDeclarations {
  readonly declarations: readonly Ast.Declaration[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Builds the declarations of one file from the CSTs of its parts, given in
 * file order: one `sourceFile` CST for the whole file, or one per run of
 * declarations when the file is parsed piece by piece (parse-file.ts).
 */
export class DeclarationBuilder {
  private readonly builder: AstBuilder;
  private readonly built: Ast.Declaration[] = [];

  constructor(file: string) {
    this.builder = new AstBuilder(file);
  }

  add(cst: CstNode): void {
    const declarations = (this.builder.visit(cst) as Ast.Declaration[] | undefined) ?? [];
    for (const declaration of declarations) this.built.push(declaration);
  }

  result(): BuiltDeclarations {
    return { declarations: this.built, diagnostics: this.builder.diagnostics };
  }
}

/** Builds the declarations of one file from its CST. */
export function cstToAst(cst: CstNode, file: string): BuiltDeclarations {
  const builder = new DeclarationBuilder(file);
  builder.add(cst);
  return builder.result();
}
