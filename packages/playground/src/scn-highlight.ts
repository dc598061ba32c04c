/**
 * scn highlighting for CodeMirror 6: a small stream tokenizer over the
 * language's own word lists (`RESERVED_WORDS`, `CONTEXTUAL_WORDS` from
 * @scn/language/syntax, the ones the lexer uses), so the playground colors
 * the same words the compiler treats as keywords. It colors; it does not
 * parse, since the compiler reports what is wrong as you type.
 */
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { CONTEXTUAL_WORDS, RESERVED_WORDS } from "@scn/language/syntax";

const reserved = new Set<string>(RESERVED_WORDS);
const contextual = new Set<string>(CONTEXTUAL_WORDS);
const types = new Set(["bool", "int", "number", "string", "list"]);

interface State {
  inComment: boolean;
}

function token(stream: StringStream, state: State): string | null {
  if (state.inComment) {
    if (stream.skipTo("*/")) {
      stream.next();
      stream.next();
      state.inComment = false;
    } else stream.skipToEnd();
    return "comment";
  }
  if (stream.eatSpace()) return null;
  if (stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match("/*")) {
    state.inComment = true;
    return token(stream, state) ?? "comment";
  }
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
  if (stream.match(/^\d{4}-\d{2}-\d{2}\b/)) return "number";
  if (stream.match(/^[+-]?\d+(?:\.\d+)?%?/)) return "number";
  const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
  if (word) {
    const text = word[0];
    if (text === "true" || text === "false") return "bool";
    if (reserved.has(text)) return "keyword";
    if (types.has(text)) return "typeName";
    if (contextual.has(text) && /^\s/.test(stream.string.slice(stream.pos)) && stream.string.slice(0, stream.start).trim() === "") return "propertyName";
    return "variableName";
  }
  if (stream.match(/^(?:==|!=|<=|>=|\.\.|[<>=])/)) return "operator";
  stream.next();
  return "punctuation";
}

export const scnLanguage = StreamLanguage.define<State>({
  name: "scn",
  startState: () => ({ inComment: false }),
  token,
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
});

/** Colors with a contrast of at least 4.5:1 on white. */
export const scnHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.keyword, color: "#7a1f9c", fontWeight: "bold" },
    { tag: tags.propertyName, color: "#8a4b00" },
    { tag: tags.string, color: "#0b6b2e" },
    { tag: tags.number, color: "#1a55b0" },
    { tag: tags.bool, color: "#1a55b0" },
    { tag: tags.typeName, color: "#00677a" },
    { tag: tags.comment, color: "#5c6370", fontStyle: "italic" },
    { tag: tags.operator, color: "#a11a1a" },
  ]),
);
