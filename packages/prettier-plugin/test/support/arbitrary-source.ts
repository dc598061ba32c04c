/**
 * A fast-check generator of random, syntactically valid `.scn` source, for
 * the formatter's properties. It draws a program's structure from the grammar
 * (every kind of declaration, condition and value), then lays it out with
 * random spacing: spaces, newlines, blank lines, optional commas between
 * members, and line and block comments between tokens.
 *
 * The programs need not make sense to the checker (names are not resolved),
 * only to the parser: the formatter works on syntax.
 */
import fc from "fast-check";
import { RESERVED_WORDS } from "@scn/language";

// ---------------------------------------------------------------------------
// Structure: a program as a tree of tokens. `sep` marks where members of a
// block (or items of a sequence) meet, where commas and blank lines may go.

type Separator = "declaration" | "member" | "item";
/**
 * `glue`: the next token must stay on the line of the one before it. The
 * parser reads a reserved word at the start of a line as the start of the
 * next member, so a reserved word used as a value is glued to what precedes.
 */
type Piece = string | { readonly sep: Separator } | { readonly glue: true };
const GLUE: Piece = { glue: true };
const DECLARATION: Piece = { sep: "declaration" };
const MEMBER: Piece = { sep: "member" };
const ITEM: Piece = { sep: "item" };

const names = fc.constantFrom("alpha", "beta", "gamma", "delta", "omega", "x1", "y_2", "store", "web", "gold");
/** Field names and enum members may be any word, reserved or contextual. */
const words = fc.oneof(names, fc.constantFrom("default", "none", "status", "type", "active", "high", "days"), fc.constantFrom(...RESERVED_WORDS));
const paths = fc
  .tuple(names, fc.array(words, { maxLength: 2 }))
  .map(([head, tail]) => [head, ...tail].join("."));
const strings = fc.constantFrom('"plain"', '"with \\"quotes\\""', '"tab\\tand\\\\slash"', '"\\u00e9t\\u00e9"', '""', '"a // not a comment"');
const numbers = fc.constantFrom("0", "42", "-3", "0.65", "1000", "-0.5", "007");
const percents = fc.constantFrom("15%", "+15%", "-20%", "0%", "+2.5%");
const ranges = fc.constantFrom("0..1", "1..10", "-5..5", "0.5..0.75");

function joinItems(items: Piece[][]): Piece[] {
  return items.flatMap((item, index) => (index === 0 ? item : [ITEM, ...item]));
}

function joinMembers(members: Piece[][]): Piece[] {
  return members.flatMap((member, index) => (index === 0 ? member : [MEMBER, ...member]));
}

function block(members: Piece[][]): Piece[] {
  return ["{", ...joinMembers(members), "}"];
}

const scalarValue: fc.Arbitrary<Piece[]> = fc.oneof(
  strings.map((s) => [s]),
  numbers.map((n) => [n]),
  fc.constantFrom("true", "false").map((b) => [b]),
  names.map((n) => [n]),
  fc.constantFrom("default", "type").map((word) => [GLUE, word]),
);

/** Inside `[ … ]` any word is an item on any line, so reserved words need no glue there. */
const listItem: fc.Arbitrary<Piece[]> = fc.oneof(scalarValue, fc.constantFrom(...RESERVED_WORDS).map((word) => [word]));
const listValue = fc.array(listItem, { maxLength: 4 }).map((items) => ["[", ...joinItems(items), "]"]);

const { value: valueArb } = fc.letrec<{ value: Piece[]; record: Piece[] }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalarValue, listValue, tie("record")),
  record: fc
    .array(fc.tuple(words, tie("value")), { maxLength: 4 })
    .map((entries) => ["{", ...joinItems(entries.map(([field, value]) => [field, ":", ...value])), "}"]),
}));

const assignment = fc.tuple(words, valueArb).map(([field, value]) => [field, ":", ...value]);
const recordLiteral = fc.array(assignment, { maxLength: 4 }).map((entries) => ["{", ...joinItems(entries), "}"]);

// ---------------------------------------------------------------------------
// Conditions, rendered with the parentheses their precedence needs.

type Cond =
  | { readonly kind: "atom"; readonly pieces: Piece[] }
  | { readonly kind: "not"; readonly operand: Cond }
  | { readonly kind: "and" | "or"; readonly operands: Cond[] }
  | { readonly kind: "paren"; readonly inner: Cond };

