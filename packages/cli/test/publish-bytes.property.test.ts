/**
 * publishOutputs encodes each file's text once and writes, counts and
 * hashes those bytes (outputs/publish.ts): the manifest's hash and the size
 * reported for each file must be those of the bytes on disk, whatever the
 * text holds (characters past ASCII, astral ones, lone surrogates).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publishOutputs } from "../src/outputs/publish.js";

/** Names a build writes (the plan accepts only output files). */
const NAMES = ["b.scn.json", "b.mjs", "b.d.mts", "b.vectors.json"];

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

describe("publishOutputs", () => {
  it("writes each file's UTF-8 bytes, and the manifest hashes and the sizes reported are those of the bytes on disk", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.uint8Array({ maxLength: 30 })), { minLength: 1, maxLength: 4 }),
        (contents) => {
          const directory = mkdtempSync(join(tmpdir(), "scn-publish-"));
          try {
            const files = contents.map((content, i) => ({ fileName: NAMES[i]!, content }));
            const result = publishOutputs([{ directory, bundles: [{ name: "b", bundleHash: "sha256:0", files }] }], (path) => path);
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const manifest = JSON.parse(readFileSync(join(directory, "b.scn.manifest.json"), "utf8")) as { files: Record<string, string> };
            for (const file of files) {
              const onDisk = readFileSync(join(directory, file.fileName));
              const expected = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
              expect(onDisk.equals(expected)).toBe(true);
              expect(manifest.files[file.fileName]).toBe(sha256(onDisk));
              expect(result.written.find((w) => w.path === join(directory, file.fileName))?.bytes).toBe(onDisk.length);
            }
          } finally {
            rmSync(directory, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
