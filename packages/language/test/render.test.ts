import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvDraft04 from "ajv-draft-04";
import {
  codeFrame,
  escapeGithubData,
  escapeGithubProperty,
  renderGithub,
  renderJson,
  renderPretty,
  renderSarif,
  type Diagnostic,
  type Span,
} from "@scn/language";

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS: Node's default import is its module.exports, the
// class itself, which also carries itself as `default`. TypeScript types that
// import as the whole module (NodeNext), so the class is read from `default`.
const AjvDraft04 = ajvDraft04.default;

const SOURCE = ["segment loyal = customer.loyalty in [gold, platnum]", "\tsegment x = y", ""].join("\n");

function span(file: string, line: number, column: number, length: number, offset = 0): Span {
  return { file, start: { offset, line, column }, end: { offset: offset + length, line, column: column + length } };
}

const DIAGNOSTICS: Diagnostic[] = [
  {
    code: "SCN2004",
    severity: "error",
    message: "unknown enum member `platnum`",
    span: span("retail/segments.scn", 1, 44, 7, 43),
    help: "did you mean `platinum`?",
  },
  {
    code: "SCN3001",
    severity: "warning",
    message: "scenarios `a` and `b` can both apply, 100% sure: see witness",
    span: span("retail/segments.scn", 2, 10, 1, 62),
    related: [{ message: "`b` is declared here", span: span("retail/segments.scn", 1, 1, 7) }],
    witness: { customer: { loyalty: "gold" } },
  },
];

describe("pretty renderer", () => {
  it("draws carets under the exact span, with help, related spans and the witness", () => {
    const text = renderPretty(DIAGNOSTICS, () => SOURCE, 1, { color: false });
    expect(text).toBe(
      [
        "error[SCN2004]: unknown enum member `platnum`",
        " --> retail/segments.scn:1:44",
        "  |",
        "1 | segment loyal = customer.loyalty in [gold, platnum]",
        "  |                                            ^^^^^^^",
        "  = help: did you mean `platinum`?",
        "",
        "warning[SCN3001]: scenarios `a` and `b` can both apply, 100% sure: see witness",
        " --> retail/segments.scn:2:10",
        "  |",
        "2 |     segment x = y",
        "  |             ^",
        " ::: retail/segments.scn:1:1",
        "  |",
        "1 | segment loyal = customer.loyalty in [gold, platnum]",
        "  | ^^^^^^^ `b` is declared here",
        "  = witness: {",
        '               "customer": {',
        '                 "loyalty": "gold"',
        "               }",
        "             }",
        "",
        "1 error, 1 warning in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("never reads outside the text, even for spans past the end", () => {
    const lines = codeFrame("abc", span("f.scn", 9, 40, 3), "", 1);
    expect(lines[2]).toMatch(/\^/);
  });
});

describe("json renderer", () => {
  it("matches its published JSON Schema", () => {
    const schema = JSON.parse(readFileSync(new URL("../schema/diagnostics.schema.json", import.meta.url), "utf8"));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validate = ajv.compile(schema);
    const document = JSON.parse(renderJson(DIAGNOSTICS, ["retail/segments.scn"]));
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(document)).toBe(true);
    expect(document.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(document.diagnostics[1].witness).toEqual({ customer: { loyalty: "gold" } });
  });
});

describe("sarif renderer", () => {
  it("passes the official OASIS SARIF 2.1.0 schema", () => {
    // The official schema has a pattern that is invalid under the `u` flag, so
    // ajv must compile its patterns as plain regular expressions.
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(renderSarif(DIAGNOSTICS, { toolVersion: "0.1.0" }));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const result = log.runs[0].results[1];
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "retail/segments.scn", uriBaseId: "%SRCROOT%" });
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 10, endColumn: 11 });
    expect(result.properties.witness).toEqual({ customer: { loyalty: "gold" } });
    expect(result.relatedLocations[0].message.text).toBe("`b` is declared here");
  });

  it("percent-encodes relative artifact URIs", () => {
    const d: Diagnostic = { ...DIAGNOSTICS[0]!, span: span("my dir/a#b.scn", 1, 1, 1) };
    const log = JSON.parse(renderSarif([d], { toolVersion: "0.1.0" }));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("my%20dir/a%23b.scn");
  });
});

describe("github renderer", () => {
  it("escapes data and properties as the workflow-command syntax requires", () => {
    expect(escapeGithubData("50% off\r\nnow")).toBe("50%25 off%0D%0Anow");
    expect(escapeGithubProperty("a:b,c%d\ne")).toBe("a%3Ab%2Cc%25d%0Ae");
  });

  it("puts errors before warnings and escapes commas, colons, percents and newlines", () => {
    const tricky: Diagnostic = {
      code: "SCN4001",
      severity: "info",
      message: "draft, not: 100%\nlisted",
      span: span("dir,with:odd%/x.scn", 3, 2, 4),
    };
    const out = renderGithub([tricky, ...DIAGNOSTICS]).trimEnd().split("\n");
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^::error file=retail\/segments.scn,line=1,endLine=1,col=44,endColumn=51,title=SCN2004 error::unknown enum member `platnum`%0Ahelp: did you mean `platinum`\?$/);
    expect(out[1]).toMatch(/^::warning /);
    expect(out[1]).toContain('witness: {"customer":{"loyalty":"gold"}}');
    expect(out[2]).toBe("::notice file=dir%2Cwith%3Aodd%25/x.scn,line=3,endLine=3,col=2,endColumn=6,title=SCN4001 info::draft, not: 100%25%0Alisted");
  });
});
