/**
 * Bounds on how much source text a diagnostic may quote. A file may hold a
 * line of millions of characters (a generated list, a minified file, a
 * hostile input), and a message or a code frame that quoted it whole would
 * print megabytes (docs/diagnostics.md, "Reading a diagnostic").
 *
 * Invariant: `boundMessage` returns at most `MAX_MESSAGE_LENGTH` characters,
 * and every backtick-quoted part of it at most `MAX_QUOTED_LENGTH`, ending
 * in `…` when cut.
 */

/** The longest quotation (between backticks) a message keeps whole. */
export const MAX_QUOTED_LENGTH = 80;

/** The longest message (or help, or related note) kept whole. */
export const MAX_MESSAGE_LENGTH = 1000;

/** `text` cut to `limit` characters, the last of them `…` when anything was cut. */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // Never split a surrogate pair: the cut would leave half a character.
  let end = limit - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** `message` with each quotation and the whole bounded. */
export function boundMessage(message: string): string {
  if (message.length <= MAX_QUOTED_LENGTH) return message;
  const quoted = message.replace(/`([^`]*)`/g, (whole, inner: string) => (inner.length > MAX_QUOTED_LENGTH ? `\`${shorten(inner, MAX_QUOTED_LENGTH)}\`` : whole));
  return shorten(quoted, MAX_MESSAGE_LENGTH);
}
