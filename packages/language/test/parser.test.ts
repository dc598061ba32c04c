// One-line parser tests: each row is source text and the compact tree it must
// produce (see parser-compact.ts). Every row must also parse without a
// diagnostic.
import { describe, expect, it } from "vitest";
import { parseFile, type Declaration, type SegmentDeclaration, type ConstDeclaration, type TypeDeclaration } from "@scn/language";
import { compact, printCondition, printType, printValue } from "./parser-compact.js";

function parseClean(source: string): readonly Declaration[] {
  const result = parseFile(source, "test.scn");
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result.value.declarations;
}

function only<T extends Declaration>(source: string, kind: T["kind"]): T {
  const declarations = parseClean(source);
  expect(declarations).toHaveLength(1);
  const [declaration] = declarations;
  expect(declaration?.kind).toBe(kind);
  return declaration as T;
}

describe("conditions", () => {
  const cases: [string, string][] = [
    ["vip", "vip"],
    ["customer.vip", "customer.vip"],
    ["true", "true"],
    ["false", "false"],
    ["a == 1", "(== a 1)"],
    ["a != 1", "(!= a 1)"],
    ["a < 1", "(< a 1)"],
    ["a <= -1", "(<= a -1)"],
    ["a > 0.65", "(> a 0.65)"],
    ["a >= 1", "(>= a 1)"],
    ['a == "x"', '(== a "x")'],
    ["a == online", "(== a online)"],
    ["a == default", "(== a default)"],
    ["a == none", "(== a none)"],
    ["a == true", "(== a true)"],
    ["a == b.c", "(== a b.c)"],
    ["a in [x, y]", "(in a [x y])"],
    ["a in [x y,]", "(in a [x y])"],
    ["a in []", "(in a [])"],
    ["a not in [1, 2]", "(not-in a [1 2])"],
    ["a in 0..1", "(in a 0..1)"],
    ["a in -5..-1", "(in a -5..-1)"],
    ["a in 0.5..10", "(in a 0.5..10)"],
    ["a in LO..HI", "(in a LO..HI)"],
    ['tags contains "x"', '(contains tags "x")'],
    ["tags not contains gold", "(not-contains tags gold)"],
    ["a is present", "(present a)"],
    ["a is not present", "(absent a)"],
    ["a and b", "(and a b)"],
    ["a or b", "(or a b)"],
    ["a and b or c and d", "(or (and a b) (and c d))"],
    ["a or b or c", "(or a b c)"],
    ["not a", "(not a)"],
    ["not not a", "(not (not a))"],
    ["not a and b", "(and (not a) b)"],
    ["(a or b) and c", "(and (paren (or a b)) c)"],
    ["not (a == 1)", "(not (paren (== a 1)))"],
    // Field names after a `.` may be any word, reserved or not.
    ["customer.consent.personalization", "customer.consent.personalization"],
    ["order.status == active", "(== order.status active)"],
    ["x.in.not == 1", "(== x.in.not 1)"],
    // A reserved word may start a path when the rest shows it is one.
    ["test == 1", "(== test 1)"],
    ["default.x", "default.x"],
    ["context not in [1]", "(not-in context [1])"],
    // Contextual words are plain names outside their places.
    ["status == active and priority > 3", "(and (== status active) (> priority 3))"],
  ];
  it.each(cases)("segment s = %s", (source, expected) => {
    const segment = only<SegmentDeclaration>(`segment s = ${source}`, "SegmentDeclaration");
    expect(printCondition(segment.condition)).toBe(expected);
  });
});

