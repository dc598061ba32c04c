/**
 * `scn fmt` in a temporary directory: formats messy files to the canonical
 * layout, writes only what changed, `--check` lists without writing, a file
 * that does not parse is left byte-identical and reported, and a user's
 * `.prettierrc` is honoured.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runFmt } from "../src/commands/fmt.js";
import type { CliIO } from "../src/io.js";

const MESSY = 'const   A=1\nsegment   loyal=x.y==1\n\n\n\nscenario s for d { situation true, goal "g"\npathway p otherwise { a: 1, b: 2 } }\n';
const CANONICAL = 'const A = 1\nsegment loyal = x.y == 1\n\nscenario s for d {\n  situation true\n  goal "g"\n  pathway p otherwise {\n    a: 1\n    b: 2\n  }\n}\n';
const BROKEN = "scenario s for d {\n  situation\n  goal 42 42\n";

let directory: string;
let out: string[];
let err: string[];

function io(): CliIO {
  return { stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: directory, color: false };
}

function write(path: string, text: string): void {
  mkdirSync(join(directory, path, ".."), { recursive: true });
  writeFileSync(join(directory, path), text);
}

const read = (path: string): string => readFileSync(join(directory, path), "utf8");

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "scn-fmt-"));
  out = [];
  err = [];
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("scn fmt", () => {
  it("formats a messy file to the canonical layout and reports it", async () => {
    write("src/a.scn", MESSY);
    const code = await runFmt(["src"], { check: false }, io());
    expect(code).toBe(0);
    expect(read("src/a.scn")).toBe(CANONICAL);
    expect(out.join("")).toBe("formatted src/a.scn\n");
  });

  it("leaves formatted files untouched, and leaves no temporary file behind", async () => {
    write("a.scn", CANONICAL);
    write("b.scn", MESSY);
    const before = statSync(join(directory, "a.scn")).mtimeMs;
    const code = await runFmt([], { check: false }, io());
    expect(code).toBe(0);
    expect(out.join("")).toBe("formatted b.scn\n");
    expect(statSync(join(directory, "a.scn")).mtimeMs).toBe(before);
    expect(readdirSync(directory).sort()).toEqual(["a.scn", "b.scn"]);
  });

  it("with --check lists the files that would change, exits 1 and writes nothing", async () => {
    write("a.scn", CANONICAL);
    write("nested/deeper/b.scn", MESSY);
    const code = await runFmt(["."], { check: true }, io());
    expect(code).toBe(1);
    expect(out.join("")).toBe("would reformat nested/deeper/b.scn\n");
    expect(read("nested/deeper/b.scn")).toBe(MESSY);
  });

  it("with --check exits 0 when everything is formatted", async () => {
    write("a.scn", CANONICAL);
    expect(await runFmt(["a.scn"], { check: true }, io())).toBe(0);
    expect(out.join("")).toBe("");
  });

  it("never writes a file that does not parse, and reports where and why", async () => {
    write("broken.scn", BROKEN);
    write("fine.scn", MESSY);
    const code = await runFmt(["."], { check: false }, io());
    expect(code).toBe(1);
    expect(read("broken.scn")).toBe(BROKEN);
    expect(read("fine.scn")).toBe(CANONICAL);
    expect(err.join("")).toMatch(/^broken\.scn:\d+:\d+: error SCN1\d{3}: .+$/m);
  });

  it("exits 2 on a path that does not exist", async () => {
    const code = await runFmt(["missing.scn"], { check: false }, io());
    expect(code).toBe(2);
    expect(err.join("")).toContain("missing.scn");
  });

  it("honours the user's .prettierrc", async () => {
    write(".prettierrc", JSON.stringify({ printWidth: 40 }));
    write("a.scn", "segment s = customer.loyalty == gold or customer.loyalty == platinum\n");
    expect(await runFmt(["a.scn"], { check: false }, io())).toBe(0);
    expect(read("a.scn")).toBe("segment s = customer.loyalty == gold\n  or customer.loyalty == platinum\n");
  });

  it("formats files of several programs at once (formatting is per file)", async () => {
    write("one/scn.config.json", "{}");
    write("one/a.scn", MESSY);
    write("two/scn.config.json", "{}");
    write("two/b.scn", MESSY);
    expect(await runFmt(["."], { check: false }, io())).toBe(0);
    expect(out.join("")).toBe("formatted one/a.scn\nformatted two/b.scn\n");
  });

  it("ignores the plugins named in the user's prettier configuration", async () => {
    write(".prettierrc", JSON.stringify({ plugins: ["prettier-plugin-that-is-not-installed"] }));
    write("a.scn", MESSY);
    expect(await runFmt(["a.scn"], { check: false }, io())).toBe(0);
    expect(read("a.scn")).toBe(CANONICAL);
  });

  it("turns CRLF line ends into LF and keeps a byte-order mark", async () => {
    write("a.scn", "\uFEFFconst A = 1\r\nconst B = 2\r\n");
    expect(await runFmt(["a.scn"], { check: false }, io())).toBe(0);
    expect(read("a.scn")).toBe("\uFEFFconst A = 1\nconst B = 2\n");
  });
});
