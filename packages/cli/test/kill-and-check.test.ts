/**
 * The red team's kill-and-check loop, at CI size (issue #12 part 6): `scn
 * build` and `scn fmt` run as child processes and are killed with SIGKILL
 * in every phase where they write (through the SCN_TEST_CRASH_AT hook,
 * docs/cli.md "Testing crash safety"; within a loop over the files, at its
 * first and last step) and after random delays. After every
 * kill the output directory must hold the complete old set or the complete
 * new set, byte for byte, or a committed switch that every checking
 * consumer refuses; the next run must finish it and leave no work file; the
 * sources must never change. Two builds into one directory must end with
 * one complete set. "Every consumer" is `scn eval` and the Python consumer,
 * which both check the output manifest.
 *
 * The children run the built CLI (packages/cli/bin/scn.js), as a user
 * would; `pnpm test` builds it first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn, spawnSync } from "node:child_process";
import fc from "fast-check";
import { scn } from "./harness.js";
import { CONTEXT_SOURCE, noticeSource, readSet, workFiles, writeProgram } from "./output-fixtures.js";
import { isScnWorkFile } from "../src/temporaries.js";

const BIN = fileURLToPath(new URL("../bin/scn.js", import.meta.url));
const PYTHON_CONSUMER = fileURLToPath(new URL("../../../examples/consumers/python/scn_bundle.py", import.meta.url));

/** The Python consumer's exit code on the bundle and vectors in `out`: 0 all pass, 1 a vector fails, 2 a mixed set. */
function pythonConsumer(out: string): number | null {
  return spawnSync("python3", [PYTHON_CONSUMER, join(out, "q.scn.json"), join(out, "q.vectors.json")], { encoding: "utf8" }).status;
}

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly milliseconds: number;
}

/**
 * Runs the CLI in a child process. `killAfter` sends SIGKILL after that many
 * milliseconds; `onStderr` sees standard error as it arrives.
 */
function spawnScn(args: readonly string[], cwd: string, env: Record<string, string> = {}, options: { killAfter?: number; onStderr?: (text: string) => void } = {}): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    const timer = options.killAfter === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.killAfter);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code, signal, stderr, milliseconds: Date.now() - started });
    });
  });
}

/**
 * The kill points worth a kill each, at CI size. A build stages its files
 * and then switches them one by one, each in a loop, so the points of one
 * loop (`publish:staged:FILE`, `publish:switched:FILE`) differ only in how
 * far the loop got: the first and the last step of each loop stand for the
 * rest, and so does the second switch (where the red team's kill left a
 * mixed set). Every other point is a phase of its own and is always kept.
 */
function representativeKillPoints(labels: readonly string[]): string[] {
  const loopOf = (label: string): string | undefined => /^(publish:(?:staged|switched)):./.exec(label)?.[1];
  return labels.filter((label) => {
    const loop = loopOf(label);
    if (loop === undefined) return true;
    const members = labels.filter((other) => loopOf(other) === loop);
    const position = members.indexOf(label);
    return position === 0 || position === members.length - 1 || (loop === "publish:switched" && position === 1);
  });
}

let tmp: string;
let oldSource: string;
let newSource: string;
let oldSet: Map<string, string>;
let newSet: Map<string, string>;
let contextFile: string;

/** The answer `scn eval` gives for a context that is late in the old program and on time in the new one. */
async function evalMessage(out: string): Promise<{ code: number; message?: string; stderr: string }> {
  const run = await scn(["eval", join(out, "q.scn.json"), "notice", contextFile], tmp);
  return run.code === 0 ? { code: 0, message: (JSON.parse(run.stdout) as { output: { message: string } }).output.message, stderr: run.stderr } : { code: run.code, stderr: run.stderr };
}

function sourcesOf(directory: string): Map<string, string> {
  return new Map(readdirSync(directory).sort().map((name) => [name, readFileSync(join(directory, name), "utf8")]));
}

/** An output directory holding the old set and a file of the user's. */
function freshOutput(name: string): string {
  const out = join(tmp, name);
  mkdirSync(out);
  for (const [file, text] of oldSet) writeFileSync(join(out, file), text);
  writeFileSync(join(out, "notes.txt"), "the user's own file\n");
  return out;
}

function withoutNotes(set: Map<string, string>): Map<string, string> {
  const copy = new Map(set);
  copy.delete("notes.txt");
  return copy;
}

/**
 * The checks after a kill: a complete set, or a pending switch that
 * consumers refuse; then the next build completes it and tidies up.
 */
