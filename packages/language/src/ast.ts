/**
 * The syntax tree: what the parser builds from the CST, and what the checker,
 * the formatter and the docs tools read. It mirrors the source closely (it
 * keeps parentheses, titles and the order of members) so that the formatter
 * can print it back; meaning is assigned later by the checker.
 *
 * Invariants:
 * - Every node has a `kind` (a string literal, unique per node type) and a
 *   `span` covering exactly its source text.
 * - Trees are immutable (`readonly` everywhere): no stage edits another
 *   stage's tree; later stages build their own values.
 * - Nodes whose text could not be parsed are simply missing (error recovery);
 *   optional fields say where that can happen.
 */
import type { Span } from "./span.js";

interface NodeBase {
  readonly span: Span;
}

// ---------------------------------------------------------------------------
// Names

/** One word. In field and enum-member positions it may be a reserved word. */
export interface Identifier extends NodeBase {
  readonly kind: "Identifier";
  readonly name: string;
}

/**
 * A dotted name: a context path (`customer.loyalty`), or a single word that the
 * checker resolves (a segment, a const, an enum member, a bool field).
 */
export interface Path extends NodeBase {
  readonly kind: "Path";
  readonly segments: readonly Identifier[];
}

// ---------------------------------------------------------------------------
// Literals and values

export interface StringLiteral extends NodeBase {
  readonly kind: "String";
  /** The decoded value (escapes applied). */
  readonly value: string;
  /** The source text including quotes, for the formatter. */
  readonly raw: string;
}

export interface NumberLiteral extends NodeBase {
  readonly kind: "Number";
  readonly value: number;
  /** True when written without a decimal point (`42`, `-3`). */
  readonly isInteger: boolean;
  readonly raw: string;
}

export interface BoolLiteral extends NodeBase {
  readonly kind: "Bool";
  readonly value: boolean;
}

/** `15%`, `+15%`, `-20%`: metric targets only. `value` is the signed number (15, -20). */
export interface PercentLiteral extends NodeBase {
  readonly kind: "Percent";
  readonly value: number;
  /** Whether the sign was written explicitly (`+15%`). */
  readonly explicitSign: boolean;
  readonly raw: string;
}

/** `2027-03-31`: metadata only (`expires`). `value` is the text as written. */
export interface DateLiteral extends NodeBase {
  readonly kind: "Date";
  readonly value: string;
}

/** `lo..hi`, inclusive at both ends. Bounds may name consts. */
export interface RangeLiteral extends NodeBase {
  readonly kind: "Range";
  readonly low: NumberLiteral | Path;
  readonly high: NumberLiteral | Path;
}

export interface ListLiteral extends NodeBase {
  readonly kind: "List";
  readonly items: readonly Value[];
}

/** `{ field: value … }` in assignments (nested output records) and `given` blocks. */
export interface RecordLiteral extends NodeBase {
  readonly kind: "Record";
  readonly entries: readonly Assignment[];
}

export type Literal =
  | StringLiteral
  | NumberLiteral
  | BoolLiteral
  | PercentLiteral
  | DateLiteral
  | RangeLiteral;

/**
 * A value in an assignment, a comparison, a list, a property or a `given`.
 * A `Path` here is a word to resolve (enum member or const); a dotted `Path`
 * on the right of a comparison is a field-to-field comparison, which the
 * checker rejects with an explanation of the tabular principle.
 */
export type Value = Literal | ListLiteral | RecordLiteral | Path;

/** `field: value`, in pathways, variations, `default`, and `given`. */
export interface Assignment extends NodeBase {
  readonly kind: "Assignment";
  readonly field: Identifier;
  readonly value: Value;
}

// ---------------------------------------------------------------------------
// Types (context and output schemas)

/**
 * A type by name: a built-in (`bool`, `int`, `number`, `string`) or a declared
 * `type`. `range` is the `(lo..hi)` refinement of `int` and `number`.
 */
export interface TypeReference extends NodeBase {
  readonly kind: "TypeReference";
  readonly name: Identifier;
  readonly range?: RangeLiteral;
}

