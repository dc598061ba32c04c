/**
 * `scn diff` end to end, on copies of examples/retail in a temp directory:
 * a threshold change is named with its decision, rules and a witness; a pure
 * reorganization is "no change in behavior"; `--exit-code` follows
 * `git diff --exit-code`; bundles and git revisions are compared like
 * directories; broken versions and bad arguments get the documented exit codes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { loadBundle } from "@scn/runtime";
import { runDiff, type DiffOptions } from "../src/commands/diff.js";
import { runBuild } from "../src/commands/build.js";
import type { CliIO } from "../src/io.js";

const RETAIL = fileURLToPath(new URL("../../../examples/retail", import.meta.url));

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-diff-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function diff(args: readonly string[], options: Partial<DiffOptions> = {}, cwd = tmp): Run {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, color: false };
  const code = runDiff(args, { format: "text", exitCode: false, ...options }, io);
  return { code, stdout, stderr };
}

function copyRetail(name: string): string {
  const dir = join(tmp, name);
  cpSync(RETAIL, dir, { recursive: true });
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

/** Moves every declaration of metrics.scn to the end of segments.scn, and the constants to context.scn. */
function reorganize(dir: string): void {
  const metrics = readFileSync(join(dir, "metrics.scn"), "utf8");
  unlinkSync(join(dir, "metrics.scn"));
  const segments = readFileSync(join(dir, "segments.scn"), "utf8");
  const consts = segments.split("\n").filter((line) => line.startsWith("const "));
  const rest = segments.split("\n").filter((line) => !line.startsWith("const "));
  writeFileSync(join(dir, "segments.scn"), [...rest, "", metrics].join("\n"));
  writeFileSync(join(dir, "context.scn"), ["// Policy numbers, moved here.", ...consts.reverse(), "", readFileSync(join(dir, "context.scn"), "utf8")].join("\n"));
}

const WINDOW = "const RETURN_WINDOW_DAYS = 30";
const WIDER_WINDOW = "const RETURN_WINDOW_DAYS = 45";

