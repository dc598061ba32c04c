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
type SyncRun = () => [number, bigint];
type AsyncRun = () => Promise<[number, bigint]>;

/** The bookkeeping both loops share: warm-ups discarded, ns per decision per run, the median. */
async function collect(options: MeasureOptions, run: SyncRun | AsyncRun): Promise<Timing> {
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
  const runs: number[] = [];
  let decisions = 0;
  for (let index = 0; index < options.runs; index++) {
    const [count, elapsed] = await run();
    runs.push(Number(elapsed) / count);
    decisions = count;
  }
  return { medianNs: median(runs), runsNs: runs, decisionsPerRun: decisions };
}

/** A warm-up run at most this share of the one before counts as still improving. */
const STILL_IMPROVING = 0.9;
/** Warm-up stops after this long even if runs are still getting faster. */
const MAX_WARMUP_MILLIS = 45_000;

function budgetOf(options: MeasureOptions): bigint {
  return BigInt(options.minMillis) * 1_000_000n;
}

export function measureSync(decide: (context: unknown) => unknown, contexts: readonly unknown[], options: MeasureOptions): Promise<Timing> {
  const budget = budgetOf(options);
  return collect(options, () => {
    let count = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    do {
      for (let i = 0; i < contexts.length; i++) if (decide(contexts[i]) !== undefined) sink++;
      count += contexts.length;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < budget);
    return [count, elapsed];
  });
}

export function measureAsync(decide: (context: unknown) => Promise<unknown>, contexts: readonly unknown[], options: MeasureOptions): Promise<Timing> {
  const budget = budgetOf(options);
  return collect(options, async () => {
    let count = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    do {
      for (let i = 0; i < contexts.length; i++) if ((await decide(contexts[i])) !== undefined) sink++;
      count += contexts.length;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < budget);
    return [count, elapsed];
  });
}