async function checkAfterKill(out: string, what: string): Promise<"old" | "new" | "pending"> {
  const pending = existsSync(join(out, ".scn-commit"));
  const seen = withoutNotes(readSet(out));
  const answer = await evalMessage(out);
  let state: "old" | "new" | "pending";
  if (pending) {
    state = "pending";
    expect(answer.code, `${what}: scn eval must refuse a directory mid-switch`).toBe(2);
    expect(answer.stderr).toContain("run scn build again");
    expect(pythonConsumer(out), `${what}: the Python consumer must refuse a directory mid-switch`).toBe(2);
  } else {
    const isOld = JSON.stringify([...seen]) === JSON.stringify([...oldSet]);
    const isNew = JSON.stringify([...seen]) === JSON.stringify([...newSet]);
    expect(isOld || isNew, `${what}: the directory holds ${[...seen.keys()].join(", ")}, neither complete set`).toBe(true);
    state = isOld ? "old" : "new";
    expect(answer, what).toMatchObject({ code: 0, message: isOld ? "late" : "on_time" });
    expect(pythonConsumer(out), `${what}: the Python consumer on a complete set`).toBe(0);
  }
  const next = await scn(["build", newSource, "-o", out, "--name", "q"], tmp);
  expect(next.code, `${what}: the next build: ${next.stderr}`).toBe(0);
  expect(withoutNotes(readSet(out)), what).toEqual(newSet);
  expect(workFiles(out), `${what}: work files left after the next build`).toEqual([]);
  expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("the user's own file\n");
  expect(sourcesOf(newSource), `${what}: sources changed`).toEqual(new Map([["context.scn", CONTEXT_SOURCE], ["notice.scn", noticeSource(5)]]));
  return state;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "scn-kill-"));
  oldSource = join(tmp, "src-old");
  newSource = join(tmp, "src-new");
  writeProgram(oldSource, "old");
  writeProgram(newSource, "new");
  expect((await scn(["build", oldSource, "-o", join(tmp, "ref-old"), "--name", "q"], tmp)).code).toBe(0);
  expect((await scn(["build", newSource, "-o", join(tmp, "ref-new"), "--name", "q"], tmp)).code).toBe(0);
  oldSet = readSet(join(tmp, "ref-old"));
  newSet = readSet(join(tmp, "ref-new"));
  contextFile = join(tmp, "context.json");
  writeFileSync(contextFile, JSON.stringify({ order: { days_late: 4 } }));
  // The two sets really differ, in bytes and in answers, and each is whole.
  expect(await evalMessage(join(tmp, "ref-old"))).toMatchObject({ code: 0, message: "late" });
  expect(await evalMessage(join(tmp, "ref-new"))).toMatchObject({ code: 0, message: "on_time" });
  for (const set of [oldSet, newSet]) {
    const hash = (JSON.parse(set.get("q.scn.json")!) as { hash: string }).hash;
    expect(set.get("q.mjs")).toContain(hash);
    expect(set.get("q.scn.manifest.json")).toContain(hash);
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("kill -9 of scn build", () => {
  it("in every phase where it writes leaves one complete set, and the next build finishes", async () => {
    const listed = await spawnScn(["build", newSource, "-o", freshOutput("listing"), "--name", "q"], tmp, { SCN_TEST_CRASH_AT: "list" });
    expect(listed.code).toBe(0);
    const labels = [...listed.stderr.matchAll(/^scn-crash-point: (.+)$/gm)].map((m) => m[1]!);
    // Every phase is visited: lock, staging, commit, each switch, the end.
    expect(labels).toEqual(expect.arrayContaining(["publish:locked", "publish:staged", "publish:committed", "publish:switched:q.scn.json", "publish:switched:q.scn.manifest.json", "publish:done"]));
    const points = representativeKillPoints(labels);
    // Every phase keeps a kill, and each loop its first and last step.
    expect(new Set(points.map((label) => label.replace(/^(publish:(?:staged|switched)):.+$/, "$1:FILE")))).toEqual(new Set(labels.map((label) => label.replace(/^(publish:(?:staged|switched)):.+$/, "$1:FILE"))));
    expect(points).toContain("publish:switched:q.scn.manifest.json");
    const states = new Set<string>();
    // Two children at a time: each kill has its own output directory.
    for (let start = 0; start < points.length; start += 2) {
      await Promise.all(
        points.slice(start, start + 2).map(async (label, offset) => {
          const out = freshOutput(`kill-${start + offset}`);
          const run = await spawnScn(["build", newSource, "-o", out, "--name", "q"], tmp, { SCN_TEST_CRASH_AT: label });
          expect(run.signal, `killed at ${label}`).toBe("SIGKILL");
          states.add(await checkAfterKill(out, `killed at ${label}`));
        }),
      );
    }
    // The loop saw all three states, so the checks above were exercised.
    expect([...states].sort()).toEqual(["new", "old", "pending"]);
  }, 300_000);

  it("after random delays leaves one complete set, and the next build finishes", async () => {
    const timed = await spawnScn(["build", newSource, "-o", freshOutput("timed"), "--name", "q"], tmp);
    expect(timed.code).toBe(0);
    const delays = fc.sample(fc.integer({ min: 0, max: timed.milliseconds }), { numRuns: 3, seed: 12 });
    for (const [index, delay] of delays.entries()) {
      const out = freshOutput(`random-${index}`);
      await spawnScn(["build", newSource, "-o", out, "--name", "q"], tmp, {}, { killAfter: delay });
      await checkAfterKill(out, `killed after ${delay} ms`);
    }
  }, 300_000);
});

describe("two builds into one directory", () => {
  it("the second refuses while the first holds the lock, naming it; the first completes its set", async () => {
    const out = freshOutput("locked");
    const resume = join(tmp, "resume-locked");
    let first: Promise<ChildRun> | undefined;
    const paused = new Promise<void>((resolvePaused) => {
      first = spawnScn(["build", oldSource, "-o", out, "--name", "q"], tmp, { SCN_TEST_PAUSE_AT: "publish:staged", SCN_TEST_RESUME_FILE: resume }, { onStderr: (text) => text.includes("scn-paused:") && resolvePaused() });
    });
    await paused;
    const second = await spawnScn(["build", newSource, "-o", out, "--name", "q"], tmp);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another scn build \(pid \d+, started [^)]+\) is writing into `.*locked`, so nothing was written/);
    writeFileSync(resume, "");
    const done = await first!;
    expect(done.code).toBe(0);
    expect(withoutNotes(readSet(out))).toEqual(oldSet);
    expect(workFiles(out)).toEqual([]);
  }, 120_000);

  it("started together, they end with one complete set", async () => {
    for (let round = 0; round < 2; round += 1) {
      const out = freshOutput(`race-${round}`);
      const runs = await Promise.all([
        spawnScn(["build", oldSource, "-o", out, "--name", "q"], tmp),
        spawnScn(["build", newSource, "-o", out, "--name", "q"], tmp),
      ]);
      for (const run of runs) {
        if (run.code !== 0) expect(run.stderr).toContain("another scn build (pid");
        expect([0, 2]).toContain(run.code);
      }
      expect(runs.some((run) => run.code === 0)).toBe(true);
      const seen = withoutNotes(readSet(out));
      expect([JSON.stringify([...oldSet]), JSON.stringify([...newSet])]).toContain(JSON.stringify([...seen]));
      expect(workFiles(out)).toEqual([]);
    }
  }, 120_000);
});