const atom: fc.Arbitrary<Cond> = fc
  .oneof(
    fc.tuple(paths, fc.constantFrom("==", "!=", "<", "<=", ">", ">="), scalarValue).map(([p, op, v]) => [p, op, ...v]),
    fc.tuple(paths, fc.boolean(), listValue).map(([p, negated, list]) => [p, ...(negated ? ["not"] : []), "in", ...list]),
    fc.tuple(paths, fc.boolean(), ranges).map(([p, negated, range]) => [p, ...(negated ? ["not"] : []), "in", range]),
    fc.tuple(paths, fc.boolean(), scalarValue).map(([p, negated, v]) => [p, ...(negated ? ["not"] : []), "contains", ...v]),
    fc.tuple(paths, fc.boolean()).map(([p, negated]) => [p, "is", ...(negated ? ["not"] : []), "present"]),
    paths.map((p) => [p]),
    fc.constantFrom("true", "false").map((b) => [b]),
  )
  .map((pieces) => ({ kind: "atom", pieces }));

const { cond: condArb } = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    tie("cond").map((operand): Cond => ({ kind: "not", operand })),
    fc.array(tie("cond"), { minLength: 2, maxLength: 4 }).map((operands): Cond => ({ kind: "and", operands })),
    fc.array(tie("cond"), { minLength: 2, maxLength: 4 }).map((operands): Cond => ({ kind: "or", operands })),
    tie("cond").map((inner): Cond => ({ kind: "paren", inner })),
  ),
}));

/** Binding strength: `or` < `and` < `not` < atoms and parentheses. */
const strength = (cond: Cond): number => (cond.kind === "or" ? 1 : cond.kind === "and" ? 2 : cond.kind === "not" ? 3 : 4);

function renderCond(cond: Cond, minimum: number): Piece[] {
  if (strength(cond) < minimum) return ["(", ...renderCond(cond, 1), ")"];
  switch (cond.kind) {
    case "atom":
      return cond.pieces;
    case "not":
      return ["not", ...renderCond(cond.operand, 3)];
    case "paren":
      return ["(", ...renderCond(cond.inner, 1), ")"];
    case "and":
    case "or": {
      // Operands of a chain bind tighter than the chain itself, so that
      // `a and b and c` stays one chain rather than a nest.
      const operandMinimum = cond.kind === "and" ? 3 : 2;
      return cond.operands.flatMap((operand, index) => [...(index === 0 ? [] : [cond.kind]), ...renderCond(operand, operandMinimum)]);
    }
  }
}

const condition = condArb.map((cond) => renderCond(cond, 1));

// ---------------------------------------------------------------------------
// Types and declarations

const scalarType = fc.oneof(
  fc.constantFrom("bool", "int", "number", "string", "Loyalty"),
  fc.constantFrom("int(0..10)", "number(0..1)"),
  fc.constantFrom("list<string>", "list<int>"),
);

const enumType = fc.array(words, { minLength: 1, maxLength: 4 }).map((members) => ["enum", "{", ...joinItems(members.map((m) => [m])), "}"]);

const { type: typeArb } = fc.letrec<{ type: Piece[]; field: Piece[] }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarType.map((t) => [t]),
    enumType,
    fc.array(tie("field"), { minLength: 1, maxLength: 3 }).map((fields) => ["{", ...joinItems(fields), "}"]),
  ),
  field: fc
    .tuple(words, tie("type"), fc.boolean(), fc.boolean())
    .map(([name, type, optional, personal]) => [name, ":", ...type, ...(optional ? ["?"] : []), ...(personal ? ["personal"] : [])]),
}));

const fieldDeclaration = fc
  .tuple(words, typeArb, fc.boolean(), fc.boolean())
  .map(([name, type, optional, personal]) => [name, ":", ...type, ...(optional ? ["?"] : []), ...(personal ? ["personal"] : [])]);

const title = fc.option(strings, { nil: undefined }).map((t) => (t === undefined ? [] : [t]));

const property = fc.oneof(
  fc.tuple(fc.constantFrom("owner", "unit"), strings).map(([k, v]) => [k, v]),
  fc.tuple(fc.constantFrom("status", "impact", "feasibility", "better"), names).map(([k, v]) => [k, v]),
  fc.tuple(fc.constantFrom("priority"), numbers).map(([k, v]) => [k, v]),
  fc.constantFrom<Piece[]>(["expires", "2027-06-30"], ["expires", "2030-01-01"]),
  listValue.map((list) => ["tags", ...list]),
);

