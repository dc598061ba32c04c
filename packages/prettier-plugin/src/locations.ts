/**
 * Source offsets of nodes and comments, as prettier asks for them: the start
 * offset and the exclusive end offset of the span, in UTF-16 code units of
 * the text prettier parsed.
 */
export function locStart(node: { readonly span: { readonly start: { readonly offset: number } } }): number {
  return node.span.start.offset;
}

export function locEnd(node: { readonly span: { readonly end: { readonly offset: number } } }): number {
  return node.span.end.offset;
}
