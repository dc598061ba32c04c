/**
 * The playground in a real Chromium, as built for every catalog site: it
 * compiles the first example on load, shows a typo's diagnostic at the right
 * line (underlined in the editor, with a caret frame below), answers a
 * context with its explanation, and a share link reproduces an edited
 * program in a fresh page. The clock is fixed so that expiry warnings, and
 * so the screenshot, do not change with the date.
 */
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { buildPlayground } from "../../packages/playground/scripts/build.mjs";
import { collectErrors, openBrowser, type BrowserSession } from "./support/browser.js";
import { seriousViolations } from "./support/axe.js";
import { compareWithBaseline, MAX_DIFFERENT_SHARE } from "./support/screenshots.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const PAGE = pathToFileURL(join(ROOT, "packages/playground/dist/site/index.html")).href;
const NOW = new Date("2026-12-03T12:00:00Z");

let session: BrowserSession;
let page: Page;
let errors: string[];

async function open(url: string): Promise<Page> {
  const opened = await session.newPage();
  await opened.clock.setFixedTime(NOW);
  await opened.goto(url);
  await opened.waitForSelector("body[data-ready=true]");
  return opened;
}

/** Waits until the status line reports a complete compilation of the current text (the check, then the rest after the pause). */
async function compiledWith(target: Page, errorsExpected: number): Promise<void> {
  await target.waitForFunction((n) => {
    const status = document.getElementById("status");
    return status?.dataset["errors"] === String(n) && status.dataset["complete"] === "true";
  }, errorsExpected);
}

beforeAll(async () => {
  await buildPlayground({ quiet: true });
  session = await openBrowser();
  page = await session.newPage();
  errors = collectErrors(page);
  await page.clock.setFixedTime(NOW);
  await page.goto(PAGE);
  await page.waitForSelector("body[data-ready=true]");
});

afterAll(async () => {
  await session?.close();
});

describe("the playground in Chromium", () => {
  it("compiles the first example on load and answers its sample context", async () => {
    await compiledWith(page, 0);
    await expect(page.locator("#decision").inputValue()).resolves.toBe("returns_desk");
    await expect(page.locator("#answer").getAttribute("data-rule")).resolves.toBe("return_item/late");
    await expect(page.locator("#explanation").textContent()).resolves.toContain("✓ return_item/late");
    await expect(page.locator("#formatted").textContent()).resolves.toContain("scenario return_item");
    await expect(page.locator("#gallery button").count()).resolves.toBe(4);
    expect(session.blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("looks like its baseline", async () => {
    const shot = await page.screenshot({ animations: "disabled", caret: "hide" });
    const result = compareWithBaseline("playground", shot);
    expect(result.share, `${result.different} of ${result.total} pixels differ`).toBeLessThanOrEqual(MAX_DIFFERENT_SHARE);
  });

  it("has no serious or critical accessibility violation", async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows a typo's diagnostic at its line, underlined and with a caret frame", async () => {
    const line = page.locator(".cm-line", { hasText: "situation order.channel" });
    const number = 1 + (await page.locator(".cm-line").evaluateAll((lines) => lines.findIndex((l) => (l.textContent ?? "").includes("situation order.channel"))));
    await line.click();
    await page.keyboard.press("Home");
    await page.keyboard.type("x");
    await compiledWith(page, 1);
    const problem = page.locator("#problems .problem.severity-error");
    await expect(problem.getAttribute("data-line")).resolves.toBe(String(number));
    await expect(problem.locator("pre").textContent()).resolves.toMatch(new RegExp(`${number} \\| +xsituation[\\s\\S]*\\^`));
    await expect(page.locator(".cm-lintRange-error").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("#answer").textContent()).resolves.toBe("Fix the errors in the program to see answers.");
    await page.keyboard.press("Backspace");
    await compiledWith(page, 0);
    await expect(page.locator("#answer").getAttribute("data-rule")).resolves.toBe("return_item/late");
  });

  it("evaluates a context of an example from the gallery, and an edited one", async () => {
    await page.click('#gallery button[data-example="retail"]');
    await compiledWith(page, 0);
    await page.selectOption("#sample", { label: "late-gold-return" });
    await page.selectOption("#decision", "store_returns");
    await expect(page.locator("#answer").getAttribute("data-rule")).resolves.toBe("online_return_in_store/outside_window/loyal");
    const context = JSON.parse(readFileSync(join(ROOT, "examples/retail/contexts/late-gold-return.json"), "utf8"));
    context.customer.consent.personalization = false;
    await page.fill("#context", JSON.stringify(context));
    await expect(page.locator("#answer").getAttribute("data-rule")).resolves.toBe("online_return_in_store/outside_window");
    await expect(page.locator("#explanation").textContent()).resolves.toContain("personalization not given");
  });

  it("makes a share link that reproduces the edited program, context and decision in a fresh page", async () => {
    await page.click('#gallery button[data-example="reference"]');
    await compiledWith(page, 0);
    const line = page.locator(".cm-line", { hasText: 'pathway late otherwise { message: "returns.late" }' });
    await line.click();
    await page.keyboard.press("End");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.type(".shared");
    await compiledWith(page, 0);
    await page.waitForFunction(() => (document.getElementById("answer")?.textContent ?? "").includes("returns.late.shared"));
    const context = await page.locator("#context").inputValue();
    await page.click("#share");
    // The link is made asynchronously (compression streams), after the click returns.
    await page.waitForFunction(() => (document.getElementById("share-link") as HTMLInputElement).value.includes("#v1/"));
    const link = await page.locator("#share-link").inputValue();
    expect(link).toMatch(/#v1\/[A-Za-z0-9_-]+$/);

    const fresh = await open(link);
    await compiledWith(fresh, 0);
    await expect(fresh.locator("#context").inputValue()).resolves.toBe(context);
    await expect(fresh.locator("#decision").inputValue()).resolves.toBe("returns_desk");
    await expect(fresh.locator("#answer").textContent()).resolves.toContain("returns.late.shared");
    await expect(fresh.locator("#formatted").textContent()).resolves.toBe(await page.locator("#formatted").textContent());
    await fresh.close();
  });
});
