// Generates docs/diagnostics.md from the diagnostic catalog, so the page can
// never disagree with the codes the toolchain reports.
//
//   node scripts/gen-diagnostics-doc.mjs          rewrite docs/diagnostics.md
//   node scripts/gen-diagnostics-doc.mjs --check  exit 1 if it is stale
//
// It reads the catalog from the built language package (run the build
// first); a test renders the same page from the TypeScript sources and fails
// when the committed file differs, so a stale page cannot be merged.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

export const DOC_PATH = fileURLToPath(new URL("../docs/diagnostics.md", import.meta.url));

/** The families, by code prefix, in the order the page lists them. */
const FAMILIES = [
  { prefix: "SCN1", title: "Syntax (SCN1xxx)", about: "Reported by the parser. Recovery continues after each error, so one run reports every syntax error in a file." },
  { prefix: "SCN20", title: "Names (SCN20xx)", about: "Reported by the checker while resolving names: every name is global to the program and unique per kind." },
  { prefix: "SCN21", title: "Types (SCN21xx)", about: "Reported by the checker while typing conditions, values and schemas." },
  { prefix: "SCN22", title: "Structure (SCN22xx)", about: "Reported by the checker on the shape of declarations: required clauses, pathway order, properties, metrics." },
  { prefix: "SCN23", title: "Experiments (SCN23xx)", about: "Reported by the checker on experiments and the `split`s that run them ([experiments.md](experiments.md)): arms and weights, unit, coverage, seed, status and use." },
  { prefix: "SCN3", title: "Analysis (SCN3xxx)", about: "Reported by the exact analysis of a well-typed program; each finding carries a witness context." },
  { prefix: "SCN4", title: "Hygiene (SCN4xxx)", about: "Reported by the checker after names and types: what makes a program harder to maintain, and the consent rules on personal data." },
];

/**
 * The message style, written once here so that the page and the test that
 * enforces it (test/message-style.test.ts) agree on one text.
 */
const MESSAGE_STYLE = `## How messages are written

Every diagnostic speaks in one voice, so that a reader learns it once. The
rules are checked mechanically by \`test/message-style.test.ts\`, on every
catalog entry and on every message, help and related note that the catalog's
examples and the diagnostics corpus (\`test/corpus/\`) produce.

1. **The message says what is wrong**, on one line, starting with a lowercase
   letter (or with the user's text in backticks) and without a final period:
   "there is no segment named \`loyal\`". It does not say "error" or
   repeat the code; renderers show both.
2. **The user's text is in backticks**, as written: names, values, operators
   and keywords (\`==\`, \`otherwise\`), and types as the checker spells
   them (\`int(0..23)\`).
3. **A declaration is named with its kind and "the"**: "the scenario
   \`returns\`", "the pathway \`late\` of the scenario \`returns\`", never
   a bare "scenario \`returns\`". An adjective may come between ("the
   active scenario \`returns\`").
4. **The help says what to do**, as an imperative from a small set of verbs
   (add, declare, move, remove, rename, use, write, …), lowercase and without
   a final period: "declare it with \`segment NAME = condition\`". The reason,
   when it helps, follows after a semicolon or a colon: "rename one of them;
   pathway names are part of rule ids and must be unique within a scenario".
5. **"Did you mean"** opens the help when a declared name is within a third of
   the written word's length in edits (ties broken alphabetically), and may be
   followed by what to do: "did you mean \`refund\`? use one of \`refund\`,
   \`store_credit\`, \`review\`".
6. **Related notes** point at other places in the same voice: "\`gold\` is
   first declared here".
7. **Analysis findings** say in their help what the witness shows ("the
   witness is a context both claim"), because renderers print the witness
   under the message.
8. **Summaries** (the table above) are not messages but lines of this page:
   full sentences, with a capital letter and a final period.
`;

/**
 * Decisions the checker makes where the language brief is silent. They are
 * part of the page so that every rule a diagnostic enforces is written down
 * next to it.
 */
