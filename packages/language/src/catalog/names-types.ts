/**
 * SCN2xxx: names (20xx), types (21xx) and structure (22xx), reported by the
 * checker. Each example is a complete program that produces its own code and
 * no other error or warning (tests compile every one of them).
 */
import type { CatalogEntry } from "./entry.js";

/** A scenario that is correct in every way the examples below do not change. */
const SCENARIO = `scenario welcome for greeting {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise {}
  metrics { primary satisfaction }
}`;

const DECISION = `decision greeting { output { message: string } default { message: "hello" } }`;
const METRIC = `metric satisfaction { better higher }`;

export const NAMES_TYPES_DIAGNOSTICS = [
  // -------------------------------------------------------------------------
  // Names
  {
    code: "SCN2001",
    name: "duplicate-declaration",
    severity: "error",
    summary: "Two declarations of the same kind share a name (or two pathways of a scenario, or two variations of a pathway).",
    example: `context { visits: int }
${DECISION}
metric satisfaction { better higher }
metric satisfaction { better lower }
${SCENARIO}
`,
  },
  {
    code: "SCN2002",
    name: "unknown-type",
    severity: "error",
    summary: "A type name that is neither built in nor declared with `type`.",
    example: `context { loyalty: Loyalty }
`,
  },
  {
    code: "SCN2003",
    name: "unknown-segment",
    severity: "error",
    summary: "A variation or condition names a segment that is not declared.",
    example: `context { visits: int }
${DECISION}
${METRIC}
scenario welcome for greeting {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise {
    variation bargain_hunters { message: "deals inside" }
  }
  metrics { primary satisfaction }
}
`,
  },
  {
    code: "SCN2004",
    name: "unknown-context-field",
    severity: "error",
    summary: "A path that the merged `context` does not declare (in a condition, a consent gate or a test's `given`).",
    example: `context { customer: { opted_in: bool } }
consent personalization = customer.optedin
`,
  },
  {
    code: "SCN2005",
    name: "unknown-const",
    severity: "error",
    summary: "A bare word where a value is expected is neither an enum member of the expected type nor a declared const.",
    example: `context { age: int(0..MAX_AGE) }
`,
  },
  {
    code: "SCN2006",
    name: "unknown-decision",
    severity: "error",
    summary: "A scenario or test names a decision that is not declared.",
    example: `context { visits: int }
${METRIC}
scenario welcome for greetings {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise {}
  metrics { primary satisfaction }
}
`,
  },
  {
    code: "SCN2007",
    name: "unknown-metric",
    severity: "error",
    summary: "A scenario's `metrics` block names a metric that is not declared.",
    example: `context { visits: int }
${DECISION}
scenario welcome for greeting {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise {}
  metrics { primary satisfaction }
}
`,
  },
  {
    code: "SCN2008",
    name: "unknown-enum-member",
    severity: "error",
    summary: "A word is not a member of the enum the value must belong to; the message lists the members.",
    example: `context { tier: enum { silver, gold } }
test "platinum customers" { given { tier: platinum } }
`,
  },
  {
    code: "SCN2009",
    name: "ambiguous-enum-member",
    severity: "error",
    summary: "A bare word is both a member of the expected enum and a const, so its meaning is unclear.",
    example: `context { tier: enum { silver, gold } }
const gold = "gold"
test "gold customers" { given { tier: gold } }
`,
  },
  {
    code: "SCN2010",
    name: "segment-cycle",
    severity: "error",
    summary: "Segments that use each other in a cycle; the message spells the cycle out.",
    example: `context { member: bool }
segment loyal = member and regular
segment regular = loyal
`,
  },
  {
    code: "SCN2011",
    name: "duplicate-context-path",
    severity: "error",
    summary: "The same context path is declared twice (context blocks merge, inline records field by field).",
    example: `context { customer: { id: string } }
context { customer: { id: int } }
`,
  },
  {
    code: "SCN2012",
    name: "reserved-type-name",
    severity: "error",
    summary: "A `type` declaration takes the name of a built-in type (`bool`, `int`, `number`, `string`).",
    example: `type int = enum { low, high }
`,
  },
  {
    code: "SCN2013",
    name: "unknown-output-field",
    severity: "error",
    summary: "An assignment (or an expected output) names a field the decision's `output` does not declare.",
    example: `context { visits: int }
${DECISION}
${METRIC}
scenario welcome for greeting {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise { mesage: "welcome back" }
  metrics { primary satisfaction }
}
`,
  },
  {
    code: "SCN2014",
    name: "unknown-expected-rule",
    severity: "error",
    summary: "An `expect` names a scenario, pathway or variation that does not exist for that decision (or `default` for a decision without one).",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO}
test "regulars are welcomed" {
  given { visits: 3 }
  expect greeting = welcome/regulars
}
`,
  },
  {
    code: "SCN2015",
    name: "type-cycle",
    severity: "error",
    summary: "Named types defined in terms of themselves; a schema must be finite.",
    example: `type Person = { friend: Friend }
type Friend = { person: Person }
context { customer: Person }
`,
  },
  {
    code: "SCN2016",
    name: "duplicate-member",
    severity: "error",
    summary: "Something that must appear once in its block appears twice: a field, an enum member, an assignment, a property, or a clause such as `situation`.",
    example: `context { tier: enum { silver, gold, silver } }
`,
  },
  {
    code: "SCN2017",
    name: "unknown-fixture",
    severity: "error",
    summary: "A `given` or a fixture's `extends` names a fixture that is not declared.",
    example: `context { visits: int }
fixture regular { visits: 12 }
test "a regular customer" { given regulr }
`,
  },
  {
    code: "SCN2018",
    name: "fixture-cycle",
    severity: "error",
    summary: "Fixtures that extend each other in a cycle, so neither has a context to start from.",
    example: `context { visits: int }
fixture regular extends loyal { visits: 12 }
fixture loyal extends regular { visits: 40 }
test "a regular customer" { given regular }
`,
  },

  // -------------------------------------------------------------------------
  // Types
  {
    code: "SCN2101",
    name: "operator-not-allowed",
    severity: "error",
    summary: "An operator that the field's type does not support: ordering and ranges need `int`/`number`, `contains` needs a list, `==` and `in` need a single value.",
    example: `context { visits: int, tier: enum { silver, gold } }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation tier > silver")}
`,
  },
  {
    code: "SCN2102",
    name: "wrong-value-type",
    severity: "error",
    summary: "A literal or const of the wrong type for the field it is compared with or assigned to.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", 'situation visits > "3"')}
`,
  },
  {
    code: "SCN2103",
    name: "reversed-range",
    severity: "error",
    summary: "A range `lo..hi` whose low bound is above its high bound (ranges are inclusive and never empty).",
    example: `context { hour: int(23..0) }
`,
  },
  {
    code: "SCN2104",
    name: "always-false-comparison",
    severity: "warning",
    summary: "A test that the field's declared range makes always false, e.g. `hour > 23` on `int(0..23)`.",
    example: `context { visits: int(0..100) }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation visits > 0 or visits > 100")}
`,
  },
  {
    code: "SCN2105",
    name: "always-true-comparison",
    severity: "warning",
    summary: "A test that the field's declared range makes always true (when the field is present), e.g. `hour >= 0` on `int(0..23)`.",
    example: `context { visits: int(0..100) }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation visits >= 0")}
`,
  },
  {
    code: "SCN2106",
    name: "missing-output-field",
    severity: "error",
    summary: "A required output field is left unset by a `default`, or by `default ⊕ pathway` (each pathway must give a complete answer).",
    example: `context { visits: int }
decision greeting { output { message: string } }
${METRIC}
${SCENARIO}
`,
  },
  {
    code: "SCN2107",
    name: "field-to-field-comparison",
    severity: "error",
    summary: "A condition compares two context fields; conditions compare one field with literals (derive the value upstream).",
    example: `context { visits: int, purchases: int }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation visits > purchases")}
`,
  },
  {
    code: "SCN2108",
    name: "not-a-condition",
    severity: "error",
    summary: "A bare name used as a condition is not a segment, a bool const or a bool field.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation visits")}
