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
import { expectGolden } from "../../../test/support/golden.js";

const RETAIL = fileURLToPath(new URL("../../../examples/retail", import.meta.url));
const HERE = fileURLToPath(new URL(".", import.meta.url));

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
    expect(run.stdout).toMatch(/^## scn diff: behavior changed in 1 of \d+ decisions, 1 source edit$/m);
    expect(run.stdout).toContain("### const `RETURN_WINDOW_DAYS`: `30` → `45`");
    expect(run.stdout).toMatch(/^`store_returns`: \d+ changes in behavior\.$/m);
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
    expect(text).toMatch(/^const RETURN_WINDOW_DAYS: 30 → 45:$/m);
    expect(text).toMatch(/^ {2}store_returns: \d+ changes in behavior$/m);
    expect(text).toMatch(/^ {4}\d+\. online_return_in_store\/outside_window → online_return_in_store\/within_window \(\d+ regions?\)$/m);
    expect(text).toMatch(/^ {7}example: \{"customer"/m);
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
    expect(run.stdout).toMatch(/^no change in behavior, 2 source edits$/m);
    expect(run.stdout).toContain("edits that change no answer on their own: scenario high_value_electronics changed; metric return_calls changed");
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
    for (const line of [
      "## scn diff: behavior changed in 1 of",
      "### const `ELECTRONICS_WINDOW_DAYS`: `14` → `21`",
      "`return_follow_up`",
      "  - `feasibility`: `\"low\"` → `\"medium\"`",
      "- `ELECTRONICS_WINDOW_DAYS`: `14` → `21`",
    ]) {
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
    // Bundles carry no source, so their diff knows no edits; otherwise the two agree.
    const withoutEdits = (json: { edits: unknown[]; decisions: { changes: { cause: number | null }[] }[] }) => ({
      ...json,
      edits: [],
      decisions: json.decisions.map((d) => ({ ...d, changes: d.changes.map((c) => ({ ...c, cause: null })) })),
    });
    const sources = JSON.parse(fromSources.stdout);
    expect(sources.edits).toEqual([{ kind: "const", name: "RETURN_WINDOW_DAYS", change: "changed", before: "30", after: "45" }]);
    expect(JSON.parse(fromBundles.stdout)).toEqual(withoutEdits(sources));
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
    expect(run.stdout).toContain("### const `RETURN_WINDOW_DAYS`: `30` → `45`");
    expect(run.stdout).toContain("`online_return_in_store/outside_window`<br>");
  });

  it("compares two revisions, A..B, limited to the paths given", () => {
    const repo = repository();
    edit(join(repo, "segments.scn"), WINDOW, WIDER_WINDOW);
    git(["commit", "-q", "-am", "wider window"], repo);
    const run = diff(["."], { git: "HEAD~1..HEAD" }, repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^behavior changed in 1 of \d+ decisions, 1 source edit$/m);
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
    expect(run.stdout).toMatch(/^behavior changed in 1 of \d+ decisions, 1 source edit$/m);
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

describe("scn diff for reviewers: grouped by the source edit that causes each change", () => {
  /** Three edits at once: two policy numbers and one pathway's condition. */
  function threeEdits(): void {
    copyRetail("old");
    const dir = copyRetail("new");
    edit(join(dir, "segments.scn"), WINDOW, WIDER_WINDOW);
    edit(join(dir, "segments.scn"), "const PRICE_SENSITIVE_FROM = 0.6", "const PRICE_SENSITIVE_FROM = 0.5");
    edit(join(dir, "returns.scn"), "pathway long_queue when visit.queue_minutes > QUEUE_KIOSK_MINUTES {", "pathway long_queue when visit.queue_minutes > QUEUE_KIOSK_MINUTES and order.value < 300 {");
  }

  it("prints one section per edit that fits a screen, with the constants under metadata (golden)", () => {
    threeEdits();
    const markdown = diff(["old", "new"], { format: "markdown" }).stdout;
    expectGolden(join(HERE, "golden/diff-three-edits.md"), markdown, { testFile: "packages/cli/test/diff.test.ts" });
    const text = diff(["old", "new"]).stdout;
    expectGolden(join(HERE, "golden/diff-three-edits.txt"), text, { testFile: "packages/cli/test/diff.test.ts" });

    const sections = markdown.split(/^### /m).slice(1);
    expect(sections.map((s) => s.split("\n")[0])).toEqual([
      "const `PRICE_SENSITIVE_FROM`: `0.6` → `0.5`",
      "const `RETURN_WINDOW_DAYS`: `30` → `45`",
      "pathway `store_purchase_return/long_queue` changed",
      "Several edits together",
      "Metadata",
    ]);
    // One screen per edit: a handful of table rows (the examples fold away),
    // each with a short description of the customers.
    for (const section of sections.slice(0, 3)) {
      const rows = section.split("\n").filter((line) => line.startsWith("| `"));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThanOrEqual(10);
      for (const row of rows) expect(row.split(" | ")[0]!.length).toBeLessThanOrEqual(300);
    }
    // Clauses every value satisfies, and `not a or a is not present`, are never printed.
    expect(markdown).not.toMatch(/in \[false, true\]|or [a-z_.]+ is not present\)/);
    expect(sections[4]).toContain("**Constants**\n\n- `PRICE_SENSITIVE_FROM`: `0.6` → `0.5`\n- `RETURN_WINDOW_DAYS`: `30` → `45`");
  });

  it("attributes each change to an edit whose program alone gives the new answer on the change's witness, and keeps the witnesses exact", () => {
    threeEdits();
    const json = JSON.parse(diff(["old", "new"], { format: "json" }).stdout);
    expect(json.edits.map((e: { kind: string; name: string }) => `${e.kind} ${e.name}`)).toEqual([
      "const PRICE_SENSITIVE_FROM",
      "const RETURN_WINDOW_DAYS",
      "pathway store_purchase_return/long_queue",
    ]);
    build("old");
    build("new");
    const old = loadBundle(readFileSync(join(tmp, "out-old", "old.scn.json"), "utf8"));
    const next = loadBundle(readFileSync(join(tmp, "out-new", "new.scn.json"), "utf8"));
    // The old version with one edit applied, built from a copy of old/.
    const single = (index: number) => {
      const dir = copyRetail(`single-${index}`);
      const [file, from, to] = [
        ["segments.scn", "const PRICE_SENSITIVE_FROM = 0.6", "const PRICE_SENSITIVE_FROM = 0.5"],
        ["segments.scn", WINDOW, WIDER_WINDOW],
        ["returns.scn", "QUEUE_KIOSK_MINUTES {", "QUEUE_KIOSK_MINUTES and order.value < 300 {"],
      ][index]!;
      edit(join(dir, file!), from!, to!);
      build(`single-${index}`);
      return loadBundle(readFileSync(join(tmp, `out-single-${index}`, `single-${index}.scn.json`), "utf8"));
    };
    const singles = [0, 1, 2].map(single);
    const changes = json.decisions.flatMap((d: { name: string; changes: unknown[] }) => d.changes.map((c) => ({ decision: d.name, ...(c as object) }))) as {
      decision: string;
      cause: number | null;
      witness: Record<string, unknown>;
      before: { rule: string | null };
      after: { rule: string | null };
    }[];
    expect(new Set(changes.map((c) => c.cause))).toEqual(new Set([0, 1, 2, null]));
    for (const change of changes) {
      expect(old.decide(change.decision, change.witness).rule).toBe(change.before.rule);
      expect(next.decide(change.decision, change.witness).rule).toBe(change.after.rule);
      if (change.cause !== null) expect(singles[change.cause]!.decide(change.decision, change.witness).rule).toBe(change.after.rule);
      else for (const s of singles) expect(s.decide(change.decision, change.witness).rule).not.toBe(change.after.rule);
    }
  });

  it("finds no edit in a reformatted, commented program", () => {
    copyRetail("old");
    const dir = copyRetail("new");
    edit(join(dir, "segments.scn"), WINDOW, `// the window agreed with legal\n${WINDOW.replace(" = ", "   =   ")}`);
    const json = JSON.parse(diff(["old", "new"], { format: "json" }).stdout);
    expect(json.edits).toEqual([]);
    const text = diff(["old", "new"]).stdout;
    expect(text.startsWith("no change in behavior\n")).toBe(true);
    expect(text).not.toContain("edit");
  });
});
