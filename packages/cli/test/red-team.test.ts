/**
 * The red team's 19 reproducers (issue #12), each run as the issue states it
 * through the `scn` command (its entry point in this process, or the built
 * packages/cli/bin/scn.js in a child process where the failure was the
 * process's: a native stack overflow, running out of heap, a hang, a kill;
 * `pnpm test` builds it first) or, for the module and runtime items, through
 * the files `scn build` writes. Each test is named
 * after the class of failure its reproducer found, and asserts what must
 * happen instead: a diagnostic or the right answer, never exit 3, a hang, a
 * crash or a silent wrong result.
 *
 * The classes behind them have their own, wider tests, named in each
 * block: hostile-input.test.ts (the source side), outputs.test.ts and
 * kill-and-check.test.ts (writing files), special-names.test.ts (names),
 * compiler/test/hostile-contexts.property.test.ts and python-consumer.test.ts
 * (contexts), prettier-plugin/test/format-properties.test.ts (the formatter).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundle, type Answer } from "@scn/runtime";
import { readSet, workFiles, writeProgram } from "./output-fixtures.js";
import { importWithin, scn as inProcess } from "./harness.js";
import { programAround as program } from "./program-fixtures.js";

const BIN = fileURLToPath(new URL("../bin/scn.js", import.meta.url));
const PYTHON_CONSUMER = fileURLToPath(new URL("../../../examples/consumers/python/scn_bundle.py", import.meta.url));

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `scn` as a child process, as a user does. A run that outlives
 * `deadline` is killed and fails the test as a hang; the output is kept
 * whole, so a test can bound its size.
 */
