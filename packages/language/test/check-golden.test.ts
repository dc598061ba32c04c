// Golden diagnostics: each `.scn` file under test/diagnostics/ carries its
// expected diagnostics inline, as comment lines under the offending line:
//
//     situation visits > "3"
//   //                   ^^^ SCN2102: expected an `int`, found the string "3"
//
// The carets give the exact columns of the span on the line above (annotation
// lines are removed before checking, so they never shift positions). Spans
// that carets cannot draw (multi-line, or starting in column 1 or 2) are
// written `// @LINE:COL-LINE:COL SCN2xxx: message`, in lines of the file
// without its annotations. The message part is optional when writing a case
// by hand; when present it must match.
//
// Regenerate with UPDATE_GOLDENS=1 and review the diff.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Diagnostic } from "@scn/language";
import { checkSources } from "./support/check-sources.js";

const directory = fileURLToPath(new URL("./diagnostics/", import.meta.url));
const update = process.env.UPDATE_GOLDENS === "1";
const TODAY = "2026-06-01";

const CARET = /^\s*\/\/(\s*)(\^+)\s+(SCN\d{4})(?::\s?(.*))?$/;
const EXPLICIT = /^\s*\/\/\s*@(\d+):(\d+)-(\d+):(\d+)\s+(SCN\d{4})(?::\s?(.*))?$/;

interface Expected {
  readonly key: string;
  readonly message: string | undefined;
}

/** Splits a case into its source (annotations removed) and its expectations. */
function readCase(text: string): { source: string; expected: Expected[] } {
  const source: string[] = [];
  const expected: Expected[] = [];
  for (const line of text.split("\n")) {
    const caret = CARET.exec(line);
    const explicit = EXPLICIT.exec(line);
    if (caret) {
      const target = source.length;
      const start = line.indexOf("^") + 1;
      const end = start + (caret[2]?.length ?? 0);
      expected.push({ key: `${target}:${start}-${target}:${end} ${caret[3]}`, message: caret[4] });
    } else if (explicit) {
      expected.push({ key: `${explicit[1]}:${explicit[2]}-${explicit[3]}:${explicit[4]} ${explicit[5]}`, message: explicit[6] });
    } else {
      source.push(line);
    }
  }
  return { source: source.join("\n"), expected };
}

function keyOf(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.span;
  return `${start.line}:${start.column}-${end.line}:${end.column} ${diagnostic.code}`;
}

/** Writes the case back with one annotation per diagnostic, under its line. */
function render(source: string, diagnostics: readonly Diagnostic[]): string {
  const lines = source.split("\n");
  const under = new Map<number, string[]>();
  const explicit: string[] = [];
  for (const diagnostic of diagnostics) {
    const { start, end } = diagnostic.span;
    const message = diagnostic.message.replace(/\n/g, " ");
    if (start.line === end.line && start.column >= 3 && end.column > start.column) {
      const annotation = `//${" ".repeat(start.column - 3)}${"^".repeat(end.column - start.column)} ${diagnostic.code}: ${message}`;
      const list = under.get(start.line) ?? [];
      list.push(annotation);
      under.set(start.line, list);
    } else {
      explicit.push(`// @${start.line}:${start.column}-${end.line}:${end.column} ${diagnostic.code}: ${message}`);
    }
  }
  const out: string[] = [];
  lines.forEach((line, index) => {
    out.push(line);
    out.push(...(under.get(index + 1) ?? []));
  });
  // Explicit annotations go at the end, before a final empty line if any.
  const trailing = out.length > 0 && out[out.length - 1] === "" ? out.pop() : undefined;
  out.push(...explicit);
  if (trailing !== undefined) out.push(trailing);
  return out.join("\n");
}

const cases = readdirSync(directory).filter((name) => name.endsWith(".scn")).sort();

describe("golden diagnostics", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)("%s", (name) => {
    const path = join(directory, name);
    const text = readFileSync(path, "utf8");
    const { source, expected } = readCase(text);
    const { diagnostics } = checkSources([{ path: name, text: source }], { today: TODAY });
    if (update) {
      writeFileSync(path, render(source, diagnostics));
      return;
    }
    const actual = diagnostics.map(keyOf).sort();
    expect(actual).toEqual(expected.map((entry) => entry.key).sort());
    for (const entry of expected) {
      if (entry.message === undefined) continue;
      const match = diagnostics.find((diagnostic) => keyOf(diagnostic) === entry.key && diagnostic.message.replace(/\n/g, " ") === entry.message);
      expect(match, `${entry.key}: ${entry.message}`).toBeDefined();
    }
  });

  it("covers every checker code (SCN2xxx and SCN4xxx) at least once", async () => {
    const { CATALOG } = await import("@scn/language");
    const seen = new Set<string>();
    for (const name of cases) {
      for (const line of readFileSync(join(directory, name), "utf8").split("\n")) {
        const match = CARET.exec(line) ?? EXPLICIT.exec(line);
        const code = match ? (CARET.test(line) ? match[3] : match[5]) : undefined;
        if (code) seen.add(code);
      }
    }
    const missing = CATALOG.filter((entry) => /^SCN[24]/.test(entry.code) && !seen.has(entry.code)).map((entry) => entry.code);
    expect(missing).toEqual([]);
  });
});
