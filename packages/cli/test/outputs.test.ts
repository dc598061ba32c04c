/**
 * How `scn build` and `scn fmt` write files: regression tests for issue #12
 * items 3, 10, 11 and 12, each named after the class of failure it closes
 * (docs/cli.md, "How a build writes its files" and "Temporary files and
 * locks"). The kill-and-check loop is in kill-and-check.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { scn } from "./harness.js";
import { readSet, workFiles, writeProgram } from "./output-fixtures.js";
import { BUNDLE_NAME_MAX_LENGTH, BUNDLE_NAME_PATTERN, bundleNameFrom, bundleNameProblem } from "../src/bundle-name.js";
import { runBuild } from "../src/commands/build.js";
import { isScnWorkFile, temporaryName, temporaryOwner } from "../src/temporaries.js";
import { LOCK_FILE } from "../src/outputs/lock.js";
import { COMMIT_DIRECTORY, PLAN_FILE } from "../src/outputs/layout.js";

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-outputs-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** The pid of a process that has exited, so it is certainly not running now. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

async function buildInto(version: "old" | "new", out: string, extra: string[] = []) {
  const source = join(tmp, `src-${version}`);
  writeProgram(source, version);
  return scn(["build", source, "-o", out, "--name", "q", ...extra], tmp);
}

describe("bundle names that escape the output directory (#12 item 3)", () => {
  it.each(["../escaped", "../../etc/escaped", "/tmp/escaped", "a/b", "a\\b", ".hidden", "-dash", "", "x".repeat(BUNDLE_NAME_MAX_LENGTH + 1)])(
    "`--name %s` is a usage error and writes nothing",
    async (name) => {
      const run = await buildInto("old", join(tmp, "out"), [`--name=${name}`]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(bundleNameProblem(name)!);
      expect(existsSync(join(tmp, "out"))).toBe(false);
      expect(readdirSync(tmp).filter((f) => f.includes("escaped"))).toEqual([]);
    },
  );

  it("the command function refuses it too, not only the flag parser", () => {
    writeProgram(join(tmp, "src"), "old");
    let stderr = "";
    const code = runBuild([join(tmp, "src")], { outDir: join(tmp, "out"), name: "../escaped" }, { stdout: () => {}, stderr: (t) => (stderr += t), cwd: tmp, color: false });
    expect(code).toBe(2);
    expect(stderr).toContain(bundleNameProblem("../escaped")!);
    expect(existsSync(join(tmp, "escaped.scn.json"))).toBe(false);
  });

  it("the config's `name` obeys the same validator, with the same words", async () => {
    writeProgram(join(tmp, "project"), "old");
    writeFileSync(join(tmp, "project/scn.config.json"), JSON.stringify({ name: "../escaped", outDir: "out" }));
    const run = await scn(["build"], join(tmp, "project"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`at \`name\`: ${bundleNameProblem("../escaped")!}`);
    expect(existsSync(join(tmp, "escaped.scn.json"))).toBe(false);
  });

  it("the config schema's pattern and length are the validator's", () => {
    const schema = JSON.parse(readFileSync(new URL("../schema/scn.config.schema.json", import.meta.url), "utf8")) as { properties: { name: { pattern: string; maxLength: number } } };
    expect(schema.properties.name.pattern).toBe(BUNDLE_NAME_PATTERN.source);
    expect(schema.properties.name.maxLength).toBe(BUNDLE_NAME_MAX_LENGTH);
  });

  it("every valid name stays inside the output directory, and every derived name is valid", () => {
    const out = resolve(tmp, "out");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."./\\-_aZ09 é\u0000"), maxLength: 12 }), (name) => {
        const derived = bundleNameFrom(name);
        expect(bundleNameProblem(derived)).toBeUndefined();
        if (bundleNameProblem(name) === undefined) {
          const path = resolve(out, `${name}.scn.manifest.json`);
          expect(dirname(path)).toBe(out);
          expect(basename(path)).toBe(`${name}.scn.manifest.json`);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (name) => bundleNameProblem(bundleNameFrom(name)) === undefined));
  });
});

describe("a failed switch never misreports what was written (#12 item 11)", () => {
  it("a directory where an output goes is reported before anything is replaced", async () => {
    const out = join(tmp, "out");
    expect((await buildInto("old", out)).code).toBe(0);
    rmSync(join(out, "q.vectors.json"));
    mkdirSync(join(out, "q.vectors.json"));
    const before = readSet(out);
    const run = await buildInto("new", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot replace `out/q.vectors.json`: it is a directory");
    expect(run.stderr).toContain("nothing was written");
    expect(readSet(out)).toEqual(before);
    expect(workFiles(out)).toEqual([]);
  });

  it("a committed switch that cannot finish says so, and the next build finishes it once the way is clear", async () => {
    const out = join(tmp, "out");
    expect((await buildInto("old", out)).code).toBe(0);
    // The state a build killed right after its commit leaves, with a
    // directory put in the way afterwards.
    const reference = join(tmp, "reference");
    expect((await buildInto("new", reference)).code).toBe(0);
    const commit = join(out, COMMIT_DIRECTORY);
    mkdirSync(commit);
    for (const [name, text] of readSet(reference)) writeFileSync(join(commit, name), text);
    writeFileSync(join(commit, PLAN_FILE), JSON.stringify({ files: ["q.d.mts", "q.mjs", "q.scn.json", "q.vectors.json"], remove: [], manifests: ["q.scn.manifest.json"] }));
    rmSync(join(out, "q.vectors.json"));
    mkdirSync(join(out, "q.vectors.json"));
    const blocked = await buildInto("new", out);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/an earlier build into `out` was interrupted, and finishing it failed: .*`out\/q\.vectors\.json` could not be replaced/);
    expect(blocked.stderr).toContain("nothing of this build was written");
    // What it says is true: the directory is mixed, and consumers refuse it.
    const refused = await scn(["eval", join(out, "q.scn.json"), "notice", join(tmp, "context.json")], tmp);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("run scn build again");
    rmSync(join(out, "q.vectors.json"), { recursive: true });
    expect((await buildInto("new", out)).code).toBe(0);
    expect(readSet(out)).toEqual(readSet(reference));
    expect(workFiles(out)).toEqual([]);
  });
});

describe("a build publishes its files as one set (#12 item 10, part 3)", () => {
  it("a planted or damaged plan can never move or remove a file outside the output directory", async () => {
    const out = join(tmp, "out");
    expect((await buildInto("old", out)).code).toBe(0);
    writeFileSync(join(tmp, "victim.scn.json"), "keep me\n");
    mkdirSync(join(out, COMMIT_DIRECTORY));
    writeFileSync(join(out, COMMIT_DIRECTORY, PLAN_FILE), JSON.stringify({ files: [], remove: ["../victim.scn.json"], manifests: [] }));
    const run = await buildInto("new", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("whose plan cannot be read (names that are not output files)");
    expect(readFileSync(join(tmp, "victim.scn.json"), "utf8")).toBe("keep me\n");
  });

  it("writes a manifest that binds every file to the bundle hash", async () => {
    const out = join(tmp, "out");
    expect((await buildInto("old", out)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "q.scn.manifest.json"), "utf8")) as { format: string; bundle: string; files: Record<string, string> };
    expect(manifest.format).toBe("scn.outputs/1");
    expect(manifest.bundle).toBe((JSON.parse(readFileSync(join(out, "q.scn.json"), "utf8")) as { hash: string }).hash);
    expect(Object.keys(manifest.files)).toEqual(["q.d.mts", "q.mjs", "q.scn.json", "q.vectors.json"]);
    expect(readFileSync(join(out, "q.mjs"), "utf8")).toContain(manifest.bundle);
  });

  it("leaves the user's other files alone and removes the old set's files it no longer writes", async () => {
    const out = join(tmp, "out");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine\n");
    writeFileSync(join(out, "other.mjs"), "export {};\n");
    expect((await buildInto("old", out)).code).toBe(0);
    expect((await buildInto("new", out, ["--target", "json"])).code).toBe(0);
    expect([...readSet(out).keys()]).toEqual(["notes.txt", "other.mjs", "q.scn.json", "q.scn.manifest.json"]);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine\n");
  });

  it("scn eval and scn diff refuse a bundle from another build than the files beside it", async () => {
    const out = join(tmp, "out");
    const other = join(tmp, "other");
    expect((await buildInto("old", out)).code).toBe(0);
    expect((await buildInto("new", other)).code).toBe(0);
    writeFileSync(join(tmp, "context.json"), JSON.stringify({ order: { days_late: 4 } }));
    const good = await scn(["eval", join(out, "q.scn.json"), "notice", join(tmp, "context.json")], tmp);
    expect(good.code).toBe(0);
    writeFileSync(join(out, "q.scn.json"), readFileSync(join(other, "q.scn.json")));
    const mixed = await scn(["eval", join(out, "q.scn.json"), "notice", join(tmp, "context.json")], tmp);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("does not match `q.scn.manifest.json`");
    const diff = await scn(["diff", join(other, "q.scn.json"), join(out, "q.scn.json")], tmp);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain("does not match `q.scn.manifest.json`");
    // A bundle copied on its own has no manifest to disagree with.
    const alone = join(tmp, "alone");
    mkdirSync(alone);
    writeFileSync(join(alone, "q.scn.json"), readFileSync(join(other, "q.scn.json")));
    expect((await scn(["eval", join(alone, "q.scn.json"), "notice", join(tmp, "context.json")], tmp)).code).toBe(0);
  });

  it("the Python consumer refuses vectors from another build than its bundle", async () => {
    const out = join(tmp, "out");
    const other = join(tmp, "other");
    expect((await buildInto("old", out)).code).toBe(0);
    expect((await buildInto("new", other)).code).toBe(0);
    const consumer = fileURLToPath(new URL("../../../examples/consumers/python/scn_bundle.py", import.meta.url));
    const whole = spawnSync("python3", [consumer, join(out, "q.scn.json"), join(out, "q.vectors.json")], { encoding: "utf8" });
    expect(whole.stdout).toMatch(/^\d+ passed, 0 failed/);
    expect(whole.status).toBe(0);
    writeFileSync(join(out, "q.vectors.json"), readFileSync(join(other, "q.vectors.json")));
    const mixed = spawnSync("python3", [consumer, join(out, "q.scn.json"), join(out, "q.vectors.json")], { encoding: "utf8" });
    expect(mixed.stderr).toContain("does not match q.scn.manifest.json");
    expect(mixed.status).toBe(2);
  });

  it("removes the temporaries of killed builds, older versions' names included, and only theirs", async () => {
    const out = join(tmp, "out");
    mkdirSync(out);
    const dead = deadPid();
    const stale = [`.scn-tmp-${dead}-q.mjs`, `.scn-tmp-${dead}-0badc0de-lock.tmp`];
    const live = `.scn-tmp-${process.pid}-0badc0de-q.mjs.tmp`;
    for (const name of [...stale, live]) writeFileSync(join(out, name), "left behind\n");
    mkdirSync(join(out, `.scn-tmp-${dead}-0badc0de-stage.tmp`));
    expect((await buildInto("new", out)).code).toBe(0);
    expect(workFiles(out)).toEqual([live]);
  });

  it("is byte-identical across runs, manifest included", async () => {
    expect((await buildInto("old", join(tmp, "a"))).code).toBe(0);
    expect((await buildInto("old", join(tmp, "b"))).code).toBe(0);
    expect(readSet(join(tmp, "b"))).toEqual(readSet(join(tmp, "a")));
  });
});

describe("concurrent builds into one directory (#12 item 10, part 3)", () => {
  it("a build refuses a directory another live build holds, naming its process", async () => {
    const out = join(tmp, "out");
    expect((await buildInto("old", out)).code).toBe(0);
    const before = readSet(out);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" }));
    const run = await buildInto("new", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`another scn build (pid ${process.pid}, started 2026-01-01T00:00:00.000Z) is writing into \`out\``);
    expect(readSet(out)).toEqual(before);
    expect(workFiles(out)).toEqual([LOCK_FILE]);
  });

  it("a lock from another host is never taken for stale", async () => {
    const out = join(tmp, "out");
    mkdirSync(out);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, started: "2026-01-01T00:00:00.000Z" }));
    const run = await buildInto("new", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`on host not-${hostname()}`);
  });

  it("a lock whose process is gone is stale: the build takes it over and releases it", async () => {
    const out = join(tmp, "out");
    mkdirSync(out);
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), started: "2026-01-01T00:00:00.000Z" }));
    expect((await buildInto("new", out)).code).toBe(0);
    expect(workFiles(out)).toEqual([]);
  });
});

describe("temporary files are never sources (#12 item 12)", () => {
  const duplicate = "context {\n  order: { days_late: int(0..60) }\n}\n";

  it("a killed fmt's leftovers, old-style and new, are not read as sources and the next fmt removes them", async () => {
    const source = join(tmp, "src");
    writeProgram(source, "old");
    const dead = deadPid();
    const leftovers = [`.scn-tmp-${dead}-context.scn`, `.${temporaryName("context.scn").slice(1).replace(String(process.pid), String(dead))}`];
    const live = temporaryName("notice.scn");
    for (const name of [...leftovers, live]) writeFileSync(join(source, name), duplicate);
    expect((await scn(["check", source], tmp)).code).toBe(0);
    expect((await scn(["build", source, "-o", join(tmp, "out")], tmp)).code).toBe(0);
    // A config whose glob would match them does not pick them up either.
    writeFileSync(join(source, "scn.config.json"), JSON.stringify({ sources: ["**/*.scn"], outDir: "out" }));
    expect((await scn(["check"], source)).code).toBe(0);
    expect((await scn(["fmt", source], tmp)).code).toBe(0);
    // Only the dead process's leftovers go; a live process's temporary stays.
    expect(readdirSync(source).filter(isScnWorkFile)).toEqual([live]);
  });

  it("temporary names never end in .scn, carry the writer's pid, and are recognised as scn's", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (hint) => {
        const name = temporaryName(hint);
        expect(name.endsWith(".scn")).toBe(false);
        expect(name.endsWith(".tmp")).toBe(true);
        expect(Buffer.byteLength(name)).toBeLessThan(256);
        expect(temporaryOwner(name)).toBe(process.pid);
        expect(isScnWorkFile(name)).toBe(true);
      }),
    );
  });

  it("fmt replaces a symlinked source at its target, so the link stays a link", async () => {
    mkdirSync(join(tmp, "real"));
    const target = join(tmp, "real/messy.scn");
    writeFileSync(target, "context {   order: {days_late: int(0..60)} }\n");
    mkdirSync(join(tmp, "linked"));
    symlinkSync(target, join(tmp, "linked/messy.scn"));
    expect((await scn(["fmt", join(tmp, "linked/messy.scn")], tmp)).code).toBe(0);
    expect(lstatSync(join(tmp, "linked/messy.scn")).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).not.toContain("{   order");
    expect(readdirSync(join(tmp, "real")).filter(isScnWorkFile)).toEqual([]);
  });

  it("fmt keeps a file's permissions and leaves no temporary behind", async () => {
    const file = join(tmp, "messy.scn");
    writeFileSync(file, "context {   order: {days_late: int(0..60)} }\n");
    chmodSync(file, 0o640);
    expect((await scn(["fmt", file], tmp)).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, "utf8")).not.toContain("{   order");
    expect(readdirSync(tmp).filter(isScnWorkFile)).toEqual([]);
  });
});
