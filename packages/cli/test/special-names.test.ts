/**
 * Names that JavaScript treats specially, used as decision, scenario,
 * pathway, variation, segment, consent gate, metric, field, enum member,
 * experiment and arm names: each program builds, `scn test` runs and passes
 * its tests (one pins the arm), and the built modules (ES and CommonJS)
 * import, stay ordinary namespaces (never a thenable, never a changed
 * `default` or `__esModule`), and answer like the JSON runtime, exposure
 * included. Words the language itself reserves (`default`, `true`, `when`,
 * …) can only be enum members and field names, and work there; as
 * declaration names they are a diagnostic, never a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isReservedWord } from "@scn/language";
import { assignArm, loadBundle, rangesFromPercentages, type Answer } from "@scn/runtime";
import { importWithin, scn } from "./harness.js";

const NAMES = [
  "then", "default", "__proto__", "constructor", "prototype", "__esModule", "class", "delete", "await", "yield",
  "let", "static", "enum", "eval", "arguments", "function", "return", "new", "this", "import", "export",
  "require", "module", "exports", "toString", "valueOf", "hasOwnProperty", "undefined", "NaN", "Infinity",
  "bundle", "decide", "validateContext", "null", "in", "instanceof", "typeof", "void", "with", "super",
  // Words the language reserves: only enum members and field names may take them.
  "true", "false", "when", "output", "otherwise", "given", "expect",
];

/**
 * A unit that the experiment `name` (seed: its name, arms `name` and `other`
 * at 50% each) assigns to the arm `arm` (0: `name`, 1: `other`).
 */
function unitInArm(name: string, arm: number): string {
  const ranges = rangesFromPercentages([50, 50], 100);
  for (let i = 0; ; i++) if (assignArm(name, ranges, `unit-${i}`) === arm) return `unit-${i}`;
}

/** A program whose every name is `name`, with two test blocks, one pinning an experiment's arm. */
function program(name: string): string {
  const n = name;
  return `context {
  ${n}: { ${n}: int, gate: bool, kind: enum { ${n}, other }, unit: string? }
}

experiment ${n} {
  unit ${n}.unit
  arms { ${n} 50%, other 50% }
}

consent ${n} = ${n}.gate

segment ${n} = ${n}.${n} >= 5

decision ${n} {
  output { ${n}: string }
  default { ${n}: "d" }
}

scenario ${n} for ${n} {
  owner "o"
  status active
  priority 1
  situation ${n} and ${n}.kind == ${n}
  goal "g"
  pathway ${n} when ${n}.${n} < 10 {
    ${n}: "p"
    variation ${n} {
      ${n}: "v"
    }
  }
  pathway rest otherwise {
    ${n}: "r"
    variation tried when ${n}.${n} >= 20 {
      split ${n} {
        ${n} { ${n}: "a" }
        other {}
      }
    }
  }
  metrics {
    primary ${n} target +5%
  }
}

metric ${n} "m" {
  unit "%"
  better higher
}

test "${n}" {
  given { ${n}: { ${n}: 7, gate: true, kind: ${n} } }
  expect ${n} = ${n}.${n}.${n}
}

test "${n} arm" {
  given { ${n}: { ${n}: 25, gate: true, kind: ${n}, unit: "${unitInArm(n, 0)}" } }
  expect ${n} arm ${n}
}
`;
}

/** A program that uses `name` only as an enum member, an optional field's name and an output string. */
function memberProgram(name: string): string {
  return program("x")
    .replace("kind: enum { x, other }", `kind: enum { ${name}, other }, ${name}: int?`)
    .replaceAll("kind == x", `kind == ${name}`)
    .replace("situation x and", `situation x.${name} is not present and x and`)
    .replace("kind: x }", `kind: ${name} }`)
    .replaceAll("kind: x,", `kind: ${name},`);
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "scn-names-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("names that JavaScript treats specially", () => {
  for (const name of NAMES) {
    it(`\`${name}\` builds, tests, imports and answers`, async () => {
      const dir = mkdtempSync(join(tmp, "p-"));
      const reserved = isReservedWord(name);
      if (reserved) {
        writeFileSync(join(dir, "reserved.scn"), program(name));
        const check = await scn(["check", dir], dir);
        expect(check.code).toBe(1);
        expect(check.stderr + check.stdout).toMatch(/error\[SCN1/);
        rmSync(join(dir, "reserved.scn"));
      }
      const decision = reserved ? "x" : name;
      writeFileSync(join(dir, "p.scn"), reserved ? memberProgram(name) : program(name));
      const tested = await scn(["test", dir], dir);
      expect(tested.stdout).toContain("2 passed, 0 failed");
      expect(tested.code).toBe(0);
      const built = await scn(["build", dir, "-o", join(dir, "out"), "--target", "json,js,cjs,dts", "--name", "p"], dir);
      expect(built.stderr).not.toMatch(/error/);
      expect(built.code).toBe(0);

      const runtime = loadBundle(readFileSync(join(dir, "out", "p.scn.json"), "utf8"));
      type Module = Record<string, unknown> & { decide(d: string, c: unknown): Answer; validateContext(c: unknown): unknown[] };
      const esm = await importWithin<Module>(pathToFileURL(join(dir, "out", "p.mjs")).href, 10_000);
      const cjs = createRequire(import.meta.url)(join(dir, "out", "p.cjs")) as Module;
      for (const module of [esm, cjs]) {
        expect(typeof module["then"]).toBe("undefined");
        expect(module["default"]).toBeUndefined();
        expect(module["__esModule"]).toBeUndefined();
        const exported = Object.keys(module).filter((key) => typeof module[key] === "function" && !["decide", "validateContext"].includes(key));
        expect(exported).toHaveLength(1);
        const own = module[exported[0] as string] as (context: unknown) => Answer;
        const member = reserved ? name : decision;
        for (const context of [
          { [decision]: { [decision]: 7, gate: true, kind: member } },
          { [decision]: { [decision]: 7, gate: false, kind: member } },
          { [decision]: { [decision]: 12, gate: true, kind: member } },
          { [decision]: { [decision]: 2, gate: true, kind: member } },
          JSON.parse(`{"__proto__": {"${decision}": 7}}`),
          {},
          // The split's variation: a unit in each arm, and units that enroll nobody.
          { [decision]: { [decision]: 25, gate: true, kind: member, unit: unitInArm(decision, 0) } },
          { [decision]: { [decision]: 25, gate: true, kind: member, unit: unitInArm(decision, 1) } },
          { [decision]: { [decision]: 25, gate: true, kind: member, unit: "" } },
          { [decision]: { [decision]: 25, gate: true, kind: member } },
        ]) {
          const expected = runtime.decide(decision, context);
          expect(module.decide(decision, context)).toEqual(expected);
          expect(own(context)).toEqual(expected);
          expect(module.validateContext(context)).toEqual(runtime.validateContext(context));
        }
        expect(module.decide(decision, { [decision]: { [decision]: 7, gate: true, kind: member } }).rule).toBe(`${decision}/${decision}/${decision}`);
        const enrolled = module.decide(decision, { [decision]: { [decision]: 25, gate: true, kind: member, unit: unitInArm(decision, 0) } });
        expect(enrolled.experiment).toEqual({ name: decision, arm: decision });
        expect(enrolled.rule).toBe(`${decision}/rest/tried`);
        expect(enrolled.output).toEqual({ [decision]: "a" });
      }
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeNames);
    });
  }
});
