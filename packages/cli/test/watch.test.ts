/**
 * `--watch` with real file changes: the installed bin runs as a process of
 * its own on a project made by `scn init`, files are edited on disk, and the
 * test reads what the watch prints. Waits are bounded and only wait for
 * output to appear; nothing asserts how fast it appears.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scn } from "./harness.js";
import { watchLoop, isWatchedFile } from "../src/watch.js";
import type { CliIO } from "../src/io.js";

const BIN = fileURLToPath(new URL("../bin/scn.js", import.meta.url));
const WAIT_MS = 45_000;

let tmp: string;
let project: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), "scn-watch-"));
  project = join(tmp, "proj");
  expect((await scn(["init", project], tmp)).code).toBe(0);
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
  rmSync(tmp, { recursive: true, force: true });
});

/** A running `scn … --watch` whose output is collected as it arrives. */
function startWatch(args: string[]): { output: () => string; waitFor: (test: (output: string) => boolean, what: string) => Promise<string>; stop: () => Promise<number | null> } {
  let output = "";
  const started = spawn(process.execPath, [BIN, ...args, "--watch"], { cwd: project, env: { ...process.env, NO_COLOR: "1" } });
  child = started;
  started.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  started.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = (test: (text: string) => boolean, what: string): Promise<string> =>
    new Promise((resolveWait, reject) => {
      const deadline = Date.now() + WAIT_MS;
      const poll = (): void => {
        if (test(output)) resolveWait(output);
        else if (Date.now() > deadline || started.exitCode !== null) reject(new Error(`never saw ${what}; the watch printed:\n${output}`));
        else setTimeout(poll, 50);
      };
      poll();
    });
  const stop = (): Promise<number | null> =>
    new Promise((resolveStop) => {
      started.once("exit", (code) => resolveStop(code));
      started.kill("SIGINT");
    });
  return { output: () => output, waitFor, stop };
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;
const runsFinished = (text: string): number => (text.match(/^\[watch\] (ok|exit \d+); watching/gm) ?? []).length;

describe("scn check --watch", () => {
  it("checks again after each change, survives a syntax error, gathers a burst of saves into one run, and ignores other files", async () => {
    const scenario = join(project, "scenarios/late-delivery.scn");
    const original = readFileSync(scenario, "utf8");
    const watch = startWatch(["check"]);
    await watch.waitFor((o) => runsFinished(o) === 1, "the first check");
    expect(watch.output()).toMatch(/^0 errors, 0 warnings/m);

    writeFileSync(scenario, original.replace("pathway short_delay otherwise {", "pathway short_delay otherwise {{"));
    const broken = await watch.waitFor((o) => runsFinished(o) === 2, "a check after the syntax error");
    expect(broken).toContain("[watch] scenarios/late-delivery.scn changed; running scn check again");
    expect(broken).toMatch(/error\[SCN1\d{3}\]/);
    expect(broken).toContain("[watch] exit 1; watching . for changes (Ctrl-C to stop)");

    writeFileSync(scenario, original);
    await watch.waitFor((o) => runsFinished(o) === 3 && /\[watch\] ok; watching/.test(o.slice(o.lastIndexOf("running scn check again"))), "a clean check after the fix");

    // Not sources: neither a note nor the build's output starts a run.
    writeFileSync(join(project, "notes.txt"), "not a source\n");
    writeFileSync(join(project, "dist.scn.txt"), "not a source either\n");
    // One save of three files is one run that names all three.
    for (const file of ["context.scn", "late-delivery.scn", "late-delivery.test.scn"]) {
      const path = join(project, "scenarios", file);
      writeFileSync(path, readFileSync(path, "utf8") + "// touched\n");
    }
    const burst = await watch.waitFor((o) => runsFinished(o) === 4, "one check after three saves");
    expect(burst).toContain("[watch] scenarios/context.scn, scenarios/late-delivery.scn, scenarios/late-delivery.test.scn changed; running scn check again");
    expect(burst).not.toContain("notes.txt");
    expect(count(burst, "running scn check again")).toBe(3);
    expect(await watch.stop()).toBe(0);
  });
});

describe("scn test --watch and scn build --watch", () => {
  it("runs the tests again when a test changes", async () => {
    const tests = join(project, "scenarios/late-delivery.test.scn");
    const watch = startWatch(["test"]);
    await watch.waitFor((o) => o.includes("5 passed, 0 failed") && runsFinished(o) === 1, "the first test run");
    writeFileSync(tests, readFileSync(tests, "utf8").replace('expect delay_notice { channel: sms, voucher: "sorry_10" }', 'expect delay_notice { channel: email, voucher: "sorry_10" }'));
    const after = await watch.waitFor((o) => runsFinished(o) === 2, "a test run after the edit");
    expect(after).toContain("4 passed, 1 failed");
    expect(after).toContain("[watch] exit 1; watching");
    expect(await watch.stop()).toBe(1);
  });

  it("builds again when a scenario changes, and its own output does not start a run", async () => {
    const scenario = join(project, "scenarios/late-delivery.scn");
    const watch = startWatch(["build"]);
    await watch.waitFor((o) => runsFinished(o) === 1, "the first build");
    const bundle = join(project, "dist/scn/proj.scn.json");
    expect(readFileSync(bundle, "utf8")).toContain("delay.short");
    writeFileSync(scenario, readFileSync(scenario, "utf8").replace('"delay.short"', '"delay.brief"'));
    await watch.waitFor((o) => runsFinished(o) === 2, "a second build");
    expect(readFileSync(bundle, "utf8")).toContain("delay.brief");
    // The second build wrote dist/, inside the watched directory; had that
    // started a run, a third would follow. A later source change is the
    // third run, and it names only that source.
    writeFileSync(scenario, readFileSync(scenario, "utf8").replace('"delay.brief"', '"delay.short"'));
    const third = await watch.waitFor((o) => runsFinished(o) === 3, "a third build");
    const headers = third.split("\n").filter((line) => line.includes("changed; running scn build again"));
    expect(headers).toEqual(["[watch] scenarios/late-delivery.scn changed; running scn build again", "[watch] scenarios/late-delivery.scn changed; running scn build again"]);
    expect(count(third, "changed; running scn build again")).toBe(2);
    expect(await watch.stop()).toBe(0);
  });
});

describe("the watch loop", () => {
  it("clears the screen before each run on a terminal, and not in a log", async () => {
    for (const tty of [true, false]) {
      let stdout = "";
      const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => {}, cwd: project, color: false, tty };
      const controller = new AbortController();
      let runs = 0;
      const loop = watchLoop("check", [], () => {
        runs++;
        if (runs === 1) writeFileSync(join(project, "scenarios/extra.scn"), "// another file\n");
        else controller.abort();
        return 0;
      }, io, { signal: controller.signal, debounceMs: 20 });
      expect(await loop).toBe(0);
      expect(runs).toBe(2);
      expect(count(stdout, "\u001b[2J")).toBe(tty ? 2 : 0);
      rmSync(join(project, "scenarios/extra.scn"));
    }
  });

  it("watches sources and configs, never outputs or dependencies", () => {
    expect(["a.scn", "x/scn.config.json", "deep/b/c.scn"].every(isWatchedFile)).toBe(true);
    expect(["dist/a.scn", "node_modules/p/a.scn", ".git/x.scn", "a.scn.json", "notes.txt", "out.mjs"].some(isWatchedFile)).toBe(false);
  });
});
