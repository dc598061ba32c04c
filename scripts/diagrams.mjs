// Generates the grammar's railroad diagrams from the parser itself, so the
// pictures can never disagree with what the parser accepts.
//
//   node scripts/diagrams.mjs          rewrite grammar/diagrams.html and grammar/serialized-grammar.json
//   node scripts/diagrams.mjs --check  exit 1 if either file is stale
//
// It reads the grammar from the built language package (run the build
// first); packages/language/test/diagrams.test.ts renders the same files from
// the TypeScript sources and fails when the committed ones differ.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

export const GRAMMAR_JSON_PATH = fileURLToPath(new URL("../grammar/serialized-grammar.json", import.meta.url));
export const DIAGRAMS_HTML_PATH = fileURLToPath(new URL("../grammar/diagrams.html", import.meta.url));

// chevrotain is a dependency of the language package, not of the workspace
// root, so it is resolved from there.
const requireFromLanguage = createRequire(new URL("../packages/language/package.json", import.meta.url));
const { createSyntaxDiagramsCode } = await import(pathToFileURL(requireFromLanguage.resolve("chevrotain")).href);

/** The serialized grammar as committed: stable two-space JSON with a final newline. */
export function renderGrammarJson(serializedGrammar) {
  return `${JSON.stringify(serializedGrammar, null, 2)}\n`;
}

/** A standalone HTML page with one diagram per grammar rule. */
export function renderDiagramsHtml(serializedGrammar) {
  return createSyntaxDiagramsCode(serializedGrammar);
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

async function main() {
  const language = await import(new URL("../packages/language/dist/index.js", import.meta.url).href);
  const grammar = language.getSerializedGrammar();
  const outputs = [
    [GRAMMAR_JSON_PATH, renderGrammarJson(grammar)],
    [DIAGRAMS_HTML_PATH, renderDiagramsHtml(grammar)],
  ];
  if (process.argv.includes("--check")) {
    const stale = outputs.filter(([path, text]) => readOrEmpty(path) !== text).map(([path]) => path);
    if (stale.length > 0) {
      process.stderr.write(`stale: ${stale.join(", ")}; run \`node scripts/diagrams.mjs\`\n`);
      process.exit(1);
    }
    return;
  }
  for (const [path, text] of outputs) writeFileSync(path, text);
  process.stdout.write(`wrote grammar/serialized-grammar.json and grammar/diagrams.html (${grammar.length} rules)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