describe("values", () => {
  const cases: [string, string][] = [
    ["42", "42"],
    ["-3", "-3"],
    ["0.65", "0.65"],
    ['"a \\"b\\" \\\\ \\n \\t \\u00e9"', '"a \\"b\\" \\\\ \\n \\t \\u00e9"'],
    ["true", "true"],
    ["false", "false"],
    ["15%", "15%"],
    ["+15%", "+15%"],
    ["-20%", "-20%"],
    ["2.5%", "2.5%"],
    ["2027-03-31", "2027-03-31"],
    ["0..1", "0..1"],
    ["0..RETURN_WINDOW_DAYS", "0..RETURN_WINDOW_DAYS"],
    ["[]", "[]"],
    ["[1, 2, 3]", "[1 2 3]"],
    ["[1, 2, 3,]", "[1 2 3]"],
    ['["a"\n"b"]', '["a" "b"]'],
    ["[[1], [2]]", "[[1] [2]]"],
    ["{ a: 1, b: { c: x } }", "{a: 1, b: {c: x}}"],
    ["{ default: default, enum: in }", "{default: default, enum: in}"],
    ["gold", "gold"],
    ["default", "default"],
    ["a.b", "a.b"],
  ];
  it.each(cases)("const C = %s", (source, expected) => {
    const constant = only<ConstDeclaration>(`const C = ${source}`, "ConstDeclaration");
    expect(printValue(constant.value)).toBe(expected);
  });

  it("decodes string escapes", () => {
    const constant = only<ConstDeclaration>('const C = "q\\"b\\\\n\\n\\t\\u00e9"', "ConstDeclaration");
    expect(constant.value).toMatchObject({ kind: "String", value: 'q"b\\n\n\té' });
  });

  it("keeps integer-ness and signs of numbers and percentages", () => {
    const values = ["42", "-3", "0.5", "+15%", "15%", "-2.5%"].map(
      (source) => only<ConstDeclaration>(`const C = ${source}`, "ConstDeclaration").value,
    );
    expect(values.map((v) => compact(v))).toEqual([
      { kind: "Number", value: 42, isInteger: true, raw: "42" },
      { kind: "Number", value: -3, isInteger: true, raw: "-3" },
      { kind: "Number", value: 0.5, isInteger: false, raw: "0.5" },
      { kind: "Percent", value: 15, explicitSign: true, raw: "+15%" },
      { kind: "Percent", value: 15, explicitSign: false, raw: "15%" },
      { kind: "Percent", value: -2.5, explicitSign: true, raw: "-2.5%" },
    ]);
  });
});

describe("types", () => {
  const cases: [string, string][] = [
    ["bool", "bool"],
    ["int(0..3650)", "int(0..3650)"],
    ["number(0..1)", "number(0..1)"],
    ["int(0..MAX)", "int(0..MAX)"],
    ["string?", "string?"],
    ["enum { a, b, c }", "enum{a b c}"],
    ["enum { none\n active\n default, }", "enum{none active default}"],
    ["enum { }", "enum{}"],
    ["list<string>", "list<string>"],
    ["list<list<int>>", "list<list<int>>"],
    ["list<Loyalty>?", "list<Loyalty>?"],
    ["{ a: int, b: string? personal }", "{a: int, b: string? personal}"],
    ["{ personal: bool personal }", "{personal: bool personal}"],
    ["{ a: int\n personal: bool }", "{a: int, personal: bool}"],
    ["{ context: bool, type: int, list: list<int> }", "{context: bool, type: int, list: list<int>}"],
    ["list", "list"],
  ];
  it.each(cases)("type T = %s", (source, expected) => {
    const declaration = only<TypeDeclaration>(`type T = ${source}`, "TypeDeclaration");
    expect(printType(declaration.type)).toBe(expected);
  });
});

