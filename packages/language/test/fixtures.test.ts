// Fixtures (docs/language.md#99-fixture-named-test-contexts): the context a
// test gets from `given FIXTURE { … }`, the merge rules, and the diagnostics
// about fixture names. Each row is a program and what its tests' contexts
// must be (or which codes it must produce).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSources } from "./support/check-sources.js";

const PROGRAM = `
context {
  customer: { loyalty: enum { none, silver, gold }, tags: list<string>, note: string? }
  order: { channel: enum { online, store }, days: int(0..3650) }
}
decision d { output { a: string } default { a: "x" } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation order.days > 0
  goal "g"
  pathway p when customer.loyalty == gold and customer.tags contains "vip" and customer.note is present and order.channel == online { a: "y" }
  pathway q otherwise {}
  metrics { primary m }
}
fixture shopper { customer: { loyalty: silver, tags: ["a", "b"], note: "n" }, order: { channel: online, days: 3 } }
`;

function contexts(tests: string): { given: unknown[]; codes: string[] } {
  const { value, diagnostics } = checkSources([{ path: "p.scn", text: PROGRAM + tests }]);
  return { given: value.tests.map((test) => test.given), codes: diagnostics.filter((d) => d.severity !== "info").map((d) => d.code) };
}

describe("the context of `given FIXTURE { … }`", () => {
  it("is the fixture's context when the test adds nothing", () => {
    expect(contexts(`test "t" { given shopper expect d = s/q }`)).toEqual({
      given: [{ customer: { loyalty: "silver", tags: ["a", "b"], note: "n" }, order: { channel: "online", days: 3 } }],
      codes: [],
    });
  });

  it("merges records field by field, and replaces scalars and lists whole", () => {
    const { given, codes } = contexts(`test "t" { given shopper { customer: { loyalty: gold, tags: ["vip"] } } expect d = s/p }`);
    expect(codes).toEqual([]);
    expect(given).toEqual([{ customer: { loyalty: "gold", tags: ["vip"], note: "n" }, order: { channel: "online", days: 3 } }]);
  });

  it("removes a field the override sets to `null`", () => {
    const { given, codes } = contexts(`test "t" { given shopper { customer: { note: null }, order: null } expect d = s/q }`);
    expect(codes).toEqual([]);
    expect(given).toEqual([{ customer: { loyalty: "silver", tags: ["a", "b"] } }]);
  });

  it("leaves `null` out of a context that has no fixture below it", () => {
    expect(contexts(`test "t" { given { customer: { note: null, loyalty: gold } } expect d = default }`).given).toEqual([{ customer: { loyalty: "gold" } }]);
  });

  it("layers a fixture chain from the root up, the nearest layer winning", () => {
    const tests = `
fixture gold_shopper extends shopper { customer: { loyalty: gold } }
fixture vip extends gold_shopper { customer: { tags: ["vip"] }, order: { days: 9 } }
test "t" { given vip { order: { channel: store } } expect d = s/q }`;
    const { given, codes } = contexts(tests);
    expect(codes).toEqual([]);
    expect(given).toEqual([{ customer: { loyalty: "gold", tags: ["vip"], note: "n" }, order: { channel: "store", days: 9 } }]);
  });

  it("is the same whichever order the fixtures are declared in", () => {
    const a = `fixture x extends shopper { order: { days: 5 } }\nfixture y extends x { customer: { loyalty: gold } }\ntest "t" { given y expect d = s/q }`;
    const b = `test "t" { given y expect d = s/q }\nfixture y extends x { customer: { loyalty: gold } }\nfixture x extends shopper { order: { days: 5 } }`;
    expect(contexts(a)).toEqual(contexts(b));
  });
});

