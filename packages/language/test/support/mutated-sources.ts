/**
 * The repository's .scn files and the mutations the parser's property tests
 * make of them: a file cut into pieces (whitespace, comments, strings,
 * words, numbers, operators) and pieces deleted, duplicated or swapped, so
 * that the broken texts stay close to what people actually type.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

/** Every .scn file below `dir`, sorted, skipping node_modules and hidden folders. */
export function scnFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      if (entry === "node_modules" || entry.startsWith(".")) return [];
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return scnFiles(path);
      return entry.endsWith(".scn") ? [path] : [];
    });
}

const PIECE = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|[A-Za-z_]\w*|\d+(?:\.\d+)?%?|\.\.|[<>=!]=|[^\s]/g;

/** A text cut into the pieces a mutation moves. */
export function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

export type Mutation = { readonly op: "delete" | "duplicate" | "swap"; readonly at: number; readonly other: number };

/** The text the pieces make after the mutations, in order. */
export function mutate(parts: readonly string[], mutations: readonly Mutation[]): string {
  const result = [...parts];
  for (const { op, at, other } of mutations) {
    if (result.length === 0) break;
    const i = at % result.length;
    const j = other % result.length;
    if (op === "delete") result.splice(i, 1);
    else if (op === "duplicate") result.splice(i, 0, result[i] ?? "");
    else [result[i], result[j]] = [result[j] ?? "", result[i] ?? ""];
  }
  return result.join("");
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("delete" as const, "duplicate" as const, "swap" as const),
  at: fc.nat(),
  other: fc.nat(),
});
