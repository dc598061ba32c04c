/**
 * SCN3xxx: exact analysis of a checked program (docs/analysis.md#the-findings, analysis
 * family), reported by the compiler's analyzer. Every finding is computed
 * exactly over the boxes conditions describe, and carries a witness context
 * that the reference interpreter confirms before the finding is reported.
 * Each example is a complete program that produces its own code and no other
 * error or warning.
 */
import type { CatalogEntry } from "./entry.js";

const CONTEXT = `context { order: { channel: enum { online, store }, days: int(0..365) } }`;
const METRIC = `metric completion { better higher }`;
const DECISION = `decision desk { output { action: enum { express, kiosk } } }`;

/** A scenario for `desk` with the given header lines and body. */
function scenario(name: string, lines: string): string {
  return `scenario ${name} for desk {
  owner "cx"
  goal "Return an order without a second visit"
${lines}
  metrics { primary completion }
}`;
}

const PREAMBLE = `${CONTEXT}\n${METRIC}\n${DECISION}\n`;

const pairsOfBools = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: bool, b${i}: bool`).join(", ");
const MANY_BOOLS = pairsOfBools(14);

function guardedScenario(name: string, priority: number, situation: string, action: string): string {
  return `scenario ${name} for desk {
  owner "cx"
  goal "Return an order without a second visit"
  priority ${priority}
  situation ${situation}
  pathway everyone otherwise { action: ${action} }
  metrics { primary completion }
}`;
}
/** The pigeonhole principle, as fields `p{pigeon}h{hole}`: is pigeon i in hole j? */
const HOLES = 6;
const PIGEONS = HOLES + 1;
const PIGEON_FIELDS = Array.from({ length: PIGEONS }, (_, i) => Array.from({ length: HOLES }, (_, j) => `p${i}h${j}: bool`).join(", ")).join(", ");
/** Two pigeons share hole j. */
function sharedHole(j: number): string {
  const pairs: string[] = [];
  for (let i = 0; i < PIGEONS; i++) for (let k = i + 1; k < PIGEONS; k++) pairs.push(`(seat.p${i}h${j} and seat.p${k}h${j})`);
  return pairs.join(" or ");
}
const MANY_ORS = Array.from({ length: 14 }, (_, i) => `(flags.a${i} or flags.b${i})`).join(" and ");

export const ANALYSIS_DIAGNOSTICS = [
  {
    code: "SCN3001",
    name: "ambiguous-scenarios",
    severity: "error",
    summary: "Two active scenarios of one decision have the same priority and both apply to some context, so which one answers depends on source order.",
    example: `${PREAMBLE}${scenario("fast_lane", `  situation order.channel == online
  pathway everyone otherwise { action: express }`)}
${scenario("self_service", `  situation order.days <= 30
  pathway everyone otherwise { action: kiosk }`)}
`,
  },
  {
    code: "SCN3002",
    name: "unreachable-pathway",
    severity: "warning",
    summary: "A pathway can never be taken: earlier pathways of its scenario take every context it would, or it contradicts the situation.",
    example: `${PREAMBLE}${scenario("returns", `  situation order.channel == online
  pathway recent when order.days <= 30 { action: express }
  pathway very_recent when order.days <= 7 { action: kiosk }
  pathway late otherwise { action: kiosk }`)}
`,
  },
  {
    code: "SCN3003",
    name: "unreachable-variation",
    severity: "warning",
    summary: "A variation can never be chosen: earlier variations of its pathway take every context it would, or its segment contradicts the pathway.",
    example: `${PREAMBLE}segment early = order.days <= 7
segment very_early = order.days <= 3
${scenario("returns", `  situation order.channel == online
  pathway everyone otherwise {
    action: express
    variation early { action: kiosk }
    variation very_early { action: kiosk }
  }`)}
`,
  },
  {
    code: "SCN3004",
    name: "scenario-never-applies",
    severity: "warning",
    summary: "A scenario never answers: its conditions contradict each other, or higher-priority scenarios together take every context it would.",
    example: `${PREAMBLE}${scenario("online_orders", `  priority 10
  situation order.channel == online
  pathway everyone otherwise { action: express }`)}
${scenario("recent_online_orders", `  situation order.channel == online and order.days <= 30
  pathway everyone otherwise { action: kiosk }`)}
`,
  },
  {
    code: "SCN3005",
    name: "situation-gap",
    severity: "warning",
    summary: "A scenario's situation holds for some context that none of its pathways takes, and it has no `otherwise` pathway.",
    example: `${PREAMBLE}${scenario("returns", `  situation order.channel == online
  pathway recent when order.days <= 30 { action: express }`)}
`,
  },
  {
    code: "SCN3006",
    name: "falls-through-to-default",
    severity: "info",
    summary: "Some contexts match no scenario of a decision, so they get its `default`; the witness shows one.",
    example: `context { order: { channel: enum { online, store } } }
${METRIC}
decision desk { output { action: enum { express, kiosk } } default { action: kiosk } }
${scenario("online_orders", `  situation order.channel == online
  pathway everyone otherwise { action: express }`)}
`,
  },
  {
    code: "SCN3007",
    name: "decision-too-large",
    severity: "error",
    summary: "A decision expands past the compiler's limits (10,000 boxes for one condition, 200,000 rows for a decision), usually through `or` inside `not` or long chains of `and` over `or`.",
    example: `context { flags: { ${MANY_BOOLS} } }
${METRIC}
${DECISION}
scenario everything for desk {
  owner "cx"
  goal "Return an order without a second visit"
  situation ${MANY_ORS}
  pathway everyone otherwise { action: express }
  metrics { primary completion }
}
`,
  },
  {
    code: "SCN3008",
    name: "analysis-incomplete",
    severity: "warning",
    summary: "A coverage question was too large to settle exactly within the analysis budget; the finding it would have decided is not reported.",
    // \`rest\` is covered because seven pigeons cannot sit in six holes
    // alone: every context either leaves a pigeon out of every hole or
    // puts two pigeons in one hole. Proving that by splitting on the
    // fields takes exponentially many pieces whatever the order of the
    // splits (the pigeonhole principle is a classic hard case for them).
    example: `context { seat: { ${PIGEON_FIELDS} } }
${METRIC}
${DECISION}
${Array.from({ length: PIGEONS }, (_, i) => guardedScenario(`pigeon_${i}_unseated`, 20 - i, Array.from({ length: HOLES }, (_, j) => `not seat.p${i}h${j}`).join(" and "), "express")).join("\n")}
${Array.from({ length: HOLES }, (_, j) => guardedScenario(`hole_${j}_shared`, 10 - j, sharedHole(j), "express")).join("\n")}
${guardedScenario("rest", 0, "true", "kiosk")}
`,
  },
] as const satisfies readonly CatalogEntry[];
