/**
 * The VS Code extension: starts the bundled scn language server (the same
 * code as `scn lsp --stdio`, docs/editors.md) for `.scn` files, and passes
 * the `scn.*` settings to it. The grammar and language configuration are
 * contributed by the manifest.
 */
import { isAbsolute, join } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The server's settings: the config path made absolute, and whether to analyze. */
function serverSettings(): { configFile: string | null; analysis: boolean } {
  const settings = vscode.workspace.getConfiguration("scn");
  const configured = settings.get<string>("configFile", "").trim();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const configFile = configured === "" ? null : isAbsolute(configured) || !folder ? configured : join(folder, configured);
  return { configFile, analysis: settings.get<boolean>("analysis.enabled", true) };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(join("dist", "server.mjs"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "scn" }],
    initializationOptions: serverSettings(),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.scn,scn.config.json}") },
    middleware: {
      // The server cannot reach the clipboard; it answers with the witness and the extension copies it.
      executeCommand: async (command, args, next) => {
        const result: unknown = await next(command, args);
        if (command === "scn.copyWitness" && typeof result === "string") {
          await vscode.env.clipboard.writeText(result);
          void vscode.window.showInformationMessage("scn: witness copied to the clipboard");
        }
        return result;
      },
    },
  };
  client = new LanguageClient("scn", "scn", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("scn") && client) void client.sendNotification("workspace/didChangeConfiguration", { settings: { scn: serverSettings() } });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
