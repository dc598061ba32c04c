/**
 * The smallest complete program that gives every command work to do: a
 * context, a decision, a metric, one scenario and one passing test. The
 * hostile-input and red-team suites put the text under test (a segment, a
 * const, a deep expression) between its declarations, so that `check`,
 * `build`, `test` and `fmt` all meet it.
 */
export function programAround(declarations: string): string {
  return `context { a: bool, n: int(0..100) }
${declarations}
decision d { output { m: string } default { m: "x" } }
metric sat { better higher }
scenario sc for d {
  owner "cx"
  situation a
  goal "g"
  pathway p otherwise { m: "y" }
  metrics { primary sat }
}
test "t" { given { a: true, n: 1 } expect d = sc/p }
`;
}
