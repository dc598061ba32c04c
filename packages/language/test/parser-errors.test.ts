// Syntax diagnostics, written as source with a caret line under the offending
// text and the expected code after the carets (a zero-width span at the end of
// the file is drawn as one caret). Each case must report exactly the
// annotated diagnostics.
import { describe, expect, it } from "vitest";
import { CATALOG, parseFile, type Diagnostic } from "@scn/language";

interface Expected {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly width: number;
}

const ANNOTATION = /^(\s*)(\^+) (SCN\d{4})\s*$/;

function splitAnnotated(annotated: string): { source: string; expected: Expected[] } {
  const lines: string[] = [];
  const expected: Expected[] = [];
  for (const line of annotated.split("\n")) {
    const match = ANNOTATION.exec(line);
    if (match) {
      expected.push({ code: match[3] ?? "", line: lines.length, column: (match[1]?.length ?? 0) + 1, width: match[2]?.length ?? 0 });
    } else {
      lines.push(line);
    }
  }
  return { source: lines.join("\n"), expected };
}

function observed(diagnostic: Diagnostic): Expected {
  const { start, end } = diagnostic.span;
  const width = end.line === start.line ? Math.max(1, end.column - start.column) : 1;
  return { code: diagnostic.code, line: start.line, column: start.column, width };
}

function expectParseErrors(annotated: string): Diagnostic[] {
  const { source, expected } = splitAnnotated(annotated);
  const result = parseFile(source, "case.scn");
  expect(result.diagnostics.map(observed)).toEqual(expected);
  return [...result.diagnostics];
}

const cases: string[] = [
  // SCN1001: characters that start no token.
  `const LIMIT = 30 €
                 ^ SCN1001`,
  `const A = 1 @@@ const B = 2
            ^^^ SCN1001`,
  `const A =\u00a01
         ^ SCN1001`,
  // SCN1002: a string without its closing quote.
  `const A = "open
          ^^^^^ SCN1002`,
  `const A = "ends in escape\\"
          ^^^^^^^^^^^^^^^^^ SCN1002`,
  // SCN1003: bad escapes, each reported at the escape itself.
  `const A = "a\\qb\\u12G4"
            ^^ SCN1003
               ^^^^ SCN1003`,
  // SCN1004: an unclosed block comment.
  `const A = 1 /* never closed
            ^^ SCN1004`,
  // SCN1007: not a calendar date.
  `const D = 2027-02-30
          ^^^^^^^^^^ SCN1007`,
  `const D = 2027-13-01
          ^^^^^^^^^^ SCN1007`,
  // SCN1101: a specific token is missing.
  `scenario late "Late" { goal "g" }
                     ^ SCN1101`,
  `scenario late { goal "g" }
              ^ SCN1101`,
  `segment s = (a or b
                   ^ SCN1101`,
  `context { a int }
            ^^^ SCN1101`,
  `decision d { output { a: int }
                              ^ SCN1101`,
  `scenario s for d { owner "a" "b" }
                             ^^^ SCN1101`,
  `test "t" { expect d = s }
                      ^ SCN1102`,
  // SCN1102: nothing allowed here starts with this token.
  `scenario s for d { pathway p when { } }
                                  ^ SCN1102`,
  `scenario s for d { pathway p { } }
                             ^ SCN1102`,
  `segment s = a ==
                ^ SCN1102`,
  `scenario s for d {
  situation
  goal "g"
  ^^^^ SCN1102
}`,
  `scenario s for d { metrics { main m } }
                             ^^^^ SCN1101`,
  `scenario s for d { metrics { primary m within 3 months } }
                                                ^^^^^^ SCN1102`,
  `context { a: 12 }
             ^^ SCN1102`,
  // SCN1103: stray text at the top level; parsing resumes at the next declaration.
  `goal "g"
^^^^ SCN1103
const A = 1
}}} const B = 2
^ SCN1103`,
  // SCN1104: a reserved word where a declaration name goes.
  `const default = 30
      ^^^^^^^ SCN1104`,
  `segment context = a
        ^^^^^^^ SCN1104`,
  // SCN1105: a split outside a variation, a second split, or a split before assignments.
  `scenario s for d { pathway p otherwise { split trial { a { x: 1 } b { x: 2 } } } }
                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ SCN1105`,
  `scenario s for d { pathway p otherwise { variation v { split k { a { } } x: 1 } } }
                                                       ^^^^^^^^^^^^^^^^^ SCN1105`,
  `scenario s for d { pathway p otherwise { variation v { split k { a { } } split j { b { } } } } }
                                                       ^^^^^^^^^^^^^^^^^ SCN1105`,
  // A missing `}` is reported at the keyword that follows, and parsing goes on from there.
  `scenario s for d {
  pathway p when a { x: 1
  pathway q otherwise { y: }
  ^^^^^^^ SCN1101
                           ^ SCN1102
}`,
  `type T = enum { a, b
segment s = x
^^^^^^^ SCN1101`,
  `context { a: int
segment s = x y
^^^^^^^ SCN1101
              ^ SCN1103`,
  // Records are never compared with, so `{` after an operator is not read as one.
  `scenario s for d { pathway p when a == { x: 1 } pathway q otherwise { } }
                                       ^ SCN1102`,
  `scenario s for d { pathway p when a { variation { x: 1 } } }
                                      ^^^^^^^^^ SCN1101`,
  // Each member of a block is its own place for errors.
  `scenario s for d {
  situation a ==
  goal 5
  ^^^^ SCN1102
       ^ SCN1101
  pathway p when { x: 1 }
                 ^ SCN1102
  pathway q otherwise { y: }
                           ^ SCN1102
}`,
  // Several errors in one file are all reported.
  `const A = "x\\z"
            ^^ SCN1003
segment s = a ==
const B = 2
^^^^^ SCN1102
scenario x "t" { }
               ^ SCN1101`,
];

