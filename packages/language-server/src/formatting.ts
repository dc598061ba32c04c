/**
 * Document formatting through the prettier plugin, with the user's prettier
 * configuration for the file, exactly as `scn fmt` formats it
 * (docs/prettier.md). A file that does not parse is left alone.
 */
import * as prettier from "prettier";
import { plugin } from "@scn/prettier-plugin";
import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import type { FileContext } from "./context.js";

async function userOptions(file: string): Promise<prettier.Options> {
  try {
    const config = await prettier.resolveConfig(file, { editorconfig: true });
    if (!config) return {};
    const { plugins: _plugins, parser: _parser, ...rest } = config;
    return rest;
  } catch {
    return {};
  }
}

export async function formatDocument(context: FileContext, _options: FormattingOptions): Promise<TextEdit[]> {
  const text = context.text;
  let formatted: string;
  try {
    formatted = await prettier.format(text, { ...(await userOptions(context.path)), filepath: context.path, parser: "scn", plugins: [plugin] });
  } catch {
    return [];
  }
  if (formatted === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: context.document.positionAt(text.length) }, newText: formatted }];
}
