/**
 * Progress of a long `scn score` run on standard error: a bar redrawn in
 * place on a terminal (rows, rows/s, ETA), and on anything else one plain
 * line every few seconds, so logs stay readable.
 */

export interface ProgressSample {
  /** DuckDB's estimate, 0 to 100, or -1 when it has none yet. */
  readonly percentage: number;
  readonly rows: number;
  readonly seconds: number;
}

function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

const BAR_WIDTH = 24;

/** One redraw of the terminal bar: `[#####…] 45% 1,234 rows 812 rows/s ETA 0:12`. */
export function progressBar(sample: ProgressSample): string {
  const known = sample.percentage >= 0;
  const fraction = known ? Math.min(1, sample.percentage / 100) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const rate = sample.seconds > 0 ? sample.rows / sample.seconds : 0;
  const eta = known && fraction > 0 ? (sample.seconds * (1 - fraction)) / fraction : Number.NaN;
  const percent = known ? `${String(Math.floor(fraction * 100)).padStart(3)}%` : "  ?%";
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${percent} ${count(sample.rows)} rows ${count(rate)} rows/s ETA ${duration(eta)}`;
}

/** One plain progress line: `scored 1,234 rows (45%), 812 rows/s`. */
export function progressLine(sample: ProgressSample): string {
  const rate = sample.seconds > 0 ? sample.rows / sample.seconds : 0;
  const percent = sample.percentage >= 0 ? ` (${Math.floor(Math.min(100, sample.percentage))}%)` : "";
  return `scored ${count(sample.rows)} rows${percent}, ${count(rate)} rows/s`;
}

export interface ProgressReporter {
  update(sample: ProgressSample): void;
  /** Clears the bar (terminal) so that the summary starts on a clean line. */
  finish(): void;
}

/** Plain lines come at most this often. */
const LINE_INTERVAL_SECONDS = 5;

export function progressReporter(write: (text: string) => void, terminal: boolean): ProgressReporter {
  let lastLine = 0;
  let drawn = false;
  return {
    update(sample) {
      if (terminal) {
        write(`\r${progressBar(sample)}\u001b[K`);
        drawn = true;
      } else if (sample.seconds - lastLine >= LINE_INTERVAL_SECONDS) {
        lastLine = sample.seconds;
        write(progressLine(sample) + "\n");
      }
    },
    finish() {
      if (terminal && drawn) write("\r\u001b[K");
    },
  };
}
