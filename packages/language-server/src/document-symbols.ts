/**
 * The outline of a file (scenario → pathways → variations, decisions with
 * their output fields, and every other declaration) and the workspace symbol
 * search over every program the server has loaded.
 */
import type { Declaration, Span } from "@scn/language";
import lsp from "vscode-languageserver";
import type { DocumentSymbol, SymbolInformation } from "vscode-languageserver";
import type { FileContext } from "./context.js";
import { spanToRange } from "./positions.js";
import type { SymbolKind as NameKind } from "./symbols.js";
import { pathToUri } from "./uris.js";
import type { Workspace } from "./workspace.js";

const KINDS: Record<NameKind | "test" | "context" | "experiment", lsp.SymbolKind> = {
  scenario: lsp.SymbolKind.Class,
  pathway: lsp.SymbolKind.Method,
  variation: lsp.SymbolKind.Function,
  decision: lsp.SymbolKind.Interface,
  segment: lsp.SymbolKind.Boolean,
  const: lsp.SymbolKind.Constant,
  metric: lsp.SymbolKind.Event,
  type: lsp.SymbolKind.TypeParameter,
  consent: lsp.SymbolKind.Key,
  "context-field": lsp.SymbolKind.Field,
  "output-field": lsp.SymbolKind.Field,
  "enum-member": lsp.SymbolKind.EnumMember,
  test: lsp.SymbolKind.Module,
  experiment: lsp.SymbolKind.Event,
  arm: lsp.SymbolKind.EnumMember,
  fixture: lsp.SymbolKind.Object,
  context: lsp.SymbolKind.Struct,
};

function symbol(name: string, detail: string | undefined, kind: keyof typeof KINDS, span: Span, nameSpan: Span, children: DocumentSymbol[] = []): DocumentSymbol {
  return {
    name: name === "" ? "(unnamed)" : name,
    ...(detail ? { detail } : {}),
    kind: KINDS[kind],
    range: spanToRange(span),
    selectionRange: spanToRange(nameSpan),
    ...(children.length > 0 ? { children } : {}),
  };
}

function declarationSymbol(declaration: Declaration): DocumentSymbol {
  switch (declaration.kind) {
    case "ScenarioDeclaration": {
      const pathways = declaration.members.flatMap((member) =>
        member.kind !== "Pathway"
          ? []
          : [
              symbol(
                member.name.name,
                member.otherwise ? "otherwise" : "when",
                "pathway",
                member.span,
                member.name.span,
                member.members.flatMap((item) => (item.kind === "Variation" ? [symbol(item.name.name, item.when ? "when" : "segment", "variation", item.span, item.name.span)] : [])),
              ),
            ],
      );
      return symbol(declaration.name.name, `for ${declaration.decision.name}${declaration.title ? ` · ${declaration.title.value}` : ""}`, "scenario", declaration.span, declaration.name.span, pathways);
    }
    case "DecisionDeclaration": {
      const fields = declaration.members.flatMap((member) => (member.kind === "OutputBlock" ? member.fields.map((field) => symbol(field.name.name, undefined, "output-field", field.span, field.name.span)) : []));
      return symbol(declaration.name.name, declaration.title?.value, "decision", declaration.span, declaration.name.span, fields);
    }
    case "ContextDeclaration":
      return symbol("context", undefined, "context", declaration.span, { file: declaration.span.file, start: declaration.span.start, end: declaration.span.start }, declaration.fields.map((field) => symbol(field.name.name, field.personal ? "personal" : undefined, "context-field", field.span, field.name.span)));
    case "TestDeclaration":
      return symbol(declaration.title.value, "test", "test", declaration.span, declaration.title.span);
    case "FixtureDeclaration":
      return symbol(declaration.name.name, declaration.base ? `extends ${declaration.base.name}` : "fixture", "fixture", declaration.span, declaration.name.span);
    case "SegmentDeclaration":
      return symbol(declaration.name.name, declaration.title?.value, "segment", declaration.span, declaration.name.span);
    case "MetricDeclaration":
      return symbol(declaration.name.name, declaration.title?.value, "metric", declaration.span, declaration.name.span);
    case "ConstDeclaration":
      return symbol(declaration.name.name, undefined, "const", declaration.span, declaration.name.span);
    case "TypeDeclaration":
      return symbol(declaration.name.name, undefined, "type", declaration.span, declaration.name.span);
    case "ConsentDeclaration":
      return symbol(declaration.name.name, undefined, "consent", declaration.span, declaration.name.span);
    case "ExperimentDeclaration":
      return symbol(
        declaration.name.name,
        declaration.title?.value,
        "experiment",
        declaration.span,
        declaration.name.span,
        declaration.members.flatMap((member) => (member.kind === "ArmsBlock" ? member.arms.map((arm) => symbol(arm.name.name, arm.weight.raw, "arm", arm.span, arm.name.span)) : [])),
      );
  }
}

export function documentSymbols(context: FileContext): DocumentSymbol[] {
  const tree = context.state.model.parsed(context.path)?.value;
  return tree ? tree.declarations.map(declarationSymbol) : [];
}

/** Declarations, pathways and variations whose name contains the query's characters in order. */
export function workspaceSymbols(workspace: Workspace, query: string): SymbolInformation[] {
  const wanted = query.toLowerCase();
  const matches = (name: string): boolean => {
    let at = 0;
    for (const ch of name.toLowerCase()) if (ch === wanted[at]) at++;
    return at === wanted.length;
  };
  const found: SymbolInformation[] = [];
  for (const state of workspace.allPrograms()) {
    const index = workspace.indexOf(state);
    for (const definition of index.definitions.values()) {
      if (definition.kind === "context-field" || definition.kind === "output-field" || definition.kind === "enum-member") continue;
      if (!matches(definition.name)) continue;
      found.push({
        name: definition.name,
        kind: KINDS[definition.kind],
        location: { uri: pathToUri(definition.nameSpan.file), range: spanToRange(definition.nameSpan) },
        ...(definition.owner ? { containerName: definition.owner } : {}),
      });
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.location.uri < b.location.uri ? -1 : 1)).slice(0, 500);
}
