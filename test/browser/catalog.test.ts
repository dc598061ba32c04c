/**
 * The catalog site in a real Chromium: every view shows the example
 * projects' content, the filters work, nothing is fetched, axe finds no
 * serious violation, and each view looks like its committed screenshot
 * (docs/images/report-*.png, the pictures docs/report.md shows).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Report } from "@scn/report";
import { runMain, type CliIO } from "../../packages/cli/src/index.js";
import { collectErrors, openBrowser, type BrowserSession } from "./support/browser.js";
import { seriousViolations } from "./support/axe.js";
import { compareWithBaseline, MAX_DIFFERENT_SHARE } from "./support/screenshots.js";
import { readFileSync } from "node:fs";

const ROOT = new URL("../../", import.meta.url).pathname;
const site = mkdtempSync(join(tmpdir(), "scn-catalog-"));
let session: BrowserSession;
let page: Page;
let errors: string[];
let report: Report;

beforeAll(async () => {
  const io: CliIO = { stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: ROOT, color: false };
  expect(await runMain(["report", "examples/", "-o", site, "--today", "2026-12-03"], io)).toBe(0);
  report = JSON.parse(readFileSync(join(site, "report.json"), "utf8")) as Report;
  session = await openBrowser();
  page = await session.newPage();
  errors = collectErrors(page);
  await page.goto(pathToFileURL(join(site, "index.html")).href);
});

afterAll(async () => {
  await session?.close();
  rmSync(site, { recursive: true, force: true });
});

const visibleCards = () => page.locator("#portfolio .card:visible");

describe("the catalog in Chromium", () => {
  it("shows every scenario's title, owner, decision and metrics in the views, from file:// with nothing fetched", async () => {
    for (const program of report.programs) {
      for (const scenario of program.scenarios) {
        const card = page.locator(`#portfolio .card[data-scenario="${scenario.name}"]`);
        await expect(card.locator("h3").textContent()).resolves.toBe(scenario.title ?? scenario.name);
        await expect(card.textContent()).resolves.toContain(scenario.owner ?? "none");
        await expect(card.textContent()).resolves.toContain(scenario.goal);
      }
      for (const decision of program.decisions) {
        await expect(page.locator(`#decisions [data-decision="${program.name}/${decision.name}"] h3`).textContent()).resolves.toContain(decision.name);
      }
      for (const metric of program.metrics) {
        await expect(page.locator(`#metrics [data-metric="${metric.name}"]`).textContent()).resolves.toContain(metric.title ?? metric.name);
      }
      for (const experiment of program.experiments) {
        const row = page.locator(`#experiments [data-experiment="${experiment.name}"]`);
        await expect(row.textContent()).resolves.toContain(experiment.unit);
        for (const arm of experiment.arms) await expect(row.textContent()).resolves.toContain(`${arm.name} ${arm.weight}%`);
      }
      await expect(page.locator(`#findings [data-program="${program.name}"]`).count()).resolves.toBe(1);
    }
    await expect(page.locator("#decisions table.sheet code", { hasText: "online_return_in_store/outside_window/loyal" }).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("#priorities .chip.top").count()).resolves.toBe(3);
    expect(report.programs.reduce((n, p) => n + p.experiments.length, 0)).toBeGreaterThan(0);
    expect(session.blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("filters the cards by owner, status, tag and decision, and shows all again on reset", async () => {
    const total = report.programs.reduce((n, p) => n + p.scenarios.length, 0);
    await expect(visibleCards().count()).resolves.toBe(total);

    await page.selectOption("#filter-owner", "cx-returns");
    const owned = report.programs.flatMap((p) => p.scenarios).filter((s) => s.owner === "cx-returns").length;
    await expect(visibleCards().count()).resolves.toBe(owned);
    await expect(page.locator("#portfolio-count").textContent()).resolves.toBe(`${owned} of ${total} scenarios`);

    await page.selectOption("#filter-status", "draft");
    const drafts = report.programs.flatMap((p) => p.scenarios).filter((s) => s.owner === "cx-returns" && s.status === "draft");
    await expect(visibleCards().evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset["scenario"]))).resolves.toEqual(drafts.map((s) => s.name));

    await page.click("#filters button[type=reset]");
    await expect.poll(() => visibleCards().count()).toBe(total);

    await page.selectOption("#filter-tag", "disruption");
    const tagged = report.programs.flatMap((p) => p.scenarios).filter((s) => s.tags.includes("disruption")).map((s) => s.name);
    await expect(visibleCards().evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset["scenario"]))).resolves.toEqual(tagged);

    await page.click("#filters button[type=reset]");
    await page.selectOption("#filter-decision", "telecom/bill_shock_response");
    const telecom = report.programs.find((p) => p.name === "telecom")!.scenarios.filter((s) => s.decision === "bill_shock_response").map((s) => s.name);
    expect(telecom.length).toBeGreaterThan(0);
    await expect(visibleCards().evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset["scenario"]))).resolves.toEqual(telecom);
    await page.click("#filters button[type=reset]");
  });

  it("opens a filtered view from a link", async () => {
    const linked = await session.newPage();
    await linked.goto(`${pathToFileURL(join(site, "index.html")).href}#portfolio?owner=ops-recovery`);
    const owners = await linked.locator("#portfolio .card:visible").evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset["owner"]));
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set(["ops-recovery"]));
    await linked.close();
  });

  it("prints every card and view, without navigation or filters, even while a filter is on", async () => {
    const total = report.programs.reduce((n, p) => n + p.scenarios.length, 0);
    await page.selectOption("#filter-status", "draft");
    await page.emulateMedia({ media: "print" });
    await expect(visibleCards().count()).resolves.toBe(total);
    await expect(page.locator("#filters").isVisible()).resolves.toBe(false);
    await expect(page.locator("header nav").isVisible()).resolves.toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.emulateMedia({ media: "screen" });
    await page.click("#filters button[type=reset]");
    // The page applies a reset after the form has cleared its fields (a
    // reset event fires before that), so the count is polled, not read once.
    await expect.poll(() => visibleCards().count()).toBe(total);
  });

  it("has no serious or critical accessibility violation", async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(["portfolio", "priorities", "decisions", "metrics", "experiments", "findings"])("the %s view looks like its baseline", async (view) => {
    await page.evaluate((id) => {
      window.scrollTo(0, (document.getElementById(id) as HTMLElement).getBoundingClientRect().top + window.scrollY - 8);
    }, view);
    const shot = await page.screenshot({ animations: "disabled", caret: "hide" });
    const result = compareWithBaseline(`report-${view}`, shot);
    expect(result.share, `${result.different} of ${result.total} pixels differ`).toBeLessThanOrEqual(MAX_DIFFERENT_SHARE);
  });
});
