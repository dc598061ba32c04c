/**
 * Where the parse finds chevrotain's lexer and parser: a slot that
 * chevrotain-route.ts fills when it is loaded.
 *
 * Why a slot: only a text with a lexical or syntax error needs chevrotain
 * (the scanner and the direct parser read every other), and chevrotain with
 * the lodash it brings is about half of what a command line compiles at
 * start (docs/cli.md, "Start-up"). parse-file.ts therefore never imports it;
 * it asks this slot, which gives the route already installed or loads it
 * with the loader it was given.
 *
 * The package's entry points (index.ts, syntax.ts) import chevrotain-route.ts
 * for its effect, so every library user has the route from the start and the
 * parse stays synchronous. The command line's bundle puts the route in a
 * file of its own and gives this slot a loader that requires that file
 * (packages/cli/scripts/bundle.mjs), so a command whose files have no error
 * never loads it.
 */
import type { ILexingResult, ISerializedGast, IToken } from "chevrotain";
import type { Declaration } from "./ast.js";
import type { FileParse } from "./parse-file.js";
import type { TokenStore } from "./token-store.js";

/** What parse-file.ts needs of chevrotain. */
export interface ChevrotainRoute {
  /** Chevrotain's lexing of a text with a lexical error, keywords typed (chevrotain-lexer.ts). */
  lex(text: string): ILexingResult;
  /**
   * Parses a file's tokens with chevrotain's parser, reporting its syntax
   * errors to `file`: the declarations, or undefined when the parse stopped
   * at the limit of syntax errors (also reported).
   */
  parse(file: FileParse, tokens: IToken[], store: TokenStore): readonly Declaration[] | undefined;
  /** The grammar in chevrotain's serialized form, for the railroad diagrams. */
  serializedGrammar(): ISerializedGast[];
}

let installed: ChevrotainRoute | undefined;
let loader: (() => unknown) | undefined;

/** Called by chevrotain-route.ts when it is loaded. */
export function installChevrotainRoute(route: ChevrotainRoute): void {
  installed = route;
}

/**
 * Gives the slot a way to load chevrotain-route.ts synchronously when it is
 * first needed (the command line's bundle requires it: bundle.mjs).
 */
export function setChevrotainRouteLoader(load: () => unknown): void {
  loader = load;
}

/** Whether chevrotain has been loaded (for tests of the command line's start-up). */
export function isChevrotainRouteLoaded(): boolean {
  return installed !== undefined;
}

/** The route, loaded now if it was not yet. */
export function chevrotainRoute(): ChevrotainRoute {
  if (installed === undefined) loader?.();
  // Only a build that left out both the route and its loader gets here: a bug in scn, not in the input.
  if (installed === undefined) throw new Error("internal: the chevrotain parser was not loaded (chevrotain-route.ts)");
  return installed;
}

/** The grammar in chevrotain's serialized form, for the railroad diagrams. */
export function getSerializedGrammar(): ISerializedGast[] {
  return chevrotainRoute().serializedGrammar();
}
