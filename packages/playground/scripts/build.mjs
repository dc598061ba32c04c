/**
 * Builds the playground into dist/site: `index.html` (styles inline) and
 * `playground.js`, one classic script bundled by esbuild for browsers, so
 * the page runs from `file://` (browsers refuse module scripts there) and
 * from any static host. The compiler, the runtime and the formatter are the
 * repository's own packages; prettier is its standalone build. The gallery's
 * examples are read from `examples/` and embedded. Prints the sizes, raw
 * and gzipped, which docs/benchmarks.md records against the budget.
 *
 * Usage: node packages/playground/scripts/build.mjs [--quiet]
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const root = join(pkg, "..", "..");
const out = join(pkg, "dist", "site");

/** The small program of docs/language.md, first in the gallery: the reference's own introduction. */
function referenceExample() {
  const text = readFileSync(join(root, "docs", "language.md"), "utf8");
  const source = /```scn\n([\s\S]*?)```/.exec(text)?.[1] ?? "";
  return {
    name: "reference",
    title: "A small complete program",
    description: "The language reference's first example: one decision, one scenario, a segment behind consent.",
    source,
    decision: "",
    contexts: [{ name: "late-return", text: JSON.stringify({ customer: { loyalty: "silver", price_sensitivity: 0.2, consent: { personalization: true } }, order: { channel: "online", days_since_delivery: 45 } }, null, 2) }],
  };
}

function projectExample(name) {
  const dir = join(root, "examples", name);
  const readme = readFileSync(join(dir, "README.md"), "utf8").split("\n");
  const title = (readme[0] ?? name).replace(/^#\s*/, "");
  const description = readme.slice(2).join(" ").split(/\.\s/)[0].replace(/\s+/g, " ").trim() + ".";
  const files = readdirSync(dir).filter((f) => f.endsWith(".scn")).sort();
  const source = files.map((f) => `// ── ${f} ──\n\n${readFileSync(join(dir, f), "utf8").trimEnd()}\n`).join("\n");
  const contextsDir = join(dir, "contexts");
  const contexts = existsSync(contextsDir)
    ? readdirSync(contextsDir).filter((f) => f.endsWith(".json")).sort().map((f) => ({ name: f.replace(/\.json$/, ""), text: readFileSync(join(contextsDir, f), "utf8").trimEnd() }))
    : [];
  return { name, title, description, source, decision: "", contexts };
}

/**
 * The formatter imports `prettier`, whose main entry is Node's; in the
 * browser its standalone build does the same work (the scn plugin needs only
 * `doc` and `util`, which both have).
 */
const prettierStandalone = {
  name: "prettier-standalone",
  setup(build) {
    build.onResolve({ filter: /^prettier$/ }, (args) => build.resolve("prettier/standalone", { kind: args.kind, resolveDir: args.resolveDir }));
  },
};

export function examples() {
  return [referenceExample(), ...["retail", "airline", "telecom"].map(projectExample)];
}

export async function buildPlayground({ quiet = false } = {}) {
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: [join(pkg, "src", "main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    legalComments: "linked",
    outfile: join(out, "playground.js"),
    plugins: [prettierStandalone],
    define: { __SCN_EXAMPLES__: JSON.stringify(examples()) },
    metafile: true,
    logLevel: "error",
  });
  const page = readFileSync(join(pkg, "src", "page.html"), "utf8").replace("/*STYLES*/", () => readFileSync(join(pkg, "src", "page.css"), "utf8"));
  writeFileSync(join(out, "index.html"), page);
  const js = readFileSync(join(out, "playground.js"));
  const sizes = { js: js.length, jsGzip: gzipSync(js, { level: 9 }).length, html: Buffer.byteLength(page), inputs: Object.keys(result.metafile.inputs).length };
  writeFileSync(join(out, "sizes.json"), JSON.stringify(sizes, null, 2) + "\n");
  if (!quiet) console.log(`playground: ${out}/index.html, playground.js ${(sizes.js / 1024).toFixed(0)} KB (${(sizes.jsGzip / 1024).toFixed(0)} KB gzipped)`);
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPlayground({ quiet: process.argv.includes("--quiet") });
}
