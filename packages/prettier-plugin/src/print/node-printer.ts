/**
 * The shape of a printer for one kind of node, and of a table of them. Each
 * printer file exports a table for its family of nodes; the printer joins the
 * tables into one whose type lists every node kind, so a kind added to the
 * syntax tree fails the build until some family prints it.
 */
import type { AstPath, Doc, ParserOptions } from "prettier";
import type { Node, NodeKind } from "@scn/language/syntax";

/** Prints a child of the current node, selected by property name (and index). */
export type PrintChild = (selector?: string | number | (string | number)[] | AstPath<Node>) => Doc;

export type NodePrinter<N extends Node> = (path: AstPath<N>, options: ParserOptions<Node>, print: PrintChild) => Doc;

export type PrinterTable<K extends NodeKind> = { readonly [P in K]: NodePrinter<Extract<Node, { kind: P }>> };
