/**
 * Turning data into JavaScript and TypeScript source text: string and number
 * literals, and export names made from decision names.
 *
 * Invariant: every piece of source-derived text reaches generated code only
 * through these functions. A string literal is JSON.stringify's output with
 * U+2028, U+2029, `<` and `>` escaped as `\uHHHH` (four hex digits), so it is a single valid
 * literal in any script, module or inline `<script>` (no `</script>`, no
 * `<!--`); an identifier is ASCII letters, digits and `_` only.
 */

/** A string literal for `text`, safe in JavaScript, TypeScript and inline HTML scripts. */
export function jsString(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029<>]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A single-quoted string literal for `text`, for large embedded data (the
 * module's JSON): double quotes, which JSON is full of, need no escape
 * inside it. Every character that could end or change the literal (`'`,
 * `\`, the line terminators) and `<`, `>` are escaped, so it is as safe as
 * `jsString`.
 */
export function jsDataString(text: string): string {
  return `'${text.replace(/[\\'\n\r\u2028\u2029<>]/g, (c) => (c === "\\" ? "\\\\" : c === "'" ? "\\'" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))}'`;
}

/** A number literal; negative numbers are parenthesized so they can follow any operator. */
export function jsNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal: cannot write the number ${String(value)} as a literal`);
  return value < 0 ? `(${String(value)})` : String(Object.is(value, -0) ? 0 : value);
}

/** A literal for a string, number or boolean. */
export function jsScalar(value: string | number | boolean): string {
  if (typeof value === "string") return jsString(value);
  if (typeof value === "number") return jsNumber(value);
  return value ? "true" : "false";
}

/**
 * Words that cannot be (or should not be) the name of a named export: the
 * reserved words of JavaScript and TypeScript, so that `import { name }`
 * always parses, and the names that change how JavaScript treats a module
 * or its exports object: `then` (a namespace with a `then` function is a
 * thenable, so `await import()` would never settle), `default` (what a
 * default import gets), `__esModule` (how bundlers and CommonJS interop
 * read the module), and the `Object.prototype` names a CommonJS `exports`
 * object inherits (`__proto__`, `constructor`, …).
 */
const RESERVED = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if implements import in instanceof interface let new null package private protected public return static " +
    "super switch this throw true try typeof var void while with yield arguments eval undefined NaN Infinity " +
    "any boolean number string symbol never unknown object type declare namespace module abstract as asserts infer is keyof readonly " +
    "then __esModule __proto__ constructor prototype toString toLocaleString valueOf hasOwnProperty isPrototypeOf " +
    "propertyIsEnumerable __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__ require exports"
  ).split(" "),
);

/**
 * An ASCII identifier for `name`, distinct from every name in `taken` (which
 * it joins): characters outside `[A-Za-z0-9_]` become `_`, a leading digit
 * gets a `_` prefix, and reserved or taken names get `_` suffixes.
 */
export function exportName(name: string, taken: Set<string>): string {
  let identifier = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (identifier === "" || /^[0-9]/.test(identifier)) identifier = `_${identifier}`;
  while (RESERVED.has(identifier) || taken.has(identifier)) identifier = `${identifier}_`;
  taken.add(identifier);
  return identifier;
}

/** A TypeScript property key: bare when it is a plain identifier, else a string literal. */
export function tsPropertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : jsString(name);
}

/** A PascalCase type name made from `name` (`store_returns` → `StoreReturns`). */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z]/.test(joined) ? joined : `D${joined}`;
}
