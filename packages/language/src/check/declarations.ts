/**
 * Collects every declaration of the program into one symbol table, keyed by
 * name per kind, and reports duplicates (primary span on the later one, a
 * related span on the first).
 *
 * Invariant: each map holds the first declaration of a name in source order
 * (files sorted by path, then position), so later stages resolve a duplicated
 * name deterministically and only the duplicate itself is reported.
 */
import type {
  ConsentDeclaration,
  Declaration,
  ConstDeclaration,
  ContextDeclaration,
  DecisionDeclaration,
  Identifier,
  MetricDeclaration,
  Program,
  ScenarioDeclaration,
  SegmentDeclaration,
  TestDeclaration,
  TypeDeclaration, ExperimentDeclaration, FixtureDeclaration } from "../ast.js";
import { BUILTIN_TYPES } from "../keywords.js";
import type { Reporter } from "./report.js";

export interface SymbolTable {
  readonly types: ReadonlyMap<string, TypeDeclaration>;
  readonly consts: ReadonlyMap<string, ConstDeclaration>;
  readonly segments: ReadonlyMap<string, SegmentDeclaration>;
  readonly decisions: ReadonlyMap<string, DecisionDeclaration>;
  readonly metrics: ReadonlyMap<string, MetricDeclaration>;
  readonly consents: ReadonlyMap<string, ConsentDeclaration>;
  readonly scenarios: ReadonlyMap<string, ScenarioDeclaration>;
  readonly experiments: ReadonlyMap<string, ExperimentDeclaration>;
  readonly fixtures: ReadonlyMap<string, FixtureDeclaration>;
  /** Every `context` block, in source order. */
  readonly contexts: readonly ContextDeclaration[];
  readonly tests: readonly TestDeclaration[];
  /** Every declaration in source order, duplicates included (they are still checked). */
  readonly all: readonly Declaration[];
}

const builtinTypes: ReadonlySet<string> = new Set(BUILTIN_TYPES);

/** Adds `name` to `map` unless taken; reports the duplicate naming both places. */
export function declareOnce<T>(
  map: Map<string, T>,
  name: Identifier,
  node: T,
  kind: string,
  nameOf: (existing: T) => Identifier,
  reporter: Reporter,
): boolean {
  const existing = map.get(name.name);
  if (existing === undefined) {
    map.set(name.name, node);
    return true;
  }
  const first = nameOf(existing);
  reporter.report("duplicate-declaration", name.span, `the ${kind} \`${name.name}\` is declared twice`, {
    related: [{ span: first.span, message: `\`${name.name}\` is first declared here` }],
    help: `rename one of them; ${kind} names are global to the program and must be unique`,
  });
  return false;
}

export function collectDeclarations(program: Program, reporter: Reporter): SymbolTable {
  const types = new Map<string, TypeDeclaration>();
  const consts = new Map<string, ConstDeclaration>();
  const segments = new Map<string, SegmentDeclaration>();
  const decisions = new Map<string, DecisionDeclaration>();
  const metrics = new Map<string, MetricDeclaration>();
  const consents = new Map<string, ConsentDeclaration>();
  const scenarios = new Map<string, ScenarioDeclaration>();
  const experiments = new Map<string, ExperimentDeclaration>();
  const fixtures = new Map<string, FixtureDeclaration>();
  const contexts: ContextDeclaration[] = [];
  const tests: TestDeclaration[] = [];
  const all: Declaration[] = [];
  const nameOf = (declaration: { readonly name: Identifier }): Identifier => declaration.name;

  for (const file of program.files) {
    for (const declaration of file.declarations) {
      all.push(declaration);
      switch (declaration.kind) {
        case "ContextDeclaration":
          contexts.push(declaration);
          break;
        case "TypeDeclaration":
          // A type may not take a built-in name: `int` must always mean int.
          if (builtinTypes.has(declaration.name.name)) {
            reporter.report("reserved-type-name", declaration.name.span, `\`${declaration.name.name}\` is a built-in type and cannot be redeclared`, {
              help: "choose another name for this type",
            });
          } else {
            declareOnce(types, declaration.name, declaration, "type", nameOf, reporter);
          }
          break;
        case "ConstDeclaration":
          declareOnce(consts, declaration.name, declaration, "const", nameOf, reporter);
          break;
        case "SegmentDeclaration":
          declareOnce(segments, declaration.name, declaration, "segment", nameOf, reporter);
          break;
        case "DecisionDeclaration":
          declareOnce(decisions, declaration.name, declaration, "decision", nameOf, reporter);
          break;
        case "MetricDeclaration":
          declareOnce(metrics, declaration.name, declaration, "metric", nameOf, reporter);
          break;
        case "ConsentDeclaration":
          declareOnce(consents, declaration.name, declaration, "consent gate", nameOf, reporter);
          break;
        case "ScenarioDeclaration":
          declareOnce(scenarios, declaration.name, declaration, "scenario", nameOf, reporter);
          break;
        case "TestDeclaration":
          tests.push(declaration);
          break;
        case "ExperimentDeclaration":
          declareOnce(experiments, declaration.name, declaration, "experiment", nameOf, reporter);
          break;
        case "FixtureDeclaration":
          declareOnce(fixtures, declaration.name, declaration, "fixture", nameOf, reporter);
          break;
      }
    }
  }
  return { types, consts, segments, decisions, metrics, consents, scenarios, experiments, fixtures, contexts, tests, all };
}