const contextDeclaration = fc.array(fieldDeclaration, { maxLength: 4 }).map((fields) => ["context", ...block(fields)]);
const typeDeclaration = fc.tuple(names, typeArb).map(([name, type]) => ["type", name, "=", ...type]);
const constDeclaration = fc.tuple(names, scalarValue).map(([name, value]) => ["const", name, "=", ...value]);
const segmentDeclaration = fc.tuple(names, title, condition).map(([name, t, cond]) => ["segment", name, ...t, "=", ...cond]);
const consentDeclaration = fc.tuple(names, paths).map(([name, path]) => ["consent", name, "=", path]);
const metricDeclaration = fc
  .tuple(names, title, fc.array(property, { maxLength: 3 }))
  .map(([name, t, properties]) => ["metric", name, ...t, ...block(properties)]);

const decisionDeclaration = fc
  .tuple(names, title, fc.array(fieldDeclaration, { maxLength: 3 }), fc.option(fc.array(assignment, { maxLength: 3 }), { nil: undefined }))
  .map(([name, t, outputs, defaults]) => [
    "decision",
    name,
    ...t,
    ...block([["output", ...block(outputs)], ...(defaults ? [["default", ...block(defaults)]] : [])]),
  ]);

const guard = fc.option(condition, { nil: undefined }).map((cond) => (cond === undefined ? [] : ["when", ...cond]));
const splitArm = fc.tuple(names, fc.array(assignment, { maxLength: 2 })).map(([name, assignments]) => [name, ...block(assignments)]);
const split = fc
  .tuple(names, fc.array(splitArm, { maxLength: 3 }))
  .map(([experiment, arms]) => ["split", experiment, ...block(arms)]);
const variation = fc
  .tuple(names, guard, fc.array(assignment, { maxLength: 3 }), fc.option(split, { nil: undefined }))
  .map(([name, when, assignments, s]) => ["variation", name, ...when, ...block(s ? [...assignments, s] : assignments)]);
const pathwayBody = fc
  .tuple(fc.array(assignment, { maxLength: 3 }), fc.array(variation, { maxLength: 2 }))
  .map(([assignments, variations]) => block([...assignments, ...variations]));
const pathway = fc
  .tuple(names, fc.option(condition, { nil: undefined }), pathwayBody)
  .map(([name, when, body]) => ["pathway", name, ...(when ? ["when", ...when] : ["otherwise"]), ...body]);
const metricUse = fc
  .tuple(
    fc.constantFrom("primary", "secondary", "guardrail"),
    names,
    fc.option(percents, { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom("7", "90"), fc.constantFrom("days", "weeks")), { nil: undefined }),
  )
  .map(([role, metric, target, within]) => [
    role,
    metric,
    ...(target ? ["target", target] : []),
    ...(within ? ["within", within[0], within[1]] : []),
  ]);
const scenarioDeclaration = fc
  .tuple(
    names,
    title,
    names,
    fc.array(property, { maxLength: 3 }),
    condition,
    strings,
    fc.array(pathway, { minLength: 1, maxLength: 3 }),
    fc.option(fc.array(metricUse, { maxLength: 3 }), { nil: undefined }),
  )
  .map(([name, t, decision, properties, situation, goal, pathways, metrics]) => [
    "scenario",
    name,
    ...t,
    "for",
    decision,
    ...block([
      ...properties,
      ["situation", ...situation],
      ["goal", goal],
      ...pathways,
      ...(metrics ? [["metrics", ...block(metrics)]] : []),
    ]),
  ]);

const experimentArm = fc.tuple(names, percents).map(([name, weight]) => [name, weight]);
const experimentDeclaration = fc
  .tuple(
    names,
    title,
    fc.array(property, { maxLength: 2 }),
    fc.array(experimentArm, { maxLength: 3 }),
    fc.option(fc.array(metricUse, { maxLength: 2 }), { nil: undefined }),
  )
  .map(([name, t, properties, arms, metrics]) => [
    "experiment",
    name,
    ...t,
    ...block([
      ...properties,
      ["coverage", "50%"],
      ["arms", ...block(arms)],
      ["seed", '"s"'],
      ...(metrics ? [["metrics", ...block(metrics)]] : []),
    ]),
  ]);

const ruleReference = fc
  .tuple(names, names, fc.option(names, { nil: undefined }))
  .map(([s, p, v]) => [s, p, ...(v ? [v] : [])].join("."));
const testMember = fc.oneof(
  recordLiteral.map((record) => ["given", ...record]),
  fc.tuple(names, fc.option(recordLiteral, { nil: undefined })).map(([fixture, record]) => ["given", fixture, ...(record ?? [])]),
  fc.tuple(names, fc.oneof(ruleReference, fc.constantFrom("default", "none"))).map(([d, target]) => ["expect", d, "=", target]),
  fc.tuple(names, recordLiteral).map(([d, record]) => ["expect", d, ...record]),
  fc.tuple(names, names).map(([d, arm]) => ["expect", d, "arm", arm]),
);
const testDeclaration = fc
  .tuple(strings, fc.array(testMember, { maxLength: 3 }))
  .map(([t, members]) => ["test", t, ...block(members)]);

