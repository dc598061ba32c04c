/**
 * Resolves the subject of a condition atom (`customer.loyalty`) to its context
 * entry, explaining exactly which segment of the path is wrong when it does
 * not exist.
 *
 * Invariant: one map lookup per path on success; the walk over prefixes (for
 * the message) only happens on failure.
 */
import type { Path } from "../ast.js";
import type { ContextEntry, ContextIndex } from "./context.js";
import { describeType } from "./describe.js";
import type { Reporter } from "./report.js";
import { didYouMean } from "./suggest.js";

export function resolveContextPath(path: Path, context: ContextIndex, reporter: Reporter): ContextEntry | undefined {
  const full = path.segments.map((segment) => segment.name).join(".");
  const found = context.lookup(full);
  if (found) return found;
  let prefix = "";
  for (const [index, segment] of path.segments.entries()) {
    const next = prefix === "" ? segment.name : `${prefix}.${segment.name}`;
    const entry = context.lookup(next);
    if (!entry) {
      const help = didYouMean(segment.name, context.childNames(prefix));
      reporter.report("unknown-context-field", segment.span, `the context has no field \`${next}\``, {
        help: help ?? (prefix === "" ? "declare it in a `context` block" : `declare it in the record \`${prefix}\``),
      });
      return undefined;
    }
    const following = path.segments[index + 1];
    if (following && entry.type.kind !== "record") {
      reporter.report("unknown-context-field", following.span, `\`${next}\` is ${entry.type.kind === "list" ? "a list" : `\`${describeType(entry.type)}\``}, so it has no field \`${following.name}\``);
      return undefined;
    }
    prefix = next;
  }
  return undefined;
}
