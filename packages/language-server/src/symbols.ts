/**
 * The names of a program and every place each one is written: the index
 * behind hover, go to definition, find references, rename, highlights and
 * semantic tokens.
 *
 * A symbol's key says what it is: `segment:NAME`, `const:NAME`,
 * `decision:NAME`, `metric:NAME`, `scenario:NAME`, `type:NAME`,
 * `consent:NAME`, `experiment:NAME`, `arm:EXPERIMENT.ARM`, `fixture:NAME`, `pathway:S.P`,
 * `variation:S.P.V` (inline variations;
 * a variation that names a segment is an occurrence of the segment), and
 * for fields and enum members, which are found through types, the place of
 * their declaration (`field:FILE@OFFSET`, `member:FILE@OFFSET`). Paths through a
 * declared record type reach the same field from every use of the type.
 *
 * Resolution follows the checker's rules (docs/language.md): a bare word in
 * a condition is a segment, else a bool const, else a context field; a word
 * in a value is a member of the expected enum, else a const. The index is
 * built from syntax trees alone, so it works on programs with errors.
 */
import type {
  Assignment,
  Condition,
  DecisionDeclaration,
  EnumType,
  FieldDeclaration,
  Identifier,
  Path,
  Program,
  RecordLiteral,
  ScenarioDeclaration,
  Span,
  TypeDeclaration,
  TypeExpression,
  Value,
} from "@scn/language";
import { spanContains } from "./positions.js";

export type SymbolKind =
  | "segment"
  | "const"
  | "decision"
  | "metric"
  | "scenario"
  | "type"
  | "consent"
  | "pathway"
  | "variation"
  | "context-field"
  | "output-field"
  | "enum-member"
  | "experiment"
  | "arm"
  | "fixture";

export interface SymbolDefinition {
  readonly key: string;
  readonly kind: SymbolKind;
  readonly name: string;
  /** The defining identifier. */
  readonly nameSpan: Span;
  /** The whole declaration (field declaration, scenario, …). */
  readonly span: Span;
  /** For fields: the dotted path from the context or output root (`customer.loyalty`). */
  readonly path?: string;
  /** For output fields: the decision; for pathways and variations: the scenario. */
  readonly owner?: string;
  /** The declaration node, for hover. */
  readonly node: unknown;
}

export interface Occurrence {
  readonly key: string;
  readonly span: Span;
  readonly definition: boolean;
}

/** A field and what its type makes reachable below it. */
interface FieldNode {
  readonly key: string;
  readonly declaration: FieldDeclaration;
  readonly children: ReadonlyMap<string, FieldNode> | undefined;
  /** Member name → member key, when the field's type is an enum (or a list or optional of one). */
  readonly members: ReadonlyMap<string, string> | undefined;
}

const MAX_TYPE_DEPTH = 32;

export class SymbolIndex {
  readonly definitions = new Map<string, SymbolDefinition>();
  private readonly occurrencesByFile = new Map<string, Occurrence[]>();
  private readonly referencesByKey = new Map<string, Occurrence[]>();
  private readonly types = new Map<string, TypeDeclaration>();
  private readonly consts = new Set<string>();
  private readonly segments = new Set<string>();
  private readonly contextRoot = new Map<string, FieldNode>();
  private readonly outputs = new Map<string, Map<string, FieldNode>>();
  private readonly fieldNodes = new WeakMap<FieldDeclaration, FieldNode>();
  private readonly memberKeys = new WeakMap<EnumType, Map<string, string>>();
  /** Keys of the inline variations (`variation … when`), which rule references may name. */
  private readonly inlineVariations = new Set<string>();

  constructor(
    readonly program: Program,
    readonly textOf: (path: string) => string,
  ) {
    this.collect();
    this.resolveAll();
    for (const list of this.occurrencesByFile.values()) list.sort((a, b) => a.span.start.offset - b.span.start.offset);
  }

  // -------------------------------------------------------------------------
  // Queries

  /** The occurrence under the cursor. */
  at(file: string, offset: number): Occurrence | undefined {
    const list = this.occurrencesByFile.get(file) ?? [];
    let found: Occurrence | undefined;
    for (const occurrence of list) {
      if (occurrence.span.start.offset > offset) break;
      if (spanContains(occurrence.span, offset)) found = occurrence;
    }
    return found;
  }