describe("declarations", () => {
  const cases: [string, unknown][] = [
    [
      "context { customer: { id: string, tier: Tier }, basket: number? }",
      {
        kind: "ContextDeclaration",
        fields: [
          {
            kind: "FieldDeclaration",
            name: "customer",
            type: {
              kind: "RecordType",
              fields: [
                { kind: "FieldDeclaration", name: "id", type: { kind: "TypeReference", name: "string" } },
                { kind: "FieldDeclaration", name: "tier", type: { kind: "TypeReference", name: "Tier" } },
              ],
            },
          },
          { kind: "FieldDeclaration", name: "basket", type: { kind: "OptionalType", inner: { kind: "TypeReference", name: "number" } } },
        ],
      },
    ],
    [
      "context { tags: list<string> personal }",
      {
        kind: "ContextDeclaration",
        fields: [{ kind: "FieldDeclaration", name: "tags", type: { kind: "ListType", element: { kind: "TypeReference", name: "string" } }, personal: true }],
      },
    ],
    ["type Tier = enum { gold }", { kind: "TypeDeclaration", name: "Tier", type: { kind: "EnumType", members: ["gold"] } }],
    ["const N = 30", { kind: "ConstDeclaration", name: "N", value: { kind: "Number", value: 30, isInteger: true, raw: "30" } }],
    [
      'segment vip "Very important" = tier == gold',
      {
        kind: "SegmentDeclaration",
        name: "vip",
        title: { kind: "String", value: "Very important", raw: '"Very important"' },
        condition: { kind: "Compare", subject: "tier", operator: "==", value: "gold" },
      },
    ],
    ["consent personalization = customer.consent.ok", { kind: "ConsentDeclaration", name: "personalization", path: "customer.consent.ok" }],
    [
      'decision d "D" { output { action: enum { a, b } } default { action: a } owner "x" }',
      {
        kind: "DecisionDeclaration",
        name: "d",
        title: { kind: "String", value: "D", raw: '"D"' },
        members: [
          { kind: "OutputBlock", fields: [{ kind: "FieldDeclaration", name: "action", type: { kind: "EnumType", members: ["a", "b"] } }] },
          { kind: "DefaultBlock", assignments: [{ kind: "Assignment", field: "action", value: "a" }] },
          { kind: "Property", key: "owner", value: { kind: "String", value: "x", raw: '"x"' } },
        ],
      },
    ],
    [
      'metric calls "Calls" { unit "calls/week", better lower }',
      {
        kind: "MetricDeclaration",
        name: "calls",
        title: { kind: "String", value: "Calls", raw: '"Calls"' },
        properties: [
          { kind: "Property", key: "unit", value: { kind: "String", value: "calls/week", raw: '"calls/week"' } },
          { kind: "Property", key: "better", value: "lower" },
        ],
      },
    ],
    [
      "scenario s for d { status active\n priority 50, expires 2027-06-30 }",
      {
        kind: "ScenarioDeclaration",
        name: "s",
        decision: "d",
        members: [
          { kind: "Property", key: "status", value: "active" },
          { kind: "Property", key: "priority", value: { kind: "Number", value: 50, isInteger: true, raw: "50" } },
          { kind: "Property", key: "expires", value: { kind: "Date", value: "2027-06-30" } },
        ],
      },
    ],
    [
      'scenario s "S" for d { situation a\n goal "g" }',
      {
        kind: "ScenarioDeclaration",
        name: "s",
        title: { kind: "String", value: "S", raw: '"S"' },
        decision: "d",
        members: [
          { kind: "Situation", condition: { kind: "Reference", path: "a" } },
          { kind: "Goal", text: { kind: "String", value: "g", raw: '"g"' } },
        ],
      },
    ],
    [
      "scenario s for d { pathway p when a { x: 1 variation v { x: 2 } variation w when b { variation: 3 } } pathway q otherwise { } }",
      {
        kind: "ScenarioDeclaration",
        name: "s",
        decision: "d",
        members: [
          {
            kind: "Pathway",
            name: "p",
            when: { kind: "Reference", path: "a" },
            members: [
              { kind: "Assignment", field: "x", value: { kind: "Number", value: 1, isInteger: true, raw: "1" } },
              { kind: "Variation", name: "v", assignments: [{ kind: "Assignment", field: "x", value: { kind: "Number", value: 2, isInteger: true, raw: "2" } }] },
              {
                kind: "Variation",
                name: "w",
                when: { kind: "Reference", path: "b" },
                assignments: [{ kind: "Assignment", field: "variation", value: { kind: "Number", value: 3, isInteger: true, raw: "3" } }],
              },
            ],
          },
          { kind: "Pathway", name: "q", otherwise: true, members: [] },
        ],
      },
    ],
    [
      "scenario s for d { metrics { primary m target +15% within 90 days, guardrail g target -20% secondary z within 2 weeks } }",
      {
        kind: "ScenarioDeclaration",
        name: "s",
        decision: "d",
        members: [
          {
            kind: "MetricsBlock",
            uses: [
              {
                kind: "MetricUse",
                role: "primary",
                metric: "m",
                target: { kind: "Percent", value: 15, explicitSign: true, raw: "+15%" },
                within: { kind: "MetricWindow", amount: { kind: "Number", value: 90, isInteger: true, raw: "90" }, unit: "days" },
              },
              { kind: "MetricUse", role: "guardrail", metric: "g", target: { kind: "Percent", value: -20, explicitSign: true, raw: "-20%" } },
              {
                kind: "MetricUse",
                role: "secondary",
                metric: "z",
                within: { kind: "MetricWindow", amount: { kind: "Number", value: 2, isInteger: true, raw: "2" }, unit: "weeks" },
              },
            ],
          },
        ],
      },
    ],
    [
      'test "t" { given { a: { b: 1 } } expect d = s.p.v, expect d = s.p expect d = default expect d = none expect d = none.p expect d { x: y } }',
      {
        kind: "TestDeclaration",
        title: { kind: "String", value: "t", raw: '"t"' },
        members: [
          {
            kind: "Given",
            value: {
              kind: "Record",
              entries: [
                {
                  kind: "Assignment",
                  field: "a",
                  value: { kind: "Record", entries: [{ kind: "Assignment", field: "b", value: { kind: "Number", value: 1, isInteger: true, raw: "1" } }] },
                },
              ],
            },
          },
          { kind: "ExpectRule", decision: "d", target: { kind: "RuleReference", scenario: "s", pathway: "p", variation: "v" } },
          { kind: "ExpectRule", decision: "d", target: { kind: "RuleReference", scenario: "s", pathway: "p" } },
          { kind: "ExpectRule", decision: "d", target: { kind: "ExpectDefault" } },
          { kind: "ExpectRule", decision: "d", target: { kind: "ExpectNone" } },
          { kind: "ExpectRule", decision: "d", target: { kind: "RuleReference", scenario: "none", pathway: "p" } },
          { kind: "ExpectOutput", decision: "d", output: { kind: "Record", entries: [{ kind: "Assignment", field: "x", value: "y" }] } },
        ],
      },
    ],
  ];
  it.each(cases)("%s", (source, expected) => {
    const declarations = parseClean(source);
    expect(declarations).toHaveLength(1);
    expect(compact(declarations[0])).toEqual(expected);
  });

  it("reads a rule id with slashes, as answers print it, exactly as the dotted one", () => {
    const slashed = parseClean('test "t" { given { a: 1 } expect d = s/p/v expect d = s/p expect d = none/p }');
    const dotted = parseClean('test "t" { given { a: 1 } expect d = s.p.v expect d = s.p expect d = none.p }');
    expect(compact(slashed[0])).toEqual(compact(dotted[0]));
    const rules = (compact(slashed[0]) as { members: { target?: unknown }[] }).members.flatMap((m) => (m.target ? [m.target] : []));
    expect(rules).toEqual([
      { kind: "RuleReference", scenario: "s", pathway: "p", variation: "v" },
      { kind: "RuleReference", scenario: "s", pathway: "p" },
      { kind: "RuleReference", scenario: "none", pathway: "p" },
    ]);
  });
});

