/**
 * The cost of experiment assignment (docs/experiments.md#assignment), run by
 * `pnpm bench` after the program benchmark: how long GrowthBook's hash and
 * range lookup take for one unit, and how much longer a decision takes when
 * its answer is an arm of a `split` than when the same variation has no
 * split, in the JSON runtime and in the JS module. Every context is in the
 * variation's segment and carries a distinct unit, so every decision
 * assigns. The section it renders is written into the report under the
 * heading "Experiment assignment"; nothing here asserts a timing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { compile, emitJs, emitJson } from "@scn/compiler";
import { assignArm, loadBundle, rangesFromPercentages } from "@scn/runtime";
import { measureSync, type MeasureOptions, type Timing } from "./measure.js";

const SEED = "credit-bonus-2026";
const WEIGHTS = [20, 40, 40];
const COVERAGE = 90;

/** The benchmark program: one decision whose variation runs a split, or the same variation without it. */
function program(withSplit: boolean): string {
  const split = withSplit ? 'split credit_bonus { control {} bonus_10 { offer: "credit_10" } bonus_15 { offer: "credit_15" } }' : 'offer: "credit_10"';
  return `
context { customer: { id: string?, price_sensitivity: number(0..1) }, order: { days: int(0..3650) } }
decision store_returns { output { message: string, offer: string? } default { message: "generic" } }
metric repurchase { better higher }
experiment credit_bonus { unit customer.id, arms { control ${WEIGHTS[0]}%, bonus_10 ${WEIGHTS[1]}%, bonus_15 ${WEIGHTS[2]}% }, coverage ${COVERAGE}%, seed "${SEED}" }
scenario returns for store_returns {
  owner "cx"
  situation order.days < 1000
  goal "Return in one visit"
  pathway within when order.days <= 30 {
    message: "within"
    variation price_sensitive when customer.price_sensitivity >= 0.6 { ${split} }
  }
  pathway outside otherwise { message: "outside" }
  metrics { primary repurchase }
}
`;
}

type Decide = (context: unknown) => unknown;

async function engines(withSplit: boolean): Promise<{ runtime: Decide; module: Decide }> {
  const compilation = compile([{ path: "bench.scn", text: program(withSplit) }], { analyze: false });
  const compiled = compilation.compiled;
  if (compiled === null) throw new Error(`the assignment benchmark's program does not compile: ${compilation.diagnostics.map((d) => d.message).join("; ")}`);
  const runtime = loadBundle(emitJson(compiled.bundle));
  const source = emitJs(compiled.bundle);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as { store_returns: Decide };
  return { runtime: (context) => runtime.decide("store_returns", context), module: module.store_returns };
}

/** Distinct unit ids of 12 to 20 characters, as customer ids look. */
function units(count: number): string[] {
  let state = 0x9e3779b9;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state;
  };
  return Array.from({ length: count }, (_, i) => `cust-${i.toString(36)}-${next().toString(36)}`);
}

/**
 * CPU time per call (user and system, from process.cpuUsage) over `rounds`
 * passes through the inputs after one warm-up pass: unlike wall time, it
 * does not count the time the process waits for a core on a loaded machine.
 */
function cpuNsPerCall(call: (input: unknown) => unknown, inputs: readonly unknown[], rounds: number): number {
  let sink = 0;
  for (const input of inputs) if (call(input) !== undefined) sink++;
  const before = process.cpuUsage();
  for (let round = 0; round < rounds; round++) for (const input of inputs) if (call(input) !== undefined) sink++;
  const used = process.cpuUsage(before);
  if (sink < 0) throw new Error("unreachable");
  return ((used.user + used.system) * 1000) / (rounds * inputs.length);
}

export interface AssignmentResult {
  readonly units: number;
  /** GrowthBook's hash v2 and the range lookup alone, per unit. */
  readonly assignNs: number;
  readonly runtime: { readonly withSplitNs: number; readonly withoutNs: number };
  readonly module: { readonly withSplitNs: number; readonly withoutNs: number };
  /** Share of the units enrolled in some arm (coverage 90%). */
  readonly enrolled: number;
  /** The same three costs in CPU time per call (see cpuNsPerCall). */
  /** The machine's one-minute load average when the measurement ended, and its cores. */
  readonly load: { readonly average: number; readonly cores: number; readonly date: string };
  readonly cpu: { readonly assignNs: number; readonly runtime: { readonly withSplitNs: number; readonly withoutNs: number }; readonly module: { readonly withSplitNs: number; readonly withoutNs: number } };
}