const CHECKER_RULES = `## Rules the checker applies

These complete [language.md §12](language.md#12-rules-the-project-chose) for
the checks above.

1. **Bare names on the value side.** On the right of a comparison, in a list,
   an assignment or a \`given\`, a bare word is an enum member of the expected
   type, else a const; both is SCN2009. A string const is not an enum member:
   \`tier == GOLD\` with \`const GOLD = "gold"\` is SCN2102.
2. **Bare names as conditions** are looked up as a segment, then a bool const,
   then a top-level context field (SCN2003 when none matches, SCN2108 when the
   const or field is not a bool).
3. **A dotted path on the value side** is SCN2107 in a condition when it names
   a context field, and SCN2102 elsewhere (output values are literals).
4. **Range-aware warnings** (SCN2104, SCN2105) judge one test against its
   field's declared range; \`int\` ranges are sets of integers, so
   \`hour > 22\` on \`int(0..23)\` can hold (23) and \`hour < 24\` always does.
   On an optional field, "always true" means "whenever the field is present".
   Two tests that contradict each other are the analysis stage's business.
5. **Completeness** (SCN2106) is reported once per pathway, for
   \`default ⊕ pathway\`; variations only add fields on top. A field the
   \`default\` leaves unset is reported once, at the default, not again at
   every pathway. An assignment whose value is wrong still counts as
   assigned, so one mistake gives one error.
6. **Personal data through segments.** A \`situation\` or pathway \`when\` that
   uses a segment reading a \`personal\` field gets SCN4009 at the segment
   reference, with the read as a related span. Without any consent gate,
   every read of a personal field in a segment or variation is SCN4010.
7. **Duplicates.** The first declaration of a name (in source order) is the
   one every reference resolves to; later ones are reported and still
   checked, so their own mistakes are not hidden.
8. **Unused** (SCN4001–SCN4004, SCN4011) means never named anywhere, even
   by a declaration that is itself unused; a reader can confirm it with a
   search. A misspelt name whose "did you mean" suggests a declaration
   counts as a use of it: the mistake is the reference, reported once.
9. **Missing owner** (SCN4007) concerns \`active\` scenarios only; drafts and
   retired scenarios may not have one.
10. **Review dates** (SCN4006) compare \`expires\` with today's date in UTC;
    \`scn check\` can pin "today" for reproducible runs. A date that does not
    exist (\`2027-02-30\`) is already a syntax error; an \`expires\` that is
    not a date at all is SCN2210.
11. **Lists hold scalars** (bool, int, number, string or an enum); a list of
    records or of lists is SCN2115, as is a range on a type other than
    \`int\` or \`number\`.
12. **\`expect D = default\`** for a decision without a \`default\` is SCN2014:
    it can never pass.
13. **Syntax errors first.** When any file has a syntax error, \`scn check\`
    reports the syntax errors only: findings on a tree with holes in it
    would mostly echo them (a \`goal\` line that failed to parse is not a
    missing goal). The other checks run once the syntax is fixed.
`;

function escapeCell(text) {
  return text.replace(/\|/g, "\\|");
}

/** Renders the whole page from catalog entries (any order; sorted by code here). */
export function renderDiagnosticsDoc(catalog) {
  const entries = [...catalog].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out = [];
  out.push("# Diagnostics");
  out.push("");
  out.push("<!-- Generated by scripts/gen-diagnostics-doc.mjs from packages/language/src/catalog. Do not edit by hand. -->");
  out.push("");
  out.push("Every problem the toolchain reports has a stable code, a default severity, a");
  out.push("precise source span, a message that says what is wrong, and where useful a");
  out.push("`help` line, related spans and a witness context. Codes are never reused; a");
  out.push("retired diagnostic leaves a gap. A project may change a severity in");
  out.push("`scn.config.json`, by code or by name.");
  out.push("");
  out.push("Each entry below has a minimal program that produces it (the tests compile");
  out.push("every one and check that it reports its own code and no other error or");
  out.push("warning). Multi-file examples separate files with a `// file: NAME.scn` line.");
  out.push("");
  out.push("| code | name | severity | summary |");
  out.push("| --- | --- | --- | --- |");
  for (const entry of entries) {
    out.push(`| [${entry.code}](#${entry.code.toLowerCase()}) | \`${entry.name}\` | ${entry.severity} | ${escapeCell(entry.summary)} |`);
  }
  for (const family of FAMILIES) {
    const members = entries.filter((entry) => entry.code.startsWith(family.prefix));
    if (members.length === 0) continue;
    out.push("");
    out.push(`## ${family.title}`);
    out.push("");
    out.push(family.about);
    for (const entry of members) {
      out.push("");
      out.push(`### ${entry.code}`);
      out.push("");
      out.push(`\`${entry.name}\` · ${entry.severity}`);
      out.push("");
      out.push(entry.summary);
      out.push("");
      out.push(...exampleBlock(entry.example));
      if (entry.exampleEncoding === "latin1") out.push("", "(This example's file is saved as Latin-1, one byte per character.)");
    }
  }
  out.push("");
  out.push(MESSAGE_STYLE.trimEnd());
  out.push("");
  out.push(CHECKER_RULES.trimEnd());
  out.push("");
  return out.join("\n");
}

/** Examples longer than this are summarized on the page (the test still compiles them in full). */
const LONGEST_SHOWN_EXAMPLE = 4000;

/**
 * The example as a fenced block. A very long one (the file-size limit's
 * example is over 10 MiB by necessity) is shown by its first lines and its
 * length, so the page stays readable.
 */
function exampleBlock(example) {
  const text = example.replace(/\s+$/, "");
  if (text.length <= LONGEST_SHOWN_EXAMPLE) return ["```scn", text, "```"];
  const head = text.split("\n").slice(0, 2).map((line) => (line.length > 80 ? `${line.slice(0, 80)}…` : line));
  return ["```scn", ...head, "```", "", `(The full example is ${text.length.toLocaleString("en-US")} characters long; the lines above are its start.)`];
}

async function main() {
  let catalog;
  try {
    ({ CATALOG: catalog } = await import(new URL("../packages/language/dist/index.js", import.meta.url).href));
  } catch (error) {
    process.stderr.write(`gen-diagnostics-doc: cannot load the built language package (${error.message}); run \`npx tsc -b tsconfig.build.json\` first\n`);
    process.exit(2);
  }
  const page = renderDiagnosticsDoc(catalog);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(DOC_PATH, "utf8");
    } catch {
      current = "";
    }
    if (current !== page) {
      process.stderr.write("docs/diagnostics.md is stale: run `node scripts/gen-diagnostics-doc.mjs`\n");
      process.exit(1);
    }
    return;
  }
  writeFileSync(DOC_PATH, page);
  process.stdout.write(`wrote docs/diagnostics.md (${catalog.length} diagnostics)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
