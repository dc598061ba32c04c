/**
 * Times the steady-state engines (timed-engines.ts) each in a process of
 * its own (timing-child.ts), their timed runs interleaved: every engine is
 * warmed up in turn, then each round times every engine once, the first
 * engine of a round rotating, so that a change in the host's speed during
 * the measurement reaches every engine alike and a ratio between two
 * engines compares runs taken moments apart. Only one child works at a
 * time; the others wait on their input.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface, type Interface } from "node:readline";
import { timingOf, type MeasureOptions, type Timing } from "./measure.js";
import type { TimedEngine } from "./timed-engines.js";

// The built child, whether this module runs from src/ (tests) or dist/ (the bench).
const TIMING_CHILD = fileURLToPath(new URL("../dist/timing-child.js", import.meta.url));

/** One engine's process and the replies it has not been asked for yet. */
class TimingChild {
  private readonly process: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  private readonly input: Interface;
  private stderr = "";

  constructor(
    readonly engine: TimedEngine,
    requestFile: string,
    nodeArgs: readonly string[],
  ) {
    this.process = spawn(process.execPath, [...nodeArgs, TIMING_CHILD, requestFile, engine], { stdio: ["pipe", "pipe", "pipe"] });
    this.process.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    this.input = createInterface({ input: this.process.stdout! });
    this.lines = this.input[Symbol.asyncIterator]();
  }

  /** The next line of JSON the child writes; throws with its error output when it exits instead. */
  async reply<T>(): Promise<T> {
    const next = await this.lines.next();
    if (next.done === true) {
      const exited = new Promise((resolve) => (this.process.exitCode !== null || this.process.signalCode !== null ? resolve(null) : this.process.once("exit", resolve)));
      await exited;
      throw new Error(`the timing child of ${this.engine} stopped: ${this.stderr.trim().split("\n").slice(-3).join(" ")}`);
    }
    return JSON.parse(next.value) as T;
  }

  async ask<T>(command: "warm" | "run"): Promise<T> {
    this.process.stdin!.write(command + "\n");
    return this.reply<T>();
  }

  end(): void {
    this.process.stdin!.end();
    this.input.close();
  }
}

/**
 * Each engine's timing: `runs` interleaved runs after its warm-up.
 * `onTimed` is called when the warm-ups are done and the timed rounds begin.
 */
export async function timeEngines(
  engines: readonly TimedEngine[],
  requestFile: string,
  options: MeasureOptions,
  nodeArgs: readonly string[],
  onTimed: () => void,
): Promise<Timing[]> {
  const children = engines.map((engine) => new TimingChild(engine, requestFile, nodeArgs));
  try {
    // The children load their artifacts at once, then warm up one at a time.
    await Promise.all(children.map((child) => child.reply<{ ready: number }>()));
    for (const child of children) await child.ask<{ warm: true }>("warm");
    onTimed();
    const perDecision: number[][] = engines.map(() => []);
    let decisions = 0;
    for (let round = 0; round < options.runs; round++) {
      for (let k = 0; k < children.length; k++) {
        const e = (round + k) % children.length;
        const timed = await (children[e] as TimingChild).ask<{ ns: number; count: number }>("run");
        (perDecision[e] as number[]).push(timed.ns);
        decisions = timed.count;
      }
    }
    return perDecision.map((runs) => timingOf(runs, decisions));
  } finally {
    for (const child of children) child.end();
  }
}