describe("separators", () => {
  const forms = [
    "context { a: int, b: int }",
    "context { a: int\n b: int }",
    "context { a: int, b: int, }",
    "context {\n  a: int,\n  b: int,\n}",
    "context { a: int b: int }",
  ];
  it.each(forms)("%j parses like the others", (source) => {
    expect(compact(parseClean(source))).toEqual(compact(parseClean(forms[0] ?? "")));
  });

  it("ends a condition at the next member, on the same line or the next", () => {
    const [scenario] = parseClean('scenario s for d { situation a == b\n goal "g", situation c goal "h" }');
    expect(compact(scenario)).toMatchObject({
      members: [
        { kind: "Situation", condition: { kind: "Compare", value: "b" } },
        { kind: "Goal" },
        { kind: "Situation", condition: { kind: "Reference", path: "c" } },
        { kind: "Goal" },
      ],
    });
  });
});

describe("lexical details", () => {
  it("treats a byte-order mark as whitespace and keeps offsets exact", () => {
    const result = parseFile("\uFEFFconst A = 1", "bom.scn");
    expect(result.diagnostics).toEqual([]);
    const [constant] = result.value.declarations;
    expect(constant?.span.start).toEqual({ offset: 1, line: 1, column: 2 });
  });

  it("counts CRLF line ends once and keeps `\\r` out of tokens", () => {
    const text = "const A = 1\r\nconst B = \"x\"\r\n\r\nconst C = 2";
    const result = parseFile(text, "crlf.scn");
    expect(result.diagnostics).toEqual([]);
    const spans = result.value.declarations.map((d) => d.span);
    expect(spans.map((s) => [s.start.line, s.start.column, s.end.line, s.end.column])).toEqual([
      [1, 1, 1, 12],
      [2, 1, 2, 14],
      [4, 1, 4, 12],
    ]);
    for (const span of spans) expect(text.slice(span.start.offset, span.end.offset)).not.toContain("\r");
  });

  it("returns comments with exact spans, in source order", () => {
    const text = "// first\nconst A = 1 /* inline */\n/* multi\n line */";
    const result = parseFile(text, "comments.scn");
    expect(result.diagnostics).toEqual([]);
    expect(result.value.comments.map((c) => [c.kind, c.text, c.span.start.line, c.span.end.line, c.span.end.column])).toEqual([
      ["LineComment", "// first", 1, 1, 9],
      ["BlockComment", "/* inline */", 2, 2, 25],
      ["BlockComment", "/* multi\n line */", 3, 4, 9],
    ]);
    for (const comment of result.value.comments) {
      expect(text.slice(comment.span.start.offset, comment.span.end.offset)).toBe(comment.text);
    }
  });

  it("gives every node a span that covers exactly its text", () => {
    const text = 'segment s "T" = not (a.b in 0..1) and c is present';
    const [segment] = parseClean(text) as SegmentDeclaration[];
    expect(segment && text.slice(segment.span.start.offset, segment.span.end.offset)).toBe(text);
    const condition = segment?.condition;
    expect(condition && text.slice(condition.span.start.offset, condition.span.end.offset)).toBe("not (a.b in 0..1) and c is present");
    if (condition?.kind !== "And") throw new Error("expected an and");
    expect(condition.operands.map((o) => text.slice(o.span.start.offset, o.span.end.offset))).toEqual(["not (a.b in 0..1)", "c is present"]);
  });

  it("counts columns in UTF-16 code units", () => {
    const text = 'const A = "😀é" const B = 1';
    const result = parseFile(text, "utf16.scn");
    const b = result.value.declarations[1];
    expect(b?.span.start).toEqual({ offset: 16, line: 1, column: 17 });
  });
});

