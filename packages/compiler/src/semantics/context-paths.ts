/**
 * Resolves dot-joined context paths against the program's context fields.
 * Conditions, consent gates and columns all name fields by path; this module
 * turns a path back into its declared field and enclosing records.
 *
 * Invariant: a path that the checker accepted always resolves; a path that
 * does not resolve is a compiler bug, so `requireField` throws.
 */
import type { CheckedField } from "@scn/language";

export interface ResolvedPath {
  readonly path: string;
  readonly field: CheckedField;
  /** The enclosing record fields, outermost first (not including `field`). */
  readonly ancestors: readonly CheckedField[];
}

export function resolvePath(context: readonly CheckedField[], path: string): ResolvedPath | undefined {
  const names = path.split(".");
  const ancestors: CheckedField[] = [];
  let fields: readonly CheckedField[] = context;
  for (let i = 0; i < names.length; i++) {
    const field = fields.find((f) => f.name === names[i]);
    if (!field) return undefined;
    if (i === names.length - 1) return { path, field, ancestors };
    if (field.type.kind !== "record") return undefined;
    ancestors.push(field);
    fields = field.type.fields;
  }
  return undefined;
}

/** Resolved paths per context schema: schemas are immutable and conditions ask for the same paths again and again. */
const cache = new WeakMap<readonly CheckedField[], Map<string, ResolvedPath>>();

export function requireField(context: readonly CheckedField[], path: string): ResolvedPath {
  let paths = cache.get(context);
  if (!paths) {
    paths = new Map();
    cache.set(context, paths);
  }
  const known = paths.get(path);
  if (known) return known;
  const resolved = resolvePath(context, path);
  if (!resolved) throw new Error(`internal: context path \`${path}\` is not declared`);
  paths.set(path, resolved);
  return resolved;
}