export interface EnumType extends NodeBase {
  readonly kind: "EnumType";
  readonly members: readonly Identifier[];
}

/** `list<T>`. */
export interface ListType extends NodeBase {
  readonly kind: "ListType";
  readonly element: TypeExpression;
}

export interface RecordType extends NodeBase {
  readonly kind: "RecordType";
  readonly fields: readonly FieldDeclaration[];
}

/** `T?`: the field may be absent. */
export interface OptionalType extends NodeBase {
  readonly kind: "OptionalType";
  readonly inner: TypeExpression;
}

export type TypeExpression = TypeReference | EnumType | ListType | RecordType | OptionalType;

/** `name: Type [personal]` in `context`, `output` and record types. */
export interface FieldDeclaration extends NodeBase {
  readonly kind: "FieldDeclaration";
  readonly name: Identifier;
  readonly type: TypeExpression;
  /** The span of the `personal` marker, when present. */
  readonly personal?: Span;
}

// ---------------------------------------------------------------------------
// Conditions (docs/language.md#10-conditions)

export type ComparisonOperator = "==" | "!=" | "<" | "<=" | ">" | ">=";

export interface OrCondition extends NodeBase {
  readonly kind: "Or";
  /** Two or more operands, in source order. */
  readonly operands: readonly Condition[];
}

export interface AndCondition extends NodeBase {
  readonly kind: "And";
  readonly operands: readonly Condition[];
}

export interface NotCondition extends NodeBase {
  readonly kind: "Not";
  readonly operand: Condition;
}

/** Parentheses, kept so the formatter prints what the author wrote. */
export interface ParenCondition extends NodeBase {
  readonly kind: "Paren";
  readonly inner: Condition;
}

/** `true` / `false` as a condition. */
export interface BoolCondition extends NodeBase {
  readonly kind: "BoolCondition";
  readonly value: boolean;
}

/** A bare name: a segment, a bool const, or a bool context field. */
export interface ReferenceCondition extends NodeBase {
  readonly kind: "Reference";
  readonly path: Path;
}

/** `PATH op VALUE`. */
export interface CompareCondition extends NodeBase {
  readonly kind: "Compare";
  readonly subject: Path;
  readonly operator: ComparisonOperator;
  readonly operatorSpan: Span;
  readonly value: Value;
}

/** `PATH [not] in [a, b]` or `PATH [not] in lo..hi`. */
export interface InCondition extends NodeBase {
  readonly kind: "In";
  readonly subject: Path;
  readonly negated: boolean;
  readonly set: ListLiteral | RangeLiteral;
}

/** `PATH [not] contains VALUE` (list fields). */
export interface ContainsCondition extends NodeBase {
  readonly kind: "Contains";
  readonly subject: Path;
  readonly negated: boolean;
  readonly value: Value;
}

/** `PATH is [not] present` (optional fields). */
export interface PresentCondition extends NodeBase {
  readonly kind: "Present";
  readonly subject: Path;
  readonly negated: boolean;
}

export type Condition =
  | OrCondition
  | AndCondition
  | NotCondition
  | ParenCondition
  | BoolCondition
  | ReferenceCondition
  | CompareCondition
  | InCondition
  | ContainsCondition
  | PresentCondition;

// ---------------------------------------------------------------------------
// Declarations

/** `key value` metadata: `owner "cx"`, `priority 50`, `unit "%"`, `better higher`. */
export interface Property extends NodeBase {
  readonly kind: "Property";
  readonly key: Identifier;
  readonly value: Value;
}

export interface ContextDeclaration extends NodeBase {
  readonly kind: "ContextDeclaration";
  readonly fields: readonly FieldDeclaration[];
}

/** `type Name = T`. */
export interface TypeDeclaration extends NodeBase {
  readonly kind: "TypeDeclaration";
  readonly name: Identifier;
  readonly type: TypeExpression;
}

/** `const NAME = literal`. */
export interface ConstDeclaration extends NodeBase {
  readonly kind: "ConstDeclaration";
  readonly name: Identifier;
  readonly value: Value;
}

/** `segment name ["Title"] = condition`. */
export interface SegmentDeclaration extends NodeBase {
  readonly kind: "SegmentDeclaration";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  readonly condition: Condition;
}

