/**
 * SCN4xxx: hygiene, reported by the checker after names and types: unused
 * declarations, metric targets against the metric's direction, review dates,
 * owners, drafts, and the consent rules on personal data (docs/language.md#5-consent-respecting-the-no).
 * Each example is a complete program that produces its own code and no other
 * error or warning.
 */
import type { CatalogEntry } from "./entry.js";

const SCENARIO = `scenario welcome for greeting {
  owner "cx"
  situation visits > 0
  goal "Feel recognized"
  pathway everyone otherwise {}
  metrics { primary satisfaction }
}`;

const DECISION = `decision greeting { output { message: string } default { message: "hello" } }`;
const METRIC = `metric satisfaction { better higher }`;

export const HYGIENE_DIAGNOSTICS = [
  {
    code: "SCN4001",
    name: "unused-segment",
    severity: "warning",
    summary: "A segment that no variation, condition or other segment uses.",
    example: `context { visits: int }
segment regulars = visits > 10
`,
  },
  {
    code: "SCN4002",
    name: "unused-const",
    severity: "warning",
    summary: "A const that is never used.",
    example: `const RETURN_WINDOW_DAYS = 30
`,
  },
  {
    code: "SCN4003",
    name: "unused-metric",
    severity: "warning",
    summary: "A metric that no scenario measures.",
    example: `${METRIC}
`,
  },
  {
    code: "SCN4004",
    name: "unused-type",
    severity: "warning",
    summary: "A named type that nothing uses.",
    example: `type Tier = enum { silver, gold }
`,
  },
  {
    code: "SCN4005",
    name: "target-against-direction",
    severity: "warning",
    summary: "A metric target that moves the metric the way it calls worse, e.g. `target +20%` on a `better lower` metric.",
    example: `context { visits: int }
${DECISION}
metric satisfaction { better higher }
metric calls { better lower }
${SCENARIO.replace("primary satisfaction", "primary satisfaction\n    guardrail calls target +20%")}
`,
  },
  {
    code: "SCN4006",
    name: "expired-review-date",
    severity: "warning",
    summary: "A scenario whose `expires` review date has passed.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace('  owner "cx"\n', '  owner "cx"\n  expires 2020-01-31\n')}
`,
  },
  {
    code: "SCN4007",
    name: "missing-owner",
    severity: "warning",
    summary: "An `active` scenario without an `owner`.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace('  owner "cx"\n', "")}
`,
  },
  {
    code: "SCN4008",
    name: "draft-scenario",
    severity: "info",
    summary: "A `draft` scenario: listed so that drafts are visible; it is not compiled into its decision.",
    example: `context { visits: int }
${DECISION}
${METRIC}
${SCENARIO.replace('  owner "cx"\n', '  owner "cx"\n  status draft\n')}
`,
  },
  {
    code: "SCN4009",
    name: "personal-outside-variation",
    severity: "error",
    summary: "A `personal` field read by a `situation` or a pathway `when` (directly or through a segment); personal data may only choose variations.",
    example: `context {
  visits: int
  customer: { spend: number personal, consent: bool }
}
consent personalization = customer.consent
${DECISION}
${METRIC}
${SCENARIO.replace("situation visits > 0", "situation customer.spend > 100")}
`,
  },
  {
    code: "SCN4010",
    name: "personal-without-consent",
    severity: "error",
    summary: "A `personal` field read by a segment or variation in a program that declares no consent gate.",
    example: `context { visits: int, spend: number personal }
${DECISION}
${METRIC}
${SCENARIO.replace("pathway everyone otherwise {}", 'pathway everyone otherwise {\n    variation big_spenders when spend > 100 { message: "thank you" }\n  }')}
`,
  },
  {
    code: "SCN4011",
    name: "unused-fixture",
    severity: "warning",
    summary: "A fixture that no test's `given` and no other fixture extends.",
    example: `context { visits: int }
fixture regular { visits: 12 }
`,
  },
  {
    code: "SCN4012",
    name: "unread-context-field",
    severity: "info",
    summary: "A context field (or a whole record) that no condition, segment, consent gate or experiment unit reads: callers must send it, and nothing uses it.",
    example: `context { visits: int, nickname: string }
${DECISION}
${METRIC}
${SCENARIO}
`,
  },
] as const satisfies readonly CatalogEntry[];
