// Types for scripts/diagrams.mjs, so that TypeScript tests can import it
// (packages/language/test/diagrams.test.ts).
import type { getSerializedGrammar } from "@scn/language";

/** The parser's grammar as chevrotain serializes it. */
type SerializedGrammar = ReturnType<typeof getSerializedGrammar>;

export declare const GRAMMAR_JSON_PATH: string;
export declare const DIAGRAMS_HTML_PATH: string;
export declare function renderGrammarJson(serializedGrammar: SerializedGrammar): string;
export declare function renderDiagramsHtml(serializedGrammar: SerializedGrammar): string;
