/**
 * Measures the playground's budgets (docs/benchmarks.md, "Catalog and
 * playground"): the gzipped size of its script, and the time of a recompile
 * after a keystroke on the largest gallery example, in the page, in
 * Chromium. Each keystroke appends a character to a comment, waits for the
 * check it causes, and reads the time the page measured around it: the
 * re-parse of the edited declaration, the check, the answer and the page
 * updates (the status line's `data-millis`). Then, for a few more
 * keystrokes, it waits for the rest of the compilation that follows a
 * pause in typing (lowering, the exact analysis, optimization, the bundle
 * and the explained answer; `data-full-millis`).
 *
 * Usage: node packages/playground/scripts/measure.mjs [keystrokes=40] [pauses=10]   (after pnpm run build)
 */
import { pathToFileURL, fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { buildPlayground, examples } from "./build.mjs";

const keystrokes = Number(process.argv[2] ?? 40);
const pauses = Number(process.argv[3] ?? 10);
const sizes = await buildPlayground({ quiet: true });
const page = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "site", "index.html")).href;
const largest = examples().reduce((a, b) => (b.source.length > a.source.length ? b : a));

const profile = mkdtempSync(join(tmpdir(), "scn-measure-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1200, height: 800 },
});
try {
  const tab = await context.newPage();
  await tab.goto(page);
  await tab.waitForSelector("body[data-ready=true]");
  const count = async (name) => Number(await tab.locator("#status").getAttribute(name));
  const runs = () => count("data-runs");
  let before = await count("data-full-runs");
  await tab.click(`#gallery button[data-example="${largest.name}"]`);
  await tab.waitForFunction((n) => Number(document.getElementById("status").dataset.fullRuns) > n, before);
  const first = (await count("data-millis")) + (await count("data-full-millis"));
  await tab.locator(".cm-line").first().click();
  await tab.keyboard.press("End");
  const times = [];
  for (let i = 0; i < keystrokes; i++) {
    before = await runs();
    await tab.keyboard.type("x");
    await tab.waitForFunction((n) => Number(document.getElementById("status").dataset.runs) > n, before);
    times.push(await count("data-millis"));
  }
  const full = [];
  for (let i = 0; i < pauses; i++) {
    before = await count("data-full-runs");
    await tab.keyboard.type("y");
    await tab.waitForFunction((n) => Number(document.getElementById("status").dataset.fullRuns) > n, before);
    full.push(await count("data-full-millis"));
  }
  const summary = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { min: sorted[0], median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
  };
  const lines = largest.source.split("\n").length;
  console.log(JSON.stringify({
    jsBytes: sizes.js,
    jsGzipBytes: sizes.jsGzip,
    largestExample: largest.name,
    largestExampleLines: lines,
    firstCompileMs: first,
    keystrokes,
    recompileMs: summary(times),
    pauses,
    completeAfterPauseMs: summary(full),
  }, null, 2));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