export interface OutputBlock extends NodeBase {
  readonly kind: "OutputBlock";
  readonly fields: readonly FieldDeclaration[];
}

export interface DefaultBlock extends NodeBase {
  readonly kind: "DefaultBlock";
  readonly assignments: readonly Assignment[];
}

/** `decision name ["Title"] { output {…} default {…} property… }`. */
export interface DecisionDeclaration extends NodeBase {
  readonly kind: "DecisionDeclaration";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  readonly members: readonly (OutputBlock | DefaultBlock | Property)[];
}

/** `metric name ["Title"] { unit "%", better higher }`. */
export interface MetricDeclaration extends NodeBase {
  readonly kind: "MetricDeclaration";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  readonly properties: readonly Property[];
}

/** `consent name = path`. */
export interface ConsentDeclaration extends NodeBase {
  readonly kind: "ConsentDeclaration";
  readonly name: Identifier;
  readonly path: Path;
}

export interface SituationClause extends NodeBase {
  readonly kind: "Situation";
  readonly condition: Condition;
}

export interface GoalClause extends NodeBase {
  readonly kind: "Goal";
  readonly text: StringLiteral;
}

/**
 * `variation SEGMENT { … }` (names a declared segment) or
 * `variation NAME when COND { … }` (an inline segment).
 */
export interface Variation extends NodeBase {
  readonly kind: "Variation";
  readonly name: Identifier;
  readonly when?: Condition;
  readonly assignments: readonly Assignment[];
  /** The variation's last member, when it runs as an experiment. */
  readonly split?: Split;
}

/** `ARM { … }` in a `split`: the arm's own assignments, layered on the variation's. */
export interface SplitArm extends NodeBase {
  readonly kind: "SplitArm";
  readonly name: Identifier;
  readonly assignments: readonly Assignment[];
}

/** `split EXPERIMENT { ARM { … } … }`: the variation runs as a controlled experiment. */
export interface Split extends NodeBase {
  readonly kind: "Split";
  readonly experiment: Identifier;
  readonly arms: readonly SplitArm[];
}

/** `pathway NAME when COND { … }` or `pathway NAME otherwise { … }`. */
export interface Pathway extends NodeBase {
  readonly kind: "Pathway";
  readonly name: Identifier;
  /** Present for `when` pathways. */
  readonly when?: Condition;
  /** The span of the `otherwise` keyword, for `otherwise` pathways. */
  readonly otherwise?: Span;
  readonly members: readonly (Assignment | Variation)[];
}

export type MetricRole = "primary" | "secondary" | "guardrail";

/** `within 90 days`. */
export interface MetricWindow extends NodeBase {
  readonly kind: "MetricWindow";
  readonly amount: NumberLiteral;
  readonly unit: "days" | "weeks";
}

/** `primary return_completion target +15% within 90 days`. */
export interface MetricUse extends NodeBase {
  readonly kind: "MetricUse";
  readonly role: MetricRole;
  readonly metric: Identifier;
  readonly target?: PercentLiteral;
  readonly within?: MetricWindow;
}

export interface MetricsBlock extends NodeBase {
  readonly kind: "MetricsBlock";
  readonly uses: readonly MetricUse[];
}

export type ScenarioMember = Property | SituationClause | GoalClause | Pathway | MetricsBlock;

/** `scenario name ["Title"] for decision { … }`. */
export interface ScenarioDeclaration extends NodeBase {
  readonly kind: "ScenarioDeclaration";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  readonly decision: Identifier;
  readonly members: readonly ScenarioMember[];
}

/**
 * `given { … }`, `given FIXTURE { … }` or `given FIXTURE`: the test's
 * context; with a fixture, `value` holds the overrides merged over it. At
 * least one of the two is present.
 */
export interface GivenBlock extends NodeBase {
  readonly kind: "Given";
  readonly fixture?: Identifier;
  readonly value?: RecordLiteral;
}

