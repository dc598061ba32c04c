/**
 * The `.scn` grammar (docs/language.md#2-programs-and-declarations to docs/language.md#10-conditions) as a chevrotain CST parser, free of
 * semantic actions: it only recognizes text and builds a concrete syntax tree.
 * cst-to-ast.ts turns that tree into the syntax tree of ast.ts.
 *
 * Decisions that shape the grammar:
 * - Separators. Chevrotain skips whitespace, so newlines carry no meaning
 *   here. Every block member is self-delimiting (it starts with a keyword or a
 *   name and ends where its last part ends), and a comma after any member is
 *   optional. `a, b`, `a\nb` and `a, b,` therefore all parse the same; the
 *   same holds for list items and enum members.
 * - Where a field name, an enum member or a list item is expected, any word
 *   is accepted, reserved or not (`Word`), on any line: inside `enum { … }`
 *   and `[ … ]` nothing else can follow. Where a single value is expected (after
 *   `:`, `=` or an operator), a path may start with any word too (`action:
 *   default` names an enum member), but a reserved word must then be on the
 *   same line as the token before it: on a new line it starts the next member,
 *   and the value is reported missing.
 * - A declaration's name may parse as a reserved word when the next token is
 *   what follows a name; cst-to-ast.ts then reports SCN1104, so one misnamed
 *   declaration does not derail the rest of the file.
 * - A condition's subject path starts with a plain identifier; a reserved
 *   word may start it only when what follows shows it is a path (a `.`, a
 *   comparison operator, `in`, `contains`, `is` or `not in`). This keeps
 *   `situation` followed by a missing condition from swallowing the next
 *   member's keyword.
 * - `not` chains are a repetition, not a recursion, and every other nesting
 *   is bounded by the bracket depth check in parse-file.ts, so the parser's stack
 *   depth is bounded.
 * - `split EXPERIMENT { … }` is accepted in a pathway as well as in a
 *   variation, so that cst-to-ast.ts can say precisely where it belongs
 *   (the last member of a variation) instead of a generic syntax error.
 *
 * Invariant: one parser instance serves every parse (`sharedParser()`); callers
 * set `input` before each run, which resets its state.
 */
