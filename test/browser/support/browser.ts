/**
 * Launches the machine's Debian Chromium (`/usr/bin/chromium`, installed by
 * scripts/ensure-test-deps.sh) through playwright-core, which brings no
 * browser of its own. Each test file gets a fresh profile directory and a
 * browser that reaches nothing: the pages under test are files, and every
 * request that is not `file:`, `data:` or `blob:` is aborted and recorded, so
 * a test can prove a page fetched nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Deterministic text rendering for the screenshot comparisons.
  "--font-render-hinting=none",
  "--force-color-profile=srgb",
];

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Requests the pages tried to send to the network (all were aborted). */
  readonly blocked: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "scn-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1200, height: 800 },
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
    timezoneId: "UTC",
    locale: "en-US",
  });
  const blocked: string[] = [];
  await context.route(/^(?!file:|data:|blob:)/, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  const browser = context.browser();
  return {
    browser: browser as Browser,
    context,
    blocked,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page's console errors and uncaught exceptions, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}
