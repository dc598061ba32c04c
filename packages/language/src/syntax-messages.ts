/**
 * Syntax error messages in the language's own words, for the parser's error
 * message provider. Chevrotain's default text ("Expecting token of type …")
 * never reaches a user.
 *
 * Chevrotain only lets a provider return a string, so each message is the JSON
 * encoding of a `SyntaxMessage` (catalog name, message, help); parse-file.ts decodes it when
 * it turns parser errors into diagnostics. The encoding never leaves this
 * package.
 *
 * Invariant: every message names what was expected and what was found, with
 * user text in backticks.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import {
  Identifier,
  isReservedToken,
  Kw,
  RBracket,
  RCurly,
  StringLiteral,
  Word,
} from "./lexer.js";
import { catalogEntry, type DiagnosticName } from "./catalog/index.js";

export interface SyntaxMessage {
  readonly name: DiagnosticName;
  readonly message: string;
  readonly help?: string;
}

const DECLARATION_STARTS = "`context`, `type`, `const`, `segment`, `decision`, `metric`, `consent`, `scenario`, `experiment`, `test` or `fixture`";

/** What a rule's alternation expects, when none of its alternatives matched. */
const ALTERNATION_EXPECTS: Readonly<Record<string, string>> = {
  declaration: `a declaration (${DECLARATION_STARTS})`,
  atom: "a condition",
  value: "a value",
  scalarOrRange: "a value",
  rangeBound: "a number or a const name",
  typeExpression: "a type",
  pathway: "`when CONDITION` or `otherwise`",
  metricUse: "`primary`, `secondary` or `guardrail`",
  metricWindow: "`days` or `weeks`",
  expectClause: "`= SCENARIO.PATHWAY`, `= default`, `= none`, `{ field: value }` or `arm ARM`",
  expectTarget: "`SCENARIO.PATHWAY`, `default` or `none`",
  inTest: "a list `[…]` or a range `lo..hi`",
  subjectPath: "a field path",
  givenBlock: "a fixture name or a context `{ … }`",
};

/** What a block holds, for a missing closing `}`: "expected X or `}`". */
const BLOCK_MEMBERS: Readonly<Record<string, string>> = {
  contextDeclaration: "a field `name: type`",
  outputBlock: "a field `name: type`",
  recordType: "a field `name: type`",
  defaultBlock: "an assignment `field: value`",
  recordLiteral: "an assignment `field: value`",
  decisionDeclaration: "`output`, `default`, a property",
  metricDeclaration: "a property such as `unit \"%\"`",
  scenarioDeclaration: "`situation`, `goal`, `pathway`, `metrics`, a property",
  pathway: "an assignment `field: value`, a `variation`",
  variation: "an assignment `field: value`",
  metricsBlock: "`primary`, `secondary`, `guardrail`",
  testDeclaration: "`given`, `expect`",
  enumType: "an enum member",
  splitClause: "an arm `NAME { … }`",
  experimentDeclaration: "`arms`, `metrics`, a property such as `unit customer.id`",
  armsBlock: "an arm `NAME N%`",
};

/** The kind of name each rule expects where it consumes an identifier. */
const NAME_NOUNS: Readonly<Record<string, string>> = {
  typeDeclaration: "a type name",
  constDeclaration: "a const name",
  segmentDeclaration: "a segment name",
  consentDeclaration: "a consent name",
  decisionDeclaration: "a decision name",
  metricDeclaration: "a metric name",
  scenarioDeclaration: "a scenario name",
  pathway: "a pathway name",
  variation: "a segment name",
  metricUse: "a metric name",
  expectClause: "a decision name",
  property: "a property name",
  typeReference: "a type name",
  ruleReference: "a scenario name",
  fieldDeclaration: "a field name",
  assignment: "a field name",
  enumType: "an enum member",
  splitArm: "an arm name",
  splitClause: "an experiment name",
  experimentDeclaration: "an experiment name",
  experimentArm: "an arm name",
  path: "a name",
  subjectPath: "a field path",
  fixtureDeclaration: "a fixture name",
};

const MAX_SHOWN = 24;

/** How a token is named in a message: `{`, `owner`, the string `"…"`, the end of the file. */
export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return "the end of the file";
  if (token.tokenType === StringLiteral) {
    const shown = token.image.length > MAX_SHOWN ? `${token.image.slice(0, MAX_SHOWN - 1)}…` : token.image;
    return `the string \`${shown}\``;
  }
  const image = token.image.length > MAX_SHOWN ? `${token.image.slice(0, MAX_SHOWN - 1)}…` : token.image;
  return `\`${image}\``;
}

function after(previous: IToken | undefined, actual?: IToken): string {
  // At the very start of a file chevrotain reports a virtual token with no image.
  if (!previous || previous.tokenType === EOF || previous.image === undefined || previous.image === "") return "";
  // During in-repetition recovery the "previous" token can be the offending one itself.
  if (actual && previous.startOffset === actual.startOffset) return "";
  return ` after ${describeToken(previous)}`;
}

function labelOf(type: TokenType): string {
  return type.LABEL ?? `\`${type.name}\``;
}

function encode(message: SyntaxMessage): string {
  return JSON.stringify(message);
}


function reservedNameMessage(expected: string, actual: IToken, previous: IToken | undefined): string {
  return encode({
    name: "reserved-word-as-name",
    message: `expected ${expected}${after(previous, actual)}, found the reserved word \`${actual.image}\``,
    help: `choose another name, such as \`${actual.image}_1\`; reserved words cannot name declarations`,
  });
}

