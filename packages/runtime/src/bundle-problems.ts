/**
 * The problem list of the bundle checks (load-bundle.ts and its helpers) and
 * the small field checkers they share: each checker reports a mismatch as a
 * `path: message` line and tells its caller whether the value can be used.
 *
 * Invariant: a missing field is reported once, by `field`; checkers given
 * `undefined` stay silent, so one defect never becomes a cascade of lines.
 */
import { describeValue } from "./describe-value.js";
import { appendIndex } from "./value-path.js";

/** Problems listed before the rest are only counted. */
const MAX_PROBLEMS = 200;
export const MAX_JSON_DEPTH = 256;

export type Rec = Record<string, unknown>;

/** Collects `path: message` lines, up to MAX_PROBLEMS of them. */
export class Problems {
  readonly lines: string[] = [];
  private unlisted = 0;

  add(path: string, message: string): void {
    if (this.lines.length < MAX_PROBLEMS) this.lines.push(`${path === "" ? "(bundle)" : path}: ${message}`);
    else this.unlisted++;
  }

  addLine(line: string): void {
    if (this.lines.length < MAX_PROBLEMS) this.lines.push(line);
    else this.unlisted++;
  }

  /** How many problems have been added so far. */
  count(): number {
    return this.lines.length + this.unlisted;
  }

  done(): string[] {
    return this.unlisted === 0 ? this.lines : [...this.lines, `… and ${this.unlisted} more problems`];
  }
}

export function isRecord(value: unknown): value is Rec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own field of `record`; reports it when missing. */
export function field(record: Rec, key: string, path: string, p: Problems): unknown {
  if (Object.hasOwn(record, key)) return record[key];
  p.add(path, `missing field \`${key}\``);
  return undefined;
}

/** Type mismatches on missing fields are already reported by `field`. */
export function mismatch(value: unknown, path: string, expected: string, p: Problems): void {
  if (value !== undefined) p.add(path, `expected ${expected}, got ${describeValue(value)}`);
}

export function expectRecord(value: unknown, path: string, p: Problems): value is Rec {
  if (isRecord(value)) return true;
  mismatch(value, path, "an object", p);
  return false;
}

export function expectArray(value: unknown, path: string, p: Problems): value is unknown[] {
  if (Array.isArray(value)) return true;
  mismatch(value, path, "a list", p);
  return false;
}

export function expectString(value: unknown, path: string, p: Problems): value is string {
  if (typeof value === "string") return true;
  mismatch(value, path, "a string", p);
  return false;
}

export function expectNullableString(value: unknown, path: string, p: Problems): void {
  if (value !== null) expectString(value, path, p);
}

export function expectBoolean(value: unknown, path: string, p: Problems): void {
  if (typeof value !== "boolean") mismatch(value, path, "true or false", p);
}

export function expectNumber(value: unknown, path: string, p: Problems): void {
  if (typeof value !== "number") mismatch(value, path, "a number", p);
}

export function expectOneOf(value: unknown, choices: readonly (string | null)[], path: string, p: Problems): void {
  if (!choices.includes(value as string | null)) {
    mismatch(value, path, `one of ${choices.map((choice) => `\`${String(choice)}\``).join(", ")}`, p);
  }
}

export function expectStringList(value: unknown, path: string, p: Problems): boolean {
  if (!expectArray(value, path, p)) return false;
  let ok = true;
  value.forEach((item, index) => {
    ok = expectString(item, appendIndex(path, index), p) && ok;
  });
  return ok;
}

/** An integer index into a list of `count` entries. */
export function expectIndex(value: unknown, count: number, path: string, what: string, p: Problems): value is number {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) < count) return true;
  if (Number.isInteger(value))
    p.add(path, `${what} ${describeValue(value)} does not exist (there ${count === 1 ? "is 1" : `are ${count}`})`);
  else mismatch(value, path, `the index of ${/^[aeiou]/.test(what) ? "an" : "a"} ${what}`, p);
  return false;
}

/** A dot-joined context path with non-empty steps. */
export function expectContextPath(value: unknown, path: string, p: Problems): void {
  if (!expectString(value, path, p)) return;
  if (value === "" || value.split(".").some((step) => step === ""))
    p.add(path, `expected a dot-joined context path, got ${describeValue(value)}`);
}

/** A JSON object, nested at most MAX_JSON_DEPTH levels. */
export function expectJsonObject(value: unknown, path: string, p: Problems): void {
  if (expectRecord(value, path, p) && nestingExceeds(value, MAX_JSON_DEPTH)) {
    p.add(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

export function nestingExceeds(value: unknown, budget: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (budget === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value as Rec);
  return children.some((child) => nestingExceeds(child, budget - 1));
}
