/**
 * A tiny HTML builder: every piece of user text goes through `text` or
 * `attr`, so a scenario title cannot inject markup into the catalog.
 */

/** Escapes text for an element's content. */
export function text(value: string | number): string {
  return String(value).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Escapes text for a double-quoted attribute value. */
export function attr(value: string | number): string {
  return text(value).replaceAll('"', "&quot;");
}

/** Joins the parts of a fragment, dropping empty ones. */
export function join(parts: readonly (string | null | false | undefined)[], separator = "\n"): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(separator);
}

/** An id safe for `id` attributes and fragment links, derived from names. */
export function anchor(...names: readonly string[]): string {
  return names.map((n) => n.replace(/[^A-Za-z0-9_-]/g, "-")).join("--");
}

/** The program-qualified key of a decision, used by the decision filter. */
export function decisionKey(program: string, decision: string): string {
  return `${program}/${decision}`;
}
