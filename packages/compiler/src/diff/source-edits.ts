/**
 * The source edits between two versions of a program, declaration by
 * declaration, so that `scn diff` can group the changes in behavior by the
 * edit that causes them (docs/ci.md, "What it compares"). Two declarations
 * are the same edit target when they have the same kind and name; one is
 * edited when its text differs once comments and layout are set aside, so a
 * reformatted or commented file has no edits. A scenario whose only changes
 * are inside existing pathways gives one edit per changed pathway.
 *
 * `applyEdit` makes the program "old version plus this one edit", whose
 * answers tell which edit a change in behavior comes from (diff-bundles.ts).
 *
 * Invariant: applying every edit of `sourceEdits(a, b)` would give a program
 * equal to `b` up to layout, comments and declaration order; tests are never
 * edits (they do not change behavior).
 */
import { parseFile, type Comment, type Declaration, type Pathway, type ScenarioDeclaration, type SourceFile } from "@scn/language";
import type { EntryChange } from "./diff-model.js";

/** A source file of one version, as the CLI reads it. */
export interface SourceText {
  readonly path: string;
  readonly text: string;
}

export type EditKind = "context" | "type" | "const" | "segment" | "decision" | "metric" | "consent" | "scenario" | "pathway" | "experiment";

export interface SourceEdit {
  readonly kind: EditKind;
  /** The declaration's name; `scenario/pathway` for a pathway; `context` for the context. */
  readonly name: string;
  readonly change: EntryChange;
  /** For constants, the value's source text in each version (null when added or removed); null for other kinds. */
  readonly before: string | null;
  readonly after: string | null;
}

/** One declaration (or pathway) with where it is and its text without comments or layout. */
interface Located {
  readonly kind: EditKind;
  readonly name: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly normal: string;
  readonly value: string | null;
  readonly node: Declaration | Pathway;
}

const KIND: Partial<Record<Declaration["kind"], EditKind>> = {
  ContextDeclaration: "context",
  TypeDeclaration: "type",
  ConstDeclaration: "const",
  SegmentDeclaration: "segment",
  DecisionDeclaration: "decision",
  MetricDeclaration: "metric",
  ConsentDeclaration: "consent",
  ScenarioDeclaration: "scenario",
  ExperimentDeclaration: "experiment",
};

/** The text of [start, end) with comments removed and every run of blanks made one space. */
function normalText(text: string, start: number, end: number, comments: readonly Comment[]): string {
  let out = "";
  let at = start;
  for (const comment of comments) {
    if (comment.span.end.offset <= start || comment.span.start.offset >= end) continue;
    out += text.slice(at, comment.span.start.offset) + " ";
    at = comment.span.end.offset;
  }
  out += text.slice(at, end);
  return out.replace(/\s+/g, " ").trim();
}

function located(file: SourceFile, text: string, node: Declaration | Pathway, kind: EditKind, name: string): Located {
  const start = node.span.start.offset;
  const end = node.span.end.offset;
  const value = node.kind === "ConstDeclaration" ? normalText(text, node.value.span.start.offset, node.value.span.end.offset, file.comments) : null;
  return { kind, name, file: file.path, start, end, text: text.slice(start, end), normal: normalText(text, start, end, file.comments), value, node };
}

interface Parsed {
  readonly declarations: Map<string, Located>;
  readonly files: readonly SourceText[];
}

function parseVersion(files: readonly SourceText[]): Parsed {
  const declarations = new Map<string, Located>();
  for (const source of files) {
    const file = parseFile(source.text, source.path).value;
    for (const declaration of file.declarations) {
      const kind = KIND[declaration.kind];
      if (kind === undefined) continue;
      const name = "name" in declaration && declaration.name && typeof declaration.name === "object" && "name" in declaration.name ? String(declaration.name.name) : kind;
      // A duplicate name is a checker error; the first one stands for both here.
      const key = `${kind} ${name}`;
      if (!declarations.has(key)) declarations.set(key, located(file, source.text, declaration, kind, name));
    }
  }
  return { declarations, files };
}