describe("programs", () => {
  it("sorts files by path", async () => {
    const { parseProgram } = await import("@scn/language");
    const result = parseProgram([
      { path: "b.scn", text: "const B = 1" },
      { path: "a.scn", text: "const A = 1" },
      { path: "a/z.scn", text: "const Z = {" },
    ]);
    expect(result.value.files.map((f) => f.path)).toEqual(["a.scn", "a/z.scn", "b.scn"]);
    expect(result.diagnostics.map((d) => d.span.file)).toEqual(["a/z.scn"]);
  });
});

describe("lexer", () => {
  const cases: [string, string][] = [
    ["0..1", "NumberLiteral(0) DotDot(..) NumberLiteral(1)"],
    ["0.5..1.5", "NumberLiteral(0.5) DotDot(..) NumberLiteral(1.5)"],
    ["-5..-1", "NumberLiteral(-5) DotDot(..) NumberLiteral(-1)"],
    ["a.b", "Identifier(a) Dot(.) Identifier(b)"],
    ["2027-03-31", "DateLiteral(2027-03-31)"],
    ["15% +15% -2.5%", "PercentLiteral(15%) PercentLiteral(+15%) PercentLiteral(-2.5%)"],
    ["<= < >= > == != =", "LessEqual(<=) Less(<) GreaterEqual(>=) Greater(>) EqualEqual(==) NotEqual(!=) Equals(=)"],
    ["list<list<int>>", "List(list) Less(<) List(list) Less(<) Identifier(int) Greater(>) Greater(>)"],
    ["context contexts _context", "Context(context) Identifier(contexts) Identifier(_context)"],
    ["status statuses", "Status(status) Identifier(statuses)"],
    ['"a\\"b" "c"', 'StringLiteral("a\\"b") StringLiteral("c")'],
    ["a // note\nb /* x */ c", "Identifier(a) Identifier(b) Identifier(c)"],
  ];
  it.each(cases)("%j", async (source, expected) => {
    const { scnLexer } = await import("../src/chevrotain-lexer.js");
    const lexed = scnLexer.tokenize(source);
    expect(lexed.errors).toEqual([]);
    expect(lexed.tokens.map((t) => `${t.tokenType.name}(${t.image})`).join(" ")).toBe(expected);
  });

  it("has a keyword token for every reserved word and an identifier token for every contextual word", async () => {
    const { KEYWORD_TOKENS, CONTEXTUAL_TOKENS, RESERVED_WORDS, CONTEXTUAL_WORDS } = await import("@scn/language");
    const { Identifier, Word } = await import("../src/lexer.js");
    expect(Object.keys(KEYWORD_TOKENS)).toEqual([...RESERVED_WORDS]);
    expect(Object.keys(CONTEXTUAL_TOKENS)).toEqual([...CONTEXTUAL_WORDS]);
    for (const token of Object.values(KEYWORD_TOKENS)) expect(token.CATEGORIES).toContain(Word);
    for (const token of Object.values(CONTEXTUAL_TOKENS)) expect(token.CATEGORIES).toContain(Identifier);
  });
});