`,
  },
  {
    code: "SCN2109",
    name: "consent-not-bool",
    severity: "error",
    summary: "A consent gate points at a context path that is not a bool field.",
    example: `context { customer: { consent: string } }
consent personalization = customer.consent
`,
  },
  {
    code: "SCN2110",
    name: "percent-outside-target",
    severity: "error",
    summary: "A percentage literal anywhere but a metric target.",
    example: `context { visits: int, share: number(0..1) }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation share > 50%")}
`,
  },
  {
    code: "SCN2111",
    name: "date-outside-expires",
    severity: "error",
    summary: "A date literal anywhere but `expires`; pass derived time values (such as days since an event) in the context.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation visits > 2027-01-01")}
`,
  },
  {
    code: "SCN2112",
    name: "present-on-required-field",
    severity: "warning",
    summary: "`is present` (or `is not present`) on a field that is never absent, so the test is constant.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation visits is present")}
`,
  },
  {
    code: "SCN2113",
    name: "value-out-of-range",
    severity: "error",
    summary: "A number assigned (or given in a test) outside the declared range of its field.",
    example: `context { visits: int }
decision greeting { output { discount: int(0..50) } default { discount: 80 } }
${METRIC}
${SCENARIO}
`,
  },
  {
    code: "SCN2114",
    name: "invalid-const-value",
    severity: "error",
    summary: "A const whose value is not a single string, number or bool literal.",
    example: `const LIMITS = [1, 2]
