/**
 * Runs LSP exchanges written as data: each directory under `exchanges/`
 * holds the files of a small workspace and `exchange.json`, a list of steps
 * (notifications to send, requests with the response expected, diagnostics
 * expected once the server has settled). The same steps run against the
 * server in-process and over real standard input and output, with
 * `vscode-jsonrpc` as the client.
 *
 * In the data, `$ROOT` stands for the workspace's file URI. Set
 * UPDATE_GOLDENS=1 to record the actual responses as the expected ones.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import rpc from "vscode-jsonrpc/node";
import type { MessageConnection } from "vscode-jsonrpc";
import lsp from "vscode-languageserver/node";
import { createServer, SETTLED_REQUEST } from "../src/index.js";
import type { WorkspaceSettings } from "../src/workspace.js";

export const EXCHANGES = new URL("./exchanges/", import.meta.url);

export interface Step {
  readonly open?: string;
  readonly close?: string;
  readonly change?: string;
  readonly edits?: readonly { range?: unknown; text: string }[];
  readonly notify?: string;
  readonly request?: string;
  readonly params?: unknown;
  response?: unknown;
  readonly diagnostics?: string;
  expect?: unknown;
  readonly comment?: string;
}

export interface Exchange {
  readonly description: string;
  readonly initializationOptions?: unknown;
  readonly steps: Step[];
}

export interface Client {
  readonly connection: MessageConnection;
  readonly diagnostics: Map<string, unknown[]>;
  readonly messages: string[];
  close(): Promise<void>;
}

function attach(connection: MessageConnection, onClose: () => Promise<void>): Client {
  const diagnostics = new Map<string, unknown[]>();
  const messages: string[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; diagnostics: unknown[] }) => {
    diagnostics.set(params.uri, params.diagnostics);
  });
  connection.onNotification("window/showMessage", (params: { message: string }) => {
    messages.push(params.message);
  });
  connection.onNotification("window/logMessage", (params: { message: string }) => {
    messages.push(params.message);
  });
  connection.onRequest("window/showMessageRequest", (params: { actions?: { title: string }[] }) => params.actions?.[0] ?? null);
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/configuration", () => []);
  connection.listen();
  return { connection, diagnostics, messages, close: onClose };
}

/** The server in this process, over a pair of in-memory streams; `settings` override the workspace's (shorter pauses, say). */
export function inProcessClient(settings: Partial<WorkspaceSettings> = {}): Client {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = lsp.createConnection(new lsp.StreamMessageReader(toServer), new lsp.StreamMessageWriter(toClient));
  const workspace = createServer(serverConnection);
  workspace.settings = { ...workspace.settings, ...settings };
  serverConnection.listen();
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(toClient), new rpc.StreamMessageWriter(toServer));
  return attach(connection, async () => {
    await connection.sendRequest("shutdown");
    connection.dispose();
    serverConnection.dispose();
    workspace.dispose();
  });
}

/** `scn lsp --stdio` as a child process (the built CLI). */
export function stdioClient(command: readonly string[], cwd: string): Client & { readonly child: ChildProcess } {
  const child = spawn(process.execPath, [...command], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = attach(connection, async () => {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
    } catch {
      child.kill();
    }
    await exited;
    connection.dispose();
  });
  return { ...client, child };
}

/** A fresh copy of an exchange's workspace in a temporary directory. */
export function workspaceCopy(name: string): string {
  const root = mkdtempSync(join(tmpdir(), "scn-lsp-"));
  const source = new URL(`./${name}/`, EXCHANGES);
  cpSync(source, root, { recursive: true, filter: (path) => !path.endsWith("exchange.json") });
  return root;
}

