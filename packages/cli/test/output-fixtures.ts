/**
 * A tiny program in two versions whose answers differ (a context with
 * `days_late: 4` is late in the old version and on time in the new one), and
 * helpers that read an output directory as a set. Shared by the output
 * publishing tests and the kill-and-check tests.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const CONTEXT_SOURCE = "context {\n  order: { days_late: int(0..60) }\n}\n";

export function noticeSource(threshold: number): string {
  return [
    'decision notice "Late order notice" {',
    "  output { message: string }",
    '  default { message: "on_time" }',
    "}",
    "",
    'metric contacts "Contacts" {',
    '  unit "contacts/week"',
    "  better lower",
    "}",
    "",
    'scenario late "Late orders" for notice {',
    '  owner "cx"',
    "  priority 10",
    `  situation order.days_late >= ${threshold}`,
    '  goal "Know when the order arrives"',
    '  pathway only otherwise { message: "late" }',
    "  metrics {",
    "    primary contacts target -30% within 60 days",
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Writes the program's sources into `directory`: version "old" (threshold 3) or "new" (threshold 5). */
export function writeProgram(directory: string, version: "old" | "new"): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "context.scn"), CONTEXT_SOURCE);
  writeFileSync(join(directory, "notice.scn"), noticeSource(version === "old" ? 3 : 5));
}

/** The visible entries of an output directory (dot-files are scn's work files): a file's text, or `<directory>`. */
export function readSet(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(directory).sort()) {
    if (name.startsWith(".")) continue;
    const path = join(directory, name);
    files.set(name, statSync(path).isDirectory() ? "<directory>" : readFileSync(path, "utf8"));
  }
  return files;
}

/** scn's work files in a directory: temporaries, staging, a pending commit, the lock. */
export function workFiles(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.startsWith(".scn")).sort();
}