  occurrencesIn(file: string): readonly Occurrence[] {
    return this.occurrencesByFile.get(file) ?? [];
  }

  /** Every occurrence of `key`, the definition included, in file then position order. */
  occurrencesOf(key: string): readonly Occurrence[] {
    return this.referencesByKey.get(key) ?? [];
  }

  /** Names of one kind (for completion and rename clash checks). */
  namesOf(kind: SymbolKind): string[] {
    const names = new Set<string>();
    for (const definition of this.definitions.values()) if (definition.kind === kind) names.add(definition.name);
    return [...names].sort();
  }

  /** The fields below a dotted context path (`""` for the top level), for completion. */
  contextChildren(path: string): FieldNode[] | undefined {
    let level: ReadonlyMap<string, FieldNode> | undefined = this.contextRoot;
    if (path !== "") {
      for (const part of path.split(".")) {
        level = level?.get(part)?.children;
        if (!level) return undefined;
      }
    }
    return [...level.values()];
  }

  /** The context field at a dotted path. */
  contextField(path: string): FieldNode | undefined {
    const parts = path.split(".");
    let node: FieldNode | undefined;
    let level: ReadonlyMap<string, FieldNode> | undefined = this.contextRoot;
    for (const part of parts) {
      node = level?.get(part);
      level = node?.children;
      if (!node) return undefined;
    }
    return node;
  }

  outputFields(decision: string): ReadonlyMap<string, FieldNode> | undefined {
    return this.outputs.get(decision);
  }

  isConst(name: string): boolean {
    return this.consts.has(name);
  }

  isSegment(name: string): boolean {
    return this.segments.has(name);
  }

  // -------------------------------------------------------------------------
  // Building

  private define(definition: SymbolDefinition): void {
    if (!this.definitions.has(definition.key)) this.definitions.set(definition.key, definition);
    this.occur(definition.key, definition.nameSpan, true);
  }

  private occur(key: string, span: Span, definition = false): void {
    const occurrence: Occurrence = { key, span, definition };
    const inFile = this.occurrencesByFile.get(span.file);
    if (inFile) inFile.push(occurrence);
    else this.occurrencesByFile.set(span.file, [occurrence]);
    const ofKey = this.referencesByKey.get(key);
    if (ofKey) ofKey.push(occurrence);
    else this.referencesByKey.set(key, [occurrence]);
  }

  /** First pass: every declared name, so that uses may precede declarations. */
  private collect(): void {
    for (const file of this.program.files) {
      for (const declaration of file.declarations) {
        switch (declaration.kind) {
          case "TypeDeclaration":
            if (!this.types.has(declaration.name.name)) this.types.set(declaration.name.name, declaration);
            break;
          case "ConstDeclaration":
            this.consts.add(declaration.name.name);
            break;
          case "SegmentDeclaration":
            this.segments.add(declaration.name.name);
            break;
          case "ScenarioDeclaration":
            for (const member of declaration.members) {
              if (member.kind !== "Pathway") continue;
              for (const item of member.members) {
                if (item.kind === "Variation" && item.when) this.inlineVariations.add(`variation:${declaration.name.name}.${member.name.name}.${item.name.name}`);
              }
            }
            break;
          default:
            break;
        }
      }
    }
    for (const file of this.program.files) {
      for (const declaration of file.declarations) {
        if (declaration.kind === "ContextDeclaration") {
          for (const field of declaration.fields) {
            if (!this.contextRoot.has(field.name.name)) this.contextRoot.set(field.name.name, this.fieldNode(field, "context-field", field.name.name, undefined, 0));
          }
        } else if (declaration.kind === "DecisionDeclaration") {
          const fields = new Map<string, FieldNode>();
          for (const member of declaration.members) {
            if (member.kind !== "OutputBlock") continue;
            for (const field of member.fields) {
              if (!fields.has(field.name.name)) fields.set(field.name.name, this.fieldNode(field, "output-field", field.name.name, declaration.name.name, 0));
            }
          }
          if (!this.outputs.has(declaration.name.name)) this.outputs.set(declaration.name.name, fields);
        }
      }
    }
  }

