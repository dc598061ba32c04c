/**
 * The runtime benchmark for one program size: the generated JS module, the
 * JSON runtime (plain and in `explain` mode), json-rules-engine, GoRules Zen
 * and, for small sizes, a hand-written function, all answering the same
 * contexts in the same process. Correctness first: every engine's answers
 * are compared with the JSON runtime's on the contexts it is timed on, and a
 * single mismatch stops the run.
 */
import { loadBundle, type Answer, type DecisionTable } from "@scn/runtime";
import { compileGenerated } from "./compile-generated.js";
import { generateContexts } from "./generate-contexts.js";
import { measureAsync, measureSync, type MeasureOptions, type Timing } from "./measure.js";
import { rulesEnginePeer } from "./peer-rules-engine.js";
import { zenPeer } from "./peer-zen.js";
import { handwrittenPeer } from "./peer-handwritten.js";
import type { Label } from "./answer-label.js";

export const DECISION = "next_best_action";

export interface EngineResult {
  readonly engine: string;
  readonly timing: Timing;
  /** How many distinct contexts it was checked and timed on. */
  readonly contexts: number;
  readonly async: boolean;
}

export interface SizeResult {
  readonly scenarios: number;
  readonly rowsBefore: number;
  readonly rows: number;
  readonly columns: number;
  readonly indexNodes: number;
  readonly indexDepth: number;
  readonly jsonBytes: number;
  readonly jsBytes: number;
  readonly engines: readonly EngineResult[];
}

function labelOf(answer: Answer): Label {
  if (answer.reason === "scenario") return answer.rule ?? "(bad)";
  return answer.reason === "default" ? "(default)" : "(none)";
}

function assertSame(engine: string, expected: readonly Label[], actual: readonly Label[], contexts: readonly unknown[]): void {
  for (let i = 0; i < actual.length; i++) {
    if (expected[i] !== actual[i]) {
      throw new Error(`${engine} disagrees with scn on context #${i}: expected ${expected[i]}, got ${actual[i]}\ncontext: ${JSON.stringify(contexts[i])}`);
    }
  }
}

/** How many contexts a slow engine can answer in about `millis`. */
/** The fewest contexts a slow engine is timed on (a peer taking seconds per decision gets no more). */
const MIN_SLOW_CONTEXTS = 10;

async function affordable(decide: (c: unknown) => Promise<unknown>, contexts: readonly unknown[], millis: number): Promise<number> {
  const probe = Math.min(20, contexts.length);
  const start = process.hrtime.bigint();
  for (let i = 0; i < probe; i++) await decide(contexts[i]);
  const perDecision = Number(process.hrtime.bigint() - start) / 1e6 / probe;
  return Math.max(Math.min(MIN_SLOW_CONTEXTS, contexts.length), Math.min(contexts.length, Math.round(millis / Math.max(perDecision, 1e-6))));
}

export interface RuntimeBenchOptions {
  readonly contexts: number;
  readonly measure: MeasureOptions;
  /** Largest size at which the hand-written function is included. */
  readonly handwrittenUpTo: number;
  /** Time budget (ms) for one pass of a slow peer over its contexts. */
  readonly slowPassMillis: number;
}

export async function runtimeBench(scenarios: number, options: RuntimeBenchOptions, log: (line: string) => void): Promise<SizeResult> {
  const built = compileGenerated(scenarios, { analyze: false });
  const table: DecisionTable = built.compiled.bundle.decisions[DECISION]!;
  const stats = built.compiled.stats.find((s) => s.decision === DECISION)!;
  const contexts = generateContexts(scenarios, options.contexts);
  const runtime = loadBundle(built.json);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(built.js).toString("base64")}`)) as {
    decide(decision: string, context: unknown): Answer;
  } & Record<string, (context: unknown) => Answer>;
  const moduleDecide = module[DECISION]!;

  const expected = contexts.map((c) => labelOf(runtime.decide(DECISION, c)));
  assertSame("the JS module", expected, contexts.map((c) => labelOf(moduleDecide(c))), contexts);
  assertSame("explain", expected, contexts.map((c) => labelOf(runtime.explain(DECISION, c))), contexts);

  const engines: EngineResult[] = [];
  const sync = async (engine: string, decide: (c: unknown) => unknown, on: readonly unknown[]) => {
    log(`  ${scenarios} scenarios: timing ${engine}`);
    engines.push({ engine, timing: await measureSync(decide, on, options.measure), contexts: on.length, async: false });
  };
  await sync("scn JS module", moduleDecide, contexts);
  await sync("scn JSON runtime", (c) => runtime.decide(DECISION, c), contexts);
  await sync("scn JSON runtime, explain", (c) => runtime.explain(DECISION, c), contexts);

  if (scenarios <= options.handwrittenUpTo) {
    const hand = await handwrittenPeer(built.program, DECISION);
    assertSame("the hand-written function", expected, contexts.map((c) => hand.decide(c)), contexts);
    await sync("hand-written JS", hand.decide, contexts);
  }

  const slow = async (engine: string, decide: (c: unknown) => Promise<Label>) => {
    const count = await affordable(decide, contexts, options.slowPassMillis);
    const subset = contexts.slice(0, count);
    const labels: Label[] = [];
    for (const c of subset) labels.push(await decide(c));
    assertSame(engine, expected, labels, subset);
    log(`  ${scenarios} scenarios: timing ${engine} on ${count} contexts`);
    engines.push({ engine, timing: await measureAsync(decide, subset, options.measure), contexts: count, async: true });
  };
  const rules = rulesEnginePeer(table);
  await slow("json-rules-engine", (c) => rules.decide(c));
  const zen = zenPeer(table);
  await slow("@gorules/zen-engine", (c) => zen.decide(c));

  return {
    scenarios,
    rowsBefore: stats.rowsBefore,
    rows: table.rows.length,
    columns: table.columns.length,
    indexNodes: stats.indexNodes,
    indexDepth: stats.indexDepth,
    jsonBytes: Buffer.byteLength(built.json),
    jsBytes: Buffer.byteLength(built.js),
    engines,
  };
}
