import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { slotReader } from "../src/slot-reader.js";

/** Keys as contexts hold them, the prototype's names among them. */
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "a.b", ""));

describe("the JSON runtime's path step reader", () => {
  test("reads holder[keys[slot]] for every slot, past the slots with a place of their own too", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 45 }), fc.array(fc.integer()), (keys, values) => {
        // Own data properties, defined so that `__proto__` is a field, not the prototype.
        const holder: object = Object.create(null);
        keys.forEach((k, i) => Object.defineProperty(holder, k, { value: values[i] ?? i, enumerable: true, configurable: true }));
        const read = slotReader(keys);
        keys.forEach((k, slot) => expect(read(slot, holder)).toBe((holder as Record<string, unknown>)[k]));
      }),
    );
  });

  test("reads the property once, whatever the slot", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i % 7}`);
    const read = slotReader(keys);
    for (let slot = 0; slot < keys.length; slot++) {
      let calls = 0;
      const holder = Object.defineProperty({}, keys[slot] as string, { get: () => ++calls, enumerable: true });
      expect(read(slot, holder)).toBe(1);
      expect(calls).toBe(1);
    }
  });

  test("keeps its own copy of the keys", () => {
    const keys = ["a", "b"];
    const read = slotReader(keys);
    keys[0] = "b";
    expect(read(0, { a: 1, b: 2 })).toBe(1);
  });
});

describe("the reader's size", () => {
  test("each switch is small enough for V8 to inline it into the walker (at most 460 bytes of bytecode)", () => {
    // V8's --max-inlined-bytecode-size is 460 (Node 20 to 24); a switch past it is a call on every path step.
    const reader = fileURLToPath(new URL("../dist/slot-reader.js", import.meta.url));
    const script = `import(${JSON.stringify(pathToFileURL(reader).href)}).then(({ slotReader }) => { const read = slotReader(Array.from({ length: 40 }, (_, i) => "k" + i)); for (let s = 0; s < 40; s++) read(s, {}); });`;
    const output = execFileSync(process.execPath, ["--print-bytecode", "--print-bytecode-filter=read*", "-e", script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    // Each function's listing names it, then gives its length.
    const lengths = new Map([...output.matchAll(/bytecode for function: (\w+)[\s\S]*?Bytecode length: (\d+)/g)].map((match) => [match[1], Number(match[2])]));
    expect([...lengths.keys()].filter((name): name is string => name !== undefined && name.endsWith("Slots")).sort()).toEqual(["readFirstSlots", "readLaterSlots"]);
    expect(lengths.get("readFirstSlots")).toBeLessThanOrEqual(460);
    expect(lengths.get("readLaterSlots")).toBeLessThanOrEqual(460);
  });
});
