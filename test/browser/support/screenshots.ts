/**
 * Screenshots compared with committed baselines, with a tolerance: text
 * antialiasing differs a little between Chromium builds and machines, so a
 * pixel counts as different only past pixelmatch's color threshold, and a
 * screenshot passes while at most MAX_DIFFERENT_SHARE of its pixels differ.
 * The baselines are the pictures docs/report.md shows, so the docs always
 * show what the tests saw. A missing baseline fails (a test that writes its
 * own expectation cannot fail); `UPDATE_GOLDENS=1` rewrites them, as for
 * every golden (test/support/golden.ts).
 */
import { existsSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { UPDATE_GOLDENS } from "../../support/golden.js";

export const BASELINES = fileURLToPath(new URL("../../../docs/images/", import.meta.url));

/** Share of pixels that may differ: about a line of text on a 1200 × 800 screenshot. */
export const MAX_DIFFERENT_SHARE = 0.01;

export interface Comparison {
  readonly different: number;
  readonly total: number;
  readonly share: number;
}

/** Compares a PNG with the baseline `name`; on a failure the actual picture is kept beside it as `NAME.actual.png`. */
export function compareWithBaseline(name: string, actual: Buffer): Comparison {
  const path = join(BASELINES, `${name}.png`);
  if (UPDATE_GOLDENS) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return { different: 0, total: 1, share: 0 };
  }
  if (!existsSync(path)) throw new Error(`no baseline ${path}: run UPDATE_GOLDENS=1 npx vitest run test/browser to create it, then review it`);
  const expected = PNG.sync.read(readFileSync(path));
  const got = PNG.sync.read(actual);
  if (expected.width !== got.width || expected.height !== got.height) {
    writeFileSync(join(BASELINES, `${name}.actual.png`), actual);
    return { different: expected.width * expected.height, total: expected.width * expected.height, share: 1 };
  }
  const different = pixelmatch(expected.data, got.data, undefined, got.width, got.height, { threshold: 0.1 });
  const total = got.width * got.height;
  if (different / total > MAX_DIFFERENT_SHARE) writeFileSync(join(BASELINES, `${name}.actual.png`), actual);
  return { different, total, share: different / total };
}
