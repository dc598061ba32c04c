/**
 * ARCHITECTURE.md explains the code only while it matches it: every module
 * its tables name exists, the stage table lists the driver's stages in the
 * order the driver runs them, and every folder of packages/compiler/src is
 * named.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, type StageName } from "@scn/compiler";

const ROOT = new URL("../", import.meta.url);
const text = readFileSync(new URL("ARCHITECTURE.md", ROOT), "utf8");

/** The rows of the markdown table whose header starts with `first`, as cells. */
function table(first: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  expect(start, `a table headed \`${first}\``).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

const modulesIn = (cell: string) => [...cell.matchAll(/`((?:language|compiler|runtime|cli)\/src\/[^`]*)`/g)].map((m) => m[1]!);

describe("ARCHITECTURE.md", () => {
  const stages = table("stage");
  const parts = table("part");

  it("names only modules that exist", () => {
    const named = [...stages, ...parts].flatMap((row) => modulesIn(row[1] ?? ""));
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((path) => !existsSync(new URL(`packages/${path}`, ROOT)));
    expect(missing).toEqual([]);
  });

  it("lists the driver's stages in the order it runs them", () => {
    const ran: StageName[] = [];
    const source = `context { x: int(0..9) }
metric m { better higher }
decision d { output { a: enum { p, q } } default { a: q } }
scenario s for d {
  owner "o"
  goal "g"
  situation x > 3
  pathway p otherwise { a: p }
  metrics { primary m }
}
`;
    const compilation = compile([{ path: "a.scn", text: source }], { today: "2026-01-01", targets: ["json"], onStage: (stage) => ran.push(stage) });
    expect(compilation.ok).toBe(true);
    expect(stages.map((row) => row[0])).toEqual(ran);
  });

  it("names every folder of the compiler's sources", () => {
    const folders = readdirSync(new URL("packages/compiler/src/", ROOT), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `compiler/src/${e.name}/`);
    const named = new Set([...stages, ...parts].flatMap((row) => modulesIn(row[1] ?? "")));
    expect(folders.filter((folder) => !named.has(folder))).toEqual([]);
  });
});