import { CstParser, EOF, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import "./chevrotain-tokens.js";
import {
  ALL_TOKENS,
  Colon,
  Comma,
  ComparisonOperator,
  Ctx,
  DateLiteral,
  Dot,
  DotDot,
  Slash,
  Equals,
  Greater,
  Identifier,
  isReservedToken,
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
  StringLiteral,
  Word,
} from "./lexer.js";
import { syntaxMessageProvider } from "./syntax-messages.js";

/** Tokens after which a reserved word at the start of a subject path is read as a path. */
const PATH_CONTINUATIONS: readonly TokenType[] = [Dot, ComparisonOperator, Kw.In, Kw.Contains, Kw.Is];

/** Tokens that follow a declaration's name. */
const NAME_FOLLOWERS: readonly TokenType[] = [Equals, StringLiteral, LCurly, Kw.For, Kw.When, Kw.Otherwise, Ctx.Extends];

function isA(token: IToken, type: TokenType): boolean {
  const categories = token.tokenType.CATEGORIES ?? [];
  return token.tokenType === type || categories.includes(type);
}

/** A parse stops after this many syntax errors: explaining each one costs a grammar analysis. */
export const MAX_SYNTAX_ERRORS = 100;

/** Thrown out of a parse that reached `MAX_SYNTAX_ERRORS`; `error` is the first error not recorded. */
export class TooManySyntaxErrors extends Error {
  constructor(readonly error: IRecognitionException) {
    super("too many syntax errors");
  }
}

type SaveError = (this: CstParser, error: IRecognitionException) => IRecognitionException;
const saveError = (CstParser.prototype as unknown as { SAVE_ERROR?: SaveError }).SAVE_ERROR;
if (typeof saveError !== "function") throw new Error("internal: chevrotain no longer records errors through SAVE_ERROR");

export interface ScnParserOptions {
  /**
   * Run chevrotain's grammar validations (ambiguities, left recursion,
   * unreachable alternatives) while building the parser. They find mistakes
   * in this file, not in any input, and cost a third of building the parser,
   * which every `scn` command that parses pays at start
   * (docs/benchmarks.md#start-up-of-the-command-line); so the shared
   * instance skips them and a test builds one with them on.
   */
  readonly validate?: boolean;
}

export class ScnParser extends CstParser {
  constructor(options: ScnParserOptions = {}) {
    super([...ALL_TOKENS], {
      recoveryEnabled: true,
      nodeLocationTracking: "full",
      maxLookahead: 3,
      errorMessageProvider: syntaxMessageProvider,
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  /**
   * Chevrotain records every recognition error through this method (an
   * internal hook, outside its typed API; the check above fails loudly if it
   * goes away). Garbage input can hold an error every few tokens, so the
   * parse stops at a limit instead of explaining each one.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.errors.length >= MAX_SYNTAX_ERRORS) throw new TooManySyntaxErrors(error);
    return (saveError as SaveError).call(this, error);
  }

  /** An optional `,` after a block member. */
  private separator(): void {
    this.OPTION9(() => this.CONSUME9(Comma));
  }

  public sourceFile = this.RULE("sourceFile", () => {
    this.MANY(() => this.SUBRULE(this.declaration));
    // An explicit end lets recovery skip stray top-level text and resume at
    // the next declaration, instead of stopping at the first stray token.
    this.CONSUME(EOF);
  });

  public declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.contextDeclaration) },
      { ALT: () => this.SUBRULE(this.typeDeclaration) },
      { ALT: () => this.SUBRULE(this.constDeclaration) },
      { ALT: () => this.SUBRULE(this.segmentDeclaration) },
      { ALT: () => this.SUBRULE(this.decisionDeclaration) },
      { ALT: () => this.SUBRULE(this.metricDeclaration) },
      { ALT: () => this.SUBRULE(this.consentDeclaration) },
      { ALT: () => this.SUBRULE(this.scenarioDeclaration) },
      { ALT: () => this.SUBRULE(this.testDeclaration) },
      { ALT: () => this.SUBRULE(this.experimentDeclaration) },
      { ALT: () => this.SUBRULE(this.fixtureDeclaration) },
    ]);
  });

  // -------------------------------------------------------------------------
  // Declarations

  public contextDeclaration = this.RULE("contextDeclaration", () => {
    this.CONSUME(Kw.Context);
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(),
      DEF: () => {
        this.SUBRULE(this.fieldDeclaration);
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  public typeDeclaration = this.RULE("typeDeclaration", () => {
    this.CONSUME(Kw.Type);
    this.SUBRULE(this.declarationName);
    this.CONSUME(Equals);
    this.SUBRULE(this.typeExpression);
  });

  public constDeclaration = this.RULE("constDeclaration", () => {
    this.CONSUME(Kw.Const);
    this.SUBRULE(this.declarationName);
    this.CONSUME(Equals);
    this.SUBRULE(this.value);
  });

  public segmentDeclaration = this.RULE("segmentDeclaration", () => {
    this.CONSUME(Kw.Segment);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.CONSUME(Equals);
    this.SUBRULE(this.condition);
  });

  public consentDeclaration = this.RULE("consentDeclaration", () => {
    this.CONSUME(Kw.Consent);
    this.SUBRULE(this.declarationName);
    this.CONSUME(Equals);
    this.SUBRULE(this.subjectPath);
  });

  public decisionDeclaration = this.RULE("decisionDeclaration", () => {
    this.CONSUME(Kw.Decision);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.outputBlock) },
        { ALT: () => this.SUBRULE(this.defaultBlock) },
        { ALT: () => this.SUBRULE(this.property) },
      ]);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  public outputBlock = this.RULE("outputBlock", () => {
    this.CONSUME(Kw.Output);
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(),
      DEF: () => {
        this.SUBRULE(this.fieldDeclaration);
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  public defaultBlock = this.RULE("defaultBlock", () => {
    this.CONSUME(Kw.Default);
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(),
      DEF: () => {
        this.SUBRULE(this.assignment);
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  public metricDeclaration = this.RULE("metricDeclaration", () => {
    this.CONSUME(Kw.Metric);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.SUBRULE(this.property);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  public scenarioDeclaration = this.RULE("scenarioDeclaration", () => {
    this.CONSUME(Kw.Scenario);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.CONSUME(Kw.For);
    this.CONSUME(Identifier);
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.situationClause) },
        { ALT: () => this.SUBRULE(this.goalClause) },
        { ALT: () => this.SUBRULE(this.pathway) },
        { ALT: () => this.SUBRULE(this.metricsBlock) },
        { ALT: () => this.SUBRULE(this.property) },
      ]);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  public situationClause = this.RULE("situationClause", () => {
    this.CONSUME(Kw.Situation);
    this.SUBRULE(this.condition);
  });

  public goalClause = this.RULE("goalClause", () => {
    this.CONSUME(Kw.Goal);
    this.CONSUME(StringLiteral);
  });

  public pathway = this.RULE("pathway", () => {
    this.CONSUME(Kw.Pathway);
    this.SUBRULE(this.declarationName);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Kw.When);
          this.SUBRULE(this.condition);
        },
      },
      { ALT: () => this.CONSUME(Kw.Otherwise) },
    ]);
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(Kw.Variation, Kw.Split),
      DEF: () => {
        this.OR2({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            // `variation` and `split` are words too, so a field may share their
            // name: the second token (`:` or not) decides.
            { GATE: () => this.LA(2).tokenType !== Colon, ALT: () => this.SUBRULE(this.variation) },
            { GATE: () => this.LA(2).tokenType !== Colon, ALT: () => this.SUBRULE(this.splitClause) },
            { ALT: () => this.SUBRULE(this.assignment) },
          ],
        });
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  public variation = this.RULE("variation", () => {
    this.CONSUME(Kw.Variation);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => {
      this.CONSUME(Kw.When);
      this.SUBRULE(this.condition);
    });
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(Kw.Split),
      DEF: () => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { GATE: () => this.LA(2).tokenType !== Colon, ALT: () => this.SUBRULE(this.splitClause) },
            { ALT: () => this.SUBRULE(this.assignment) },
          ],
        });
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  /** `split EXPERIMENT { ARM { … } … }`: the variation runs as the experiment, each arm layering its assignments. */
  public splitClause = this.RULE("splitClause", () => {
    this.CONSUME(Kw.Split);
    this.CONSUME(Identifier);
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.SUBRULE(this.splitArm);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  public splitArm = this.RULE("splitArm", () => {
    this.CONSUME(Word);
    this.SUBRULE(this.recordLiteral);
  });

  /** `experiment NAME ["Title"] { owner …, unit PATH, arms { … }, coverage N%, seed "…", status …, metrics { … } }`. */
  public experimentDeclaration = this.RULE("experimentDeclaration", () => {
    this.CONSUME(Kw.Experiment);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => this.CONSUME(StringLiteral));
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          // `arms { … }` would also read as a property whose value is a record: the block wins.
          { GATE: () => this.LA(2).tokenType === LCurly, ALT: () => this.SUBRULE(this.armsBlock) },
          { ALT: () => this.SUBRULE(this.metricsBlock) },
          { ALT: () => this.SUBRULE(this.property) },
        ],
      });
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  public armsBlock = this.RULE("armsBlock", () => {
    this.CONSUME(Ctx.Arms);
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.SUBRULE(this.experimentArm);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  /** `NAME N%`: an arm and its weight. */
  public experimentArm = this.RULE("experimentArm", () => {
    this.CONSUME(Word);
    this.CONSUME(PercentLiteral);
  });

  public metricsBlock = this.RULE("metricsBlock", () => {
    this.CONSUME(Kw.Metrics);
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.SUBRULE(this.metricUse);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  public metricUse = this.RULE("metricUse", () => {
    this.OR([
      { ALT: () => this.CONSUME(Ctx.Primary) },
      { ALT: () => this.CONSUME(Ctx.Secondary) },
      { ALT: () => this.CONSUME(Ctx.Guardrail) },
    ]);
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(Ctx.Target);
      this.CONSUME(PercentLiteral);
    });
    this.OPTION2(() => this.SUBRULE(this.metricWindow));
  });

  public metricWindow = this.RULE("metricWindow", () => {
    this.CONSUME(Ctx.Within);
    this.CONSUME(NumberLiteral);
    this.OR([{ ALT: () => this.CONSUME(Ctx.Days) }, { ALT: () => this.CONSUME(Ctx.Weeks) }]);
  });

  public testDeclaration = this.RULE("testDeclaration", () => {
    this.CONSUME(Kw.Test);
    this.CONSUME(StringLiteral);
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.givenBlock) },
        { ALT: () => this.SUBRULE(this.expectClause) },
      ]);
      this.separator();
    });
    this.CONSUME(RCurly);
  });

  /**
   * `given { … }`, `given FIXTURE { … }` or `given FIXTURE`: the test's
   * context, optionally the named fixture with overrides merged over it
   * (docs/language.md#99-fixture-named-test-contexts).
   */
  public givenBlock = this.RULE("givenBlock", () => {
    this.CONSUME(Kw.Given);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Identifier);
          this.OPTION(() => this.SUBRULE(this.recordLiteral));
        },
      },
      { ALT: () => this.SUBRULE2(this.recordLiteral) },
    ]);
  });

  /** `fixture NAME [extends BASE] { … }`: a named context that tests (and other fixtures) extend. */
  public fixtureDeclaration = this.RULE("fixtureDeclaration", () => {
    this.CONSUME(Kw.Fixture);
    this.SUBRULE(this.declarationName);
    this.OPTION(() => {
      this.CONSUME(Ctx.Extends);
      this.CONSUME(Identifier);
    });
    this.SUBRULE(this.recordLiteral);
  });

  public expectClause = this.RULE("expectClause", () => {
    this.CONSUME(Kw.Expect);
    this.CONSUME(Identifier);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Equals);
          this.SUBRULE(this.expectTarget);
        },
      },
      { ALT: () => this.SUBRULE(this.recordLiteral) },
      {
        // `expect D arm ARM` (or `arm none`): the experiment arm the answer reports.
        ALT: () => {
          this.CONSUME(Ctx.Arm);
          this.CONSUME(Word);
        },
      },
    ]);
  });

  public expectTarget = this.RULE("expectTarget", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(Kw.Default) },
        // `none` is contextual: `none/p` (or `none.p`) is a scenario named `none`.
        { GATE: () => this.LA(2).tokenType !== Dot && this.LA(2).tokenType !== Slash, ALT: () => this.CONSUME(Ctx.None) },
        { ALT: () => this.SUBRULE(this.ruleReference) },
      ],
    });
  });

  /**
   * `scenario/pathway[/variation]`, the rule id as answers print it; the
   * older dotted form `scenario.pathway[.variation]` is accepted too, and
   * `scn fmt` rewrites it with slashes (docs/language.md, "Tests").
   */
  public ruleReference = this.RULE("ruleReference", () => {
    this.CONSUME(Identifier);
    this.OR([{ ALT: () => this.CONSUME(Slash) }, { ALT: () => this.CONSUME(Dot) }]);
    this.CONSUME(Word);
    this.OPTION(() => {
      this.OR2([{ ALT: () => this.CONSUME2(Slash) }, { ALT: () => this.CONSUME2(Dot) }]);
      this.CONSUME2(Word);
    });
  });

  /**
   * The name a declaration introduces. A reserved word is accepted here when
   * the next token is what follows a name, so that cst-to-ast.ts can report
   * it precisely and parsing goes on as if it were a name.
   */
  public declarationName = this.RULE("declarationName", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(Identifier) },
        { GATE: () => NAME_FOLLOWERS.includes(this.LA(2).tokenType), ALT: () => this.CONSUME(Word) },
      ],
    });
  });

  /** `key value` metadata; the checker knows which keys each declaration takes. */
  public property = this.RULE("property", () => {
    this.CONSUME(Identifier);
    this.SUBRULE(this.value);
  });

  // -------------------------------------------------------------------------
  // Types

  public fieldDeclaration = this.RULE("fieldDeclaration", () => {
    this.CONSUME(Word);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpression);
    // `personal` may also be the name of the next field (`personal: bool`).
    this.OPTION({
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => this.CONSUME(Ctx.Personal),
    });
  });

  public typeExpression = this.RULE("typeExpression", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.enumType) },
        // `list` is contextual: only `list<` starts a list type.
        { GATE: () => this.LA(2).tokenType === Less, ALT: () => this.SUBRULE(this.listType) },
        { ALT: () => this.SUBRULE(this.recordType) },
        { ALT: () => this.SUBRULE(this.typeReference) },
      ],
    });
    this.OPTION(() => this.CONSUME(Question));
  });

  public enumType = this.RULE("enumType", () => {
    this.CONSUME(Kw.Enum);
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.enumMemberMayStart(),
      DEF: () => {
        this.CONSUME(Word);
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  public listType = this.RULE("listType", () => {
    this.CONSUME(Ctx.List);
    this.CONSUME(Less);
    this.SUBRULE(this.typeExpression);
    this.CONSUME(Greater);
  });

  public recordType = this.RULE("recordType", () => {
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(),
      DEF: () => {
        this.SUBRULE(this.fieldDeclaration);
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  public typeReference = this.RULE("typeReference", () => {
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.SUBRULE(this.range);
      this.CONSUME(RParen);
    });
  });

  // -------------------------------------------------------------------------
  // Values

  public assignment = this.RULE("assignment", () => {
    this.CONSUME(Word);
    this.CONSUME(Colon);
    this.SUBRULE(this.value);
  });

  /**
   * A value. Conditions pass `inCondition`: a record is never compared with,
   * and refusing `{` there keeps `when a == {` from swallowing the pathway's
   * body.
   */
  public value = this.RULE("value", (inCondition?: boolean, inList?: boolean) => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(StringLiteral) },
        { ALT: () => this.CONSUME(PercentLiteral) },
        { ALT: () => this.CONSUME(DateLiteral) },
        { ALT: () => this.CONSUME(Kw.True) },
        { ALT: () => this.CONSUME(Kw.False) },
        { ALT: () => this.SUBRULE(this.listLiteral) },
        { GATE: () => inCondition !== true, ALT: () => this.SUBRULE(this.recordLiteral) },
        // A number or a word, possibly the low end of a range (`0..10`, `LO..HI`).
        { GATE: () => inList === true || this.wordCanStartValue(), ALT: () => this.SUBRULE(this.scalarOrRange) },
      ],
    });
  });

  public scalarOrRange = this.RULE("scalarOrRange", () => {
    this.SUBRULE(this.rangeBound);
    this.OPTION(() => {
      this.CONSUME(DotDot);
      this.SUBRULE2(this.rangeBound);
    });
  });

  public range = this.RULE("range", () => {
    this.SUBRULE(this.rangeBound);
    this.CONSUME(DotDot);
    this.SUBRULE2(this.rangeBound);
  });

  public rangeBound = this.RULE("rangeBound", () => {
    this.OR([{ ALT: () => this.CONSUME(NumberLiteral) }, { ALT: () => this.SUBRULE(this.path) }]);
  });

  public listLiteral = this.RULE("listLiteral", () => {
    this.CONSUME(LBracket);
    this.MANY(() => {
      // Inside `[ … ]` only items can follow, so any word is an item, on any line.
      this.SUBRULE(this.value, { ARGS: [false, true] });
      this.separator();
    });
    this.CONSUME(RBracket);
  });

  public recordLiteral = this.RULE("recordLiteral", () => {
    this.CONSUME(LCurly);
    this.MANY({
      GATE: () => this.memberMayStart(),
      DEF: () => {
        this.SUBRULE(this.assignment);
        this.separator();
      },
    });
    this.CONSUME(RCurly);
  });

  /** A dotted name whose first word may be any word (a value position). */
  public path = this.RULE("path", () => {
    this.CONSUME(Word);
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Word);
    });
  });

  /** A dotted name that starts a condition (see the header on reserved words). */
  public subjectPath = this.RULE("subjectPath", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(Identifier) },
        { GATE: () => this.reservedWordStartsPath(), ALT: () => this.CONSUME(Word) },
      ],
    });
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Word);
    });
  });

  /**
   * Whether a block's next member may start here. A member is a `field:`
   * pair, or begins with one of `keywords`; any other reserved word ends the
   * block, so a missing `}` is reported at the keyword that follows (`pathway`,
   * `segment`, …) and recovery resumes there instead of reading it as a field.
   */
  private memberMayStart(...keywords: TokenType[]): boolean {
    const next = this.LA(1).tokenType;
    if (keywords.includes(next)) return true;
    return this.LA(2).tokenType === Colon || !isReservedToken(next);
  }

  /**
   * Enum members may be any word, on any line. Inside an enum a member is
   * followed by `,`, `}` or another member, so a reserved word followed by
   * anything else (`segment s =`, `context {`, `default: …`) cannot be one:
   * the enum lacks its `}`, which is then reported at that word.
   */
  private enumMemberMayStart(): boolean {
    if (!isReservedToken(this.LA(1).tokenType)) return true;
    const second = this.LA(2);
    if (second.tokenType === Comma || second.tokenType === RCurly) return true;
    const third = this.LA(3).tokenType;
    return isA(second, Word) && (isA(this.LA(3), Word) || third === Comma || third === RCurly);
  }

  /**
   * A reserved word names an enum member only on the line of the token before
   * it (`action: default`); on a new line it starts the next member or
   * declaration, and the value is missing.
   */
  private wordCanStartValue(): boolean {
    const next = this.LA(1);
    if (!isReservedToken(next.tokenType)) return true;
    return next.startLine === this.LA(0).endLine;
  }

  private reservedWordStartsPath(): boolean {
    const next = this.LA(2);
    if (PATH_CONTINUATIONS.some((type) => isA(next, type))) return true;
    const after = this.LA(3);
    return next.tokenType === Kw.Not && (after.tokenType === Kw.In || after.tokenType === Kw.Contains);
  }

  // -------------------------------------------------------------------------
  // Conditions (docs/language.md#10-conditions)

  public condition = this.RULE("condition", () => {
    this.SUBRULE(this.andCondition);
    this.MANY(() => {
      this.CONSUME(Kw.Or);
      this.SUBRULE2(this.andCondition);
    });
  });

  public andCondition = this.RULE("andCondition", () => {
    this.SUBRULE(this.notCondition);
    this.MANY(() => {
      this.CONSUME(Kw.And);
      this.SUBRULE2(this.notCondition);
    });
  });

  public notCondition = this.RULE("notCondition", () => {
    this.MANY(() => this.CONSUME(Kw.Not));
    this.SUBRULE(this.atom);
  });

  public atom = this.RULE("atom", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.parenCondition) },
        { ALT: () => this.CONSUME(Kw.True) },
        { ALT: () => this.CONSUME(Kw.False) },
        { ALT: () => this.SUBRULE(this.predicate) },
      ],
    });
  });

  public parenCondition = this.RULE("parenCondition", () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.condition);
    this.CONSUME(RParen);
  });

  public predicate = this.RULE("predicate", () => {
    this.SUBRULE(this.subjectPath);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.comparison) },
        { ALT: () => this.SUBRULE(this.inTest) },
        { ALT: () => this.SUBRULE(this.containsTest) },
        { ALT: () => this.SUBRULE(this.presentTest) },
      ]);
    });
  });

  public comparison = this.RULE("comparison", () => {
    this.CONSUME(ComparisonOperator);
    this.SUBRULE(this.value, { ARGS: [true] });
  });

  public inTest = this.RULE("inTest", () => {
    this.OPTION(() => this.CONSUME(Kw.Not));
    this.CONSUME(Kw.In);
    this.OR([{ ALT: () => this.SUBRULE(this.listLiteral) }, { ALT: () => this.SUBRULE(this.range) }]);
  });

  public containsTest = this.RULE("containsTest", () => {
    this.OPTION(() => this.CONSUME(Kw.Not));
    this.CONSUME(Kw.Contains);
    this.SUBRULE(this.value, { ARGS: [true] });
  });

  public presentTest = this.RULE("presentTest", () => {
    this.CONSUME(Kw.Is);
    this.OPTION(() => this.CONSUME(Kw.Not));
    this.CONSUME(Kw.Present);
  });
}

let shared: ScnParser | undefined;

/**
 * The one parser instance (chevrotain parsers are costly to build and meant
 * to be reused), built on first use: files without syntax errors are parsed
 * by direct-parser.ts, so a command whose files are clean never builds it.
 */
export function sharedParser(): ScnParser {
  shared ??= new ScnParser();
  return shared;
}

/** The grammar in chevrotain's serialized form, for the railroad diagrams. */
export function getSerializedGrammar(): ReturnType<ScnParser["getSerializedGastProductions"]> {
  return sharedParser().getSerializedGastProductions();
}
