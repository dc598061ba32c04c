/**
 * The language server: an LSP connection wired to the workspace and to one
 * module per feature. `startServer` runs it over standard input and output
 * (what `scn lsp --stdio` does); `createServer` takes any connection, which is
 * how the tests run it in-process.
 */
import { isAbsolute, resolve } from "node:path";
import lsp from "vscode-languageserver/node";
import type { Connection, InitializeParams, InitializeResult } from "vscode-languageserver";
import { codeActions, COPY_WITNESS_COMMAND, executeCopyWitness } from "./code-actions.js";
import { codeLenses, EVALUATE_COMMAND, executeEvaluate } from "./code-lenses.js";
import { completion } from "./completion.js";
import { fileContext } from "./context.js";
import { definition, documentHighlights, references } from "./navigation.js";
import { documentSymbols, workspaceSymbols } from "./document-symbols.js";
import { foldingRanges } from "./folding.js";
import { formatDocument } from "./formatting.js";
import { hover } from "./hover.js";
import { defaultProjectLoader, type ProjectLoader } from "./project-loader.js";
import { prepareRename, rename } from "./rename.js";
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from "./semantic-tokens.js";
import { uriToPath } from "./uris.js";
import { Workspace, type WorkspaceSettings } from "./workspace.js";

export interface ServerOptions {
  /** How programs are found and configured; `scn lsp` passes the CLI's config reader. */
  readonly loader?: ProjectLoader;
}

/** A request tests and benchmarks send to wait until diagnostics and analysis have settled. */
export const SETTLED_REQUEST = "scn/settled";

interface ClientSettings {
  readonly configFile?: string | null;
  readonly analysis?: boolean;
}

function applySettings(workspace: Workspace, raw: unknown): boolean {
  if (raw === null || typeof raw !== "object") return false;
  const settings = raw as ClientSettings;
  const next: WorkspaceSettings = { ...workspace.settings };
  if (typeof settings.analysis === "boolean") next.analysis = settings.analysis;
  if (settings.configFile === null || settings.configFile === "") next.configFile = null;
  else if (typeof settings.configFile === "string") next.configFile = isAbsolute(settings.configFile) ? settings.configFile : resolve(workspace.folders[0] ?? process.cwd(), settings.configFile);
  const changed = next.analysis !== workspace.settings.analysis || next.configFile !== workspace.settings.configFile;
  workspace.settings = next;
  return changed;
}

export function createServer(connection: Connection, options: ServerOptions = {}): Workspace {
  const workspace = new Workspace(
    options.loader ?? defaultProjectLoader,
    (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    (message) => connection.console.error(message),
  );
  let watchDynamically = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders?.map((folder) => uriToPath(folder.uri)).filter((path): path is string => path !== null) ?? [];
    const rootPath = params.rootUri ? uriToPath(params.rootUri) : null;
    workspace.folders = folders.length > 0 ? folders : rootPath ? [rootPath] : [];
    applySettings(workspace, params.initializationOptions);
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true },
        completionProvider: { triggerCharacters: [".", "/", "[", " ", "="] },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [COPY_WITNESS_COMMAND, EVALUATE_COMMAND] },
      },
      serverInfo: { name: "scn-language-server" },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(lsp.DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.scn" }, { globPattern: "**/scn.config.json" }],
      });
    }
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    if (path !== null) workspace.didOpen(path, textDocument.uri, textDocument.version, textDocument.text);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const path = uriToPath(textDocument.uri);
    if (path !== null) workspace.didChange(path, textDocument.version, contentChanges);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    if (path !== null) workspace.didClose(path);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const paths = changes
      .map((change) => ({ path: uriToPath(change.uri), exists: change.type !== lsp.FileChangeType.Deleted }))
      .filter((change): change is { path: string; exists: boolean } => change.path !== null);
    workspace.diskChanged(paths);
  });
  connection.onDidChangeConfiguration(({ settings }) => {
    const scoped = settings !== null && typeof settings === "object" && "scn" in settings ? (settings as { scn: unknown }).scn : settings;
    if (applySettings(workspace, scoped)) workspace.reloadAll();
  });

  const withFile = <T>(uri: string, fallback: T, run: (context: NonNullable<ReturnType<typeof fileContext>>) => T): T => {
    const context = fileContext(workspace, uri);
    return context ? run(context) : fallback;
  };

  connection.onHover(({ textDocument, position }) => withFile(textDocument.uri, null, (c) => hover(c, position)));
  connection.onDefinition(({ textDocument, position }) => withFile(textDocument.uri, null, (c) => definition(c, position)));
  connection.onReferences(({ textDocument, position, context }) => withFile(textDocument.uri, null, (c) => references(c, position, context.includeDeclaration)));
  connection.onDocumentHighlight(({ textDocument, position }) => withFile(textDocument.uri, null, (c) => documentHighlights(c, position)));
  connection.onPrepareRename(({ textDocument, position }) => withFile(textDocument.uri, null, (c) => prepareRename(c, position)));
  connection.onRenameRequest(({ textDocument, position, newName }) => withFile(textDocument.uri, null, (c) => rename(c, position, newName)));
  connection.onDocumentSymbol(({ textDocument }) => withFile(textDocument.uri, [], (c) => documentSymbols(c)));
  connection.onWorkspaceSymbol(({ query }) => workspaceSymbols(workspace, query));
  connection.onFoldingRanges(({ textDocument }) => withFile(textDocument.uri, [], (c) => foldingRanges(c)));
  connection.languages.semanticTokens.on(({ textDocument }) => withFile(textDocument.uri, { data: [] }, (c) => semanticTokens(c)));
  connection.onCompletion(({ textDocument, position }) => withFile(textDocument.uri, [], (c) => completion(c, position)));
  connection.onDocumentFormatting(({ textDocument, options: formatting }) => withFile(textDocument.uri, Promise.resolve([]), (c) => formatDocument(c, formatting)));
  connection.onCodeAction(({ textDocument, range, context }) => withFile(textDocument.uri, [], (c) => codeActions(c, range, context.diagnostics)));
  connection.onCodeLens(({ textDocument }) => withFile(textDocument.uri, Promise.resolve([]), (c) => codeLenses(c)));
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command === COPY_WITNESS_COMMAND) return executeCopyWitness(connection, args ?? []);
    if (command === EVALUATE_COMMAND) return executeEvaluate(connection, workspace, args ?? []);
    return null;
  });
  connection.onRequest(SETTLED_REQUEST, () => workspace.whenIdle().then(() => true));
  connection.onShutdown(() => workspace.dispose());
  return workspace;
}

/** Runs the server over standard input and output until the client exits. */
export function startServer(options: ServerOptions = {}): void {
  const connection = lsp.createConnection(lsp.ProposedFeatures.all, new lsp.StreamMessageReader(process.stdin), new lsp.StreamMessageWriter(process.stdout));
  createServer(connection, options);
  connection.listen();
}