export function exchangeNames(): string[] {
  return readdirSync(EXCHANGES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export function readExchange(name: string): Exchange {
  return JSON.parse(readFileSync(new URL(`./${name}/exchange.json`, EXCHANGES), "utf8")) as Exchange;
}

/** JSON with every value that fits in `width` columns on one line, so that exchanges read as data, not as a column of braces. */
export function compactJson(value: unknown, indent = "", width = 110): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return "null";
  if (flat.length + indent.length <= width || value === null || typeof value !== "object") return flat;
  const inner = indent + "  ";
  if (Array.isArray(value)) return `[\n${value.map((item) => inner + compactJson(item, inner, width)).join(",\n")}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJson(item, inner, width)}`).join(",\n")}\n${indent}}`;
}

export function writeExchange(name: string, exchange: Exchange): void {
  writeFileSync(new URL(`./${name}/exchange.json`, EXCHANGES), compactJson(exchange) + "\n");
}

function substitute(value: unknown, from: string, to: string): unknown {
  return JSON.parse(JSON.stringify(value ?? null).split(from).join(to));
}

function rootUri(root: string): string {
  return pathToFileURL(root).href;
}

/** What a failed request answers with, so that expected refusals are data too. */
function errorValue(error: unknown): unknown {
  return { error: error instanceof Error ? error.message : String(error) };
}

/** Runs every step; returns the actual responses (with `$ROOT` put back) in step order. */
export async function runExchange(client: Client, root: string, exchange: Exchange): Promise<unknown[]> {
  const uri = rootUri(root);
  const local = (value: unknown): unknown => substitute(value, "$ROOT", uri);
  const portable = (value: unknown): unknown => substitute(value, uri, "$ROOT");
  const actual: unknown[] = [];
  await client.connection.sendRequest("initialize", {
    processId: null,
    rootUri: uri,
    workspaceFolders: [{ uri, name: "workspace" }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: exchange.initializationOptions ?? null,
  });
  await client.connection.sendNotification("initialized", {});
  const versions = new Map<string, number>();
  for (const step of exchange.steps) {
    if (step.open !== undefined) {
      const fileUri = local(step.open) as string;
      const text = readFileSync(new URL(fileUri), "utf8");
      versions.set(fileUri, 1);
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: fileUri, languageId: "scn", version: 1, text } });
      actual.push(null);
    } else if (step.change !== undefined) {
      const fileUri = local(step.change) as string;
      const version = (versions.get(fileUri) ?? 1) + 1;
      versions.set(fileUri, version);
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: fileUri, version }, contentChanges: step.edits ?? [] });
      actual.push(null);
    } else if (step.close !== undefined) {
      await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: local(step.close) } });
      actual.push(null);
    } else if (step.notify !== undefined) {
      await client.connection.sendNotification(step.notify, local(step.params));
      actual.push(null);
    } else if (step.request !== undefined) {
      let response: unknown;
      let params = local(step.params) as { textDocument?: { uri: string } } | null;
      // `"$LAST"` stands for the diagnostics last published for the request's document.
      if (JSON.stringify(params).includes('"$LAST"')) {
        const published = client.diagnostics.get(params?.textDocument?.uri ?? "") ?? [];
        params = JSON.parse(JSON.stringify(params).split('"$LAST"').join(JSON.stringify(published))) as typeof params;
      }
      try {
        response = await client.connection.sendRequest(step.request, params);
      } catch (error) {
        response = errorValue(error);
      }
      actual.push(portable(response));
    } else if (step.diagnostics !== undefined) {
      await client.connection.sendRequest(SETTLED_REQUEST);
      actual.push(portable(client.diagnostics.get(local(step.diagnostics) as string) ?? []));
    } else {
      actual.push(null);
    }
  }
  return actual;
}

/** The expected value of each step (null for steps that expect nothing). */
export function expectedOf(exchange: Exchange): unknown[] {
  return exchange.steps.map((step) => (step.request !== undefined ? (step.response ?? null) : step.diagnostics !== undefined ? (step.expect ?? null) : null));
}

/** Records actual values as the expected ones (UPDATE_GOLDENS=1). */
export function recordExpected(exchange: Exchange, actual: readonly unknown[]): Exchange {
  exchange.steps.forEach((step, i) => {
    if (step.request !== undefined) step.response = actual[i];
    else if (step.diagnostics !== undefined) step.expect = actual[i];
  });
  return exchange;
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
