/**
 * `@scn/prettier-plugin`: formatting of `.scn` files as a prettier 3 plugin.
 * Prettier loads it by name from a user's configuration
 * (`"plugins": ["@scn/prettier-plugin"]`); `scn fmt` passes it directly.
 * The canonical layout is described in docs/style.md.
 */
import * as prettier from "prettier";
import type { Node } from "@scn/language/syntax";
import { scnParser } from "./parser-adapter.js";
import { printer } from "./printer.js";

export { ScnSyntaxError } from "./parser-adapter.js";

export const languages: prettier.SupportLanguage[] = [
  {
    name: "scn",
    extensions: [".scn"],
    parsers: ["scn"],
    vscodeLanguageIds: ["scn"],
  },
];

export const parsers: Record<string, prettier.Parser<Node>> = { scn: scnParser };

export const printers: Record<string, prettier.Printer<Node>> = { "scn-ast": printer };

/** The plugin adds no options of its own: layout follows prettier's core options. */
export const options: prettier.SupportOptions = {};

/** The canonical defaults for `.scn`; a user's configuration still overrides them. */
export const defaultOptions: Partial<prettier.RequiredOptions> = { printWidth: 100, tabWidth: 2 };

export const plugin: prettier.Plugin<Node> = { languages, parsers, printers, options, defaultOptions };

/**
 * Formats `.scn` source text. Throws `ScnSyntaxError` (through prettier) when
 * the text does not parse.
 */
export async function formatScn(text: string, formatOptions: prettier.Options = {}): Promise<string> {
  return prettier.format(text, { ...formatOptions, parser: "scn", plugins: [plugin] });
}