function expectedPhrase(expected: TokenType, ruleName: string, previous: IToken | undefined): string {
  if (expected === Identifier || expected === Word) {
    if (ruleName === "scenarioDeclaration" && previous?.tokenType === Kw.For) return "a decision name";
    return NAME_NOUNS[ruleName] ?? "a name";
  }
  if (expected === RCurly) {
    const members = BLOCK_MEMBERS[ruleName];
    if (members) return `${members} or \`}\``;
  }
  if (expected === RBracket && ruleName === "listLiteral") return "a list item or `]`";
  return labelOf(expected);
}

/** Text at the top level that starts no declaration. */
function expectedDeclaration(actual: IToken): string {
  return encode({
    name: "expected-declaration",
    message: `expected a declaration, found ${describeToken(actual)}`,
    help: `start each declaration with ${DECLARATION_STARTS}`,
  });
}

function mismatch(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
  const { expected, actual, previous, ruleName } = options;
  if (expected === EOF) return expectedDeclaration(actual);
  if (expected === Identifier && isReservedToken(actual.tokenType)) {
    return reservedNameMessage(expectedPhrase(expected, ruleName, previous), actual, previous);
  }
  if (ruleName === "scenarioDeclaration" && expected === Kw.For) {
    const what = previous.tokenType === StringLiteral ? "the scenario title" : "the scenario name";
    return encode({
      name: "missing-token",
      message: `expected \`for DECISION\` after ${what}, found ${describeToken(actual)}`,
      help: "name the decision the scenario answers: `scenario NAME \"Title\" for DECISION { … }`",
    });
  }
  const message = `expected ${expectedPhrase(expected, ruleName, previous)}${after(previous, actual)}, found ${describeToken(actual)}`;
  // A block cut short by a keyword is almost always a forgotten `}`.
  if (expected === RCurly && isReservedToken(actual.tokenType)) {
    return encode({
      name: "missing-token",
      message,
      help: `add the \`}\` that closes the block before \`${actual.image}\`, if the block is complete`,
    });
  }
  return encode({ name: "missing-token", message });
}

function firstTokens(paths: readonly (readonly TokenType[])[]): string[] {
  const labels: string[] = [];
  for (const path of paths) {
    const first = path[0];
    if (first && !labels.includes(labelOf(first))) labels.push(labelOf(first));
  }
  return labels;
}

function joinAlternatives(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? "something else";
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

/** The kind of name a declaring keyword introduces. */
const DECLARED_NAMES: Readonly<Record<string, string>> = {
  type: "a type name",
  const: "a const name",
  segment: "a segment name",
  consent: "a consent name",
  decision: "a decision name",
  metric: "a metric name",
  scenario: "a scenario name",
  pathway: "a pathway name",
  variation: "a segment name",
};

function missingDeclarationName(actual: IToken | undefined, previous: IToken): string {
  const noun = DECLARED_NAMES[previous.image] ?? "a name";
  if (actual && isReservedToken(actual.tokenType)) return reservedNameMessage(noun, actual, previous);
  return encode({
    name: "missing-token",
    message: `expected ${noun}${after(previous, actual)}, found ${describeToken(actual)}`,
  });
}

function noViableAlternative(options: {
  expectedPathsPerAlt: TokenType[][][];
  actual: IToken[];
  previous: IToken;
  ruleName: string;
}): string {
  const actual = options.actual[0];
  if (options.ruleName === "declarationName") return missingDeclarationName(actual, options.previous);
  // `variation` is also a word, so the alternation sees two tokens; name the real problem.
  if (options.ruleName === "pathway" && actual?.tokenType === Kw.Variation) {
    return encode({
      name: "missing-token",
      message: `expected a segment name after \`variation\`, found ${describeToken(options.actual[1])}`,
    });
  }
  const alternatives = firstTokens(options.expectedPathsPerAlt.flat());
  // A rule can hold several alternations; the pathway's `when`/`otherwise` one is told apart by its tokens.
  const ruleWide = options.ruleName === "pathway" && !alternatives.includes("`when`") ? undefined : ALTERNATION_EXPECTS[options.ruleName];
  const expected = ruleWide ?? joinAlternatives(alternatives);
  if (options.ruleName === "subjectPath" && actual && isReservedToken(actual.tokenType)) {
    return encode({
      name: "unexpected-token",
      message: `expected a condition${after(options.previous, actual)}, found the reserved word \`${actual.image}\``,
    });
  }
  return encode({
    name: "unexpected-token",
    message: `expected ${expected}${after(options.previous, actual)}, found ${describeToken(actual)}`,
  });
}

export const syntaxMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: mismatch,
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return expectedDeclaration(firstRedundant);
  },
  buildNoViableAltMessage: noViableAlternative,
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous }) {
    const token = actual[0];
    return encode({
      name: "unexpected-token",
      message: `expected ${joinAlternatives(firstTokens(expectedIterationPaths))}${after(previous, token)}, found ${describeToken(token)}`,
    });
  },
};

/** Decodes a provider message; a message that is not ours means a chevrotain-internal error. */
export function decodeSyntaxMessage(text: string): SyntaxMessage {
  try {
    const parsed = JSON.parse(text) as Partial<Record<keyof SyntaxMessage, unknown>>;
    const entry = typeof parsed.name === "string" ? catalogEntry(parsed.name) : undefined;
    if (entry && typeof parsed.message === "string") {
      const name = entry.name as DiagnosticName;
      return typeof parsed.help === "string" ? { name, message: parsed.message, help: parsed.help } : { name, message: parsed.message };
    }
  } catch {
    // Fall through: chevrotain produced a message without the provider.
  }
  return { name: "unexpected-token", message: "unexpected input here" };
}