function spawned(args: readonly string[], cwd: string, options: { env?: Record<string, string>; nodeOptions?: readonly string[]; deadline?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, options.deadline ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (hung) reject(new Error(`scn ${args.join(" ").slice(0, 100)} did not finish within ${options.deadline ?? 60_000} ms`));
      else resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Runs the CLI's own entry point in this process (`runMain`, what bin/scn.js
 * calls), which is fast; the reproducers whose failure was the process's
 * (a crash of the stack or the heap, a hang, a kill) use `spawned`.
 */
async function scn(args: readonly string[], cwd: string): Promise<Run> {
  const run = await inProcess(args, cwd);
  return { ...run, signal: null };
}
const both = (run: Run): string => run.stdout + run.stderr;

/** What every reproducer must never give: a crash, a signal or a native stack trace. */
function expectNoCrash(run: Run, what: string): void {
  expect(run.signal, `${what}: killed by a signal`).toBeNull();
  expect(run.code, `${what}: ${both(run).slice(0, 400)}`).not.toBe(3);
  expect([0, 1, 2], `${what}: exit ${run.code}`).toContain(run.code);
  expect(both(run), `${what}: a stack trace`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|FATAL ERROR|RangeError|Maximum call stack/);
}

let tmp: string;
let serial = 0;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-red-team-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh directory holding `files`. */
function project(files: Record<string, string | Uint8Array>): string {
  const directory = join(tmp, `case-${serial++}`);
  mkdirSync(directory);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
  return directory;
}

/** A program with a consent gate and a variation, for the module and runtime reproducers. */
const CONSENT_PROGRAM = `context {
  customer: { tier: enum { gold, silver, bronze }, consent: { personalization: bool } }
}
consent personalization = customer.consent.personalization
segment gold = customer.tier == gold
decision offer { output { message: string } default { message: "none" } }
metric sat { better higher }
scenario welcome for offer {
  owner "cx"
  situation customer.tier in [gold, silver]
  goal "g"
  pathway all otherwise {
    message: "base"
    variation gold { message: "gold" }
  }
  metrics { primary sat }
}
`;

type Module = { decide(decision: string, context: unknown): Answer; validateContext(context: unknown): unknown[] } & Record<string, unknown>;

/** Builds `source` and loads what the build wrote: the JSON runtime and the ES module. */
async function built(source: string, name: string): Promise<{ runtime: ReturnType<typeof loadBundle>; module: Module; out: string }> {
  const directory = project({ "p.scn": source });
  const out = join(directory, "out");
  const run = await scn(["build", directory, "-o", out, "--name", name], directory);
  expect(run.code, both(run)).toBe(0);
  const runtime = loadBundle(readFileSync(join(out, `${name}.scn.json`), "utf8"));
  const module = await importWithin<Module>(pathToFileURL(join(out, `${name}.mjs`)).href, 10_000);
  return { runtime, module, out };
}

describe("#12 item 1, formatting is idempotent: a block comment between `=` and a condition", () => {
  it("fmt then fmt --check passes, and a second fmt changes nothing", async () => {
    const directory = project({ "s.scn": "segment s =\n/* c\n */\n a\n" });
    const first = await scn(["fmt", "s.scn"], directory);
    expectNoCrash(first, "fmt");
    const once = readFileSync(join(directory, "s.scn"), "utf8");
    const check = await scn(["fmt", "--check", "s.scn"], directory);
    expect(check.code, both(check)).toBe(0);
    await scn(["fmt", "s.scn"], directory);
    expect(readFileSync(join(directory, "s.scn"), "utf8")).toBe(once);
    expect(once).toContain("/* c\n");
  });
});

describe("#12 item 2, invalid UTF-8 is a diagnostic and nothing rewrites it", () => {
  const latin1 = (text: string) => Buffer.from(text, "latin1");

  it("a byte E9 in a comment: check reports SCN1008 at it, fmt leaves the file byte for byte", async () => {
    const bytes = latin1("context {   a: bool } // caf\u00e9\n");
    const directory = project({ "c.scn": bytes });
    const check = await scn(["check", "c.scn"], directory);
    expect(check.code).toBe(1);
    expect(both(check)).toMatch(/SCN1008[\s\S]*c\.scn:1:29/);
    const fmt = await scn(["fmt", "c.scn"], directory);
    expect(fmt.code).toBe(1);
    expect(readFileSync(join(directory, "c.scn")).equals(bytes)).toBe(true);
  });

  it("a byte E9 in a string literal: build refuses, so no U+FFFD reaches a bundle", async () => {
    const directory = project({ "p.scn": Buffer.concat([Buffer.from(program("").replace('m: "y"', 'm: "caf')), latin1("\u00e9"), Buffer.from("\"\n")]) });
    // The replacement above put the byte inside the string of the pathway's output.
    const text = readFileSync(join(directory, "p.scn"));
    expect(text.includes(0xe9)).toBe(true);
    const build = await scn(["build", directory, "-o", "out"], directory);
    expect(build.code).toBe(1);
    expect(both(build)).toContain("SCN1008");
    expect(existsSync(join(directory, "out"))).toBe(false);
  });
});

describe("#12 item 3, a bundle name cannot escape the output directory", () => {
  it("`--name ../escaped` is a usage error and writes nothing outside `-o`", async () => {
    const directory = project({});
    writeProgram(join(directory, "src"), "old");
    const run = await scn(["build", "src", "-o", "out", "--name", "../escaped"], directory);
    expectNoCrash(run, "build --name ../escaped");
    expect(run.code).toBe(2);
    expect(readdirSync(directory).filter((name) => name.includes("escaped"))).toEqual([]);
    expect(existsSync(join(directory, "out"))).toBe(false);
  });
});

describe("#12 item 4, the module and the runtime report a context problem in the same words", () => {
  it("an enum value outside the members: validateContext agrees, word for word", async () => {
    const { runtime, module } = await built(CONSENT_PROGRAM, "q");
    for (const context of [{ customer: { tier: "platinum", consent: { personalization: true } } }, { customer: { tier: 3 } }, { customer: "gold" }]) {
      const problems = module.validateContext(context);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems).toEqual(runtime.validateContext(context));
    }
  });
});

