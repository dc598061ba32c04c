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

export function measureSync(decide: (context: unknown) => unknown, contexts: readonly unknown[], options: MeasureOptions): Timing {
  const runs: number[] = [];
  let decisions = 0;
  for (let run = 0; run < options.warmups + options.runs; run++) {
    let count = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    const budget = BigInt(options.minMillis) * 1_000_000n;
    do {
      for (let i = 0; i < contexts.length; i++) {
        const answer = decide(contexts[i]);
        if (answer !== undefined) sink++;
      }
      count += contexts.length;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < budget);
    if (run >= options.warmups) {
      runs.push(Number(elapsed) / count);
      decisions = count;
    }
  }
  return { medianNs: median(runs), runsNs: runs, decisionsPerRun: decisions };
}

export async function measureAsync(decide: (context: unknown) => Promise<unknown>, contexts: readonly unknown[], options: MeasureOptions): Promise<Timing> {
  const runs: number[] = [];
  let decisions = 0;
  for (let run = 0; run < options.warmups + options.runs; run++) {
    let count = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    const budget = BigInt(options.minMillis) * 1_000_000n;
    do {
      for (let i = 0; i < contexts.length; i++) {
        const answer = await decide(contexts[i]);
        if (answer !== undefined) sink++;
      }
      count += contexts.length;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < budget);
    if (run >= options.warmups) {
      runs.push(Number(elapsed) / count);
      decisions = count;
    }
  }
  return { medianNs: median(runs), runsNs: runs, decisionsPerRun: decisions };
}
