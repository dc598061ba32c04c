/**
 * Hands the token vocabulary of lexer.ts to chevrotain, once, when
 * chevrotain is first loaded (a text with a lexical or syntax error, or the
 * grammar's railroad diagrams: route-slot.ts).
 *
 * lexer.ts makes the token types without chevrotain, so that a text without
 * errors never loads it. Chevrotain numbers each token type (`tokenTypeIdx`)
 * and fills its category tables the first time it sees it, with a counter
 * of its own; its lexer and parser compare tokens by those numbers. Every
 * token object given to chevrotain must therefore be made after this module
 * has run (parse-file.ts asks for the route before it makes any).
 *
 * The types are registered here all at once, in the order lexer.ts made
 * them, before any lexer or parser is built: that gives each the number
 * chevrotain's `createToken` gave it when lexer.ts called it, numbers
 * following chevrotain's own types (a test holds it to that order).
 */
import { CstParser, Lexer } from "chevrotain";
import { NOT_APPLICABLE, TOKENS_IN_ORDER, WhiteSpace } from "./lexer.js";

// Chevrotain's lexer knows an abstract type by its pattern being `Lexer.NA`
// itself, and a skipped one by its group's text.
for (const type of TOKENS_IN_ORDER) if (type.PATTERN === NOT_APPLICABLE) type.PATTERN = Lexer.NA;
if (WhiteSpace.GROUP !== Lexer.SKIPPED) throw new Error("internal: chevrotain's Lexer.SKIPPED changed; lexer.ts must follow it");

// A parser's constructor registers every type of its vocabulary that has
// no number yet (and the categories they name), in the vocabulary's order;
// this one has no rules and is never used.
new CstParser([...TOKENS_IN_ORDER], { skipValidations: true });
