/**
 * The errors the runtime throws. Throwing is reserved for its API boundary:
 * a bundle that is not a valid `scn.bundle/5`, a decision name the bundle
 * does not have (a caller bug), and, in strict mode only, a context that
 * does not match the context schema. Each error carries its problems as
 * data so a caller never has to parse the message.
 */
import { describeValue } from "./describe-value.js";
import type { ContextProblem } from "./validate-context.js";

/** How many problems an error message spells out; `.problems` holds them all. */
const LISTED_IN_MESSAGE = 20;

function listing(lines: readonly string[]): string {
  const shown = lines
    .slice(0, LISTED_IN_MESSAGE)
    .map((line) => `\n  - ${line}`)
    .join("");
  const more = lines.length > LISTED_IN_MESSAGE ? `\n  … and ${lines.length - LISTED_IN_MESSAGE} more` : "";
  return shown + more;
}

/** The input is not a valid `scn.bundle/5` document. */
export class BundleFormatError extends Error {
  override readonly name = "BundleFormatError";
  /** `path: message` lines, e.g. `decisions.returns.rows[3].outcome: …`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`not a valid scn bundle (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):${listing(problems)}`);
    this.problems = Object.freeze([...problems]);
  }
}

/** Strict mode: the context does not match the bundle's context schema. */
export class ContextError extends Error {
  override readonly name = "ContextError";
  readonly problems: readonly ContextProblem[];

  constructor(problems: readonly ContextProblem[]) {
    const lines = problems.map((problem) => `${problem.path === "" ? "(context)" : problem.path}: ${problem.message}`);
    super(`the context does not match the bundle's context schema:${listing(lines)}`);
    this.problems = Object.freeze([...problems]);
  }
}

/** `decide` or `explain` was asked for a decision the bundle does not have. */
export class UnknownDecisionError extends Error {
  override readonly name = "UnknownDecisionError";
  readonly decision: string;
  readonly known: readonly string[];

  constructor(decision: string, known: readonly string[]) {
    const names = known.length === 0 ? "the bundle has no decisions" : `the bundle has ${known.map((name) => `\`${name}\``).join(", ")}`;
    super(`unknown decision ${describeValue(decision)}; ${names}`);
    this.decision = decision;
    this.known = known;
  }
}
