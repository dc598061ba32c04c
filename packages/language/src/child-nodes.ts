/**
 * Which properties of each syntax node hold child nodes, in source order.
 *
 * Prettier walks the tree through these keys when it attaches comments, so
 * they decide which nodes a comment can land on. The table is typed over every
 * node kind: adding a kind to the syntax tree fails the build until its
 * children are listed here. Spans, `raw` text and flags are deliberately not
 * children.
 */
import type { Node, NodeKind } from "./ast.js";

type ChildKeys = { readonly [K in NodeKind]: readonly (keyof Extract<Node, { kind: K }>)[] };

const CHILD_KEYS: ChildKeys = {
  Identifier: [],
  Path: ["segments"],
  String: [],
  Number: [],
  Bool: [],
  Percent: [],
  Date: [],
  Range: ["low", "high"],
  List: ["items"],
  Record: ["entries"],
  Assignment: ["field", "value"],
  TypeReference: ["name", "range"],
  EnumType: ["members"],
  ListType: ["element"],
  RecordType: ["fields"],
  OptionalType: ["inner"],
  FieldDeclaration: ["name", "type"],
  Or: ["operands"],
  And: ["operands"],
  Not: ["operand"],
  Paren: ["inner"],
  BoolCondition: [],
  Reference: ["path"],
  Compare: ["subject", "value"],
  In: ["subject", "set"],
  Contains: ["subject", "value"],
  Present: ["subject"],
  Property: ["key", "value"],
  ContextDeclaration: ["fields"],
  TypeDeclaration: ["name", "type"],
  ConstDeclaration: ["name", "value"],
  SegmentDeclaration: ["name", "title", "condition"],
  DecisionDeclaration: ["name", "title", "members"],
  MetricDeclaration: ["name", "title", "properties"],
  ConsentDeclaration: ["name", "path"],
  ScenarioDeclaration: ["name", "title", "decision", "members"],
  OutputBlock: ["fields"],
  DefaultBlock: ["assignments"],
  Situation: ["condition"],
  Goal: ["text"],
  Variation: ["name", "when", "assignments", "split"],
  Split: ["experiment", "arms"],
  SplitArm: ["name", "assignments"],
  ExperimentDeclaration: ["name", "title", "members"],
  ArmsBlock: ["arms"],
  ExperimentArm: ["name", "weight"],
  ExpectArm: ["decision", "arm"],
  Pathway: ["name", "when", "members"],
  MetricWindow: ["amount"],
  MetricUse: ["metric", "target", "within"],
  MetricsBlock: ["uses"],
  Given: ["fixture", "value"],
  FixtureDeclaration: ["name", "base", "value"],
  RuleReference: ["scenario", "pathway", "variation"],
  // The `default` / `none` targets are keywords, not nodes: only a rule
  // reference is a child.
  ExpectRule: ["decision", "target"],
  ExpectOutput: ["decision", "output"],
  TestDeclaration: ["title", "members"],
  LineComment: [],
  BlockComment: [],
  SourceFile: ["declarations"],
};

/** Every node kind of the syntax tree. */
export const NODE_KINDS = Object.keys(CHILD_KEYS) as readonly NodeKind[];

const isNodeKind = (kind: unknown): kind is NodeKind => typeof kind === "string" && Object.hasOwn(CHILD_KEYS, kind);

/** Whether a value is a syntax node (the `default`/`none` expect targets are not). */
export function isSyntaxNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && isNodeKind((value as { kind?: unknown }).kind);
}

/** The property names of `node` that hold children. */
export function childKeys(node: Node): readonly string[] {
  return CHILD_KEYS[node.kind] as readonly string[];
}

/** The child nodes of `node`, in source order. */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const key of childKeys(node)) {
    const value: unknown = (node as unknown as Record<string, unknown>)[key];
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of values) if (isSyntaxNode(child)) children.push(child);
  }
  return children.sort((a, b) => a.span.start.offset - b.span.start.offset);
}
