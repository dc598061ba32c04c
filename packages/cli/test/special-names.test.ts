/**
 * Names that JavaScript treats specially, used as decision, scenario,
 * pathway, variation, segment, consent gate, metric, field and enum member
 * names: each program builds, `scn test` runs and passes its test, and the
 * built modules (ES and CommonJS) import, stay ordinary namespaces (never a
 * thenable, never a changed `default` or `__esModule`), and answer like the
 * JSON runtime. Words the language itself reserves (`default`, `true`,
 * `when`, …) can only be enum members and field names, and work there; as
 * declaration names they are a diagnostic, never a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isReservedWord } from "@scn/language";
import { loadBundle, type Answer } from "@scn/runtime";
import { scn } from "./harness.js";

const NAMES = [
  "then", "default", "__proto__", "constructor", "prototype", "__esModule", "class", "delete", "await", "yield",
  "let", "static", "enum", "eval", "arguments", "function", "return", "new", "this", "import", "export",
  "require", "module", "exports", "toString", "valueOf", "hasOwnProperty", "undefined", "NaN", "Infinity",
  "bundle", "decide", "validateContext", "null", "in", "instanceof", "typeof", "void", "with", "super",
  // Words the language reserves: only enum members and field names may take them.
  "true", "false", "when", "output", "otherwise", "given", "expect",
];

/** A program whose every name is `name`, with one test block. */
function program(name: string): string {
  const n = name;
  return `context {
  ${n}: { ${n}: int, gate: bool, kind: enum { ${n}, other } }
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
`;
}

/** A program that uses `name` only as an enum member, an optional field's name and an output string. */
function memberProgram(name: string): string {
  return program("x")
    .replace("kind: enum { x, other }", `kind: enum { ${name}, other }, ${name}: int?`)
    .replaceAll("kind == x", `kind == ${name}`)
    .replace("situation x and", `situation x.${name} is not present and x and`)
    .replace("kind: x }", `kind: ${name} }`);
}

/** Imports with a deadline, so that a module that never settles fails the test instead of hanging it. */
async function importWithin<T>(url: string, millis: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`import of ${url} did not settle within ${millis} ms`)), millis);
  });
  try {
    return await Promise.race([import(url) as Promise<T>, deadline]);
  } finally {
    clearTimeout(timer);
  }
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
      expect(tested.stdout).toContain("1 passed, 0 failed");
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
        ]) {
          const expected = runtime.decide(decision, context);
          expect(module.decide(decision, context)).toEqual(expected);
          expect(own(context)).toEqual(expected);
          expect(module.validateContext(context)).toEqual(runtime.validateContext(context));
        }
        expect(module.decide(decision, { [decision]: { [decision]: 7, gate: true, kind: member } }).rule).toBe(`${decision}/${decision}/${decision}`);
      }
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeNames);
    });
  }
});
