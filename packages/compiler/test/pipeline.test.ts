/**
 * The driver's contract: it runs the stages in the order ARCHITECTURE.md
 * lists, and only a complete lowering is compiled. The program in
 * fixtures/too-large.scn passes the checker but one of its decisions is past
 * the lowering limit; every way into the compiler must report SCN3007 and
 * produce no table, never a table with no rows (which would answer every
 * context with the default).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, compileChecked, completeLowering, lowerDecision, lowerProgram, type StageName } from "@scn/compiler";

const TOO_LARGE = [{ path: "too-large.scn", text: readFileSync(new URL("./fixtures/too-large.scn", import.meta.url), "utf8") }];
const SMALL = [
  {
    path: "small.scn",
    text: `context { c: { x: int(0..10) } }
metric completion { better higher }
decision desk { output { action: enum { express, kiosk } } default { action: kiosk } }
scenario fast for desk {
  owner "cx"
  goal "Return an order without a second visit"
  situation c.x > 5
  pathway everyone otherwise { action: express }
  metrics { primary completion }
}
`,
  },
];

const codes = (diagnostics: readonly { code: string; severity: string }[]) => diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

describe("the driver", () => {
  it("runs the stages in pipeline order", () => {
    const stages: StageName[] = [];
    const compilation = compile(SMALL, { today: "2026-01-01", targets: ["json"], onStage: (stage) => stages.push(stage) });
    expect(compilation.ok).toBe(true);
    expect(stages).toEqual(["parse", "check", "lower", "analyze", "optimize", "assemble", "emit"]);
    expect(compilation.artifacts.map((a) => a.target)).toEqual(["json"]);
  });

  it("drops the lowered rows when asked to, and emits the same artifacts", () => {
    const targets = ["json", "js", "dts", "vectors"] as const;
    const kept = compile(SMALL, { today: "2026-01-01", targets });
    const dropped = compile(SMALL, { today: "2026-01-01", targets, keepLowering: false });
    expect(kept.lowering).not.toBeNull();
    expect(dropped.lowering).toBeNull();
    expect(dropped.ok).toBe(true);
    expect(dropped.artifacts).toEqual(kept.artifacts);
  });

  it("stops before lowering when the checker finds an error", () => {
    const stages: StageName[] = [];
    const broken = [{ path: "broken.scn", text: SMALL[0]!.text.replace("c.x > 5", "c.y > 5") }];
    const compilation = compile(broken, { today: "2026-01-01", onStage: (stage) => stages.push(stage) });
    expect(compilation.ok).toBe(false);
    expect(compilation.compiled).toBeNull();
    expect(stages).toEqual(["parse", "check"]);
  });
});

describe("a decision past the lowering limit is a compile error through every entry point", () => {
  const checked = compile(TOO_LARGE, { today: "2026-01-01", stopAfter: "check" });

  it("is accepted by the checker", () => {
    expect(checked.ok).toBe(true);
  });

  it("compile: SCN3007, no bundle, no artifacts", () => {
    const compilation = compile(TOO_LARGE, { today: "2026-01-01", targets: ["json", "js", "vectors"] });
    expect(codes(compilation.diagnostics)).toEqual(["SCN3007"]);
    expect(compilation.ok).toBe(false);
    expect(compilation.compiled).toBeNull();
    expect(compilation.artifacts).toEqual([]);
  });

  it("compile without analysis (as the benchmark runs it): SCN3007, no bundle", () => {
    const compilation = compile(TOO_LARGE, { today: "2026-01-01", analyze: false, targets: ["json"] });
    expect(codes(compilation.diagnostics)).toEqual(["SCN3007"]);
    expect(compilation.compiled).toBeNull();
  });

  it("compileChecked on the checked program: SCN3007, no bundle", () => {
    const compilation = compileChecked(checked.program, { analyze: false });
    expect(codes(compilation.diagnostics)).toEqual(["SCN3007"]);
    expect(compilation.compiled).toBeNull();
  });

  it("lowerDecision and lowerProgram: no rows at all, and no complete lowering to compile", () => {
    const decision = lowerDecision(checked.program, "desk");
    expect(decision.value).toBeNull();
    expect(codes(decision.diagnostics)).toEqual(["SCN3007"]);
    const lowering = lowerProgram(checked.program);
    expect(lowering.value.decisions.get("desk")).toBeNull();
    expect(completeLowering(lowering.value)).toBeNull();
  });
});
