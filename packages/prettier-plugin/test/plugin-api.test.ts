/**
 * The plugin as prettier loads it: its language, parser and printer entries,
 * exact offsets, option defaults a user can override, syntax errors in the
 * shape prettier reports, and line ends and byte-order marks.
 */
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { parseFile } from "@scn/language/syntax";
import * as scnPlugin from "@scn/prettier-plugin";
import { ScnSyntaxError } from "@scn/prettier-plugin";
import { format } from "./support/format.js";

describe("plugin entries", () => {
  it("declares the scn language for .scn files", () => {
    expect(scnPlugin.languages).toEqual([expect.objectContaining({ name: "scn", extensions: [".scn"], parsers: ["scn"] })]);
  });

  it("parses to the scn-ast format with exact offsets (end exclusive)", () => {
    const parser = scnPlugin.parsers["scn"];
    expect(parser?.astFormat).toBe("scn-ast");
    expect(Object.keys(scnPlugin.printers)).toEqual(["scn-ast"]);
    const text = "const A = 42\n";
    const file = parseFile(text, "a.scn").value;
    const declaration = file.declarations[0];
    if (!parser || !declaration) throw new Error("missing parser or declaration");
    expect(text.slice(parser.locStart(declaration), parser.locEnd(declaration))).toBe("const A = 42");
  });

  it("is found by prettier from the file extension", async () => {
    const formatted = await prettier.format("const   A=1", { filepath: "x.scn", plugins: [scnPlugin] });
    expect(formatted).toBe("const A = 1\n");
  });
});

describe("options", () => {
  const long = "segment s = customer.loyalty == gold or customer.loyalty == platinum or customer.vip\n";

  it("prints up to 100 columns by default", async () => {
    expect(await format(long)).toBe(long);
  });

  it("follows the user's printWidth, tabWidth and useTabs", async () => {
    expect(await format(long, { printWidth: 60 })).toBe(
      "segment s = customer.loyalty == gold\n  or customer.loyalty == platinum\n  or customer.vip\n",
    );
    expect(await format("context { a: int }", { tabWidth: 4 })).toBe("context {\n    a: int\n}\n");
    expect(await format("context { a: int }", { useTabs: true })).toBe("context {\n\ta: int\n}\n");
  });
});

describe("syntax errors", () => {
  it("are thrown as ScnSyntaxError with the code, message and 1-based location", async () => {
    const error = await format("const A = 1\nsegment = x\n").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScnSyntaxError);
    const syntax = error as ScnSyntaxError;
    expect(syntax.code).toMatch(/^SCN1\d{3}$/);
    expect(syntax.loc.start.line).toBe(2);
    expect(syntax.diagnostics.length).toBeGreaterThan(0);
    expect(syntax.message).toContain(syntax.code);
    // Prettier adds a code frame pointing at the location.
    expect(syntax.message).toContain("> 2 |");
  });
});

describe("line ends and byte-order marks", () => {
  it("prints LF for CRLF and CR input", async () => {
    expect(await format("const A = 1\r\n\r\n\r\nconst B = 2\r\n")).toBe("const A = 1\n\nconst B = 2\n");
    expect(await format("const A = 1 // a\r\nconst B = 2\r")).toBe("const A = 1 // a\nconst B = 2\n");
  });

  it("prints CRLF when the user asks for it", async () => {
    expect(await format("const A = 1\nconst B = 2\n", { endOfLine: "crlf" })).toBe("const A = 1\r\nconst B = 2\r\n");
  });

  it("keeps a byte-order mark", async () => {
    expect(await format("\uFEFFconst   A = 1\r\n")).toBe("\uFEFFconst A = 1\n");
  });

  it("ends a non-empty file with exactly one newline, and leaves an empty file empty", async () => {
    expect(await format("const A = 1")).toBe("const A = 1\n");
    expect(await format("const A = 1\n\n\n")).toBe("const A = 1\n");
    expect(await format("")).toBe("");
    expect(await format("\n\n")).toBe("");
  });
});