describe("fixture diagnostics", () => {
  const rows: [string, string, string[]][] = [
    ["an unknown fixture in a `given`", `test "t" { given shoper expect d = s/q }`, ["SCN2017"]],
    // The misspelt fixture is what the author meant: it is not also reported as unused.
    ["an unknown fixture in an `extends`", `fixture gold extends shoppr { customer: { loyalty: gold } }\ntest "t" { given gold expect d = s/q }`, ["SCN2017"]],
    ["a cycle of two", `fixture a extends b {}\nfixture b extends a {}\ntest "t" { given a expect d = s/q }\ntest "u" { given shopper expect d = s/q }`, ["SCN2018"]],
    ["a fixture extending itself", `fixture a extends a {}\ntest "t" { given a expect d = s/q }\ntest "u" { given shopper expect d = s/q }`, ["SCN2018"]],
    ["a fixture no test uses", `fixture spare { order: { days: 1 } }\ntest "t" { given shopper expect d = s/q }`, ["SCN4011"]],
    ["a fixture used only by an unused fixture is used", `fixture spare extends shopper {}\ntest "t" { given { order: { days: 1 } } expect d = default }`, ["SCN4011"]],
    ["a duplicate fixture", `fixture shopper { order: { days: 1 } }\ntest "t" { given shopper expect d = s/q }`, ["SCN2001"]],
    ["an unknown field in a fixture", `fixture bad extends shopper { customer: { tier: gold } }\ntest "t" { given bad expect d = s/q }`, ["SCN2004"]],
    ["a value of the wrong type in an override", `test "t" { given shopper { order: { days: "3" } } expect d = s/q }`, ["SCN2102"]],
    ["a value outside its range in a fixture", `fixture bad extends shopper { order: { days: 4000 } }\ntest "t" { given bad expect d = s/q }`, ["SCN2113"]],
  ];
  it.each(rows)("%s", (_title, tests, codes) => {
    expect(contexts(tests).codes).toEqual(codes);
  });

  it("reports a mistake in a fixture once, at the fixture, however many tests use it", () => {
    const { value, diagnostics } = checkSources([
      { path: "p.scn", text: PROGRAM + `fixture bad extends shopper { order: { days: "3" } }\ntest "a" { given bad expect d = s/q }\ntest "b" { given bad expect d = s/q }` },
    ]);
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.span.start.line])).toEqual([["SCN2102", 17]]);
    expect(value.tests).toHaveLength(2);
  });

  it("reports a cycle once, where the `extends` that closes it is written", () => {
    const { diagnostics } = checkSources([{ path: "p.scn", text: PROGRAM + `fixture a extends b {}\nfixture b extends c {}\nfixture c extends a {}\ntest "t" { given b expect d = s/q }` }]);
    const cycles = diagnostics.filter((d) => d.code === "SCN2018");
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.message).toContain("a → b → c → a");
  });
});

describe("a chain of fixtures", () => {
  it("resolves a long chain without deep recursion", () => {
    const count = 5_000;
    const chain = Array.from({ length: count }, (_, i) => (i === 0 ? `fixture f0 extends shopper { order: { days: 0 } }` : `fixture f${i} extends f${i - 1} { order: { days: ${i % 3000} } }`)).join("\n");
    const { given, codes } = contexts(`${chain}\ntest "t" { given f${count - 1} expect d = s/q }`);
    expect(codes).toEqual([]);
    expect(given).toEqual([{ customer: { loyalty: "silver", tags: ["a", "b"], note: "n" }, order: { channel: "online", days: (count - 1) % 3000 } }]);
  });

  it("gives a test the fields of the last layer that sets each one", () => {
    // Any sequence of layers over `order`: the merged `days` and `channel`
    // are those of the last layer that wrote them (or the fixture's).
    const layer = fc.record({ days: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: undefined }), channel: fc.option(fc.constantFrom("online", "store"), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(layer, { maxLength: 5 }), (layers) => {
        const record = (l: { days?: number; channel?: string }): string =>
          `{ order: { ${l.days === undefined ? "" : `days: ${l.days} `}${l.channel === undefined ? "" : `channel: ${l.channel}`} } }`;
        const fixtures = layers.map((l, i) => `fixture l${i} extends ${i === 0 ? "shopper" : `l${i - 1}`} ${record(l)}`).join("\n");
        const top = layers.length === 0 ? "shopper" : `l${layers.length - 1}`;
        const { given, codes } = contexts(`${fixtures}\ntest "t" { given ${top} expect d = s/q }`);
        const days = [3, ...layers.map((l) => l.days)].filter((v) => v !== undefined).at(-1);
        const channel = ["online", ...layers.map((l) => l.channel)].filter((v) => v !== undefined).at(-1);
        expect(codes).toEqual([]);
        expect((given[0] as { order: unknown }).order).toEqual({ channel, days });
      }),
      { numRuns: 40 },
    );
  });
});