describe("#12 item 5, fmt never writes what does not parse: reserved words as list items", () => {
  it("`default` after a comment in a list formats to text that parses to the same answer", async () => {
    const source = "context { x: enum { a, default } }\nsegment s = x in [a\n/* note */\n, default]\n";
    const directory = project({ "s.scn": source });
    const fmt = await scn(["fmt", "s.scn"], directory);
    expect(fmt.code, both(fmt)).toBe(0);
    const check = await scn(["check", "s.scn"], directory);
    expect(both(check)).not.toMatch(/error\[SCN1/);
    expect(readFileSync(join(directory, "s.scn"), "utf8")).toContain("/* note */");
  });

  it("`default` at the start of a line inside a list parses", async () => {
    const directory = project({ "s.scn": "context { x: enum { a, default } }\nsegment s = x in [\n  a,\n  default,\n]\n" });
    const check = await scn(["check", "s.scn"], directory);
    expect(both(check)).not.toMatch(/error\[SCN1/);
    expect(check.code, both(check)).toBe(0);
  });
});

describe("#12 item 6, no export name makes the module a thenable", () => {
  it("a decision named `then`: the module imports, and `scn test` fails a failing test with exit 1", async () => {
    const source = program("").replaceAll("decision d ", "decision then ").replace("scenario sc for d", "scenario sc for then").replace("expect d = sc/p", "expect then = sc/p");
    const { module, runtime } = await built(source, "q");
    expect(typeof module["then"]).not.toBe("function");
    expect(module.decide("then", { a: true, n: 1 })).toEqual(runtime.decide("then", { a: true, n: 1 }));
    const failing = project({ "p.scn": source.replace('given { a: true, n: 1 }', 'given { a: false, n: 1 }') });
    const run = await spawned(["test", failing], failing, { deadline: 60_000 });
    expect(run.code, both(run)).toBe(1);
    expect(run.stdout).toMatch(/0 passed, 1 failed/);
  });
});

describe("#12 items 7–9, the module reads a context like the runtime: once, own properties, never throwing", () => {
  let runtime: ReturnType<typeof loadBundle>;
  let module: Module;
  beforeAll(async () => {
    ({ runtime, module } = await built(CONSENT_PROGRAM, "q"));
  });

  it("item 7: a getter that answers true, then false, is read once, so a variation never goes with `consent: false`", () => {
    for (const decide of [(c: unknown) => module.decide("offer", c), (c: unknown) => runtime.decide("offer", c)]) {
      let reads = 0;
      const consent = {
        get personalization() {
          reads += 1;
          return reads === 1;
        },
      };
      const answer = decide({ customer: { tier: "gold", consent } });
      expect(reads).toBe(1);
      expect(answer.variation === undefined || answer.variation === null ? "none" : answer.variation).toBe(answer.consent["personalization"] === true ? "gold" : "none");
    }
  });

  it("item 7: an inherited `customer` getter on Object.prototype is never read, and a get-only Proxy gets the runtime's answer", () => {
    const context = { customer: { tier: "gold", consent: { personalization: true } } };
    const expected = runtime.decide("offer", context);
    Object.defineProperty(Object.prototype, "customer", {
      configurable: true,
      get() {
        throw new Error("an inherited property was read");
      },
    });
    try {
      expect(module.decide("offer", {})).toEqual(runtime.decide("offer", {}));
      expect(module.decide("offer", {}).reason).toBe("default");
    } finally {
      delete (Object.prototype as Record<string, unknown>)["customer"];
    }
    const proxied = (value: object): object => new Proxy(value, { get: (target, key, receiver) => Reflect.get(target, key, receiver) });
    const proxy = proxied({ customer: proxied({ tier: "gold", consent: proxied({ personalization: true }) }) });
    expect(module.decide("offer", proxy)).toEqual(expected);
    expect(runtime.decide("offer", proxy)).toEqual(expected);
    expect(expected.variation).toBe("gold");
  });

  it("item 8: explain reads each property once, exactly what decide reads, and agrees with decide", () => {
    const reads = (call: (context: unknown) => unknown): [Map<string, number>, unknown] => {
      const log = new Map<string, number>();
      const watched = (value: Record<string, unknown>, path: string): object =>
        new Proxy(value, {
          get(target, key, receiver) {
            if (typeof key === "string") log.set(`${path}.${key}`, (log.get(`${path}.${key}`) ?? 0) + 1);
            const item = Reflect.get(target, key, receiver);
            return typeof item === "object" && item !== null ? watched(item as Record<string, unknown>, `${path}.${String(key)}`) : item;
          },
        });
      const result = call(watched({ customer: { tier: "gold", consent: { personalization: true } } }, "$"));
      return [log, result];
    };
    const [decideReads, answer] = reads((c) => runtime.decide("offer", c));
    const [explainReads, explanation] = reads((c) => runtime.explain("offer", c));
    expect([...explainReads.values()].every((count) => count === 1)).toBe(true);
    expect([...decideReads.values()].every((count) => count === 1)).toBe(true);
    expect([...explainReads.keys()].sort()).toEqual([...decideReads.keys()].sort());
    const { trace: _trace, ...explained } = explanation as Answer & { trace: unknown };
    expect(explained).toEqual(answer);
  });

  it("item 9: throwing getters and a revoked Proxy never make lenient decide or validateContext throw", () => {
    const throwing = { customer: { get tier(): string { throw new Error("boom"); }, consent: { personalization: true } } };
    const { proxy, revoke } = Proxy.revocable({ customer: { tier: "gold" } }, {});
    revoke();
    const inner = Proxy.revocable({ tier: "gold" }, {});
    inner.revoke();
    for (const context of [throwing, proxy, { customer: inner.proxy }]) {
      for (const call of [() => module.decide("offer", context), () => runtime.decide("offer", context), () => module.validateContext(context), () => runtime.validateContext(context)]) {
        expect(call).not.toThrow();
      }
      expect(module.decide("offer", context)).toEqual(runtime.decide("offer", context));
      expect(module.validateContext(context)).toEqual(runtime.validateContext(context));
    }
  });
});

describe("#12 items 10–12, a build publishes its files as one set, and temporaries are never sources", () => {
  it("item 10: a build killed at its second rename leaves a set every consumer reads whole or refuses; the next build finishes and cleans up", async () => {
    const directory = project({ "context.json": JSON.stringify({ order: { days_late: 4 } }) });
    writeProgram(join(directory, "old"), "old");
    writeProgram(join(directory, "new"), "new");
    expect((await scn(["build", "old", "-o", "out", "--name", "q"], directory)).code).toBe(0);
    const oldSet = readSet(join(directory, "out"));
    const listed = await spawned(["build", "new", "-o", "listing", "--name", "q"], directory, { env: { SCN_TEST_CRASH_AT: "list" } });
    const switches = [...listed.stderr.matchAll(/^scn-crash-point: (publish:switched:.+)$/gm)].map((match) => match[1] as string);
    expect(switches.length).toBeGreaterThanOrEqual(2);
    const killed = await spawned(["build", "new", "-o", "out", "--name", "q"], directory, { env: { SCN_TEST_CRASH_AT: switches[1] as string } });
    expect(killed.signal).toBe("SIGKILL");
    const newSet = readSet(join(directory, "listing"));
    const seen = readSet(join(directory, "out"));
    const evaluated = await scn(["eval", "out/q.scn.json", "notice", "context.json"], directory);
    if (existsSync(join(directory, "out", ".scn-commit"))) {
      // Mid-switch: the bundle beside the old module must be refused, never answered.
      expect(evaluated.code).toBe(2);
    } else {
      expect([oldSet, newSet].map((set) => JSON.stringify([...set]))).toContain(JSON.stringify([...seen]));
      expect(evaluated.code).toBe(0);
    }
    const next = await scn(["build", "new", "-o", "out", "--name", "q"], directory);
    expect(next.code, both(next)).toBe(0);
    expect(readSet(join(directory, "out"))).toEqual(newSet);
    expect(workFiles(join(directory, "out"))).toEqual([]);
  });

  it("item 10: two concurrent builds into one directory end with one complete set", async () => {
    const directory = project({});
    writeProgram(join(directory, "old"), "old");
    writeProgram(join(directory, "new"), "new");
    await scn(["build", "old", "-o", "ref-old", "--name", "q"], directory);
    await scn(["build", "new", "-o", "ref-new", "--name", "q"], directory);
    const runs = await Promise.all([spawned(["build", "old", "-o", "out", "--name", "q"], directory), spawned(["build", "new", "-o", "out", "--name", "q"], directory)]);
    for (const run of runs) expect([0, 2], both(run)).toContain(run.code);
    expect(runs.some((run) => run.code === 0)).toBe(true);
    const sets = [readSet(join(directory, "ref-old")), readSet(join(directory, "ref-new"))].map((set) => JSON.stringify([...set]));
    expect(sets).toContain(JSON.stringify([...readSet(join(directory, "out"))]));
    expect(workFiles(join(directory, "out"))).toEqual([]);
  });

  it("item 11: with an output path taken by a directory, build exits 2 and what it says is true: nothing was replaced", async () => {
    const directory = project({});
    writeProgram(join(directory, "old"), "old");
    writeProgram(join(directory, "new"), "new");
    expect((await scn(["build", "old", "-o", "out", "--name", "bundle"], directory)).code).toBe(0);
    rmSync(join(directory, "out", "bundle.vectors.json"));
    mkdirSync(join(directory, "out", "bundle.vectors.json"));
    const before = readSet(join(directory, "out"));
    const run = await scn(["build", "new", "-o", "out", "--name", "bundle"], directory);
    expectNoCrash(run, "build into a blocked directory");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nothing was written");
    expect(readSet(join(directory, "out"))).toEqual(before);
  });

  it("item 12: a killed fmt's `.scn-tmp-<pid>-x.scn` beside the sources is not read as a source", async () => {
    const directory = project({});
    const source = join(directory, "src");
    writeProgram(source, "old");
    // The leftover of a process that has exited: a copy of a source, which read as a source would declare everything twice.
    writeFileSync(join(source, ".scn-tmp-999999-context.scn"), readFileSync(join(source, "context.scn")));
    const build = await scn(["build", "src", "-o", "out"], directory);
    expect(build.code, both(build)).toBe(0);
    expect(both(build)).not.toContain("SCN2001");
    const fmt = await scn(["fmt", "src"], directory);
    expect(fmt.code).toBe(0);
    expect(readdirSync(source).filter((name) => name.startsWith(".scn"))).toEqual([]);
  });
});

describe("#12 items 13–14, numbers beyond double precision", () => {
  it("item 13: the literal 9007199254740993 is SCN1010, not compiled as …992", async () => {
    const directory = project({ "p.scn": program("segment big = n > 9007199254740993") });
    for (const args of [["check", "p.scn"], ["build", "p.scn", "-o", "out"]]) {
      const run = await scn(args, directory);
      expect(run.code, both(run)).toBe(1);
      expect(both(run)).toContain("SCN1010");
    }
    expect(existsSync(join(directory, "out"))).toBe(false);
  });

  it("item 13: a context value `-1` and 400 zeros is the same absent value in the runtime, the module, `scn eval` and Python", async () => {
    const source = `context { x: number? }
decision d { output { m: string } default { m: "default" } }
metric sat { better higher }
scenario s for d {
  owner "cx"
  situation x < 0
  goal "g"
  pathway p otherwise { m: "negative" }
  metrics { primary sat }
}
scenario absent for d {
  owner "cx"
  priority 1
  situation x is not present
  goal "g"
  pathway p otherwise { m: "absent" }
  metrics { primary sat }
}
`;
    const { runtime, module, out } = await built(source, "q");
    const text = `{"x": -1${"0".repeat(400)}}`;
    const context = JSON.parse(text) as unknown;
    expect(runtime.decide("d", context).output).toEqual({ m: "absent" });
    expect(module.decide("d", context)).toEqual(runtime.decide("d", context));
    writeFileSync(join(out, "context.json"), text);
    const evaluated = await scn(["eval", "q.scn.json", "d", "context.json"], out);
    expect(evaluated.code, both(evaluated)).toBe(0);
    expect((JSON.parse(evaluated.stdout) as Answer).output).toEqual({ m: "absent" });
    // The Python consumer (docs/consuming-bundles.md) answers the same for this context.
    const python = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn("python3", ["-c", `import json, sys\nsys.path.insert(0, ${JSON.stringify(dirname(PYTHON_CONSUMER))})\nimport scn_bundle\nb = scn_bundle.load(${JSON.stringify(join(out, "q.scn.json"))})\nprint(json.dumps(b.decide("d", json.loads(open(${JSON.stringify(join(out, "context.json"))}).read()))["output"]))`]);
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.on("close", (code) => resolve({ code, stdout }));
    });
    expect(python.code).toBe(0);
    expect(JSON.parse(python.stdout)).toEqual({ m: "absent" });
  });

  const digits = `1${"0".repeat(309)}`;
  it.each([
    ["a const", `const BIG = ${digits}`],
    ["a range bound", `segment s = n in 0..${digits}`],
    ["a condition", `segment s = n > ${digits}`],
    ["a `given`", ""],
  ])("item 14: a 310-digit literal in %s is SCN1010 from check and build, never exit 3", async (where, extra) => {
    const text = where === "a `given`" ? program("").replace("given { a: true, n: 1 }", `given { a: true, n: ${digits} }`) : program(extra);
    const directory = project({ "p.scn": text });
    for (const args of [["check", "p.scn"], ["build", "p.scn", "-o", "out"], ["test", "p.scn"]]) {
      const run = await scn(args, directory);
      expectNoCrash(run, args[0] as string);
      expect(run.code, both(run)).toBe(1);
      expect(both(run)).toContain("SCN1010");
    }
  });
});