describe("scn diff OLD NEW on directories", () => {
  it("names the decision, the rules before and after, and a witness in markdown", () => {
    copyRetail("old");
    edit(join(copyRetail("new"), "segments.scn"), WINDOW, WIDER_WINDOW);
    const run = diff(["old", "new"], { format: "markdown" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## scn diff: behavior changed in 1 of \d+ decisions$/m);
    expect(run.stdout).toContain("### `store_returns` — Store returns desk");
    expect(run.stdout).toContain("| customers | before | after | example |");
    const row = run.stdout.split("\n").find((line) => line.includes("`online_return_in_store/outside_window`<br>") && line.includes("`online_return_in_store/within_window`<br>"));
    expect(row).toBeDefined();
    expect(row).toContain("order.days_since_delivery in 31..45");
    expect(row).toContain("<details><summary>context</summary><code>");
    expect(run.stdout).toMatch(/^No change in behavior: .*`return_follow_up`/m);
  });

  it("prints witnesses that really move the customer, in every format", () => {
    copyRetail("old");
    edit(join(copyRetail("new"), "segments.scn"), WINDOW, WIDER_WINDOW);
    const json = JSON.parse(diff(["old", "new"], { format: "json" }).stdout);
    expect(json.format).toBe("scn.diff/1");
    expect(json.behaviorChanged).toBe(true);
    const decision = json.decisions.find((d: { name: string }) => d.name === "store_returns");
    expect(decision.status).toBe("changed");
    expect(decision.method).toBe("exact");
    // The old program answers each witness with the change's `before` rule.
    build("old");
    const runtime = loadBundle(readFileSync(join(tmp, "out-old", "old.scn.json"), "utf8"));
    for (const change of decision.changes) {
      expect(change.witnessValid).toBe(true);
      expect(runtime.decide("store_returns", change.witness).rule).toBe(change.before.rule);
      expect(change.witness.order.days_since_delivery).toBeGreaterThan(30);
      expect(change.witness.order.days_since_delivery).toBeLessThanOrEqual(45);
    }
    const text = diff(["old", "new"]).stdout;
    expect(text).toMatch(/^store_returns \(Store returns desk.*\): \d+ changes in behavior$/m);
    expect(text).toMatch(/^ {2}\d+\. online_return_in_store\/outside_window → online_return_in_store\/within_window \(\d+ regions?\)$/m);
    expect(text).toMatch(/^ {5}example: \{"customer"/m);
  });

  it("reports a reorganization across files as no change in behavior", () => {
    copyRetail("old");
    reorganize(copyRetail("new"));
    for (const format of ["text", "markdown"] as const) {
      const run = diff(["old", "new"], { format, exitCode: true });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("no change in behavior");
      expect(run.stdout).not.toMatch(/Metadata|scenarios:/);
    }
  });

  it("lists metadata changes even when no answer moves", () => {
    copyRetail("old");
    const returns = join(copyRetail("new"), "returns.scn");
    edit(returns, 'owner "cx-returns"\n  status active\n  priority 80', 'owner "cx-stores"\n  status active\n  priority 80');
    edit(join(tmp, "new", "metrics.scn"), 'unit "calls/week"', 'unit "calls/day"');
    const run = diff(["old", "new"], { exitCode: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^no change in behavior$/m);
    expect(run.stdout).toContain("  ~ high_value_electronics\n      owner: \"cx-returns\" → \"cx-stores\"");
    expect(run.stdout).toContain("  ~ return_calls\n      unit: \"calls/week\" → \"calls/day\"");
  });

  it("exits 1 under --exit-code when behavior changed, 0 without it", () => {
    copyRetail("old");
    edit(join(copyRetail("new"), "segments.scn"), WINDOW, WIDER_WINDOW);
    expect(diff(["old", "new"], { exitCode: true }).code).toBe(1);
    expect(diff(["old", "new"], { exitCode: false }).code).toBe(0);
    expect(diff(["old", "old"], { exitCode: true }).code).toBe(0);
  });

  it("reports the errors of a broken version and exits 1", () => {
    copyRetail("old");
    edit(join(copyRetail("new"), "segments.scn"), WINDOW, "const RETURN_WINDOW_DAYS = ");
    const run = diff(["old", "new"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("new/segments.scn");
    expect(run.stderr).toContain("error: `new` has errors, so it cannot be compared");
  });

  it("rejects anything but two versions, and unreadable ones, with exit 2", () => {
    copyRetail("old");
    expect(diff(["old"]).code).toBe(2);
    expect(diff(["old"]).stderr).toContain("expected two versions to compare, got 1");
    expect(diff(["old", "missing"]).code).toBe(2);
    writeFileSync(join(tmp, "bad.scn.json"), '{"format": "scn.bundle/3"}');
    const bad = diff(["old", "bad.scn.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("`bad.scn.json` is not a valid scn bundle");
  });
});

function build(dir: string): void {
  const io: CliIO = { stdout: () => {}, stderr: (t) => expect.fail(t), cwd: tmp, color: false };
  expect(runBuild([dir], { outDir: `out-${dir}`, targets: ["json"], name: dir }, io)).toBe(0);
}

describe("docs/ci.md", () => {
  /** The `before → after` rule pairs of a markdown diff's table rows. */
  const rulePairs = (markdown: string): string[] =>
    markdown
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split(" | ").slice(1, 3).map((cell) => cell.split("<br>")[0]).join(" → "))
      .sort();

  it("shows the changes scn diff really reports for its example", () => {
    copyRetail("old");
    const dir = copyRetail("new");
    edit(join(dir, "segments.scn"), "const ELECTRONICS_WINDOW_DAYS = 14", "const ELECTRONICS_WINDOW_DAYS = 21");
    edit(join(dir, "returns.scn"), "feasibility low", "feasibility medium");
    const run = diff(["old", "new"], { format: "markdown" });
    const doc = readFileSync(fileURLToPath(new URL("../../../docs/ci.md", import.meta.url)), "utf8");
    const example = /````markdown\n([\s\S]*?)````/.exec(doc)?.[1] ?? "";
    // Witness values and descriptions follow every edit of the example's context, so the doc is held to what matters.
    expect(rulePairs(example)).toEqual(rulePairs(run.stdout));
    expect(rulePairs(example).length).toBeGreaterThan(0);
    for (const line of ["## scn diff: behavior changed in 1 of", "`return_follow_up`", "  - `feasibility`: `\"low\"` → `\"medium\"`"]) {
      expect(example).toContain(line);
      expect(run.stdout).toContain(line);
    }
  });
});

describe("scn diff on bundles", () => {
  it("compares built bundles as it compares their sources", () => {
    copyRetail("old");
    edit(join(copyRetail("new"), "segments.scn"), WINDOW, WIDER_WINDOW);
    build("old");
    build("new");
    const fromBundles = diff(["out-old/old.scn.json", "out-new/new.scn.json"], { format: "json" });
    const fromSources = diff(["old", "new"], { format: "json" });
    expect(fromBundles.code).toBe(0);
    expect(JSON.parse(fromBundles.stdout)).toEqual(JSON.parse(fromSources.stdout));
    expect(diff(["out-old/old.scn.json", "old"], { exitCode: true }).code).toBe(0);
  });
});

describe("scn diff --git", () => {
  const git = (args: readonly string[], cwd: string) =>
    execFileSync("git", ["-c", "user.name=scn", "-c", "user.email=scn@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

  function repository(): string {
    const repo = copyRetail("repo");
    git(["init", "-q"], repo);
    git(["add", "."], repo);
    git(["commit", "-q", "-m", "retail"], repo);
    return repo;
  }

  it("compares a revision with the working tree", () => {
    const repo = repository();
    expect(diff([], { git: "HEAD", exitCode: true }, repo).stdout).toMatch(/^no change in behavior$/m);
    edit(join(repo, "segments.scn"), WINDOW, WIDER_WINDOW);
    const run = diff([], { git: "HEAD", format: "markdown", exitCode: true }, repo);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("### `store_returns`");
    expect(run.stdout).toContain("`online_return_in_store/outside_window`<br>");
  });

  it("compares two revisions, A..B, limited to the paths given", () => {
    const repo = repository();
    edit(join(repo, "segments.scn"), WINDOW, WIDER_WINDOW);
    git(["commit", "-q", "-am", "wider window"], repo);
    const run = diff(["."], { git: "HEAD~1..HEAD" }, repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^behavior changed in 1 of \d+ decisions$/m);
    expect(diff([], { git: "HEAD..HEAD", exitCode: true }, repo).code).toBe(0);
  });

  it("reads the config's sources at the revision too, ignoring other .scn files", () => {
    const repo = join(tmp, "project");
    cpSync(RETAIL, join(repo, "scenarios"), { recursive: true });
    writeFileSync(join(repo, "scn.config.json"), JSON.stringify({ sources: ["scenarios/**/*.scn"] }));
    writeFileSync(join(repo, "scratch.scn"), "this is not a program");
    git(["init", "-q"], repo);
    git(["add", "."], repo);
    git(["commit", "-q", "-m", "project"], repo);
    edit(join(repo, "scenarios", "segments.scn"), WINDOW, WIDER_WINDOW);
    const run = diff([], { git: "HEAD" }, repo);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^behavior changed in 1 of \d+ decisions$/m);
  });

  it("reports an unknown revision or a malformed range as a usage error", () => {
    const repo = repository();
    const unknown = diff([], { git: "no-such-branch" }, repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown git revision `no-such-branch`");
    expect(diff([], { git: "HEAD...main" }, repo).code).toBe(2);
    expect(diff([], { git: "--output=x" }, repo).code).toBe(2);
  });
});