describe("syntax diagnostics", () => {
  it.each(cases)("%s", (annotated) => {
    expectParseErrors(annotated);
  });

  it("has a case for every syntax code except the size limit (see parser-limits.test.ts)", () => {
    const covered = new Set(cases.flatMap((annotated) => splitAnnotated(annotated).expected.map((e) => e.code)));
    covered.add("SCN1005");
    covered.add("SCN1006");
    const syntaxCodes = CATALOG.filter((entry) => entry.code.startsWith("SCN1")).map((entry) => entry.code);
    expect(syntaxCodes.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("syntax messages", () => {
  const messages: [string, string][] = [
    ["scenario s for d { pathway p when { } }", "expected a condition after `when`, found `{`"],
    ['scenario late "Late" { }', "expected `for DECISION` after the scenario title, found `{`"],
    ["scenario late { }", "expected `for DECISION` after the scenario name, found `{`"],
    ["scenario s for { }", "expected a decision name after `for`, found `{`"],
    ["scenario s for d { pathway p { } }", "expected `when CONDITION` or `otherwise` after `p`, found `{`"],
    ["segment s = a ==", "expected a value after `==`, found the end of the file"],
    ["const default = 30", "`default` is a reserved word and cannot name a const"],
    ["const default", "expected a const name after `const`, found the reserved word `default`"],
    ["context { a int }", "expected `:` after `a`, found `int`"],
    ["decision d { output { a: int }", "expected `output`, `default`, a property or `}` after `}`, found the end of the file"],
    ["const A = [1, 2", "expected a list item or `]` after `2`, found the end of the file"],
    ["goal \"g\"", "expected a declaration, found `goal`"],
    ['const A = "open', "this string has no closing `\"`"],
    ["const A = 1 €", "unexpected character `€`"],
    ["const A = 1 @@@", "unexpected characters `@@@`"],
    ["const A =\u00a01", "unexpected character U+00A0"],
    ["const A = 1 \u0000\u0001", "unexpected characters U+0000 U+0001"],
    ["scenario s for d { pathway p otherwise { split k { } } }", "a `split` belongs inside a variation, not directly in a pathway"],
    ["scenario s for d { pathway p otherwise { variation v { split k { } x: 1 } } }", "a `split` must be the last member of its variation"],
    ["segment s = a in 5", "expected `..` after `5`, found the end of the file"],
    ["scenario s for d { pathway p when a { x: 1\n pathway q otherwise { } }", "expected an assignment `field: value`, a `variation` or `}` after `1`, found `pathway`"],
    ["scenario s for d { pathway p when a { variation { x: 1 } } }", "expected a segment name after `variation`, found `{`"],
    ["scenario s for d { pathway p when a == { x: 1 } }", "expected a value after `==`, found `{`"],
    ["segment s = a ==\nconst B = 2", "expected a value after `==`, found `const`"],
    ["context { a: int\n segment s = x", "expected a field `name: type` or `}` after `int`, found `segment`"],
  ];
  it.each(messages)("%s", (source, message) => {
    const result = parseFile(source, "m.scn");
    expect(result.diagnostics[0]?.message).toBe(message);
  });

  const helps: [string, string][] = [
    ["context { a: int\nsegment s = x", "add the `}` that closes the block before `segment`, if the block is complete"],
    ["scenario late { }", "name the decision the scenario answers: `scenario NAME \"Title\" for DECISION { … }`"],
    ["const default = 30", "choose another name, such as `default_1`"],
    ["scenario s for d { pathway p otherwise { split k { } } }", "move the `split` into the variation it tests, as its last member"],
    ["goal \"g\"", "start each declaration with `context`, `type`, `const`, `segment`, `decision`, `metric`, `consent`, `scenario`, `experiment` or `test`"],
  ];
  it.each(helps)("%s has help", (source, help) => {
    expect(parseFile(source, "h.scn").diagnostics[0]?.help).toBe(help);
  });

  it("never shows chevrotain's own wording", () => {
    const sources = [...cases.map((c) => splitAnnotated(c).source), ...messages.map(([source]) => source)];
    for (const source of sources) {
      for (const diagnostic of parseFile(source, "m.scn").diagnostics) {
        expect(diagnostic.message).not.toMatch(/Expecting|token of type|but found|EOF|-->/);
        expect(diagnostic.severity).toBe("error");
      }
    }
  });
});
