/**
 * Timing: each engine answers the same contexts in the same process. A run
 * loops over the contexts until at least `minMillis` have passed and yields
 * nanoseconds per decision; warm-up runs are discarded; the median of the
 * measured runs is reported. Synchronous and asynchronous engines have their
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
  const runs: number[] = [];
  let decisions = 0;
  for (let index = 0; index < options.warmups + options.runs; index++) {
    const [count, elapsed] = await run();
    if (index >= options.warmups) {
      runs.push(Number(elapsed) / count);
      decisions = count;
    }
  }
  return { medianNs: median(runs), runsNs: runs, decisionsPerRun: decisions };
}

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
