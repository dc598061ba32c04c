/**
 * Decoding and checking literal text: string escapes and calendar dates,
 * and the literal nodes built from a token's text (both parsers build them
 * here, so their trees agree key for key). The lexer accepts a broad shape for these tokens so that a typo gives one
 * precise diagnostic; this module says what exactly is wrong.
 *
 * Invariant: decoding never fails. Problems are returned with offsets
 * relative to the start of the token, and the decoded value keeps a bad
 * escape's text as written.
 */
import type * as Ast from "./ast.js";
import type { Span } from "./span.js";

export interface LiteralProblem {
  readonly kind: "unterminated-string" | "invalid-escape";
  /** Offset of the problem inside the token text. */
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export interface DecodedString {
  readonly value: string;
  readonly problems: readonly LiteralProblem[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };

/**
 * Whether `raw` is a closed string without any escape, the common case: it
 * has no problem, and its value is the text between the quotes.
 */
export function isPlainString(raw: string): boolean {
  return raw.length >= 2 && raw.charCodeAt(raw.length - 1) === 0x22 && !raw.includes("\\");
}

/** Decodes `"…"` with the escapes `\" \\ \n \t \uHHHH` (docs/language.md#14-literals). */
export function decodeString(raw: string): DecodedString {
  if (isPlainString(raw)) return { value: raw.slice(1, -1), problems: [] };
  if (!raw.includes("\\")) {
    return { value: raw.slice(1), problems: [{ kind: "unterminated-string", offset: 0, length: raw.length, text: raw }] };
  }
  const problems: LiteralProblem[] = [];
  const terminated = raw.length >= 2 && raw.endsWith('"') && !endsWithOpenEscape(raw);
  const body = terminated ? raw.slice(1, -1) : raw.slice(1);
  if (!terminated) problems.push({ kind: "unterminated-string", offset: 0, length: raw.length, text: raw });
  let value = "";
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (char !== "\\") {
      value += char;
      continue;
    }
    const next = body.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i += 1;
      continue;
    }
    const hex = body.slice(i + 2, i + 6);
    if (next === "u" && /^[0-9A-Fa-f]{4}$/.test(hex)) {
      value += String.fromCharCode(parseInt(hex, 16));
      i += 5;
      continue;
    }
    // A lone backslash at the end of an unterminated string is part of that error.
    if (next === "" && !terminated) break;
    const text = next === "u" ? `\\u${hex.match(/^[0-9A-Fa-f]*/)?.[0] ?? ""}` : `\\${next}`;
    problems.push({ kind: "invalid-escape", offset: i + 1, length: text.length, text });
    value += text;
    i += text.length - 1;
  }
  return { value, problems };
}

/** True when the closing quote is really an escaped quote (`"abc\"`). */
function endsWithOpenEscape(raw: string): boolean {
  let backslashes = 0;
  for (let i = raw.length - 2; i >= 1 && raw.charAt(i) === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

/** The node of a string literal written `raw` (quotes included), escapes decoded. */
export function stringLiteralNode(raw: string, span: Span): Ast.StringLiteral {
  return { kind: "String", value: isPlainString(raw) ? raw.slice(1, -1) : decodeString(raw).value, raw, span };
}

/** The node of a number literal written `raw`. */
export function numberLiteralNode(raw: string, span: Span): Ast.NumberLiteral {
  return { kind: "Number", value: Number(raw), isInteger: !raw.includes("."), raw, span };
}

/** The node of a percentage written `raw` (`12%`, `+5%`); a sign says it is a change. */
export function percentLiteralNode(raw: string, span: Span): Ast.PercentLiteral {
  return { kind: "Percent", value: Number(raw.slice(0, -1)), explicitSign: raw.startsWith("+") || raw.startsWith("-"), raw, span };
}