function pathways(scenario: Located, parsed: Parsed): Map<string, Located> {
  const node = scenario.node as ScenarioDeclaration;
  const source = parsed.files.find((f) => f.path === scenario.file)!;
  const file = parseFile(source.text, source.path).value;
  const found = new Map<string, Located>();
  for (const member of node.members) {
    if (member.kind === "Pathway") found.set(member.name.name, located(file, source.text, member, "pathway", `${scenario.name}/${member.name.name}`));
  }
  return found;
}

/** The scenario's text with every pathway's text replaced by its name, to see whether anything outside the pathways changed. */
function withoutPathways(scenario: Located, inner: ReadonlyMap<string, Located>): string {
  let text = scenario.normal;
  for (const pathway of inner.values()) text = text.replace(pathway.normal, `pathway ${pathway.name}`);
  return text;
}

/** Pairs of (old, new) declarations that differ, keyed like the edits. */
interface Pair {
  readonly edit: SourceEdit;
  readonly before: Located | null;
  readonly after: Located | null;
}

function pairs(a: Parsed, b: Parsed): Pair[] {
  const keys = [...new Set([...a.declarations.keys(), ...b.declarations.keys()])];
  const found: Pair[] = [];
  for (const key of keys) {
    const before = a.declarations.get(key) ?? null;
    const after = b.declarations.get(key) ?? null;
    const some = (before ?? after)!;
    if (before !== null && after !== null && before.normal === after.normal) continue;
    const change: EntryChange = before === null ? "added" : after === null ? "removed" : "changed";
    if (change === "changed" && some.kind === "scenario") {
      const inA = pathways(before!, a);
      const inB = pathways(after!, b);
      const sameNames = inA.size === inB.size && [...inA.keys()].every((name) => inB.has(name));
      if (sameNames && withoutPathways(before!, inA) === withoutPathways(after!, inB)) {
        for (const [name, pa] of inA) {
          const pb = inB.get(name)!;
          if (pa.normal !== pb.normal) found.push({ edit: { kind: "pathway", name: pa.name, change, before: null, after: null }, before: pa, after: pb });
        }
        continue;
      }
    }
    const edit: SourceEdit = { kind: some.kind, name: some.name, change, before: some.kind === "const" ? (before?.value ?? null) : null, after: some.kind === "const" ? (after?.value ?? null) : null };
    found.push({ edit, before, after });
  }
  // Constants first (they are the policy numbers a reviewer looks for), then by kind and name.
  const order: EditKind[] = ["const", "segment", "scenario", "pathway", "experiment", "decision", "consent", "metric", "type", "context"];
  return found.sort((x, y) => order.indexOf(x.edit.kind) - order.indexOf(y.edit.kind) || (x.edit.name < y.edit.name ? -1 : x.edit.name > y.edit.name ? 1 : 0));
}

/** Every declaration-level edit from `before` to `after`, constants first. */
export function sourceEdits(before: readonly SourceText[], after: readonly SourceText[]): SourceEdit[] {
  return pairs(parseVersion(before), parseVersion(after)).map((p) => p.edit);
}

/**
 * The old version's files with exactly one of the edits applied: a changed
 * declaration's text replaced by its new text, a removed one deleted, an
 * added one appended to the file it is in (or a new file of that name).
 */
export function withEachEdit(before: readonly SourceText[], after: readonly SourceText[]): { edit: SourceEdit; files: SourceText[] }[] {
  const a = parseVersion(before);
  const b = parseVersion(after);
  return pairs(a, b).map(({ edit, before: old, after: next }) => {
    const files = before.map((f) => ({ path: f.path, text: f.text }));
    if (old !== null) {
      const file = files.find((f) => f.path === old.file)!;
      file.text = file.text.slice(0, old.start) + (next?.text ?? "") + file.text.slice(old.end);
    } else if (next !== null) {
      const file = files.find((f) => f.path === next.file);
      if (file) file.text = `${file.text}\n${next.text}\n`;
      else files.push({ path: next.file, text: `${next.text}\n` });
    }
    return { edit, files };
  });
}
