/**
 * One decision per kind of unary test, each with a single scenario whose
 * situation is that test, so an answer says exactly whether the test held;
 * and the values that are absent for some column types and not others.
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

/** Numbers as JSON text: infinite as a double, past ±(2^53 − 1), integral written with a fraction, tiny. */
export const NUMBER_TEXTS: readonly string[] = [
  `-1${"0".repeat(400)}`, `1${"0".repeat(400)}`, "1e400", "-1e400", "1e-400", "9007199254740993", "9007199254740992",
  "9007199254740991", "-9007199254740991", "-9007199254740992", "123456789012345678901234567890", "1e20", "1.5", "4.0", "4",
  "1.0000000000000000001", "0.9999999999999999999", "1e-320", "-0", "-0.0", "1E0", "18446744073709551615", "18446744073709551616",
];
