/**
 * `scn test [paths…]`: check and compile the program in memory, then run every
 * `test` block through the JSON runtime and the JS module. Failures show the
 * expectation, the actual answer and the trace; `--coverage` lists the rows
 * no test reached. Exit 0 when every test passes, 1 otherwise (or when the
 * program has errors), 2 on usage errors.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { renderPretty } from "@scn/language";
import { compile } from "@scn/compiler";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { loadPrograms, programOptions, type ProgramSources } from "../project.js";
import { renderExplanation } from "../explain-text.js";
import { runTests } from "../test-runner.js";

export interface TestOptions {
  readonly coverage: boolean;
  readonly today?: string;
}

export async function runTest(paths: readonly string[], options: TestOptions, io: CliIO): Promise<number> {
  const project = loadPrograms(paths, io.cwd);
  if (!project.ok) {
    io.stderr(`error: ${project.message}\n`);
    return EXIT_USAGE;
  }
  let passed = 0;
  let failed = 0;
  let broken = false;
  for (const program of project.programs) {
    const outcome = await testProgram(program, options, io, project.programs.length > 1);
    if (outcome === null) broken = true;
    else {
      passed += outcome.passed;
      failed += outcome.failed;
    }
  }
  io.stdout(`\n${passed} passed, ${failed} failed\n`);
  return broken || failed > 0 ? EXIT_FAILURE : EXIT_OK;
}

/** Runs one program's tests; null when the program has errors and could not run. */
async function testProgram(program: ProgramSources, options: TestOptions, io: CliIO, showName: boolean): Promise<{ passed: number; failed: number } | null> {
  const front = compile(program.files, programOptions(program.config, options.today));
  const texts = new Map(program.files.map((f) => [f.path, f.text]));
  const label = relative(io.cwd, program.root) || ".";
  const compiled = front.compiled;
  if (compiled === null) {
    io.stderr(renderPretty(front.diagnostics, (file) => texts.get(file), program.files.length, { color: io.color }));
    io.stderr(`error: the program in ${label} has errors, so its tests cannot run\n`);
    return null;
  }
  const run = await runTests(front.program, compiled);
  const lineOf = (file: string, line: number): string | undefined => (texts.get(file) ?? safeRead(file))?.split(/\r?\n/)[line - 1];

  const out: string[] = showName ? [`${label}:`] : [];
  let failed = 0;
  for (const result of run.results) {
    const where = `${result.test.span.file}:${result.test.span.start.line}`;
    if (result.passed) {
      out.push(`✓ ${result.test.title}`);
      continue;
    }
    failed++;
    out.push(`✗ ${result.test.title}  (${where})`);
    for (const e of result.expectations.filter((x) => !x.passed)) {
      out.push(`    ${e.expectation.span.file}:${e.expectation.span.start.line}: ${e.problem}`);
      out.push(...renderExplanation(e.explanation, lineOf).trimEnd().split("\n").map((line) => `      ${line}`));
    }
  }
  if (options.coverage) {
    out.push("", "coverage:");
    for (const decision of run.runtime.decisions) {
      const table = compiled.bundle.decisions[decision];
      if (!table) continue;
      const reached = run.exercised.get(decision) ?? new Set<number>();
      // Lowering may split one rule into several rows (e.g. "absent or false"
      // needs two), so coverage is reported per rule: a rule counts as
      // exercised when a test reached any of its rows.
      const rules = new Map<number, { rows: number[]; hit: boolean }>();
      table.rows.forEach((row, index) => {
        const entry = rules.get(row.outcome) ?? { rows: [], hit: false };
        entry.rows.push(index);
        entry.hit ||= reached.has(index);
        rules.set(row.outcome, entry);
      });
      const missed = [...rules].filter(([, entry]) => !entry.hit);
      // Each arm of a split is an outcome of its own; arms are also counted
      // apart, since an experiment is only tested when every arm is.
      const arms = [...rules].filter(([outcome]) => table.outcomes[outcome]?.experiment !== undefined);
      const armsText = arms.length === 0 ? "" : `, ${arms.filter(([, entry]) => entry.hit).length}/${arms.length} experiment arms`;
      out.push(`  ${decision}: ${rules.size - missed.length}/${rules.size} rules exercised (${reached.size}/${table.rows.length} rows${armsText})`);
      for (const [outcomeIndex, entry] of missed) {
        const row = table.rows[entry.rows[0]!]!;
        const [file, line, column] = row.src;
        const outcome = table.outcomes[outcomeIndex];
        const arm = outcome?.experiment ? ` arm ${outcome.experiment.arm} of ${outcome.experiment.name}` : "";
        out.push(`    never exercised: ${outcome?.rule ?? "?"}${arm}  (${compiled.bundle.sources[file] ?? "?"}:${line}:${column})`);
      }
    }
  }
  io.stdout(out.join("\n") + "\n");
  return { passed: run.results.length - failed, failed };
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
