/**
 * The atoms program: one decision per kind of unary test, each with a
 * single scenario whose situation is that test, so an answer says exactly
 * whether the test held; and the contexts that put absent, null and wrongly
 * typed values in every field. Every consumer of the bundle format that must
 * give the JS runtime's answer is checked on it: the SQL views on DuckDB and
 * PostgreSQL (sql-engines.test.ts) and the Python consumer
 * (python-consumer.test.ts).
 */
const ATOMS: readonly [string, string][] = [
  ["bool_true", "f.b"],
  ["bool_false", "not f.b"],
  ["int_eq", "f.i == 1"],
  ["int_in", "f.i in [1, 4]"],
  ["int_not_in", "f.i not in [1, 4]"],
  ["int_range", "f.i in 2..5"],
  ["int_not_equal", "f.i != 1"],
  ["number_above", "f.n > 0.5"],
  ["number_below", "f.n <= 1"],
  ["string_eq", 'f.s == "x"'],
  ["string_not_equal", 'f.s != "x"'],
  ["enum_eq", "f.e == x"],
  ["enum_not_in", "f.e not in [x]"],
  ["list_contains", 'f.l contains "x"'],
  ["list_not_contains", 'f.l not contains "x"'],
  ["int_list_contains", "f.li contains 1"],
  ["is_present", "f.o is present"],
  ["not_present", "f.o is not present"],
];

/** The fields of the record `f` that the atoms test. */
export const ATOM_FIELDS = ["b", "i", "n", "s", "e", "l", "li", "o"] as const;

export const ATOM_PROGRAM = [
  "context { f: { b: bool, i: int, n: number, s: string, e: enum { x, y }, l: list<string>, li: list<int>, o: string? }, ok: bool }",
  "consent granted = ok",
  "metric held { better higher }",
  ...ATOMS.flatMap(([name, condition]) => [
    `decision ${name} { output { held: bool } default { held: false } }`,
    `scenario ${name}_holds for ${name} {`,
    '  owner "qa"',
    '  goal "Show whether the test holds"',
    `  situation ${condition}`,
    "  pathway always otherwise { held: true }",
    "  metrics { primary held }",
    "}",
  ]),
].join("\n");

/** Values of every JSON type, including the ones that count as absent on some columns. */
export const ODD_VALUES: readonly unknown[] = [null, true, false, 0, 1, -0, 4, 4.5, -3, 1e300, "x", "y", "z", "", "1", "true", [], ["x"], ["x", "y"], ["x", 1], [1], [1, 4.5], [1, 4], [null], ["x", null], {}, { x: 1 }];

/**
 * The contexts the atoms are answered on: the empty context, an empty
 * record, contexts that are not objects, and for each odd value every field
 * holding it and the record itself replaced by it.
 */
export function atomContexts(): unknown[] {
  const contexts: unknown[] = [{}, { f: {} }, [], "f", 4];
  for (const value of ODD_VALUES) contexts.push({ f: Object.fromEntries(ATOM_FIELDS.map((field) => [field, value])) }, { f: value });
  return contexts;
}

/** Numbers as JSON text: infinite as a double, past ±(2^53 − 1), integral written with a fraction, tiny. */
export const NUMBER_TEXTS: readonly string[] = [
  `-1${"0".repeat(400)}`, `1${"0".repeat(400)}`, "1e400", "-1e400", "1e-400", "9007199254740993", "9007199254740992",
  "9007199254740991", "-9007199254740991", "-9007199254740992", "123456789012345678901234567890", "1e20", "1.5", "4.0", "4",
  "1.0000000000000000001", "0.9999999999999999999", "1e-320", "-0", "-0.0", "1E0", "18446744073709551615", "18446744073709551616",
];

/** A context whose int, number and int-list fields hold the number written as `text`. */
export function numberContextText(text: string): string {
  return `{"f": {"i": ${text}, "n": ${text}, "li": [${text}], "o": "o"}}`;
}
