/**
 * Checks `test` blocks: the `given` object against the context schema, and
 * each `expect` against the program (the decision exists; the expected rule
 * names a scenario for that decision, one of its pathways and, optionally, a
 * variation of that pathway; a partial output matches the decision's output
 * types).
 *
 * Invariant: `given` and expected outputs come out as plain JSON, exactly
 * what a runtime receives and returns; rule ids use the `scenario/pathway[/variation]`
 * form of docs/language.md#116-the-answer.
 */
import type { ExpectArm, ExpectOutput, ExpectRule, GivenBlock, RuleReference, TestDeclaration } from "../ast.js";
import type { CheckedExpectation, CheckedExperiment, CheckedTest, JsonObject } from "../checked.js";
import { listMembers } from "./describe.js";
import type { SymbolTable } from "./declarations.js";
import type { DecisionInfo } from "./decisions.js";
import { leadingSpan } from "./spans.js";
import { didYouMean } from "./suggest.js";
import { checkAssignments, type ValueEnvironment } from "./values.js";
import { checkRecordLayer, mergeContexts, type FixtureTable } from "./fixtures.js";

export interface TestEnvironment extends ValueEnvironment {
  readonly symbols: SymbolTable;
  readonly decisions: ReadonlyMap<string, DecisionInfo>;
  readonly experiments?: ReadonlyMap<string, CheckedExperiment>;
  readonly fixtures: FixtureTable;
}

export function checkTest(declaration: TestDeclaration, env: TestEnvironment): CheckedTest {
  const givens = declaration.members.filter((member): member is GivenBlock => member.kind === "Given");
  const first = givens[0];
  for (const extra of givens.slice(1)) {
    env.reporter.report("duplicate-member", leadingSpan(extra.span, "given".length), "a test has one `given` block", {
      related: first ? [{ span: leadingSpan(first.span, "given".length), message: "the first `given`" }] : [],
      help: "put the whole context in one `given`",
    });
  }
  const given: JsonObject = first ? givenContext(first, env) : {};
  const expectations: CheckedExpectation[] = [];
  for (const member of declaration.members) {
    if (member.kind === "ExpectRule") expectations.push(checkExpectRule(member, env));
    else if (member.kind === "ExpectOutput") expectations.push(checkExpectOutput(member, env));
    else if (member.kind === "ExpectArm") expectations.push(checkExpectArm(member, env));
  }
  return { title: declaration.title.value, given, expectations, span: declaration.span };
}

/**
 * The test's context: its fixture's context (when it names one) with the
 * test's own record merged over it (docs/language.md#99-fixture-named-test-contexts).
 */
function givenContext(given: GivenBlock, env: TestEnvironment): JsonObject {
  const base = given.fixture ? (env.fixtures.contextOf(given.fixture) ?? {}) : {};
  const own = given.value ? checkRecordLayer(given.value, env) : {};
  return mergeContexts(base, own);
}

/** `expect D arm ARM`: the arm must be one some experiment has (`none`: the answer carries no experiment). */
function checkExpectArm(member: ExpectArm, env: TestEnvironment): CheckedExpectation {
  decisionOf(member, env);
  const arm = member.arm.name;
  if (arm === "none") return { kind: "arm", decision: member.decision.name, arm: null, span: member.span };
  const arms = [...new Set([...(env.experiments?.values() ?? [])].flatMap((experiment) => experiment.arms.map((a) => a.name)))];
  if (!arms.includes(arm)) {
    const help = didYouMean(arm, arms);
    env.reporter.report("unknown-arm", member.arm.span, `no experiment has an arm \`${arm}\``, {
      help: help ?? (arms.length > 0 ? `the arms are ${listMembers(arms)}; \`arm none\` expects no experiment` : "write `arm none` to expect an answer with no experiment"),
    });
  }
  return { kind: "arm", decision: member.decision.name, arm, span: member.span };
}

function decisionOf(member: ExpectRule | ExpectOutput | ExpectArm, env: TestEnvironment): DecisionInfo | undefined {
  const found = env.decisions.get(member.decision.name);
  if (!found) {
    const help = didYouMean(member.decision.name, env.decisions.keys());
    env.reporter.report("unknown-decision", member.decision.span, `there is no decision named \`${member.decision.name}\``, help ? { help } : {});
  }
  return found;
}

function checkExpectRule(member: ExpectRule, env: TestEnvironment): CheckedExpectation {
  const decision = decisionOf(member, env);
  const target = member.target;
  const name = member.decision.name;
  if (target.kind === "ExpectDefault") {
    if (decision && decision.checked.default === null) {
      env.reporter.report("unknown-expected-rule", target.span, `the decision \`${name}\` has no \`default\`, so it can never answer with it`, {
        help: "expect `none` for contexts no scenario claims, or add a `default` to the decision",
      });
    }
    return { kind: "default", decision: name, span: member.span };
  }
  if (target.kind === "ExpectNone") return { kind: "none", decision: name, span: member.span };
  if (decision) checkRuleReference(target, name, env);
  const rule = [target.scenario.name, target.pathway.name, ...(target.variation ? [target.variation.name] : [])].join("/");
  return { kind: "rule", decision: name, rule, span: member.span };
}

/** The expected rule must exist and belong to the expected decision. */
function checkRuleReference(target: RuleReference, decision: string, env: TestEnvironment): void {
  const { reporter, symbols } = env;
  const scenario = symbols.scenarios.get(target.scenario.name);
  if (!scenario) {
    const candidates = [...symbols.scenarios.values()].filter((s) => s.decision.name === decision).map((s) => s.name.name);
    const help = didYouMean(target.scenario.name, candidates);
    reporter.report("unknown-expected-rule", target.scenario.span, `there is no scenario named \`${target.scenario.name}\``, help ? { help } : {});
    return;
  }
  if (scenario.decision.name !== decision) {
    reporter.report("unknown-expected-rule", target.scenario.span, `the scenario \`${target.scenario.name}\` answers \`${scenario.decision.name}\`, not \`${decision}\``, {
      related: [{ span: scenario.decision.span, message: "its decision is named here" }],
    });
    return;
  }
  const pathways = scenario.members.flatMap((member) => (member.kind === "Pathway" ? [member] : []));
  const pathway = pathways.find((p) => p.name.name === target.pathway.name);
  if (!pathway) {
    const help = didYouMean(target.pathway.name, pathways.map((p) => p.name.name));
    reporter.report("unknown-expected-rule", target.pathway.span, `the scenario \`${target.scenario.name}\` has no pathway \`${target.pathway.name}\``, help ? { help } : {});
    return;
  }
  const variation = target.variation;
  if (!variation) return;
  const names = pathway.members.flatMap((member) => (member.kind === "Variation" ? [member.name.name] : []));
  if (!names.includes(variation.name)) {
    const help = didYouMean(variation.name, names);
    reporter.report("unknown-expected-rule", variation.span, `the pathway \`${target.scenario.name}/${target.pathway.name}\` has no variation \`${variation.name}\``, help ? { help } : {});
  }
}

function checkExpectOutput(member: ExpectOutput, env: TestEnvironment): CheckedExpectation {
  const decision = decisionOf(member, env);
  const output = decision?.hasOutput
    ? checkAssignments(member.output.entries, decision.checked.output, { site: "expected", prefix: "" }, env).value
    : {};
  return { kind: "output", decision: member.decision.name, output, span: member.span };
}