/** `fixture NAME [extends BASE] { … }`: a named, reusable test context. */
export interface FixtureDeclaration extends NodeBase {
  readonly kind: "FixtureDeclaration";
  readonly name: Identifier;
  /** The fixture this one extends: its context, with `value` merged over it. */
  readonly base?: Identifier;
  readonly value: RecordLiteral;
}

/** `SCENARIO.PATHWAY[.VARIATION]` in an `expect`. */
export interface RuleReference extends NodeBase {
  readonly kind: "RuleReference";
  readonly scenario: Identifier;
  readonly pathway: Identifier;
  readonly variation?: Identifier;
}

/** `expect D = S.P[.V]`, `expect D = default`, `expect D = none`. */
export interface ExpectRule extends NodeBase {
  readonly kind: "ExpectRule";
  readonly decision: Identifier;
  readonly target: RuleReference | { readonly kind: "ExpectDefault"; readonly span: Span } | { readonly kind: "ExpectNone"; readonly span: Span };
}

/** `expect D arm ARM` or `expect D arm none`: the experiment arm the answer reports (none: no exposure). */
export interface ExpectArm extends NodeBase {
  readonly kind: "ExpectArm";
  readonly decision: Identifier;
  /** The arm's name, or `none` when the answer must carry no experiment. */
  readonly arm: Identifier;
}

/** `expect D { field: value … }`: a partial match on the output. */
export interface ExpectOutput extends NodeBase {
  readonly kind: "ExpectOutput";
  readonly decision: Identifier;
  readonly output: RecordLiteral;
}

/** `test "title" { given {…} expect … }`. */
export interface TestDeclaration extends NodeBase {
  readonly kind: "TestDeclaration";
  readonly title: StringLiteral;
  readonly members: readonly (GivenBlock | ExpectRule | ExpectOutput | ExpectArm)[];
}

/** `NAME N%` in an experiment's `arms` block. */
export interface ExperimentArm extends NodeBase {
  readonly kind: "ExperimentArm";
  readonly name: Identifier;
  readonly weight: PercentLiteral;
}

export interface ArmsBlock extends NodeBase {
  readonly kind: "ArmsBlock";
  readonly arms: readonly ExperimentArm[];
}

/** `experiment NAME ["Title"] { owner, unit, arms, coverage, seed, status, metrics }`. */
export interface ExperimentDeclaration extends NodeBase {
  readonly kind: "ExperimentDeclaration";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  readonly members: readonly (Property | ArmsBlock | MetricsBlock)[];
}

export type Declaration =
  | ContextDeclaration
  | TypeDeclaration
  | ConstDeclaration
  | SegmentDeclaration
  | DecisionDeclaration
  | MetricDeclaration
  | ConsentDeclaration
  | ScenarioDeclaration
  | TestDeclaration
  | ExperimentDeclaration
  | FixtureDeclaration;

// ---------------------------------------------------------------------------
// Files and programs

export interface Comment extends NodeBase {
  readonly kind: "LineComment" | "BlockComment";
  /** The full comment text including `//` or `/* … *\/`. */
  readonly text: string;
}

export interface SourceFile extends NodeBase {
  readonly kind: "SourceFile";
  /** The path as given to the compiler; the same string as in every span's `file`. */
  readonly path: string;
  readonly declarations: readonly Declaration[];
  /** Every comment in the file, in source order (the formatter attaches them). */
  readonly comments: readonly Comment[];
}

/** All files of a program, sorted by path (the order that defines source order). */
export interface Program {
  readonly files: readonly SourceFile[];
}

export type Node =
  | Identifier
  | Path
  | Literal
  | ListLiteral
  | RecordLiteral
  | Assignment
  | TypeExpression
  | FieldDeclaration
  | Condition
  | Property
  | Declaration
  | OutputBlock
  | DefaultBlock
  | SituationClause
  | GoalClause
  | Variation
  | Split
  | SplitArm
  | ExperimentArm
  | ArmsBlock
  | ExpectArm
  | Pathway
  | MetricWindow
  | MetricUse
  | MetricsBlock
  | GivenBlock
  | RuleReference
  | ExpectRule
  | ExpectOutput
  | Comment
  | SourceFile;

export type NodeKind = Node["kind"];
