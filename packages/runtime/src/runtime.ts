/**
 * `loadBundle`: the runtime's entry point. It reads and checks a bundle,
 * prepares every decision for fast evaluation, and returns a Runtime whose
 * methods answer, explain and validate contexts.
 *
 * Throwing is reserved for this API boundary (see errors.ts): a bad bundle
 * throws BundleFormatError from `loadBundle`; an unknown decision name throws
 * UnknownDecisionError (asking for a decision the bundle lacks is a bug in
 * the caller, and answering `none` would hide it); in strict mode a context
 * that does not match the context schema throws ContextError. In lenient mode
 * (the default) no context makes `decide` throw: wrongly typed values count
 * as absent.
 *
 * Invariant: a Runtime is immutable; its methods may be detached
 * (`const { decide } = runtime`) and called any number of times.
 */
import type { Answer, Bundle, MetricMeta, ScenarioMeta } from "./bundle.js";
import { compileDecision, deepFreeze, type CompiledDecision } from "./compile-decision.js";
import { readContextSchema } from "./context-schema.js";
import { compileConsent, decideOne } from "./decide.js";
import { BundleFormatError, ContextError, UnknownDecisionError } from "./errors.js";
import { explainDecision, type Explanation } from "./explain.js";
import { encodedFormOf, readBundle } from "./load-bundle.js";
import { validateAgainstSchema, type ContextProblem } from "./validate-context.js";

export interface LoadOptions {
  /** Validate every context against the context schema before answering, and throw ContextError on any problem. */
  readonly strict?: boolean;
}

/** The bundle's metadata, frozen. */
export interface BundleInfo {
  readonly format: Bundle["format"];
  readonly compiler: string;
  readonly hash: string;
  readonly sources: readonly string[];
  readonly context: Bundle["context"];
  readonly consent: readonly { readonly name: string; readonly path: string }[];
  readonly scenarios: { readonly [name: string]: ScenarioMeta };
  readonly metrics: { readonly [name: string]: MetricMeta };
}

export interface Runtime {
  readonly bundle: BundleInfo;
  /** Decision names, in bundle order. */
  readonly decisions: readonly string[];
  readonly strict: boolean;
  /**
   * Answers `decision` for `context`. Throws UnknownDecisionError for a name
   * not in `decisions`, and, in strict mode, ContextError when the context
   * has problems.
   */
  decide(decision: string, context: unknown): Answer;
  /** `decide` plus a trace of how the answer was found; throws as `decide` does. */
  explain(decision: string, context: unknown): Explanation;
  /** Every problem of `context` against the context schema (empty: valid). Never throws. */
  validateContext(context: unknown): ContextProblem[];
}

/**
 * Loads a bundle given as JSON text or as an already parsed value. Throws
 * BundleFormatError, with every problem in `.problems`, when it is not a
 * valid `scn.bundle/5`.
 */
export function loadBundle(json: unknown, options: LoadOptions = {}): Runtime {
  const read = readBundle(json);
  if (read.value === null) throw new BundleFormatError(read.problems);
  const bundle = read.value;
  // checkBundle has already reported any problem in the schema, so this read is clean.
  const schema = readContextSchema(bundle.context).value;
  const strict = options.strict === true;
  const consent = compileConsent(bundle.consent);
  const sources = Object.freeze(bundle.sources);
  const decisions = new Map<string, CompiledDecision>(
    Object.keys(bundle.decisions).map((name) => {
      const table = bundle.decisions[name] as Bundle["decisions"][string];
      return [name, compileDecision(name, table, consent, encodedFormOf(table))];
    }),
  );
  const names = Object.freeze([...decisions.keys()]);

  const decisionNamed = (name: string): CompiledDecision => {
    const decision = decisions.get(name);
    if (decision === undefined) throw new UnknownDecisionError(name, names);
    return decision;
  };
  const validateContext = (context: unknown): ContextProblem[] => validateAgainstSchema(schema, context);
  const admit = (context: unknown): void => {
    if (!strict) return;
    const problems = validateContext(context);
    if (problems.length > 0) throw new ContextError(problems);
  };

  return Object.freeze({
    bundle: deepFreeze({
      format: bundle.format,
      compiler: bundle.compiler,
      hash: bundle.hash,
      sources,
      context: bundle.context,
      consent: bundle.consent,
      scenarios: bundle.scenarios,
      metrics: bundle.metrics,
    }),
    decisions: names,
    strict,
    decide(name: string, context: unknown): Answer {
      const decision = decisionNamed(name);
      admit(context);
      return decideOne(decision, context);
    },
    explain(name: string, context: unknown): Explanation {
      const decision = decisionNamed(name);
      admit(context);
      return explainDecision(decision, context, sources);
    },
    validateContext,
  });
}