  private fieldNode(field: FieldDeclaration, kind: "context-field" | "output-field", path: string, owner: string | undefined, depth: number): FieldNode {
    const existing = this.fieldNodes.get(field);
    if (existing) return existing;
    const key = `field:${field.name.span.file}@${field.name.span.start.offset}`;
    const reach = this.reachOf(field.type, kind, path, owner, depth, new Set());
    const node: FieldNode = { key, declaration: field, children: reach.children, members: reach.members };
    this.fieldNodes.set(field, node);
    this.define({ key, kind, name: field.name.name, nameSpan: field.name.span, span: field.span, path, ...(owner ? { owner } : {}), node: field });
    return node;
  }

  private reachOf(
    type: TypeExpression,
    kind: "context-field" | "output-field",
    path: string,
    owner: string | undefined,
    depth: number,
    seenTypes: Set<string>,
  ): { children: Map<string, FieldNode> | undefined; members: Map<string, string> | undefined } {
    if (depth > MAX_TYPE_DEPTH) return { children: undefined, members: undefined };
    switch (type.kind) {
      case "OptionalType":
        return this.reachOf(type.inner, kind, path, owner, depth + 1, seenTypes);
      case "ListType":
        return this.reachOf(type.element, kind, path, owner, depth + 1, seenTypes);
      case "EnumType":
        return { children: undefined, members: this.membersOf(type) };
      case "RecordType": {
        const children = new Map<string, FieldNode>();
        for (const field of type.fields) {
          if (!children.has(field.name.name)) children.set(field.name.name, this.fieldNode(field, kind, `${path}.${field.name.name}`, owner, depth + 1));
        }
        return { children, members: undefined };
      }
      case "TypeReference": {
        const declared = this.types.get(type.name.name);
        if (!declared || seenTypes.has(type.name.name)) return { children: undefined, members: undefined };
        return this.reachOf(declared.type, kind, path, owner, depth + 1, new Set([...seenTypes, type.name.name]));
      }
    }
  }

  private membersOf(type: EnumType): Map<string, string> {
    let keys = this.memberKeys.get(type);
    if (keys) return keys;
    keys = new Map();
    for (const member of type.members) {
      const key = `member:${member.span.file}@${member.span.start.offset}`;
      if (!keys.has(member.name)) keys.set(member.name, key);
    }
    this.memberKeys.set(type, keys);
    return keys;
  }