describe("kill -9 of scn fmt", () => {
  const messy = (text: string) => text.replace(/\n {2}/g, "\n      ").replace(/ \{/g, "   {");

  it("at every step leaves each source whole, old or new; builds ignore the leftovers; the next fmt removes them", async () => {
    const pristine = join(tmp, "fmt-pristine");
    writeProgram(pristine, "old");
    for (const name of readdirSync(pristine)) writeFileSync(join(pristine, name), messy(readFileSync(join(pristine, name), "utf8")));
    const formatted = join(tmp, "fmt-formatted");
    cpSync(pristine, formatted, { recursive: true });
    expect((await scn(["fmt", formatted], tmp)).code).toBe(0);
    const before = sourcesOf(pristine);
    const after = sourcesOf(formatted);
    for (const [name, text] of before) expect(after.get(name), `${name} must need formatting`).not.toBe(text);

    const listing = join(tmp, "fmt-listing");
    cpSync(pristine, listing, { recursive: true });
    const listed = await spawnScn(["fmt", listing], tmp, { SCN_TEST_CRASH_AT: "list" });
    expect(listed.code).toBe(0);
    const labels = [...listed.stderr.matchAll(/^scn-crash-point: (.+)$/gm)].map((m) => m[1]!);
    expect(labels).toEqual(["write:staged:context.scn", "write:renamed:context.scn", "write:staged:notice.scn", "write:renamed:notice.scn"]);

    const delays = fc.sample(fc.integer({ min: 0, max: listed.milliseconds }), { numRuns: 2, seed: 6 });
    const kills: Array<{ label?: string; delay?: number }> = [...labels.map((label) => ({ label })), ...delays.map((delay) => ({ delay }))];
    for (const [index, kill] of kills.entries()) {
      const what = kill.label !== undefined ? `killed at ${kill.label}` : `killed after ${kill.delay} ms`;
      const directory = join(tmp, `fmt-kill-${index}`);
      cpSync(pristine, directory, { recursive: true });
      const run = await spawnScn(["fmt", directory], tmp, kill.label !== undefined ? { SCN_TEST_CRASH_AT: kill.label } : {}, kill.delay !== undefined ? { killAfter: kill.delay } : {});
      if (kill.label !== undefined) expect(run.signal, what).toBe("SIGKILL");
      for (const [name, text] of sourcesOf(directory)) {
        if (isScnWorkFile(name)) continue;
        expect([before.get(name), after.get(name)], `${what}: ${name} is neither the old nor the new text`).toContain(text);
      }
      // A leftover temporary is never read as a source.
      const build = await scn(["build", directory, "-o", join(tmp, `fmt-out-${index}`), "--name", "q"], tmp);
      expect(build.code, `${what}: ${build.stderr}`).toBe(0);
      const again = await scn(["fmt", directory], tmp);
      expect(again.code, what).toBe(0);
      expect(readdirSync(directory).filter(isScnWorkFile), `${what}: temporaries left after the next fmt`).toEqual([]);
      expect(sourcesOf(directory), what).toEqual(after);
    }
  }, 300_000);
});
