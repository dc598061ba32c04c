import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BundleFormatError, loadBundle } from "@scn/runtime";
import { fixture, fixtureText } from "./support/fixtures.js";
import { guardPrototypes } from "./support/prototype-guard.js";

guardPrototypes();

type Json = Record<string, any>;

/** The problems loadBundle reports for the returns fixture after `mutate`. */
function problemsOf(mutate: (bundle: Json) => void): readonly string[] {
  const bundle = fixture("returns");
  mutate(bundle);
  try {
    loadBundle(bundle);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleFormatError);
    return (error as BundleFormatError).problems;
  }
  return [];
}

const R = "decisions.store_returns";

describe("loadBundle accepts the fixtures", () => {
  test.each(["returns", "greeting"] as const)("%s, as text and as a value", (name) => {
    expect(loadBundle(fixtureText(name)).decisions.length).toBeGreaterThan(0);
    expect(loadBundle(fixture(name)).decisions.length).toBeGreaterThan(0);
  });

  test("does not freeze or keep the caller's object", () => {
    const bundle = fixture("returns");
    const runtime = loadBundle(bundle);
    expect(Object.isFrozen(bundle.decisions.store_returns.outcomes[0].output)).toBe(false);
    bundle.decisions.store_returns.outcomes[0].output.action = "changed";
    expect(runtime.decide("store_returns", { order: { channel: "app" } }).output).toEqual({
      action: "kiosk",
      message: "returns.app",
      channel: "sms",
    });
  });
});

