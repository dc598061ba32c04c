import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { scn } from "./harness.js";
import { formatBytes, runBuild } from "../src/commands/build.js";
import { checkCollectsAfter, collectAfterCheckStage } from "../src/heap-growth.js";
import { runCheck } from "../src/commands/check.js";
import { COMPILER_VERSION } from "../src/version.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const EXAMPLES = ["retail", "airline", "telecom"].filter((name) => existsSync(join(ROOT, "examples", name)));

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-cli-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe("scn check", () => {
  it("passes on every bundled example", async () => {
    const run = await scn(["check", "examples/"], ROOT);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^0 errors, 0 warnings/m);
    expect(run.code).toBe(0);
  });

  it("reports five different mistakes in one run, each precisely", async () => {
    const file = join(tmp, "five.scn");
    writeFileSync(
      file,
      [
        "context { customer: { loyalty: enum { none, gold } }, order: { days: int(0..100) } }",
        "segment gold = customer.loyalty == golld",
        "segment late = order.days > 500",
        "segment odd = order.days == customer.loyalty",
        "decision d { output { a: string } default { a: 1 } }",
        "segment gold = order.days < 3",
        "",
      ].join("\n"),
    );
    const run = await scn(["check", "--format", "json", file], tmp);
    const document = JSON.parse(run.stdout);
    const codes = new Set(document.diagnostics.map((d: { code: string }) => d.code));
    expect(codes.size).toBeGreaterThanOrEqual(5);
    expect(run.code).toBe(1);
  });

  it("writes JSON that matches the published schema", async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "packages/language/schema/diagnostics.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: true }).compile(schema);
    const file = join(tmp, "bad.scn");
    writeFileSync(file, "segment s = x.y == 1\n");
    const run = await scn(["check", "--format", "json", file], tmp);
    expect(validate(JSON.parse(run.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [["check", "does-not-exist"], "no such file or directory"],
    [["check", "--today", "someday", "."], "expected a date as YYYY-MM-DD"],
    [["check", "--max-warnings", "-1", "."], "expected a whole number"],
    [["check", "--format", "xml", "."], "Allowed choices are pretty, json, sarif, github"],
    [["frobnicate"], "unknown command"],
  ])("exits 2 with a clear message on usage error %j", async (args, message) => {
    const run = await scn(args, tmp);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 when a directory has no .scn files", async () => {
    const run = await scn(["check", tmp], tmp);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no .scn files found");
  });
});

describe.each(EXAMPLES)("the %s example", (name) => {
  it("builds byte-identical bundles whatever the order of the files given", async () => {
    const dir = join(ROOT, "examples", name);
    const files = readdirSync(dir).filter((f) => f.endsWith(".scn")).map((f) => join(dir, f));
    const first = await scn(["build", ...files, "-o", join(tmp, "a"), "--name", name], ROOT);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const second = await scn(["build", ...[...files].reverse(), "-o", join(tmp, "b"), "--name", name], ROOT);
    expect(second.code).toBe(0);
    for (const output of readdirSync(join(tmp, "a"))) {
      expect(readFileSync(join(tmp, "b", output), "utf8")).toBe(readFileSync(join(tmp, "a", output), "utf8"));
    }
    expect(readdirSync(join(tmp, "a")).sort()).toEqual([`${name}.d.mts`, `${name}.mjs`, `${name}.scn.json`, `${name}.scn.manifest.json`, `${name}.vectors.json`]);
  });

  it("passes its own tests through both runtimes", async () => {
    const run = await scn(["test", "--coverage", `examples/${name}`], ROOT);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(run.stdout).toContain("coverage:");
    expect(run.code).toBe(0);
  });
});

describe("scn build", () => {
  it("refuses to write on errors and leaves previous outputs intact", async () => {
    const source = join(tmp, "src");
    cpSync(join(ROOT, "examples/retail"), source, { recursive: true });
    const out = join(tmp, "out");
    expect((await scn(["build", source, "-o", out], tmp)).code).toBe(0);
    const before = readFileSync(join(out, "retail.scn.json"), "utf8");
    const broken = readdirSync(source).find((f) => f.endsWith(".scn"))!;
    writeFileSync(join(source, broken), readFileSync(join(source, broken), "utf8") + "\nsegment = \n");
    const run = await scn(["build", source, "-o", out], tmp);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nothing was written");
    expect(readFileSync(join(out, "retail.scn.json"), "utf8")).toBe(before);
  });

  it("prints a per-decision summary", async () => {
    const run = await scn(["build", "examples/retail", "-o", join(tmp, "o")], ROOT);
    expect(run.stdout).toMatch(/: rows \d+ → \d+, \d+ columns?, index depth \d+, \d+ nodes?/);
    expect(run.stdout).toMatch(/wrote .*retail\.scn\.json \([\d,]+ bytes\)/);
  });

  it("scn check collects garbage once, after lowering, and only for large sources", () => {
    const stages = ["parse", "check", "lower", "analyze"];
    expect(stages.filter((stage) => checkCollectsAfter(stage, 7_000_000))).toEqual(["lower"]);
    expect(stages.filter((stage) => checkCollectsAfter(stage, 600_000))).toEqual([]);
    expect(() => collectAfterCheckStage("lower", 7_000_000)).not.toThrow();
  });

  it.each(EXAMPLES)("scn check tells its stages in order with the program's size (examples/%s)", (name) => {
    const told: [string, number][] = [];
    const io = { stdout: () => {}, stderr: () => {}, cwd: tmp, color: false };
    const dir = join(ROOT, "examples", name);
    runCheck([dir], { format: "json", denyWarnings: false, onStage: (stage, characters) => told.push([stage, characters]) }, io);
    expect(told.map(([stage]) => stage)).toEqual(["parse", "check", "lower", "analyze"]);
    const characters = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".scn"))
      .reduce((size, file) => size + readFileSync(join(dir, file), "utf8").length, 0);
    expect(new Set(told.map(([, size]) => size))).toEqual(new Set([characters]));
  });

  it.each(EXAMPLES)("tells the build's stages in order as they end (examples/%s)", (name) => {
    const stages: string[] = [];
    const io = { stdout: () => {}, stderr: () => {}, cwd: tmp, color: false };
    expect(runBuild([join(ROOT, "examples", name)], { outDir: join(tmp, "out"), targets: ["json"], onStage: (stage) => stages.push(stage) }, io)).toBe(0);
    expect(stages).toEqual(["parse", "check", "lower", "analyze", "optimize", "assemble", "emit"]);
  });

  it("groups a file's size by threes as en-US does", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), (bytes) => {
        expect(formatBytes(bytes)).toBe(`${bytes.toLocaleString("en-US")} bytes`);
      }),
    );
  });
});

