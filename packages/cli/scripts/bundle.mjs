/**
 * Bundles the compiled CLI (dist/) and the workspace packages it uses into
 * bundle/, the code that `bin/scn.js` runs. A command line starts as a new
 * process every time, and unbundled it resolved and compiled about six
 * hundred small modules (chevrotain's lodash-es alone is hundreds of files)
 * before doing any work: bundling halves the CPU of a small `scn check` and
 * cuts its memory by a third (docs/benchmarks.md, "Start-up of the command
 * line"). Each command stays a chunk of its own, loaded only when run.
 *
 * Left out of the bundle, and loaded from node_modules as before:
 * - @duckdb/node-api, whose native binary cannot be bundled;
 * - prettier, which loads its own plugins and parsers at run time;
 * - @scn/language-server, which starts its analysis worker from a file next
 *   to its own module (and is a long-lived process, where start-up matters
 *   little).
 *
 * Chevrotain (and the lodash it brings, half of the bundle's code) reads
 * only a text with a lexical or syntax error: the language package's entry
 * points import its route (chevrotain-route.js) for its effect, and here
 * that import becomes a loader for a file of its own, `syntax-route.js`,
 * which the parse requires the first time a text has an error (Node loads
 * an ES module by `require` synchronously from 20.19 on, sharing the
 * modules already imported). A command whose files have no error never
 * loads it (docs/cli.md, "Start-up").
 *
 * The output is deterministic (no timestamps, content-hashed chunk names),
 * so a build is byte-identical. Usage: node packages/cli/scripts/bundle.mjs
 */
import { rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(cli, "bundle");
const languageDist = join(cli, "node_modules", "@scn", "language", "dist");

/**
 * Replaces the language package's import of chevrotain-route.js with a
 * module that gives route-slot.js a loader requiring `./syntax-route.js`.
 * The require is left to run time (external), and resolves from the chunk
 * that holds the loader, which the check after the build keeps in the
 * output's top folder, beside syntax-route.js.
 */
const LAZY_ROUTE = "scn-lazy-chevrotain-route";
const lazyChevrotain = {
  name: "lazy-chevrotain",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/chevrotain-route\.js$/ }, (args) => {
      if (args.kind !== "import-statement") return undefined;
      return { path: LAZY_ROUTE, namespace: LAZY_ROUTE };
    });
    plugin.onResolve({ filter: /^\.\/syntax-route\.js$/, namespace: LAZY_ROUTE }, () => ({ path: "./syntax-route.js", external: true }));
    plugin.onLoad({ filter: /.*/, namespace: LAZY_ROUTE }, () => ({
      resolveDir: languageDist,
      loader: "js",
      contents: `import { setChevrotainRouteLoader } from "./route-slot.js";\nsetChevrotainRouteLoader(() => require("./syntax-route.js"));\n`,
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  // The analysis worker of `scn build` (src/workers/analysis-worker.ts) is
  // an entry of its own, at the path beside main.js that it has in dist/,
  // since a worker thread starts from a file.
  entryPoints: {
    main: join(cli, "dist", "main.js"),
    "workers/analysis-worker": join(cli, "dist", "workers", "analysis-worker.js"),
    "syntax-route": join(languageDist, "chevrotain-route.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@duckdb/node-api", "prettier", "prettier/*", "@scn/language-server"],
  // Some bundled dependencies are CommonJS and call `require` (ajv reads its
  // JSON meta-schemas that way); an ES module has no `require`, so the
  // bundle makes one for them.
  banner: { js: 'import { createRequire as __scnCreateRequire } from "node:module";\nconst require = __scnCreateRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
  plugins: [lazyChevrotain],
  metafile: true,
});

// The loader's `./syntax-route.js` is relative to the file that holds it.
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!Object.keys(output.inputs).some((input) => input.includes(LAZY_ROUTE))) continue;
  if (dirname(relative(outdir, join(cli, "..", "..", file))) !== ".") throw new Error(`bundle: the chevrotain loader is in ${file}, not beside syntax-route.js`);
}
