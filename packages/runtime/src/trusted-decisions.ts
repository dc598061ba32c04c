/**
 * Answers from a bundle the caller has just made in memory, without
 * reading it as a file: `loadBundle` copies its input through JSON and
 * checks every field and every encoded integer, which is what a bundle
 * from anywhere needs, but the compiler, answering the conformance vectors
 * of the bundle it built a moment ago from the same objects, only pays for
 * it (about a quarter of a second at 1,000 scenarios and 50 MB at 10,000;
 * docs/optimizer.md#conformance-witnesses). The decisions are prepared
 * exactly as `loadBundle` prepares them (compileDecision), so the answers
 * are the runtime's; nothing here checks the bundle.
 */
import type { Answer, Bundle, DecisionTable } from "./bundle.js";
import { compileDecision, type CompiledDecision } from "./compile-decision.js";
import { compileConsent, decideOne } from "./decide.js";
import { UnknownDecisionError } from "./errors.js";
import type { WalkerTable } from "./walker.js";

/**
 * `decide` over `bundle`, whose decisions' tables as the file holds them
 * `encoded` gives (walked as they are when they can be; undefined: the
 * rows are encoded again).
 * The bundle must be valid: it is not checked. Its outcomes are copied
 * before they are frozen, so the caller's objects stay as they were.
 */
export function trustedDecisions(bundle: Omit<Bundle, "hash">, encoded: (decision: string) => WalkerTable | undefined): (decision: string, context: unknown) => Answer {
  const gates = compileConsent(bundle.consent);
  const decisions = new Map<string, CompiledDecision>();
  const names = Object.keys(bundle.decisions);
  for (const name of names) {
    const table = bundle.decisions[name] as DecisionTable;
    const own: DecisionTable = { ...table, outcomes: JSON.parse(JSON.stringify(table.outcomes)) as DecisionTable["outcomes"], default: table.default === null ? null : (JSON.parse(JSON.stringify(table.default)) as DecisionTable["default"]) };
    decisions.set(name, compileDecision(name, own, gates, encoded(name)));
  }
  return (name, context) => {
    const decision = decisions.get(name);
    if (decision === undefined) throw new UnknownDecisionError(name, names);
    return decideOne(decision, context);
  };
}