describe("#12 items 15–16, one recursion budget", () => {
  it.each([
    ["item 15: 820 `not`s", `segment s = ${"not ".repeat(820)}a`],
    ["item 15: 6,300 `not`s", `segment s = ${"not ".repeat(6_300)}a`],
    ["item 16: a comparison inside each of 280 parentheses", `segment s = ${"(n > 1 and ".repeat(280)}a${")".repeat(280)}`],
  ])("%s is SCN1006 from check, build, test and fmt", async (_name, extra) => {
    const directory = project({ "p.scn": program(extra) });
    const before = readFileSync(join(directory, "p.scn"));
    // check and fmt (the checker's and the printer's front doors) in child processes, since the failure was a
    // native stack overflow; build and test share check's parse, where the budget refuses the text.
    const runs = [
      ...(await Promise.all([["check", "p.scn"], ["fmt", "p.scn"]].map(async (args) => [args, await spawned(args, directory)] as const))),
      ...(await Promise.all([["build", "p.scn", "-o", "out"], ["test", "p.scn"]].map(async (args) => [args, await scn(args, directory)] as const))),
    ];
    for (const [args, run] of runs) {
      expectNoCrash(run, args[0] as string);
      expect(run.code, both(run).slice(0, 400)).toBe(1);
      expect(both(run)).toContain("SCN1006");
    }
    expect(readFileSync(join(directory, "p.scn")).equals(before)).toBe(true);
  });
});