describe("a decision past the lowering limit", () => {
  // The checker accepts this program, but one decision expands past the
  // compiler's limit: every command must report SCN3007, never compile a
  // table without rows.
  const fixture = join(ROOT, "packages/compiler/test/fixtures/too-large.scn");
  beforeEach(() => cpSync(fixture, join(tmp, "src", "too-large.scn")));

  it("fails scn check, build, test and diff with SCN3007, and build writes nothing", async () => {
    const out = join(tmp, "out");
    for (const args of [["check", "src"], ["build", "src", "-o", out], ["test", "src"], ["diff", "src", "src"]]) {
      const run = await scn(args, tmp);
      expect(run.code, args[0]).toBe(1);
      expect(run.stdout + run.stderr, args[0]).toContain("SCN3007");
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe("scn eval", () => {
  it("answers with the rule and the reason, and explains with source lines", async () => {
    const out = join(tmp, "o");
    expect((await scn(["build", "examples/retail", "-o", out], ROOT)).code).toBe(0);
    const contexts = join(ROOT, "examples/retail/contexts");
    const context = join(contexts, "late-gold-return.json");
    const bundle = join(out, "retail.scn.json");
    const decision = "store_returns";
    const run = await scn(["eval", bundle, decision, context], ROOT);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ rule: "online_return_in_store/outside_window/loyal", reason: "scenario", output: { action: "goodwill_refund" } });
    const explained = await scn(["eval", bundle, decision, context, "--explain"], ROOT);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/rows tried, in order:|no row could match/);
    expect(explained.stdout).toMatch(/examples\/retail\/.*\.scn:\d+:\d+/);
  });

  it("rejects a bad context in strict mode with every bad path, and bad input with exit 2", async () => {
    const out = join(tmp, "o");
    await scn(["build", "examples/retail", "-o", out], ROOT);
    const bundle = join(out, "retail.scn.json");
    const decision = Object.keys(JSON.parse(readFileSync(bundle, "utf8")).decisions)[0]!;
    writeFileSync(join(tmp, "bad.json"), JSON.stringify({ customer: 42, unknown_field: true }));
    const strict = await scn(["eval", bundle, decision, join(tmp, "bad.json"), "--strict"], ROOT);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("customer");
    const lenient = await scn(["eval", bundle, decision, join(tmp, "bad.json")], ROOT);
    expect(lenient.code).toBe(0);
    writeFileSync(join(tmp, "broken.json"), "{");
    expect((await scn(["eval", bundle, decision, join(tmp, "broken.json")], ROOT)).code).toBe(2);
    expect((await scn(["eval", bundle, "no_such_decision", join(tmp, "bad.json")], ROOT)).code).toBe(2);
    expect((await scn(["eval", join(tmp, "bad.json"), decision, join(tmp, "bad.json")], ROOT)).code).toBe(2);
  });
});

describe("rule ids", () => {
  it("are printed by eval in the spelling a test accepts, so a printed id can be pasted into a test", async () => {
    const project = join(tmp, "ids");
    expect((await scn(["init", project], tmp)).code).toBe(0);
    expect((await scn(["build", "-o", "out"], project)).code).toBe(0);
    const context = { customer: { id: "c9", loyalty: "gold", price_sensitivity: 0.9, consent: { personalization: true } }, order: { status: "delayed", days_late: 12 } };
    writeFileSync(join(project, "context.json"), JSON.stringify(context));
    const answer = await scn(["eval", "out/ids.scn.json", "delay_notice", "context.json"], project);
    const rule = JSON.parse(answer.stdout).rule as string;
    expect(rule).toBe("late_delivery/long_delay/price_sensitive");
    const given = `{ customer: { id: "c9", loyalty: gold, price_sensitivity: 0.9, consent: { personalization: true } }, order: { status: delayed, days_late: 12 } }`;
    writeFileSync(join(project, "scenarios/pasted.test.scn"), `test "pasted from eval" {\n  given ${given}\n  expect delay_notice = ${rule}\n}\n`);
    const run = await scn(["test"], project);
    expect(run.stdout).toContain("✓ pasted from eval");
    expect(run.code).toBe(0);
    // A failing expectation names both rules in the same spelling.
    writeFileSync(join(project, "scenarios/pasted.test.scn"), `test "wrong rule" {\n  given ${given}\n  expect delay_notice = late_delivery.short_delay\n}\n`);
    const failed = await scn(["test"], project);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("late_delivery/short_delay");
    expect(failed.stdout).toContain("late_delivery/long_delay/price_sensitive");
    expect(failed.stdout).not.toMatch(/late_delivery\.(short|long)_delay/);
    // scn fmt rewrites the dotted spelling with slashes.
    expect((await scn(["fmt", "scenarios/pasted.test.scn"], project)).code).toBe(0);
    expect(readFileSync(join(project, "scenarios/pasted.test.scn"), "utf8")).toContain("expect delay_notice = late_delivery/short_delay\n");
  });
});

describe("scn init", () => {
  it("scaffolds a project that checks, tests and builds, and never overwrites", async () => {
    const project = join(tmp, "my-scenarios");
    const init = await scn(["init", project], tmp);
    expect(init.code).toBe(0);
    expect(existsSync(join(project, ".github/workflows/scn.yml"))).toBe(true);
    expect((await scn(["check", "--deny", "warnings"], project)).code).toBe(0);
    // The workflow it writes runs `scn fmt --check`, so its own files must be canonical.
    expect((await scn(["fmt", "--check"], project)).code).toBe(0);
    const test = await scn(["test"], project);
    expect(test.stdout).toMatch(/5 passed, 0 failed/);
    expect(test.code).toBe(0);
    const build = await scn(["build"], project);
    expect(build.code).toBe(0);
    expect(existsSync(join(project, "dist/scn/my-scenarios.scn.json")) || readdirSync(join(project, "dist/scn")).length > 0).toBe(true);
    const again = await scn(["init", project], tmp);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("wrote nothing");
    // The next steps name the directory once, and never `npx scn`, which
    // could run an unrelated registry package of that name.
    expect(init.stdout).toContain("next: cd my-scenarios && npm install && npm run check && npm test && npm run build\n");
    expect(init.stdout + readFileSync(join(project, ".github/workflows/scn.yml"), "utf8")).not.toMatch(/npx scn/);
    expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).devDependencies).toEqual({ "@scn/cli": `^${COMPILER_VERSION}` });
  });

  it("adds its scripts and dependency to an existing package.json and keeps everything else", async () => {
    const project = join(tmp, "existing");
    mkdirSync(project);
    const manifest = { name: "energy", version: "1.0.0", scripts: { test: 'echo "Error: no test specified" && exit 1', build: "tsc" }, devDependencies: { "@scn/cli": "file:../scn-cli-0.1.0.tgz" } };
    writeFileSync(join(project, "package.json"), JSON.stringify(manifest, null, 4) + "\n");
    const init = await scn(["init"], project);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("created a scn project in the current directory:");
    expect(init.stdout).toContain("package.json (added script `check`, script `test`, script `fmt`)");
    expect(init.stdout).toContain("next: npm run check && npm test && npm run build\n");
    const text = readFileSync(join(project, "package.json"), "utf8");
    expect(text.startsWith('{\n    "name"')).toBe(true);
    expect(JSON.parse(text)).toEqual({ ...manifest, scripts: { test: "scn test", build: "tsc", check: "scn check", fmt: "scn fmt" } });

    const broken = join(tmp, "broken-manifest");
    mkdirSync(broken);
    writeFileSync(join(broken, "package.json"), "{ not json");
    const refused = await scn(["init"], broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("`package.json` is not valid JSON");
    expect(existsSync(join(broken, "scn.config.json"))).toBe(false);
  });
});

describe("the installed bin", () => {
  it("runs, prints its version, and never shows a stack trace for a user mistake", () => {
    const bin = join(ROOT, "packages/cli/bin/scn.js");
    const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8")).version);
    const bad = spawnSync(process.execPath, [bin, "check", join(tmp, "missing.scn")], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
