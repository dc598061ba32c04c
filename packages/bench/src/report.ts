/**
 * Writes the benchmark results as Markdown: the machine, the versions, the
 * exact command, the runtime table with ratios, the index sizes, the
 * compiler table with growth exponents, and the targets met or missed.
 */
import { cpus, release, totalmem } from "node:os";
import { createRequire } from "node:module";
import type { SizeResult } from "./runtime-bench.js";
import { growthExponent, type CompileResult } from "./compile-bench.js";

const require = createRequire(import.meta.url);

function version(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function ns(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} ms`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(2)} µs`;
  return `${value.toFixed(0)} ns`;
}

function perSecond(nsPerDecision: number): string {
  const rate = 1e9 / nsPerDecision;
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M/s` : rate >= 1e3 ? `${(rate / 1e3).toFixed(1)} k/s` : `${rate.toFixed(0)}/s`;
}

const int = (n: number) => n.toLocaleString("en-US");

export interface ReportInput {
  readonly command: string;
  readonly quick: boolean;
  readonly runtime: readonly SizeResult[];
  readonly compiler: readonly (CompileResult | { scenarios: number; failed: string })[];
  readonly measuredOn: string;
  readonly runs: number;
}

function timeOf(size: SizeResult, engine: string): number | undefined {
  return size.engines.find((e) => e.engine === engine)?.timing.medianNs;
}

export function renderReport(input: ReportInput): string {
  const lines: string[] = [];
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  lines.push("# Benchmarks", "");
  lines.push(
    `Measured ${input.measuredOn} by \`${input.command}\`${input.quick ? " (quick smoke run: fewer sizes and runs; not for quoting)" : ""}.`,
    "",
    `- Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}`,
    `- Node.js ${process.version}; scn ${version("@scn/compiler")}; json-rules-engine ${version("json-rules-engine")}; @gorules/zen-engine ${version("@gorules/zen-engine")}`,
    `- Each figure is the median of ${input.runs} runs after warm-up (at least 15 s of warm-up runs in a full run, one run with \`--quick\`, more while they keep getting faster by a tenth, up to 45 s: a large generated module reaches V8's optimizing compiler only after about a million calls, and its steady state is what a long-running service sees), in one process, every engine answering the same generated contexts (fixed seed). Before any timing, every engine's answers are checked equal to scn's on the contexts it is timed on; a mismatch stops the run.`,
    "- json-rules-engine and Zen have asynchronous APIs; they are measured the way their users call them, one awaited call per decision. Slow engines are timed on a prefix of the contexts (the count is in the table).",
    "",
  );

  lines.push("## Runtime: time per decision", "");
  const failed = input.compiler.filter((c) => "failed" in c).map((c) => int(c.scenarios));
  if (failed.length > 0) lines.push(`Sizes above the largest program that compiled in time are missing here (did not compile in time: ${failed.join(", ")} scenarios; see the compiler table).`, "");
  const engines = [...new Set(input.runtime.flatMap((s) => s.engines.map((e) => e.engine)))];
  lines.push(`| engine | ${input.runtime.map((s) => `${int(s.scenarios)} scenarios (${int(s.rows)} rows)`).join(" | ")} |`);
  lines.push(`| --- | ${input.runtime.map(() => "---").join(" | ")} |`);
  for (const engine of engines) {
    const cells = input.runtime.map((size) => {
      const result = size.engines.find((e) => e.engine === engine);
      if (!result) return "—";
      const slow = result.async ? ` (${int(result.contexts)} ctx)` : "";
      return `${ns(result.timing.medianNs)} · ${perSecond(result.timing.medianNs)}${slow}`;
    });
    lines.push(`| ${engine} | ${cells.join(" | ")} |`);
  }
  lines.push("", "### Ratios: how many times faster scn is", "");
  lines.push(`| comparison | ${input.runtime.map((s) => int(s.scenarios)).join(" | ")} |`);
  lines.push(`| --- | ${input.runtime.map(() => "---").join(" | ")} |`);
  const ratio = (numerator: string, denominator: string) =>
    input.runtime.map((s) => {
      const a = timeOf(s, numerator);
      const b = timeOf(s, denominator);
      return a !== undefined && b !== undefined ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : "—";
    });
  lines.push(`| JS module vs json-rules-engine | ${ratio("json-rules-engine", "scn JS module").join(" | ")} |`);
  lines.push(`| JS module vs Zen | ${ratio("@gorules/zen-engine", "scn JS module").join(" | ")} |`);
  lines.push(`| JSON runtime vs json-rules-engine | ${ratio("json-rules-engine", "scn JSON runtime").join(" | ")} |`);
  lines.push(`| JSON runtime vs Zen | ${ratio("@gorules/zen-engine", "scn JSON runtime").join(" | ")} |`);
  lines.push(`| hand-written vs JS module (below 1: the module is slower) | ${ratio("hand-written JS", "scn JS module").join(" | ")} |`);

  lines.push("", "### Tables and index", "");
  lines.push("| scenarios | rows before → after | columns | index nodes | index depth | bundle JSON | JS module |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const s of input.runtime) {
    lines.push(`| ${int(s.scenarios)} | ${int(s.rowsBefore)} → ${int(s.rows)} | ${s.columns} | ${int(s.indexNodes)} | ${s.indexDepth} | ${int(s.jsonBytes)} B | ${int(s.jsBytes)} B |`);
  }

  lines.push("", "## Compiler", "");
  lines.push("| scenarios | parse + check | analysis | lower + optimize + index | emit | total (`check` + `build`) | peak RSS |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const c of input.compiler) {
    if ("failed" in c) {
      lines.push(`| ${int(c.scenarios)} | ${c.failed} | | | | | |`);
      continue;
    }
    const ms = (v: number | null) => (v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
    lines.push(`| ${int(c.scenarios)} | ${ms(c.millis.check)} | ${ms(c.millis.analysis)} | ${ms(c.millis.compile)} | ${ms(c.millis.emit)} | ${ms(c.totalMillis)} | ${c.maxRssMiB.toFixed(0)} MiB |`);
  }
  const done = input.compiler.filter((c): c is CompileResult => !("failed" in c));
  if (done.length > 1) {
    lines.push("", "Growth exponents of total time between sizes (1 = linear, 2 = quadratic):", "");
    for (let i = 1; i < done.length; i++) {
      const a = done[i - 1]!;
      const b = done[i]!;
      lines.push(`- ${int(a.scenarios)} → ${int(b.scenarios)}: total ${growthExponent(a.scenarios, a.totalMillis, b.scenarios, b.totalMillis).toFixed(2)}, analysis ${a.millis.analysis && b.millis.analysis ? growthExponent(a.scenarios, a.millis.analysis, b.scenarios, b.millis.analysis).toFixed(2) : "—"}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}
