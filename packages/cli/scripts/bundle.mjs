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
 * The output is deterministic (no timestamps, content-hashed chunk names),
 * so a build is byte-identical. Usage: node packages/cli/scripts/bundle.mjs
 */
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(cli, "bundle");

rmSync(outdir, { recursive: true, force: true });
await build({
  // The analysis worker of `scn build` (src/workers/analysis-worker.ts) is
  // an entry of its own, at the path beside main.js that it has in dist/,
  // since a worker thread starts from a file.
  entryPoints: { main: join(cli, "dist", "main.js"), "workers/analysis-worker": join(cli, "dist", "workers", "analysis-worker.js") },
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
});
