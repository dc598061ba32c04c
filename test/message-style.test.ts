/**
 * The message style of docs/diagnostics.md ("How messages are written"),
 * enforced on every catalog entry and on every message, help and related
 * note that the toolchain produces for the catalog's examples and the
 * diagnostics corpus. A new message that breaks the style fails here with the
 * rule it breaks.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CATALOG, exampleSources, type Diagnostic } from "@scn/language";
import { compile } from "@scn/compiler";
import { sourceOf } from "./support/annotated.js";

/**
 * The verbs a help may start with. A help says what to do, so it opens with
 * an imperative; the list is closed so that "the members are …" or "this is
 * fine when …" cannot slip in. Add a verb here when a new help needs it.
 */
const HELP_VERBS = new Set([
  "add", "adjust", "assign", "attach", "break", "change", "check", "choose", "close", "combine", "compare",
  "declare", "derive", "drop", "expect", "fix", "flatten", "give", "keep", "leave", "list", "mark",
  "merge", "model", "move", "name", "pass", "point", "put", "raise", "read", "remove", "rename",
  "review", "roll", "run", "save", "say", "set", "simplify", "split", "start", "state", "test", "use", "widen", "write",
]);

/** A help may also be a suggestion, followed by what to do. */
const SUGGESTION = /^did you mean `[^`]+`\?(?: (.*))?$/;

/** Words for declarations that, followed by a name in backticks, take an article: "the scenario `x`". */
const KIND_BEFORE_NAME = /(?:^|(\S+) )(?:(?:active|inline|draft) )?(?:scenarios?|pathways?|variations?|segments?|decisions?|metrics?|consts?|types?) `[^`]+`/g;
const DETERMINERS = new Set(["the", "a", "an", "no", "each", "every", "this", "its", "one", "another"]);

/** Chevrotain's own wording, which must never reach a user. */
const PARSER_LIBRARY_WORDING = /Expecting|token of type|but found|EOF|-->/;

function styleProblems(diagnostic: Diagnostic): string[] {
  const problems: string[] = [];
  const { message, help } = diagnostic;
  const sentence = (what: string, text: string): void => {
    if (/^\p{Lu}/u.test(text) && !/^[A-Z]\+?[0-9]/.test(text)) problems.push(`${what} starts with a capital letter: ${text}`);
    if (/\.$/.test(text) && !/\.\.\.$/.test(text)) problems.push(`${what} ends with a period: ${text}`);
    if (text !== text.trim() || text.includes("\n")) problems.push(`${what} is not one trimmed line: ${JSON.stringify(text)}`);
    if (PARSER_LIBRARY_WORDING.test(text)) problems.push(`${what} shows the parser library's wording: ${text}`);
  };
  sentence("the message", message);
  for (const match of message.matchAll(KIND_BEFORE_NAME)) {
    const before = match[1] ?? "";
    if (!DETERMINERS.has(before) && !/^`.*`$/.test(before)) problems.push(`the message names a declaration without "the": ${match[0]} (in: ${message})`);
  }
  if (help !== undefined) {
    sentence("the help", help);
    const suggestion = SUGGESTION.exec(help);
    const action = suggestion ? suggestion[1] : help;
    if (action !== undefined) {
      const verb = /^[a-z]+/.exec(action)?.[0] ?? "";
      if (!HELP_VERBS.has(verb)) problems.push(`the help does not start with an imperative verb (or "did you mean …?"): ${help}`);
    }
  }
  for (const related of diagnostic.related ?? []) sentence("a related note", related.message);
  return problems;
}

function corpusFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...corpusFiles(path));
    else if (entry.endsWith(".scn")) found.push(path);
  }
  return found;
}

const TODAY = "2026-06-01";
const CORPUS = fileURLToPath(new URL("./corpus/", import.meta.url));

describe("catalog entries", () => {
  it.each(CATALOG.map((entry) => [entry.code, entry] as const))("%s", (_code, entry) => {
    expect(entry.code).toMatch(/^SCN[1-4]\d{3}$/);
    expect(entry.name).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    // A summary is a line of the reference page: a full sentence.
    expect(entry.summary).toMatch(/^[A-Z`].*\.$/);
    expect(entry.summary).not.toMatch(/\n|\s$/);
  });

  it("has no duplicate code or name", () => {
    expect(new Set(CATALOG.map((entry) => entry.code)).size).toBe(CATALOG.length);
    expect(new Set(CATALOG.map((entry) => entry.name)).size).toBe(CATALOG.length);
  });
});

describe("messages follow the written style", () => {
  // SCN1005's example is a 10 MiB file; its message is checked like the others in parser-limits.test.ts' run.
  const examples = CATALOG.filter((entry) => entry.code !== "SCN1005").map((entry) => [`catalog ${entry.code}`, exampleSources(entry)] as const);
  const corpus = corpusFiles(CORPUS).map((path) => {
    const name = path.slice(CORPUS.length);
    return [`corpus ${name}`, [{ path: name, text: sourceOf(readFileSync(path, "utf8")) }]] as const;
  });

  it.each(examples)("%s", (_name, files) => {
    const { diagnostics } = compile(files, { today: TODAY, stopAfter: "analyze" });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.flatMap(styleProblems)).toEqual([]);
  });

  it.each(corpus)("%s", (_name, files) => {
    const { diagnostics } = compile(files, { today: TODAY, stopAfter: "analyze" });
    expect(diagnostics.flatMap(styleProblems)).toEqual([]);
  });

  it("rejects what it should (the rules themselves can fail)", () => {
    const span = { file: "x.scn", start: { offset: 0, line: 1, column: 1 }, end: { offset: 1, line: 1, column: 2 } };
    const bad = (message: string, help?: string): Diagnostic => ({ code: "SCN2003", severity: "error", message, span, ...(help === undefined ? {} : { help }) });
    expect(styleProblems(bad("there is no segment named `x`", "declare it"))).toEqual([]);
    expect(styleProblems(bad("there is no segment named `x`", "did you mean `y`?"))).toEqual([]);
    expect(styleProblems(bad("There is no segment named `x`"))).toHaveLength(1);
    expect(styleProblems(bad("there is no segment named `x`."))).toHaveLength(1);
    expect(styleProblems(bad("scenario `x` never applies"))).toHaveLength(1);
    expect(styleProblems(bad("ok", "the members are `a`, `b`"))).toHaveLength(1);
    expect(styleProblems(bad("ok", "Declare it."))).toHaveLength(3);
  });
});