describe("#12 items 17–19, long input within the 10 MiB limit", () => {
  it("item 17: a string literal of 8.43 million characters is one token, and the program checks", async () => {
    const directory = project({ "p.scn": program(`const long = "${"x".repeat(8_430_000)}"`) });
    const run = await scn(["check", "p.scn"], directory);
    expectNoCrash(run, "check");
    // The const is unused, which is a warning; nothing is an error.
    expect(run.code, both(run).slice(0, 400)).toBe(0);
  });

  it("item 18: a 10 MB `a and a and …` chain finishes in a 2 GB heap with a diagnostic", async () => {
    const operands = 1_740_000;
    const directory = project({ "p.scn": `context { a: bool }\nsegment s = a${" and a".repeat(operands)}\n` });
    expect(readFileSync(join(directory, "p.scn")).length).toBeGreaterThan(10_000_000);
    const run = await spawned(["check", "p.scn"], directory, { nodeOptions: ["--max-old-space-size=2048"], deadline: 300_000 });
    expectNoCrash(run, "check");
    expect(run.code).toBe(1);
    expect(both(run)).toContain("SCN1009");
    expect(both(run).length).toBeLessThan(4_000);
  }, 330_000);

  it("item 19: a 20 MB single line is SCN1005, and the message quotes a bounded excerpt", async () => {
    const directory = project({ "p.scn": `const c = [${"a, ".repeat(7_000_000)}]` });
    const run = await scn(["check", "p.scn"], directory);
    expectNoCrash(run, "check");
    expect(run.code).toBe(1);
    expect(both(run)).toContain("SCN1005");
    expect(both(run).length).toBeLessThan(4_000);
  });
});
