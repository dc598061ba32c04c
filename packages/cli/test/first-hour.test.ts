// The rough edges a new user met in the first hour (docs/cli.md): `scn eval`
// never waits silently on a terminal, `--help` states each default once,
// and witnesses show the fields their finding depends on.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain, type CliIO } from "../src/index.js";
import { runEval } from "../src/commands/eval.js";
import { scn } from "./harness.js";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-first-hour-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function captured(extra: Partial<CliIO> = {}): { io: CliIO; out: () => string; err: () => string } {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: tmp, color: false, ...extra };
  return { io, out: () => stdout, err: () => stderr };
}

const PROGRAM = `context {
  customer: { id: string, loyalty: enum { none, gold }, nickname: string }
  visits: int(0..1000)
}
decision greet { output { message: string } default { message: "hello" } }
metric satisfaction { better higher }
scenario welcome for greet {
  owner "cx"
  situation visits > 3
  goal "Feel recognized"
  pathway gold when customer.loyalty == gold { message: "welcome back" }
  pathway rest otherwise { message: "hi" }
  metrics { primary satisfaction }
}
`;

describe("scn eval and standard input", () => {
  beforeAll(async () => {
    writeFileSync(join(tmp, "p.scn"), PROGRAM);
    expect((await scn(["build", join(tmp, "p.scn"), "-o", join(tmp, "out"), "--name", "p"], tmp)).code).toBe(0);
  });

  it("refuses, with a usage message, to wait for a context on a terminal when none is given", async () => {
    const { io, out, err } = captured({ stdinIsTerminal: true });
    const code = await runMain(["eval", join(tmp, "out/p.scn.json"), "greet"], io);
    expect(code).toBe(2);
    expect(out()).toBe("");
    expect(err()).toContain("error: no context given: pass a JSON file with the context, pipe one in, or write `-` to type it");
    expect(err()).toContain("usage: scn eval BUNDLE DECISION CONTEXT.json");
  });

  it("says it is reading a terminal, and how to end the input, when the context is `-`", () => {
    const { io, out, err } = captured();
    const code = runEval(join(tmp, "out/p.scn.json"), "greet", "-", { explain: false, strict: false, stdinIsTerminal: true, readStdin: () => '{"visits": 9}' }, io);
    expect(code).toBe(0);
    expect(err()).toBe("reading the context as JSON from standard input; end it with Ctrl-D (Ctrl-Z then Enter on Windows)\n");
    expect(JSON.parse(out())).toMatchObject({ output: { message: "hi" } });
  });

  it("reads piped input without a word", () => {
    const { io, out, err } = captured();
    const code = runEval(join(tmp, "out/p.scn.json"), "greet", undefined, { explain: false, strict: false, stdinIsTerminal: false, readStdin: () => '{"visits": 1}' }, io);
    expect(code).toBe(0);
    expect(err()).toBe("");
    expect(JSON.parse(out())).toMatchObject({ output: { message: "hello" } });
  });
});

describe("--help", () => {
  it.each(["check", "build", "test", "fmt", "eval", "diff", "report", "init", "score", "lsp"])("of `%s` states each default once, and never an empty list or `false`", async (command) => {
    const { io, out } = captured();
    await runMain([command, "--help"], io);
    const help = out();
    expect(help).toContain(`Usage: scn ${command}`);
    expect(help).not.toMatch(/\(default: \[\]\)|default: false/);
    // Joined across wrapped lines, no description mentions its default twice.
    for (const item of help.replace(/\n\s{3,}/g, " ").split("\n")) expect(item.match(/default/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe("witnesses", () => {
  const gap = PROGRAM.replace('  pathway rest otherwise { message: "hi" }\n', "");

  it("show only the fields the finding depends on by default, and the full context with `--witness full`", async () => {
    writeFileSync(join(tmp, "gap.scn"), gap);
    const relevant = await scn(["check", "--format", "json", join(tmp, "gap.scn")], tmp);
    const findings = (JSON.parse(relevant.stdout) as { diagnostics: { code: string; witness?: unknown; witnessFields?: string[] }[] }).diagnostics.filter((d) => d.witness !== undefined);
    expect(findings.map((d) => d.code).sort()).toEqual(["SCN3005", "SCN3006"]);
    for (const finding of findings) {
      expect(finding.witnessFields).toEqual(["customer.loyalty", "visits"]);
      expect(Object.keys(finding.witness as object)).toEqual(["customer", "visits"]);
      expect(Object.keys((finding.witness as { customer: object }).customer)).toEqual(["loyalty"]);
    }

    const full = await scn(["check", "--format", "json", "--witness", "full", join(tmp, "gap.scn")], tmp);
    const complete = (JSON.parse(full.stdout) as { diagnostics: { witness?: { customer: object } }[] }).diagnostics.filter((d) => d.witness !== undefined);
    // Every field, the ones the finding depends on first.
    expect(Object.keys(complete[0]!.witness!.customer)).toEqual(["loyalty", "id", "nickname"]);
  });

  it("print the same fields in the pretty output", async () => {
    const pretty = await scn(["check", join(tmp, "gap.scn")], tmp);
    expect(pretty.stdout).toContain('"loyalty"');
    expect(pretty.stdout).not.toContain('"nickname"');
    const full = await scn(["check", "--witness", "full", join(tmp, "gap.scn")], tmp);
    expect(full.stdout).toContain('"nickname"');
  });
});
