/**
 * A catalog entry's example as the toolchain reads it and as a reader is
 * shown it. Examples are strings, but two kinds are not plain text files:
 * a multi-file example holds several files, and an example about bytes that
 * are not UTF-8 (`exampleEncoding: "latin1"`) must be read from its bytes,
 * the way the CLI reads a file, or the bad byte would never be seen.
 */
import { decodeSource, type InvalidByte } from "../source-text.js";
import type { CatalogEntry } from "./entry.js";

/** One file of an example, as a driver takes it. */
export interface ExampleSource {
  readonly path: string;
  readonly text: string;
  /** The first byte that is not UTF-8, for an example saved in another encoding. */
  readonly invalidByte?: InvalidByte;
}

/** The example's files: split at `// file: NAME.scn` lines, each decoded from its saved bytes. */
export function exampleSources(entry: Pick<CatalogEntry, "example" | "exampleEncoding">): ExampleSource[] {
  const parts = entry.example.split(/^\/\/ file: (.+)$/m);
  const files: { path: string; text: string }[] = [];
  // Text before the first header is a file of its own, unless it is blank.
  if (parts.length === 1 || (parts[0] ?? "").trim() !== "") files.push({ path: "example.scn", text: parts[0] ?? "" });
  for (let i = 1; i < parts.length; i += 2) files.push({ path: (parts[i] ?? "").trim(), text: parts[i + 1] ?? "" });
  if (entry.exampleEncoding !== "latin1") return files;
  // Latin-1 saves each character (all below U+0100) as the one byte of its code.
  return files.map((file) => ({ path: file.path, ...decodeSource(Uint8Array.from(file.text, (char) => char.charCodeAt(0))) }));
}

/** Examples longer than this are shown by their start (tests still compile them in full). */
export const LONGEST_SHOWN_EXAMPLE = 4000;

/** An example as a reader is shown it: code, and a note when the code is only its start. */
export interface ShownExample {
  readonly code: string;
  readonly note?: string;
}

/**
 * The example as a reader is shown it: whole, or, for the examples that must
 * be huge (a file or a declaration past a size limit), its first two lines,
 * each cut at 80 characters, and a note with its length. docs/diagnostics.md
 * shows the same excerpt.
 */
export function shownExample(example: string): ShownExample {
  const text = example.replace(/\s+$/, "");
  if (text.length <= LONGEST_SHOWN_EXAMPLE) return { code: text };
  const head = text.split("\n", 2).map((line) => (line.length > 80 ? `${line.slice(0, 80)}…` : line));
  return { code: head.join("\n"), note: `(The full example is ${text.length.toLocaleString("en-US")} characters long; the lines above are its start.)` };
}