describe("loadBundle rejects malformed bundles with the bad paths", () => {
  const cases: [string, (bundle: Json) => void, string[]][] = [
    [
      "another format version",
      (b) => (b.format = "scn.bundle/1"),
      ['format: expected `scn.bundle/5`, got "scn.bundle/1"; this runtime reads only that version (rebuild the bundle with a matching compiler)'],
    ],
    ["a missing hash", (b) => delete b.hash, ["(bundle): missing field `hash`"]],
    ["a malformed hash", (b) => (b.hash = "md5:0"), ['hash: expected `sha256:` and 64 lowercase hex digits, got "md5:0"']],
    ["sources not a list", (b) => (b.sources = 3), ["sources: expected a list, got 3"]],
    [
      "a row outcome out of range",
      (b) => (b.decisions.store_returns.rows[0].outcome = 99),
      [`${R}.rows[0].outcome: outcome 99 does not exist (there are 7)`],
    ],
    [
      "a row outcome that is not an index",
      (b) => (b.decisions.store_returns.rows[0].outcome = "0"),
      [`${R}.rows[0].outcome: expected the index of an outcome, got "0"`],
    ],
    [
      "a test on a missing column",
      (b) => (b.decisions.store_returns.rows[0].tests["8"] = { present: true }),
      [`${R}.rows[0].tests["8"]: column 8 does not exist (there are 8)`],
    ],
    [
      "a test key that is not a decimal index",
      (b) => (b.decisions.store_returns.rows[0].tests["01"] = { present: true }),
      [`${R}.rows[0].tests["01"]: test keys must be column indexes written as decimal strings, like \`"0"\``],
    ],
    [
      "a literal of the wrong type",
      (b) => (b.decisions.store_returns.rows[0].tests["0"] = { eq: 1 }),
      [`${R}.rows[0].tests["0"].eq: expected a string, got 1`],
    ],
    [
      "a test that does not suit the column",
      (b) => (b.decisions.store_returns.rows[0].tests["0"] = { range: [] }),
      [`${R}.rows[0].tests["0"].range: \`range\` does not apply to \`enum\` columns`],
    ],
    [
      "a test with two kinds",
      (b) => (b.decisions.store_returns.rows[0].tests["0"] = { eq: "online", in: ["online"] }),
      [
        `${R}.rows[0].tests["0"]: a test has exactly one of \`eq\`, \`in\`, \`notIn\`, \`range\`, \`bool\`, \`contains\`, \`notContains\`, \`present\`, got \`eq\`, \`in\``,
      ],
    ],
    [
      "a malformed interval",
      (b) => (b.decisions.store_returns.rows[0].tests["2"] = { range: [[null, "30", true, true]] }),
      [`${R}.rows[0].tests["2"].range[0]: expected [low, high, lowInclusive, highInclusive] with numbers or null bounds, got a list`],
    ],
    [
      "a source index out of range",
      (b) => (b.decisions.store_returns.rows[0].src = [5, 1, 1]),
      [`${R}.rows[0].src[0]: source 5 does not exist (there are 2)`],
    ],
    [
      "a zero line",
      (b) => (b.decisions.store_returns.rows[0].src = [0, 0, 1]),
      [`${R}.rows[0].src[1]: expected a 1-based line or column, got 0`],
    ],
    ["a root out of range", (b) => (b.decisions.store_returns.index.root = 99), [`${R}.index.root: node 99 does not exist (there are 14)`]],
    [
      "a cycle",
      (b) => (b.decisions.store_returns.index.nodes[9] = { switch: 0, cases: {}, other: 0, absent: 0 }),
      [`${R}.index.nodes: the index has a cycle through nodes 0 → 1 → 9 → 0`],
    ],
    [
      "a self loop",
      (b) => (b.decisions.store_returns.index.nodes[3].else = 3),
      [`${R}.index.nodes: the index has a cycle through nodes 3 → 3`],
    ],
    [
      "unsorted split bounds",
      (b) => (b.decisions.store_returns.index.nodes[2].bounds = [30, 10]),
      [
        `${R}.index.nodes[2].bounds[1]: bounds must be strictly increasing`,
        `${R}.index.nodes[2].next: with 2 bounds, \`next\` needs 5 entries, got 3`,
      ],
    ],
    [
      "a split on an enum column",
      (b) => (b.decisions.store_returns.index.nodes[2].split = 0),
      [`${R}.index.nodes[2].split: a \`split\` needs an \`int\` or \`number\` column, not \`enum\``],
    ],
    [
      "a switch on a list column",
      (b) => (b.decisions.store_returns.index.nodes[0].switch = 6),
      [`${R}.index.nodes[0].switch: a \`switch\` cannot dispatch on a \`list\` column`],
    ],
    [
      "candidate rows out of order",
      (b) => (b.decisions.store_returns.index.nodes[10].rows = [2, 0]),
      [`${R}.index.nodes[10].rows[1]: candidate rows must be listed in first-hit order (increasing row indexes)`],
    ],
    [
      "a node of two kinds",
      (b) => (b.decisions.store_returns.index.nodes[9] = { rows: [], test: 0 }),
      [`${R}.index.nodes[9]: an index node has exactly one of \`switch\`, \`split\`, \`test\`, \`rows\`, \`union\``],
    ],
    [
      "a union of one part",
      (b) => (b.decisions.store_returns.index.nodes[9] = { union: [10] }),
      [`${R}.index.nodes[9].union: a \`union\` needs at least 2 parts, got 1`],
    ],
    [
      "union nodes whose shared parts make walks exponentially long",
      (b) => {
        const index = b.decisions.store_returns.index;
        // Each level walks the one below twice: 2^12 walks of the original index.
        for (let level = 0; level < 12; level++) index.root = index.nodes.push({ union: [index.root, index.root] }) - 1;
      },
      [expect.stringMatching(/^decisions\.store_returns\.index\.nodes: the longest walk through the index visits \d+ nodes and rows, more than twice the index's size \(\d+\)/)],
    ],
    [
      "a test node with a bad test",
      (b) => (b.decisions.store_returns.index.nodes[3].t = { contains: true }),
      [`${R}.index.nodes[3].t.contains: \`contains\` does not apply to \`bool\` columns`],
    ],
    [
      "an unknown column type",
      (b) => (b.decisions.store_returns.columns[0].type = "date"),
      [`${R}.columns[0].type: expected one of \`bool\`, \`int\`, \`number\`, \`string\`, \`enum\`, \`list\`, got "date"`],
    ],
    [
      "an enum column without values",
      (b) => delete b.decisions.store_returns.columns[0].values,
      [`${R}.columns[0]: an \`enum\` column (or a list of enums) needs its \`values\``],
    ],
    [
      "a list column without an element type",
      (b) => delete b.decisions.store_returns.columns[6].element,
      [`${R}.columns[6].element: a \`list\` column needs an \`element\` type other than \`list\`, got nothing`],
    ],
    [
      "an empty step in a column path",
      (b) => (b.decisions.store_returns.columns[7].path = "visit..hour"),
      [`${R}.columns[7].path: expected a dot-joined context path, got "visit..hour"`],
    ],
    [
      "an outcome of an unknown scenario",
      (b) => (b.decisions.store_returns.outcomes[5].scenario = "nope"),
      [`${R}.outcomes[5].scenario: the scenario \`nope\` is not in \`scenarios\``],
    ],
    [
      "a scenario for an unknown decision",
      (b) => (b.scenarios.app_returns.decision = "nope"),
      ["scenarios.app_returns.decision: the decision `nope` is not in `decisions`"],
    ],
    [
      "a scenario with an unknown metric",
      (b) => (b.scenarios.app_returns.metrics[0].metric = "nope"),
      ["scenarios.app_returns.metrics[0].metric: the metric `nope` is not in `metrics`"],
    ],
    [
      "a bad scenario status",
      (b) => (b.scenarios.app_returns.status = "live"),
      ['scenarios.app_returns.status: expected one of `draft`, `active`, `paused`, `retired`, got "live"'],
    ],
    ["a metric without `better`", (b) => delete b.metrics.return_calls.better, ["metrics.return_calls: missing field `better`"]],
    [
      "an unsupported schema keyword",
      (b) => (b.context.properties.customer.properties.id.pattern = "^c"),
      ["context.properties.customer.properties.id.pattern: the keyword `pattern` is not supported in a context schema"],
    ],
    [
      "a bad schema type",
      (b) => (b.context.properties.visit.properties.hour.type = "int"),
      [
        "context.properties.visit.properties.hour.type: `type` must be one of `null`, `boolean`, `object`, `array`, `number`, `integer`, `string`, or a non-empty list of them",
      ],
    ],
    ["a context that is not a schema", (b) => (b.context = []), ["context: expected a JSON Schema object, got a list"]],
    ["a bad consent path", (b) => (b.consent[0].path = ""), ['consent[0].path: expected a dot-joined context path, got ""']],
    [
      "a consent gate listed twice",
      (b) => b.consent.push({ ...b.consent[0] }),
      ["consent[1].name: the consent gate `personalization` is listed twice"],
    ],
    ["a broken metric catalog is one problem, not one per reference", (b) => (b.metrics = []), ["metrics: expected an object, got a list"]],
    ["a missing decision field", (b) => delete b.decisions.store_returns.index, [`${R}: missing field \`index\``]],
    [
      "an output nested too deep",
      (b) => {
        let deep: Json = {};
        b.decisions.store_returns.outcomes[0].output = { deep };
        for (let i = 0; i < 300; i++) deep = deep.next = {};
      },
      [`${R}.outcomes[0].output: nested deeper than 256 levels`],
    ],
  ];
  test.each(cases)("%s", (_, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  test("a decision name that needs quoting is quoted in paths", () => {
    const problems = problemsOf((b) => {
      b.decisions["store returns"] = b.decisions.store_returns;
      b.decisions["store returns"].rows[0].outcome = -1;
    });
    expect(problems).toContain('decisions["store returns"].rows[0].outcome: outcome -1 does not exist (there are 7)');
  });

  test.each([
    ["not JSON", "{", /^\(bundle\): the text is not valid JSON: /],
    ["a number", 42, /^\(bundle\): expected a bundle object, got 42$/],
    ["null", null, /^\(bundle\): expected a bundle object, got null$/],
    ["JSON text of a list", "[1]", /^\(bundle\): expected a bundle object, got a list$/],
    ["a format-less object", { hello: "world" }, /^format: expected `scn.bundle\/5`, got nothing$/],
  ])("%s", (_, input, pattern) => {
    expect(() => loadBundle(input)).toThrow(BundleFormatError);
    try {
      loadBundle(input);
    } catch (error) {
      expect((error as BundleFormatError).problems).toHaveLength(1);
      expect((error as BundleFormatError).problems[0]).toMatch(pattern);
    }
  });

  test("a cyclic or absurdly deep value is reported, not a stack overflow", () => {
    const cyclic: Json = fixture("returns");
    cyclic.self = cyclic;
    expect(() => loadBundle(cyclic)).toThrow(/cannot be read as JSON/);
    const deepText = `{"format":"scn.bundle/5","context":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(() => loadBundle(deepText)).toThrow(BundleFormatError);
  });

  test("problems are capped, and the message lists the first twenty", () => {
    const bundle = fixture("returns");
    bundle.decisions.store_returns.rows = Array.from({ length: 500 }, () => ({ outcome: -1, tests: {}, src: [0, 1, 1] }));
    let error: BundleFormatError | undefined;
    try {
      loadBundle(bundle);
    } catch (caught) {
      error = caught as BundleFormatError;
    }
    expect(error?.problems).toHaveLength(201);
    expect(error?.problems[200]).toBe("… and 300 more problems");
    expect(error?.message.split("\n  - ")).toHaveLength(21);
    expect(error?.message).toContain("… and 181 more");
  });
});

describe("loadBundle on garbage never fails with anything but BundleFormatError", () => {
  const allowed = (input: unknown) => {
    try {
      const runtime = loadBundle(input);
      for (const decision of runtime.decisions) runtime.decide(decision, {});
    } catch (error) {
      if (!(error instanceof BundleFormatError)) throw error;
      expect(error.problems.length).toBeGreaterThan(0);
    }
  };

  test("arbitrary values and strings", () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.string(), fc.json()), allowed), { numRuns: 1000 });
  });

  /** Every path to a value inside `value`. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== "object" || value === null) return [prefix];
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
    return [prefix, ...keys.flatMap((key) => paths((value as Json)[key as string], [...prefix, key]))];
  }

  for (const name of ["returns", "greeting"] as const) {
    const all = paths(fixture(name)).filter((path) => path.length > 0);
    test(`${name} with one value replaced or removed`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), (path, replacement) => {
          const bundle = fixture(name);
          let at: Json = bundle;
          for (const key of path.slice(0, -1)) at = at[key as string];
          const last = path[path.length - 1] as string;
          if (replacement === undefined) delete at[last];
          else at[last] = replacement;
          allowed(bundle);
        }),
        { numRuns: 1500 },
      );
    });
  }
});