context { visits: int(0..LIMITS) }
`,
  },
  {
    code: "SCN2115",
    name: "invalid-type",
    severity: "error",
    summary: "A type that is not allowed where it is written: a list of records, a range on a non-numeric type, an empty enum, `personal` on an output field.",
    example: `context { orders: list<{ id: string }> }
`,
  },

  // -------------------------------------------------------------------------
  // Structure
  {
    code: "SCN2201",
    name: "no-pathway",
    severity: "error",
    summary: "A scenario without any pathway.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("  pathway everyone otherwise {}\n", "")}
`,
  },
  {
    code: "SCN2202",
    name: "otherwise-not-last",
    severity: "error",
    summary: "An `otherwise` pathway followed by a `when` pathway, which could then never be chosen.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("  pathway everyone otherwise {}\n", '  pathway everyone otherwise {}\n  pathway regulars when visits > 10 { message: "welcome back" }\n')}
`,
  },
  {
    code: "SCN2203",
    name: "otherwise-repeated",
    severity: "error",
    summary: "A scenario with more than one `otherwise` pathway.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("  pathway everyone otherwise {}\n", "  pathway everyone otherwise {}\n  pathway others otherwise {}\n")}
`,
  },
  {
    code: "SCN2204",
    name: "missing-situation",
    severity: "error",
    summary: "A scenario without a `situation`.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("  situation visits > 0\n", "")}
`,
  },
  {
    code: "SCN2205",
    name: "missing-goal",
    severity: "error",
    summary: "A scenario without a `goal`.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace('  goal "Feel recognized"\n', "")}
`,
  },
  {
    code: "SCN2206",
    name: "primary-metric-count",
    severity: "error",
    summary: "An `active` scenario without exactly one `primary` metric.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("primary satisfaction", "secondary satisfaction")}
`,
  },
  {
    code: "SCN2207",
    name: "decision-without-scenario",
    severity: "warning",
    summary: "A decision that no scenario answers: every context gets its `default` or no answer.",
    example: `${DECISION}
`,
  },
  {
    code: "SCN2208",
    name: "decision-without-output",
    severity: "error",
    summary: "A decision without an `output` block.",
    example: `context { visits: int }
decision greeting { owner "cx" }
${METRIC}
${SCENARIO}
`,
  },
  {
    code: "SCN2209",
    name: "unknown-property",
    severity: "error",
    summary: "A property key that the declaration does not have (with a did-you-mean).",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace('  owner "cx"\n', '  owner "cx"\n  priorty 10\n')}
`,
  },
  {
    code: "SCN2210",
    name: "invalid-property-value",
    severity: "error",
    summary: "A property value of the wrong kind: `status` draft|active|paused|retired, `impact`/`feasibility` low|medium|high, `priority` an integer, `better` higher|lower, `expires` a real date, `tags` a list of strings, `owner`/`unit`/`title` a string.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace('  owner "cx"\n', '  owner "cx"\n  status live\n')}
`,
  },
  {
    code: "SCN2211",
    name: "missing-metric-direction",
    severity: "error",
    summary: "A metric that does not say whether higher or lower is better.",
    example: `context { visits: int }
${DECISION}
metric satisfaction { unit "%" }
${SCENARIO}
`,
  },
  {
    code: "SCN2212",
    name: "invalid-metric-window",
    severity: "error",
    summary: "A metric window (`within N days|weeks`) that is not a positive whole number.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace("primary satisfaction", "primary satisfaction within 0 days")}
`,
  },
  {
    code: "SCN2213",
    name: "condition-too-deep",
    severity: "error",
    summary: "A condition that nests deeper than 64 levels once the segments it uses are inlined (each `not` and each `and`/`or` inside another counts).",
    // Built on demand: 65 segments, each the negation of the one before.
    get example(): string {
      const chain = Array.from({ length: 65 }, (_, i) => `segment s${i + 1} = not s${i}`).join("\n");
      return `context { visits: int }
segment s0 = visits > 0
${chain}
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation s65")}
`;
    },
  },
] as const satisfies readonly CatalogEntry[];
