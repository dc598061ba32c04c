/**
 * A syntax tree as plain data: every span in its `{ file, start, end }`
 * shape. The direct parser's spans keep offsets and their file's line table
 * (span.ts, OffsetSpan), so two parses of the same text by different routes
 * give equal trees only once their spans are written out.
 */
export function asData(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
