// The checker's rules where the language brief leaves room (docs/diagnostics.md,
// "Rules the checker applies"), one table row per rule: a program, and the
// codes it must produce (in order). A row with no codes must check cleanly.
import { describe, expect, it } from "vitest";
import { checkSources } from "./support/check-sources.js";

/** A complete scenario around a situation, so each row only shows what it is about. */
const scenario = (situation: string, body = ""): string => `
decision d { output { a: string } default { a: "x" } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation ${situation}
  goal "g"
  pathway p otherwise { ${body} }
  metrics { primary m }
}`;

const rows: [string, string | { path: string; text: string }[], string[]][] = [
  [
    "inline records merge across context blocks and files",
    [
      { path: "a.scn", text: "context { customer: { id: string } }" + scenario('customer.id == "c1" and customer.tier == gold') },
      { path: "b.scn", text: "context { customer: { tier: enum { gold, silver } } }" },
    ],
    [],
  ],
  ["a leaf declared in two blocks is a duplicate", "context { customer: { id: string } }\ncontext { customer: { id: string } }", ["SCN2011"]],
  ["a record reached through a named type does not merge", "type C = { id: string }\ncontext { customer: C }\ncontext { customer: { tier: int } }", ["SCN2011"]],
  [
    "personal is inherited by every field of a personal record",
    "context { x: int, profile: { score: number } personal, ok: bool }\nconsent c = ok" + scenario("profile.score > 0.5"),
    ["SCN4009"],
  ],
  [
    "fields inside an optional record may be absent, so `is present` is meaningful",
    "context { trip: { days: int }? }" + scenario("trip.days is present"),
    [],
  ],
  ["a required field makes `is not present` always false", "context { days: int }" + scenario("days is not present"), ["SCN2112"]],
  ["a string const is not an enum member", 'context { tier: enum { gold } }\nconst GOLD = "gold"' + scenario("tier == GOLD"), ["SCN2102"]],
  ["a number const fits a number field", "context { share: number }\nconst HALF = 1" + scenario("share > HALF"), []],
  ["a decimal const does not fit an int field", "context { days: int }\nconst HALF = 0.5" + scenario("days > HALF"), ["SCN2102"]],
  ["a bool const is a condition", "context { days: int }\nconst ON = true" + scenario("ON and days > 1"), []],
  ["a bare top-level bool field is a condition", "context { vip: bool }" + scenario("vip"), []],
  ["a bare word compared with a top-level field is a field-to-field comparison", "context { a: int, b: int }" + scenario("a > b"), ["SCN2107"]],
  ["a consent gate may be an optional bool", "context { ok: bool?, score: number personal }\nconsent c = ok\nsegment keen = score > 0.5" + scenario("ok is present", "variation keen {}"), []],
  [
    "personal data through a segment in a pathway `when` is reported at the reference",
    `context { x: int, score: number personal, ok: bool }
consent c = ok
segment keen = score > 0.5
decision d { output { a: string } default { a: "x" } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation x > 0
  goal "g"
  pathway p when keen {}
  pathway q otherwise {}
  metrics { primary m }
}`,
    ["SCN4009"],
  ],
  ["personal data in a segment without a gate is reported where it is read", "context { x: int, score: number personal }\nsegment keen = score > 0.5" + scenario("x > 0", "variation keen {}"), ["SCN4010"]],
  ["a draft scenario needs no primary metric and no owner", `context { x: int }
decision d { output { a: string } default { a: "x" } }
scenario s for d {
  status draft
  situation x > 0
  goal "g"
  pathway p otherwise {}
}`, ["SCN4008"]],
  ["a variation completes nothing: the pathway itself must be complete", `context { x: int, vip: bool }
decision d { output { a: string, b: string } }
metric m { better higher }
segment vips = vip
scenario s for d {
  owner "cx"
  situation x > 0
  goal "g"
  pathway p otherwise { a: "x", variation vips { b: "y" } }
  metrics { primary m }
}`, ["SCN2106"]],
  ["records merge deeply: default and pathway together complete a record", `context { x: int }
decision d { output { r: { a: string, b: string } } default { r: { a: "x" } } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation x > 0
  goal "g"
  pathway p otherwise { r: { b: "y" } }
  metrics { primary m }
}`, ["SCN2106"]],
  ["a gap in the default is reported once, at the default", `context { x: int }
decision d { output { a: string, b: string } default { a: "x" } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation x > 0
  goal "g"
  pathway p otherwise {}
  metrics { primary m }
}`, ["SCN2106"]],
  ["a wrong value still counts as assigned (one mistake, one error)", "context { x: int }" + scenario("x > 0", "a: 3").replace('default { a: "x" }', ""), ["SCN2102"]],
  ["`expect D = default` needs a default", `context { x: int }
decision d { output { a: string } }
metric m { better higher }
scenario s for d {
  owner "cx"
  situation x > 0
  goal "g"
  pathway p otherwise { a: "y" }
  metrics { primary m }
}
test "t" { expect d = default }`, ["SCN2014"]],
  ["a given may leave fields out, and nested records are checked field by field", "context { c: { id: string, tier: enum { a } } }\ntest \"t\" { given { c: { tier: a } } }", ["SCN4012"]],
  ["a given with a nested unknown field names the whole path", "context { c: { id: string } }\ntest \"t\" { given { c: { idd: \"1\" } } }", ["SCN2004"]],
  ["a list value is checked element by element", "context { tags: list<enum { a, b }> }\ntest \"t\" { given { tags: [a, c, b] } }", ["SCN2008"]],
  ["a zero target has no direction to be wrong about", "context { x: int }\nmetric n { better lower }" + scenario("x > 0").replace("primary m", "primary m\n    guardrail n target 0%"), []],
  ["an unsigned target counts as positive", "context { x: int }\nmetric n { better lower }" + scenario("x > 0").replace("primary m", "primary m\n    guardrail n target 5%"), ["SCN4005"]],
];

describe("checker rules", () => {
  it.each(rows)("%s", (_title, source, codes) => {
    const files = typeof source === "string" ? [{ path: "t.scn", text: source }] : source;
    const { diagnostics } = checkSources(files, { today: "2026-06-01" });
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(codes.map((code) => expect.stringContaining(code)));
  });
});
