/**
 * Timing: each engine answers the same contexts in the same process. A run
 * loops over the contexts until at least `minMillis` have passed and yields
 * nanoseconds per decision; warm-up runs (at least `warmups`, more while
 * runs keep getting faster) are discarded; the median of the measured runs
 * is reported. Synchronous and asynchronous engines have their
 * own loops so that an async engine pays exactly one await per decision, as
 * its users would.
 */
export interface Timing {
  /** Median ns per decision. */
  readonly medianNs: number;
  readonly runsNs: readonly number[];
  readonly decisionsPerRun: number;
}

export interface MeasureOptions {
  readonly runs: number;
  readonly warmups: number;
  readonly minMillis: number;
  /** Least total warm-up time, whatever the number of warm-up runs. */
  readonly minWarmupMillis: number;
  /** Most total warm-up time, even while runs still get faster (default MAX_WARMUP_MILLIS). */
  readonly maxWarmupMillis?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sinks results so the JIT cannot drop the calls. */
let sink = 0;
export function consumeSink(): number {
  return sink;
}

/** One timed run: loops over the contexts until the budget is spent; returns [decisions, elapsed ns]. */
export type SyncRun = () => [number, bigint];
type AsyncRun = () => Promise<[number, bigint]>;

/** Warm-up runs, discarded: as many as asked, for at least the least warm-up time, then while runs keep getting faster. */
export async function warmUp(options: MeasureOptions, run: SyncRun | AsyncRun): Promise<void> {
  // Warm up for the given number of runs and at least MIN_WARMUP_NS, then
  // for as long as runs keep getting faster (up to a limit): large
  // generated modules reach V8's optimizing compiler only after about a
  // million calls, getting slower before they get faster, and it is their
  // steady state that a long-running service sees.
  let previous = Infinity;
  let warmingNs = 0n;
  // No warm-up runs at all when asked for none (the caller has warmed the engine on the same contexts).
  for (let index = 0; options.warmups > 0; index++) {
    const [count, elapsed] = await run();
    const perDecision = Number(elapsed) / count;
    warmingNs += elapsed;
    const improving = perDecision < previous * STILL_IMPROVING;
    previous = perDecision;
    if (index + 1 < options.warmups || warmingNs < options.minWarmupMillis * 1e6) continue;
    if (!improving || warmingNs > BigInt(options.maxWarmupMillis ?? MAX_WARMUP_MILLIS) * 1_000_000n) break;
  }
}

export function timingOf(runs: readonly number[], decisions: number): Timing {
  return { medianNs: median(runs), runsNs: runs, decisionsPerRun: decisions };
}

/** The bookkeeping both loops share: warm-ups discarded, ns per decision per run, the median. */
async function collect(options: MeasureOptions, run: SyncRun | AsyncRun): Promise<Timing> {
  await warmUp(options, run);
  const runs: number[] = [];
  let decisions = 0;
  for (let index = 0; index < options.runs; index++) {
    const [count, elapsed] = await run();
    runs.push(Number(elapsed) / count);
    decisions = count;
  }
  return timingOf(runs, decisions);
}

/** A warm-up run at most this share of the one before counts as still improving. */
const STILL_IMPROVING = 0.9;
/** Warm-up stops after this long even if runs are still getting faster. */
const MAX_WARMUP_MILLIS = 45_000;

function budgetOf(options: MeasureOptions): bigint {
  return BigInt(options.minMillis) * 1_000_000n;
}

/**
 * Each engine's timing loop is compiled from this text for it alone, so
 * that its call of `decide` is a place in the code that has only ever
 * called that engine. Written once as a function, the loop would be one
 * place that every engine timed in the process calls through: V8 keeps
 * what a call site has seen for every closure of the same function, so the
 * first engine timed got a call V8 inlines and each later one a call
 * through a site that had seen two, three or four targets. The engine
 * timed third, the hand-written function, took 85 ns per decision on
 * `best-case` 100 where it takes 63 ns timed first, and 58 against 43 ns
 * on `retail` (docs/benchmarks.md, "Each engine in a process of its own").
 */
const SYNC_LOOP = `return function run(decide, contexts, budget, now) {
  let count = 0, answered = 0;
  const start = now();
  let elapsed = 0n;
  do {
    for (let i = 0; i < contexts.length; i++) if (decide(contexts[i]) !== undefined) answered++;
    count += contexts.length;
    elapsed = now() - start;
  } while (elapsed < budget);
  return [count, elapsed, answered];
};`;
const ASYNC_LOOP = `return async function run(decide, contexts, budget, now) {
  let count = 0, answered = 0;
  const start = now();
  let elapsed = 0n;
  do {
    for (let i = 0; i < contexts.length; i++) if ((await decide(contexts[i])) !== undefined) answered++;
    count += contexts.length;
    elapsed = now() - start;
  } while (elapsed < budget);
  return [count, elapsed, answered];
};`;

type Loop<D, R> = (decide: D, contexts: readonly unknown[], budget: bigint, now: () => bigint) => R;
type Counted = [number, bigint, number];

/** A fresh copy of a loop's code: a new function from its text, with feedback of its own. */
function freshLoop<D, R>(text: string): Loop<D, R> {
  return new Function(text)() as Loop<D, R>;
}

const now = (): bigint => process.hrtime.bigint();

/** One engine's timed run: [decisions, elapsed ns], the answers counted into the sink. */
export function syncRun(decide: (context: unknown) => unknown, contexts: readonly unknown[], options: MeasureOptions): SyncRun {
  const budget = budgetOf(options);
  const loop = freshLoop<(context: unknown) => unknown, Counted>(SYNC_LOOP);
  return () => {
    const [count, elapsed, answered] = loop(decide, contexts, budget, now);
    sink += answered;
    return [count, elapsed];
  };
}

export function measureSync(decide: (context: unknown) => unknown, contexts: readonly unknown[], options: MeasureOptions): Promise<Timing> {
  return collect(options, syncRun(decide, contexts, options));
}

export function measureAsync(decide: (context: unknown) => Promise<unknown>, contexts: readonly unknown[], options: MeasureOptions): Promise<Timing> {
  const budget = budgetOf(options);
  const loop = freshLoop<(context: unknown) => Promise<unknown>, Promise<Counted>>(ASYNC_LOOP);
  return collect(options, async () => {
    const [count, elapsed, answered] = await loop(decide, contexts, budget, now);
    sink += answered;
    return [count, elapsed];
  });
}