  /** Second pass: every declaration and every use. */
  private resolveAll(): void {
    const definedMembers = new WeakSet<EnumType>();
    const defineMembers = (type: TypeExpression): void => {
      this.visitTypes(type, (node) => {
        if (node.kind === "EnumType" && !definedMembers.has(node)) {
          definedMembers.add(node);
          const keys = this.membersOf(node);
          for (const member of node.members) {
            const key = keys.get(member.name)!;
            if (this.definitions.has(key) || key !== `member:${member.span.file}@${member.span.start.offset}`) continue;
            this.define({ key, kind: "enum-member", name: member.name, nameSpan: member.span, span: member.span, node: node });
          }
        }
        if (node.kind === "TypeReference" && this.types.has(node.name.name)) this.occur(`type:${node.name.name}`, node.name.span);
      });
    };
    for (const file of this.program.files) {
      for (const declaration of file.declarations) {
        switch (declaration.kind) {
          case "ContextDeclaration":
            for (const field of declaration.fields) {
              defineMembers(field.type);
              // Fields declared in a second `context` block with a name already
              // taken are still definitions of their own (the checker reports them).
              if (this.contextRoot.get(field.name.name)?.declaration !== field) this.fieldNode(field, "context-field", field.name.name, undefined, 0);
            }
            break;
          case "TypeDeclaration":
            this.define({ key: `type:${declaration.name.name}`, kind: "type", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            defineMembers(declaration.type);
            this.registerRecordFields(declaration.type, declaration.name.name);
            break;
          case "ConstDeclaration":
            this.define({ key: `const:${declaration.name.name}`, kind: "const", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            this.value(declaration.value, undefined);
            break;
          case "SegmentDeclaration":
            this.define({ key: `segment:${declaration.name.name}`, kind: "segment", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            this.condition(declaration.condition);
            break;
          case "ConsentDeclaration":
            this.define({ key: `consent:${declaration.name.name}`, kind: "consent", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            this.contextPath(declaration.path);
            break;
          case "MetricDeclaration":
            this.define({ key: `metric:${declaration.name.name}`, kind: "metric", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            break;
          case "DecisionDeclaration":
            this.decision(declaration, defineMembers);
            break;
          case "ExperimentDeclaration":
            this.define({ key: `experiment:${declaration.name.name}`, kind: "experiment", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            for (const member of declaration.members) {
              if (member.kind === "ArmsBlock") {
                for (const arm of member.arms) {
                  this.define({ key: `arm:${declaration.name.name}.${arm.name.name}`, kind: "arm", name: arm.name.name, nameSpan: arm.name.span, span: arm.span, owner: declaration.name.name, node: arm });
                }
              } else if (member.kind === "MetricsBlock") {
                for (const use of member.uses) this.occur(`metric:${use.metric.name}`, use.metric.span);
              }
            }
            break;
          case "ScenarioDeclaration":
            this.scenario(declaration);
            break;
          case "FixtureDeclaration":
            this.define({ key: `fixture:${declaration.name.name}`, kind: "fixture", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
            if (declaration.base) this.occur(`fixture:${declaration.base.name}`, declaration.base.span);
            this.record(declaration.value, this.contextRoot);
            break;
          case "TestDeclaration":
            for (const member of declaration.members) {
              if (member.kind === "Given") {
                if (member.fixture) this.occur(`fixture:${member.fixture.name}`, member.fixture.span);
                if (member.value) this.record(member.value, this.contextRoot);
              } else {
                this.decisionReference(member.decision);
                if (member.kind === "ExpectOutput") this.record(member.output, this.outputs.get(member.decision.name));
                else if (member.kind === "ExpectRule" && member.target.kind === "RuleReference") {
                  const target = member.target;
                  this.occur(`scenario:${target.scenario.name}`, target.scenario.span);
                  this.occur(`pathway:${target.scenario.name}.${target.pathway.name}`, target.pathway.span);
                  if (target.variation) {
                    const inline = `variation:${target.scenario.name}.${target.pathway.name}.${target.variation.name}`;
                    this.occur(this.segments.has(target.variation.name) && !this.inlineVariations.has(inline) ? `segment:${target.variation.name}` : inline, target.variation.span);
                  }
                }
              }
            }
            break;
        }
      }
    }
  }

  /** Fields of a declared record type are reachable only through the fields that use it; declare them even when unused. */
  private registerRecordFields(type: TypeExpression, typeName: string): void {
    if (type.kind !== "RecordType") return;
    for (const field of type.fields) {
      if (!this.fieldNodes.has(field)) this.fieldNode(field, "context-field", `${typeName}.${field.name.name}`, undefined, 0);
    }
  }

  private visitTypes(type: TypeExpression, visit: (node: TypeExpression) => void): void {
    visit(type);
    switch (type.kind) {
      case "OptionalType":
        return this.visitTypes(type.inner, visit);
      case "ListType":
        return this.visitTypes(type.element, visit);
      case "RecordType":
        for (const field of type.fields) this.visitTypes(field.type, visit);
        return;
      default:
        return;
    }
  }

  private decisionReference(name: Identifier): void {
    this.occur(`decision:${name.name}`, name.span);
  }

  private decision(declaration: DecisionDeclaration, defineMembers: (type: TypeExpression) => void): void {
    this.define({ key: `decision:${declaration.name.name}`, kind: "decision", name: declaration.name.name, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
    const outputs = this.outputs.get(declaration.name.name);
    for (const member of declaration.members) {
      if (member.kind === "OutputBlock") {
        for (const field of member.fields) {
          defineMembers(field.type);
          if (outputs?.get(field.name.name)?.declaration !== field) this.fieldNode(field, "output-field", field.name.name, declaration.name.name, 0);
        }
      } else if (member.kind === "DefaultBlock") {
        for (const assignment of member.assignments) this.assignment(assignment, outputs);
      }
    }
  }

  private scenario(declaration: ScenarioDeclaration): void {
    const scenario = declaration.name.name;
    this.define({ key: `scenario:${scenario}`, kind: "scenario", name: scenario, nameSpan: declaration.name.span, span: declaration.span, node: declaration });
    this.decisionReference(declaration.decision);
    const outputs = this.outputs.get(declaration.decision.name);
    for (const member of declaration.members) {
      switch (member.kind) {
        case "Situation":
          this.condition(member.condition);
          break;
        case "Pathway":
          this.define({ key: `pathway:${scenario}.${member.name.name}`, kind: "pathway", name: member.name.name, nameSpan: member.name.span, span: member.span, owner: scenario, node: member });
          if (member.when) this.condition(member.when);
          for (const item of member.members) {
            if (item.kind === "Assignment") this.assignment(item, outputs);
            else {
              if (item.when) {
                const key = `variation:${scenario}.${member.name.name}.${item.name.name}`;
                this.define({ key, kind: "variation", name: item.name.name, nameSpan: item.name.span, span: item.span, owner: `${scenario}.${member.name.name}`, node: item });
                this.condition(item.when);
              } else {
                this.occur(`segment:${item.name.name}`, item.name.span);
              }
              for (const assignment of item.assignments) this.assignment(assignment, outputs);
              if (item.split) {
                const experiment = item.split.experiment.name;
                this.occur(`experiment:${experiment}`, item.split.experiment.span);
                for (const arm of item.split.arms) {
                  this.occur(`arm:${experiment}.${arm.name.name}`, arm.name.span);
                  for (const assignment of arm.assignments) this.assignment(assignment, outputs);
                }
              }
            }
          }
          break;
        case "MetricsBlock":
          for (const use of member.uses) this.occur(`metric:${use.metric.name}`, use.metric.span);
          break;
        default:
          break;
      }
    }
  }

  private assignment(assignment: Assignment, fields: ReadonlyMap<string, FieldNode> | undefined): void {
    const field = fields?.get(assignment.field.name);
    if (field) this.occur(field.key, assignment.field.span);
    if (assignment.value.kind === "Record") this.record(assignment.value, field?.children);
    else this.value(assignment.value, field?.members);
  }

  private record(record: RecordLiteral, fields: ReadonlyMap<string, FieldNode> | undefined): void {
    for (const entry of record.entries) this.assignment(entry, fields);
  }

  /** A value where `members` are the expected enum's members (if any). */
  private value(value: Value, members: ReadonlyMap<string, string> | undefined): void {
    switch (value.kind) {
      case "Path":
        if (value.segments.length === 1) {
          const word = value.segments[0]!;
          const member = members?.get(word.name);
          if (member) this.occur(member, word.span);
          else if (this.consts.has(word.name)) this.occur(`const:${word.name}`, word.span);
        } else {
          this.contextPath(value);
        }
        return;
      case "List":
        for (const item of value.items) this.value(item, members);
        return;
      case "Record":
        for (const entry of value.entries) this.value(entry.value, undefined);
        return;
      case "Range":
        this.value(value.low, undefined);
        this.value(value.high, undefined);
        return;
      default:
        return;
    }
  }

  /** A context path: each segment is an occurrence of the field it reaches. Returns the last field. */
  private contextPath(path: Path): FieldNode | undefined {
    let level: ReadonlyMap<string, FieldNode> | undefined = this.contextRoot;
    let node: FieldNode | undefined;
    for (const segment of path.segments) {
      node = level?.get(segment.name);
      if (!node) return undefined;
      this.occur(node.key, segment.span);
      level = node.children;
    }
    return node;
  }

  private subject(path: Path): FieldNode | undefined {
    if (path.segments.length === 1) {
      const word = path.segments[0]!;
      if (!this.contextRoot.has(word.name) && this.consts.has(word.name)) {
        this.occur(`const:${word.name}`, word.span);
        return undefined;
      }
    }
    return this.contextPath(path);
  }

  private condition(condition: Condition): void {
    switch (condition.kind) {
      case "Or":
      case "And":
        for (const operand of condition.operands) this.condition(operand);
        return;
      case "Not":
        return this.condition(condition.operand);
      case "Paren":
        return this.condition(condition.inner);
      case "BoolCondition":
        return;
      case "Reference": {
        const path = condition.path;
        if (path.segments.length === 1) {
          const word = path.segments[0]!;
          if (this.segments.has(word.name)) return this.occur(`segment:${word.name}`, word.span);
          if (this.consts.has(word.name)) return this.occur(`const:${word.name}`, word.span);
        }
        this.contextPath(path);
        return;
      }
      case "Compare":
      case "Contains": {
        const field = this.subject(condition.subject);
        this.value(condition.value, field?.members);
        return;
      }
      case "In": {
        const field = this.subject(condition.subject);
        this.value(condition.set, field?.members);
        return;
      }
      case "Present":
        this.subject(condition.subject);
        return;
    }
  }
}

export type { FieldNode };
