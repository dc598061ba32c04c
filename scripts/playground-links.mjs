/**
 * Adds an "open in playground" link under every ```scn block of the docs
 * that is a program on its own (see `complete`), so a reader can run
 * and edit it. The link holds the block in its fragment, in the playground's
 * share format (packages/playground/src/share.ts), and points at the
 * playground that `pnpm run build` writes into the repository
 * (packages/playground/dist/site/); `scn report` also copies it into every
 * catalog site. Links are regenerated whole, so they always hold the current
 * text of their block; a test fails when they are stale.
 *
 * Usage: node scripts/playground-links.mjs [--check]   (after pnpm run build)
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../packages/compiler/dist/index.js";
import { encodeShare } from "../packages/playground/dist/tsc/share.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PLAYGROUND = join(root, "packages", "playground", "dist", "site", "index.html");
const LINK_LINE = /^<sub>\[Open in the playground\]\([^)]*\)<\/sub>\n/gm;

/** Generated pages, which their generator rewrites whole (docs/diagnostics.md comes from the catalog). */
const GENERATED = new Set(["diagnostics.md"]);

/** Every Markdown page the links go into: the docs and the README. */
export function pages() {
  const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md") && !GENERATED.has(f)).sort();
  return [join(root, "README.md"), ...docs.map((f) => join(root, "docs", f))];
}

/**
 * A block is linked when it declares a decision or a scenario and either
 * checks without errors or declares its own context: a program on its own.
 * Such a block may still have findings; the playground shows them.
 */
function complete(source) {
  const result = compile([{ path: "block.scn", text: source }], { stopAfter: "check", today: "2026-01-01" });
  const answers = result.program.scenarios.length > 0 || result.program.decisions.length > 0;
  return answers && (result.ok || result.program.context.length > 0);
}

/** The page's text with a fresh link under each complete program. */
export async function withLinks(page, text) {
  const base = relative(dirname(page), PLAYGROUND).split("\\").join("/");
  const clean = text.replace(LINK_LINE, "");
  const blocks = [...clean.matchAll(/^```scn\n([\s\S]*?)^```\n/gm)];
  let out = "";
  let at = 0;
  for (const block of blocks) {
    const end = (block.index ?? 0) + block[0].length;
    out += clean.slice(at, end);
    at = end;
    const source = block[1] ?? "";
    if (!complete(source)) continue;
    const fragment = await encodeShare({ source, context: "{}", decision: "" });
    out += `<sub>[Open in the playground](${base}${fragment})</sub>\n`;
  }
  return out + clean.slice(at);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const page of pages()) {
    const text = readFileSync(page, "utf8");
    const next = await withLinks(page, text);
    if (next === text) continue;
    stale++;
    if (check) console.error(`stale playground links: ${relative(root, page)}`);
    else writeFileSync(page, next);
  }
  if (check && stale > 0) {
    console.error("run: node scripts/playground-links.mjs");
    process.exit(1);
  }
}
