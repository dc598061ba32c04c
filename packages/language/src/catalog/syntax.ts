/**
 * Syntax diagnostics (SCN1xxx): what the lexer and the parser report.
 * SCN10xx are lexical problems and limits; SCN11xx are grammar problems.
 * Each example produces exactly its own code (the catalog test checks it).
 */
import type { CatalogEntry } from "./entry.js";

export const SYNTAX_DIAGNOSTICS = [
  {
    code: "SCN1001",
    name: "unexpected-character",
    severity: "error",
    summary: "A character that cannot start any token, outside a string or a comment.",
    example: "const LIMIT = 30 €\n",
  },
  {
    code: "SCN1002",
    name: "unterminated-string",
    severity: "error",
    summary: "A string with no closing quote on its line.",
    example: 'metric calls "Service calls\n{ unit "calls", better lower }\n',
  },
  {
    code: "SCN1003",
    name: "invalid-escape",
    severity: "error",
    summary: "A backslash escape other than \\\" \\\\ \\n \\t or \\uHHHH (four hex digits) in a string.",
    example: 'metric calls "Calls\\q" { unit "calls", better lower }\n',
  },
  {
    code: "SCN1004",
    name: "unterminated-comment",
    severity: "error",
    summary: "A block comment `/*` with no closing `*/`.",
    example: "const LIMIT = 30\n/* the limit comes from the returns policy\n",
  },
  {
    code: "SCN1005",
    name: "file-too-large",
    severity: "error",
    summary: "A file longer than the parser's limit (10 Mi UTF-16 code units); it is not parsed.",
    // Built on demand: the example must exceed the limit, and most readers never look at it.
    get example(): string {
      return `const LIMIT = 30\n// ${"x".repeat(10 * 1024 * 1024)}\n`;
    },
  },
  {
    code: "SCN1006",
    name: "nesting-too-deep",
    severity: "error",
    summary: "Brackets or parentheses nested deeper than 64 levels; the file is not parsed.",
    example: `segment deep = ${"(".repeat(65)}customer.vip${")".repeat(65)}\n`,
  },
  {
    code: "SCN1007",
    name: "invalid-date",
    severity: "error",
    summary: "A `YYYY-MM-DD` literal that is not a calendar date.",
    example: 'metric calls { unit "calls", better lower, expires 2027-02-30 }\n',
  },
  {
    code: "SCN1008",
    name: "invalid-encoding",
    severity: "error",
    summary: "A byte that is not valid UTF-8 (the file was saved in another encoding); the first one is reported, and `scn fmt` leaves the file untouched.",
    // Saved as Latin-1, the `é` is the single byte 0xE9, which UTF-8 does not allow there.
    example: "context { visits: int } // café\n",
    exampleEncoding: "latin1",
  },
  {
    code: "SCN1009",
    name: "declaration-too-large",
    severity: "error",
    summary: "A declaration of more than 250,000 tokens, which would take too much memory to parse; the file is not parsed.",
    // Built on demand: the example must exceed the limit.
    get example(): string {
      return `const big = [${"1, ".repeat(250_000)}]\n`;
    },
  },
  {
    code: "SCN1010",
    name: "number-out-of-range",
    severity: "error",
    summary: "A number or percentage literal that runtimes cannot all represent exactly: a whole part beyond 2^53 − 1 (9007199254740991), or a fraction that rounds to 0.",
    example: "const BIG = 9007199254740993\n",
  },
  {
    code: "SCN1101",
    name: "missing-token",
    severity: "error",
    summary: "A specific token was expected here, e.g. `for DECISION` after a scenario name or a closing `}`.",
    example: 'scenario late_return "Late return" { goal "Return it" }\n',
  },
  {
    code: "SCN1102",
    name: "unexpected-token",
    severity: "error",
    summary: "None of the constructs allowed here starts with this token, e.g. a `when` with no condition.",
    example: "segment loyal = customer.loyalty ==\n",
  },
  {
    code: "SCN1103",
    name: "expected-declaration",
    severity: "error",
    summary: "Text at the top level of a file that does not start a declaration.",
    example: "goal \"Return it\"\n",
  },
  {
    code: "SCN1104",
    name: "reserved-word-as-name",
    severity: "error",
    summary: "A reserved word used where a declaration name is expected.",
    example: "const default = 30\n",
  },
  {
    code: "SCN1105",
    name: "split-misplaced",
    severity: "error",
    summary: "A `split` outside a variation, after another `split`, or followed by assignments: it must be a variation's last member.",
    example:
      'scenario s for d {\n  pathway p otherwise {\n    split trial { a { x: 1 } b { x: 2 } }\n  }\n}\n',
  },
  {
    code: "SCN1106",
    name: "foreign-operator",
    severity: "error",
    summary: "An operator spelled as in another language: `&&`, `||` and `!` are written `and`, `or` and `not`; `=<`, `=>` and `<>` are written `<=`, `>=` and `!=`.",
    example: "context { visits: int, member: bool }\nsegment regulars = visits > 10 && member\n",
  },
  {
    code: "SCN1107",
    name: "arithmetic",
    severity: "error",
    summary: "Arithmetic (`*`, `+`, `-`) in a condition: each condition compares one context field with literals, so a computed value is passed in the context.",
    example: "context { visits: int }\nsegment regulars = visits * 2 > 10\n",
  },
] as const satisfies readonly CatalogEntry[];