const fixtureDeclaration = fc
  .tuple(names, fc.option(names, { nil: undefined }), recordLiteral)
  .map(([name, base, record]) => ["fixture", name, ...(base ? ["extends", base] : []), ...record]);

const declaration = fc.oneof(
  contextDeclaration,
  typeDeclaration,
  constDeclaration,
  segmentDeclaration,
  consentDeclaration,
  metricDeclaration,
  decisionDeclaration,
  scenarioDeclaration,
  testDeclaration,
  experimentDeclaration,
  fixtureDeclaration,
);

// ---------------------------------------------------------------------------
// Layout: random spacing and comments between the tokens.

/** Block comments over several lines, before, after or between line breaks. */
const MULTI_LINE_COMMENTS = ["\n/* c\n */\n", " /* c\n */\n  ", "\n  /* a\n     b */ ", " /* a\nb */ "];
const TOKEN_GAPS = [" ", " ", " ", "  ", "\n", "\n    ", " /* b */ ", "\t", " // l\n", "\n// own line\n", "/*x*/", " /* b */\n", "\n/* b */ ", ...MULTI_LINE_COMMENTS];
const INLINE_GAPS = [" ", "  ", " /* b */ "];
const INLINE_ITEM_GAPS = [", ", " , ", " /* i */, "];
const DECLARATION_GAPS = ["\n", "\n\n", "\n\n\n", " ", "\n// between\n", " // end of line\n\n", "\n/* block */\n", "\n/* c\n */\n", " /* c\n */\n"];
const ITEM_GAPS = [", ", ",", " , ", ",\n", ", // item\n", ",\n\n", " /* i */, ", "\n/* note */\n, ", ",\n/* c\n */\n", "\n"];
const MEMBER_GAPS = ["\n", "\n", "\n  ", ", ", ",\n", " ,", "\n\n", "\n\n\n", " // end of line\n", "\n  // own line\n  ", " /* b */\n", "\n\n// after a blank\n\n", ...MULTI_LINE_COMMENTS];

/** Whether two tokens would run together without a space between them. */
function needsSpace(left: string, right: string): boolean {
  return /[\w"%]$/.test(left) && /^[\w"+\-]/.test(right);
}

function layout(pieces: Piece[], choices: readonly number[]): string {
  let out = "";
  let cursor = 0;
  const next = (): number => choices[cursor++ % choices.length] ?? 0;
  let previous: string | undefined;
  let pendingSeparator: Separator | undefined;
  let glued = false;
  for (const piece of pieces) {
    if (typeof piece !== "string") {
      if ("glue" in piece) glued = true;
      else pendingSeparator = piece.sep;
      continue;
    }
    if (previous !== undefined) {
      let gap: string;
      if (glued) gap = pendingSeparator === "item" ? (INLINE_ITEM_GAPS[next() % INLINE_ITEM_GAPS.length] ?? ", ") : (INLINE_GAPS[next() % INLINE_GAPS.length] ?? " ");
      else if (pendingSeparator === "declaration") gap = DECLARATION_GAPS[next() % DECLARATION_GAPS.length] ?? "\n";
      else if (pendingSeparator === "member") gap = MEMBER_GAPS[next() % MEMBER_GAPS.length] ?? "\n";
      else if (pendingSeparator === "item") gap = ITEM_GAPS[next() % ITEM_GAPS.length] ?? ", ";
      else gap = next() % 3 === 0 ? (TOKEN_GAPS[next() % TOKEN_GAPS.length] ?? " ") : needsSpace(previous, piece) ? " " : "";
      out += gap;
    }
    out += piece;
    previous = piece;
    pendingSeparator = undefined;
    glued = false;
  }
  return out;
}

/** Random `.scn` source: one to four declarations with random layout. */
export const arbitrarySource: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(declaration, { minLength: 1, maxLength: 4 }),
    fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    fc.constantFrom("", "// header\n\n", "/* license */\n"),
    fc.constantFrom("\n", "", "\n\n", "\n// trailing\n"),
  )
  .map(([declarations, choices, head, tail]) => {
    const pieces = declarations.flatMap((d, index) => (index === 0 ? d : [DECLARATION, ...d]));
    return head + layout(pieces, choices) + tail;
  });
