/**
 * Re-parsing only the edited declaration builds exactly the tree a full
 * parse builds, on random edits of the example programs (small edits inside
 * words and values, as typing makes, and larger ones across lines).
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { parseFile, reparseIncrementally } from "@scn/language";
import { describe, expect, it } from "vitest";
import { asData } from "./support/as-data.js";

const EXAMPLES = new URL("../../../examples/", import.meta.url);
const texts = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(new URL(`./${entry.name}/`, EXAMPLES))
      .filter((name) => name.endsWith(".scn"))
      .sort()
      .map((name) => readFileSync(new URL(`./${entry.name}/${name}`, EXAMPLES), "utf8")),
  );

const TYPED = ["a", "x", "_", "1", "0", " ", "\n", "\r\n", "  // c\n", "gold", "== ", "\"s\"", "}", "{", "/* b */"];

describe("incremental re-parsing", () => {
  it("gives the full parse's tree whenever it applies", () => {
    let applied = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.constant(0), fc.nat({ max: 12 })),
        fc.oneof(fc.constantFrom(...TYPED), fc.string({ maxLength: 3 }), fc.constantFrom("e", "s", "_x")),
        (which, at, length, insert) => {
          const text = texts[which]!;
          const path = `f${which}.scn`;
          const before = parseFile(text, path);
          if (before.diagnostics.length > 0) return;
          // Half of the edits type inside a word (the common case while editing), the rest anywhere.
          let from = Math.floor(at * text.length);
          if (which % 2 === 0) {
            const word = /[a-z_]/.exec(text.slice(from));
            if (word) from += word.index + 1;
          }
          const edited = text.slice(0, from) + insert + text.slice(Math.min(text.length, from + length));
          const incremental = reparseIncrementally({ text, tree: before.value }, edited)?.tree;
          if (incremental === undefined) return;
          applied++;
          const full = parseFile(edited, path);
          expect(full.diagnostics).toEqual([]);
          expect(asData(incremental)).toEqual(asData(full.value));
        },
      ),
      { numRuns: 300 },
    );
    // Most small edits of a valid program keep it valid: the fast path must be taken, not just be correct.
    expect(applied).toBeGreaterThan(20);
  });
});
