/**
 * The merged context schema and its path index. `context` blocks from every
 * file merge into one record; inline records declared in several blocks merge
 * field by field (so `customer.id` may live in one file and
 * `customer.loyalty` in another), but the same path declared twice is an
 * error naming both places.
 *
 * Invariant: `lookup(path)` is a single map access, so resolving every path
 * in a program is linear in its size. Each entry knows whether the value can
 * be absent (the field or any enclosing record is optional) and whether it is
 * personal (marked, or inside a personal record).
 */
import type { ContextDeclaration, FieldDeclaration, Identifier } from "../ast.js";
import type { CheckedField, CheckedType } from "../checked.js";
import type { Span } from "../span.js";
import type { Reporter } from "./report.js";
import type { TypeResolver } from "./resolve-types.js";

export interface ContextEntry {
  /** Dot-joined, e.g. `customer.loyalty`. */
  readonly path: string;
  readonly type: CheckedType;
  /** The field or an enclosing record is optional: the value may be absent. */
  readonly mayBeAbsent: boolean;
  /** Declared `?` itself. */
  readonly optional: boolean;
  readonly personal: boolean;
  readonly span: Span;
}

export class ContextIndex {
  private readonly entries = new Map<string, ContextEntry>();
  private readonly children = new Map<string, string[]>();

  constructor(readonly fields: readonly CheckedField[]) {
    this.children.set("", []);
    this.add(fields, "", false);
  }

  lookup(path: string): ContextEntry | undefined {
    return this.entries.get(path);
  }

  /** The field names directly under `parent` (`""` for the top level), for suggestions. */
  childNames(parent: string): readonly string[] {
    return this.children.get(parent) ?? [];
  }

  private add(fields: readonly CheckedField[], prefix: string, parentMayBeAbsent: boolean): void {
    const names = this.children.get(prefix) ?? [];
    for (const field of fields) {
      const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
      const mayBeAbsent = parentMayBeAbsent || field.optional;
      names.push(field.name);
      this.entries.set(path, { path, type: field.type, mayBeAbsent, optional: field.optional, personal: field.personal, span: field.span });
      if (field.type.kind === "record") {
        this.children.set(path, []);
        this.add(field.type.fields, path, mayBeAbsent);
      }
    }
    this.children.set(prefix, names);
  }
}

/** One field of the merge tree: its first declaration and, for inline records, its merged children. */
interface MergeEntry {
  readonly declaration: FieldDeclaration;
  personal: boolean;
  readonly children?: Map<string, MergeEntry>;
}

/** Merges every `context` block into one field list, reporting paths declared twice. */
export function mergeContext(blocks: readonly ContextDeclaration[], types: TypeResolver, reporter: Reporter): CheckedField[] {
  const root = new Map<string, MergeEntry>();
  for (const block of blocks) {
    for (const field of block.fields) addField(root, field, "", reporter);
  }
  return toFields(root, false, types);
}

function addField(into: Map<string, MergeEntry>, field: FieldDeclaration, prefix: string, reporter: Reporter): void {
  const name: Identifier = field.name;
  const path = prefix === "" ? name.name : `${prefix}.${name.name}`;
  const existing = into.get(name.name);
  const inlineRecord = field.type.kind === "RecordType" ? field.type : undefined;
  if (!existing) {
    const children = inlineRecord ? new Map<string, MergeEntry>() : undefined;
    into.set(name.name, children ? { declaration: field, personal: field.personal !== undefined, children } : { declaration: field, personal: field.personal !== undefined });
    if (inlineRecord && children) for (const child of inlineRecord.fields) addField(children, child, path, reporter);
    return;
  }
  if (existing.children && inlineRecord) {
    // Two inline records at one path merge; only their leaves can clash.
    existing.personal ||= field.personal !== undefined;
    for (const child of inlineRecord.fields) addField(existing.children, child, path, reporter);
    return;
  }
  reporter.report("duplicate-context-path", name.span, `the context path \`${path}\` is declared twice`, {
    related: [{ span: existing.declaration.name.span, message: `\`${path}\` is first declared here` }],
    help: "declare each path once; context blocks merge, and records written inline in several blocks merge field by field",
  });
}

function toFields(entries: ReadonlyMap<string, MergeEntry>, inheritedPersonal: boolean, types: TypeResolver): CheckedField[] {
  const fields: CheckedField[] = [];
  for (const [name, entry] of entries) {
    if (entry.children) {
      const personal = inheritedPersonal || entry.personal;
      fields.push({
        name,
        type: { kind: "record", fields: toFields(entry.children, personal, types) },
        optional: false,
        personal,
        span: entry.declaration.span,
      });
    } else {
      fields.push(types.field(entry.declaration, "context", inheritedPersonal));
    }
  }
  return fields;
}