export async function assignmentBench(options: { readonly quick: boolean }, log: (line: string) => void): Promise<AssignmentResult> {
  const count = options.quick ? 2_000 : 20_000;
  const measure: MeasureOptions = options.quick
    ? { runs: 3, warmups: 1, minMillis: 50, minWarmupMillis: 0 }
    : { runs: 7, warmups: 3, minMillis: 300, minWarmupMillis: 1_000 };
  const ids = units(count);
  const contexts = ids.map((id) => ({ customer: { id, price_sensitivity: 0.8 }, order: { days: 10 } }));
  const ranges = rangesFromPercentages(WEIGHTS, COVERAGE);
  log(`assignment: ${count.toLocaleString("en-US")} units`);
  const assign: Timing = await measureSync((unit) => assignArm(SEED, ranges, unit), ids, measure);
  const split = await engines(true);
  const plain = await engines(false);
  // Interleaved, so that a change in the machine's load touches both sides of each difference alike.
  const runtimeWith = await measureSync(split.runtime, contexts, measure);
  const runtimeWithout = await measureSync(plain.runtime, contexts, measure);
  const moduleWith = await measureSync(split.module, contexts, measure);
  const moduleWithout = await measureSync(plain.module, contexts, measure);
  const enrolled = ids.filter((id) => assignArm(SEED, ranges, id) >= 0).length / ids.length;
  const rounds = options.quick ? 5 : 50;
  const cpu = {
    assignNs: cpuNsPerCall((unit) => assignArm(SEED, ranges, unit), ids, rounds),
    runtime: { withSplitNs: cpuNsPerCall(split.runtime, contexts, rounds), withoutNs: cpuNsPerCall(plain.runtime, contexts, rounds) },
    module: { withSplitNs: cpuNsPerCall(split.module, contexts, rounds), withoutNs: cpuNsPerCall(plain.module, contexts, rounds) },
  };
  return {
    load: { average: loadavg()[0] ?? 0, cores: availableParallelism(), date: new Date().toISOString().slice(0, 10) },
    cpu,
    units: count,
    assignNs: assign.medianNs,
    runtime: { withSplitNs: runtimeWith.medianNs, withoutNs: runtimeWithout.medianNs },
    module: { withSplitNs: moduleWith.medianNs, withoutNs: moduleWithout.medianNs },
    enrolled,
  };
}

const ns = (value: number) => `${value.toFixed(0)} ns`;

export function renderAssignmentSection(result: AssignmentResult): string {
  type Pair = { withSplitNs: number; withoutNs: number };
  const row = (engine: string, timing: Pair, cpu: Pair) =>
    `| ${engine} | ${ns(timing.withSplitNs)} | ${ns(timing.withoutNs)} | ${ns(timing.withSplitNs - timing.withoutNs)} | ${ns(cpu.withSplitNs)} | ${ns(cpu.withoutNs)} | **${ns(cpu.withSplitNs - cpu.withoutNs)}** |`;
  return [
    "## Experiment assignment",
    "",
    `Measured by \`pnpm bench\` (packages/bench/src/assignment-bench.ts) on ${result.units.toLocaleString("en-US")} distinct unit ids`,
    `of 12 to 20 characters, with three arms (20/40/40%) and 90% coverage (${(result.enrolled * 100).toFixed(1)}% of the units enrolled),`,
    `on ${result.load.date} with a load average of ${result.load.average.toFixed(1)} on ${result.load.cores} cores.`,
    `GrowthBook's hash version 2 and the range lookup alone (\`assignArm\`) take **${ns(result.cpu.assignNs)} of CPU time per unit**`,
    `(${ns(result.assignNs)} of wall time, median of the runs).`,
    "A decision whose variation runs a split, against the same decision whose variation has no split,",
    "every context in the variation's segment, in ns per decision: wall time (median of the runs) and CPU time",
    "(process.cpuUsage over 50 passes, which leaves out the time the process waits for a core):",
    "",
    "| engine | wall, with the split | wall, without | wall difference | CPU, with the split | CPU, without | CPU difference: assignment's cost |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    row("JSON runtime (`decide`)", result.runtime, result.cpu.runtime),
    row("JS module", result.module, result.cpu.module),
    "",
    "The difference includes reading the unit from the context. On a shared, loaded machine wall times",
    "count the time spent waiting for a core, so the CPU times are the figures to compare.",
    "",
  ].join("\n");
}

const START = "<!-- experiment-assignment:start -->";
const END = "<!-- experiment-assignment:end -->";

/** Writes the section into `file`, replacing the one a previous run wrote, or at the end. */
export function writeAssignmentSection(file: string, section: string): void {
  const text = readFileSync(file, "utf8");
  const block = `${START}\n${section}${END}\n`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length + 1) : `${text.trimEnd()}\n\n${block}`;
  writeFileSync(file, next);
}
