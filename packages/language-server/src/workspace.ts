/**
 * The server's workspace: the programs that the open files belong to, and
 * the scheduling of their diagnostics.
 *
 * After an edit inside one scenario, the edited declaration is parsed again
 * and checked with the declarations it may use on the next turn of the
 * event loop, and its syntax, name, type and hygiene diagnostics are
 * published at once. The check of the whole program waits until typing
 * pauses (`analysisDelay`), so that it never holds up the next keystroke's
 * quick findings; an edit elsewhere (a segment, say) is checked whole at
 * once. The exact analysis follows the whole check, in slices between
 * which the server answers requests, reusing the findings of scenarios the
 * edits did not touch (docs/editors.md#speed); any newer edit cancels it.
 * Syntax errors of the file being edited wait for a pause too, and the
 * findings of the last program that parsed stay in place meanwhile, so
 * diagnostics do not flicker while a token is half typed.
 */
import { dirname } from "node:path";
import type { Diagnostic } from "@scn/language";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic as LspDiagnostic, TextDocumentContentChangeEvent } from "vscode-languageserver";
import { AnalysisRunner } from "./analysis-runner.js";
import { shiftStored, storeDiagnostics, toLspDiagnostic, type StoredDiagnostic } from "./diagnostics.js";
import { ProgramModel } from "./program-model.js";
import type { ProjectLoader } from "./project-loader.js";
import { SymbolIndex } from "./symbols.js";
import { pathToUri } from "./uris.js";

export interface WorkspaceSettings {
  /** Run the exact analysis (on by default). */
  analysis: boolean;
  /** A config file to use instead of the nearest one (absolute path), or null. */
  configFile: string | null;
  /** How long typing must pause before the whole program is checked and analyzed (ms). */
  analysisDelay: number;
  /** How long typing must pause before fresh syntax errors are shown (ms). */
  syntaxDelay: number;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { analysis: true, configFile: null, analysisDelay: 200, syntaxDelay: 400 };

interface FileDiagnostics {
  syntax: StoredDiagnostic[];
  semantic: StoredDiagnostic[];
  analysis: StoredDiagnostic[];
}

interface ProgramState {
  readonly model: ProgramModel;
  readonly diagnostics: Map<string, FileDiagnostics>;
  readonly published: Map<string, string>;
  readonly runner: AnalysisRunner;
  updateScheduled: boolean;
  /** The check of the whole program, waiting for typing to pause. */
  checkTimer: NodeJS.Timeout | undefined;
  analysisTimer: NodeJS.Timeout | undefined;
  analysisRunning: boolean;
  syntaxTimer: NodeJS.Timeout | undefined;
  /** When each file was last edited (ms since epoch). */
  readonly editedAt: Map<string, number>;
  index: { generation: number; index: SymbolIndex } | undefined;
  /** Files edited since the last full check. */
  readonly edited: Set<string>;
}

export type Publish = (uri: string, diagnostics: LspDiagnostic[]) => void;

export class Workspace {
  private readonly programs = new Map<string, ProgramState>();
  private readonly idleWaiters: (() => void)[] = [];
  folders: string[] = [];
  settings: WorkspaceSettings = { ...DEFAULT_SETTINGS };

  constructor(
    private readonly loader: ProjectLoader,
    private readonly publish: Publish,
    private readonly log: (message: string) => void,
  ) {}

  /** The program holding `path`, loaded on first use; a file outside every listed program joins the program of its root. */
  programOf(path: string): ProgramState {
    for (const state of this.programs.values()) if (state.model.has(path)) return state;
    const root = this.settings.configFile ? dirname(this.settings.configFile) : this.loader.rootFor(path, this.folders);
    let state = this.programs.get(root);
    if (!state) {
      const model = new ProgramModel(this.loader.load(root, this.settings.configFile ?? undefined));
      state = {
        model,
        diagnostics: new Map(),
        published: new Map(),
        runner: new AnalysisRunner(),
        updateScheduled: false,
        checkTimer: undefined,
        analysisTimer: undefined,
        analysisRunning: false,
        syntaxTimer: undefined,
        editedAt: new Map(),
        index: undefined,
        edited: new Set(),
      };
      this.programs.set(root, state);
      if (model.description.problem) this.log(model.description.problem);
      this.scheduleUpdate(state);
    }
    return state;
  }

  allPrograms(): ProgramState[] {
    return [...this.programs.values()];
  }

  /** The symbol index of the program's current trees (rebuilt after any change). */
  indexOf(state: ProgramState): SymbolIndex {
    if (state.index && state.index.generation === state.model.generation) return state.index.index;
    const check = state.model.check();
    const index = new SymbolIndex(check.program, (path) => state.model.text(path) ?? "");
    state.index = { generation: state.model.generation, index };
    return index;
  }

  didOpen(path: string, uri: string, version: number, text: string): void {
    const state = this.programOf(path);
    state.model.open(path, TextDocument.create(uri, "scn", version, text));
    this.scheduleUpdate(state);
  }

  didChange(path: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const state = this.programOf(path);
    const file = state.model.file(path);
    if (!file) return;
    let document = file.document;
    const stored = this.fileDiagnostics(state, path);
    const all = [...stored.syntax, ...stored.semantic, ...stored.analysis];
    for (const change of changes) {
      if ("range" in change) {
        const from = document.offsetAt(change.range.start);
        const to = document.offsetAt(change.range.end);
        shiftStored(all, from, to, change.text.length);
      } else {
        shiftStored(all, 0, document.getText().length, change.text.length);
      }
      document = TextDocument.update(document, [change], version);
    }
    state.model.changed(path, document);
    state.editedAt.set(path, Date.now());
    state.edited.add(path);
    state.runner.cancel();
    state.analysisRunning = false;
    this.scheduleUpdate(state);
  }

  didClose(path: string): void {
    const state = this.programOf(path);
    const listed = this.loader.load(state.model.root, this.settings.configFile ?? undefined).files.includes(path);
    state.model.close(path, listed);
    if (!listed) {
      state.diagnostics.delete(path);
      this.sendIfChanged(state, path, []);
    }
    this.scheduleUpdate(state);
  }

  /** Files created, changed or deleted on disk; a changed config reloads its program. */
  diskChanged(paths: readonly { path: string; exists: boolean }[]): void {
    for (const { path, exists } of paths) {
      if (path.endsWith("scn.config.json")) {
        this.reloadAll();
        return;
      }
      for (const state of this.programs.values()) {
        if (state.model.has(path)) {
          state.model.diskChanged(path, exists);
          if (!exists) this.sendIfChanged(state, path, []);
          this.scheduleUpdate(state);
        } else if (exists) {
          const description = this.loader.load(state.model.root, this.settings.configFile ?? undefined);
          if (description.files.includes(path)) {
            state.model.description = description;
            state.model.diskChanged(path, true);
            this.scheduleUpdate(state);
          }
        }
      }
    }
  }

  /** Forgets every program and loads those of the open files again (config or settings changed). */
  reloadAll(): void {
    const open: { path: string; document: TextDocument }[] = [];
    for (const state of this.programs.values()) {
      state.runner.dispose();
      clearTimeout(state.checkTimer);
      clearTimeout(state.analysisTimer);
      clearTimeout(state.syntaxTimer);
      for (const path of state.model.paths()) {
        const file = state.model.file(path)!;
        if (file.open) open.push({ path, document: file.document });
      }
      for (const uri of state.published.keys()) this.publish(uri, []);
    }
    this.programs.clear();
    for (const { path, document } of open) {
      const state = this.programOf(path);
      state.model.open(path, document);
      this.scheduleUpdate(state);
    }
    this.notifyIfIdle();
  }

  private fileDiagnostics(state: ProgramState, path: string): FileDiagnostics {
    let entry = state.diagnostics.get(path);
    if (!entry) {
      entry = { syntax: [], semantic: [], analysis: [] };
      state.diagnostics.set(path, entry);
    }
    return entry;
  }

  private scheduleUpdate(state: ProgramState): void {
    if (state.updateScheduled) return;
    state.updateScheduled = true;
    const full = (): void => {
      state.updateScheduled = false;
      clearTimeout(state.checkTimer);
      state.checkTimer = undefined;
      if (this.programs.get(state.model.root) !== state) return this.notifyIfIdle();
      try {
        this.update(state);
      } catch (error) {
        this.log(`internal error while checking: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      this.notifyIfIdle();
    };
    setImmediate(() => {
      let quick = false;
      try {
        quick = this.quickUpdate(state);
      } catch (error) {
        this.log(`internal error while checking: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      // The whole check waits for a pause in typing, so the quick findings
      // of the next keystroke never wait for it; meanwhile further edits are
      // checked quickly again, and the timer restarts.
      if (quick) {
        state.updateScheduled = false;
        clearTimeout(state.checkTimer);
        state.checkTimer = setTimeout(() => {
          state.checkTimer = undefined;
          if (state.updateScheduled) return;
          state.updateScheduled = true;
          full();
        }, this.settings.analysisDelay);
      } else {
        full();
      }
    });
  }

  /** Publishes the quick findings of the one scenario just edited; false when there is none to publish. */
  private quickUpdate(state: ProgramState): boolean {
    if (state.edited.size !== 1 || this.programs.get(state.model.root) !== state) return false;
    const [path] = state.edited;
    const quick = state.model.quickCheck(path!);
    if (!quick) return false;
    const entry = this.fileDiagnostics(state, path!);
    const from = quick.scenario.span.start.offset;
    const to = quick.scenario.span.end.offset;
    entry.syntax = [];
    entry.semantic = [...entry.semantic.filter((d) => d.end <= from || d.start >= to), ...storeDiagnostics(quick.diagnostics)];
    this.publishAll(state);
    return true;
  }

  /** Parses what changed, checks, and publishes; schedules the analysis. */
  private update(state: ProgramState): void {
    const model = state.model;
    state.edited.clear();
    const check = model.check();
    const now = Date.now();
    let waitForSyntax = 0;
    for (const path of model.paths()) {
      const entry = this.fileDiagnostics(state, path);
      const syntax = model.withSeverities(model.parsed(path)!.diagnostics);
      const quietFor = now - (state.editedAt.get(path) ?? 0);
      // Fresh syntax errors of a file being typed in wait for a pause; errors
      // already shown are refreshed at once (they may have just been fixed).
      if (syntax.length > 0 && entry.syntax.length === 0 && quietFor < this.settings.syntaxDelay) {
        waitForSyntax = Math.max(waitForSyntax, this.settings.syntaxDelay - quietFor);
      } else {
        entry.syntax = storeDiagnostics(syntax);
      }
    }
    if (check.parsesCleanly) {
      const byFile = groupByFile(model.withSeverities(check.checked.diagnostics));
      for (const path of model.paths()) this.fileDiagnostics(state, path).semantic = storeDiagnostics(byFile.get(path) ?? []);
      if (!check.analyzable || !this.settings.analysis) for (const path of model.paths()) this.fileDiagnostics(state, path).analysis = [];
    }
    for (const path of [...state.diagnostics.keys()]) if (!model.has(path)) state.diagnostics.delete(path);
    this.publishAll(state);

    clearTimeout(state.syntaxTimer);
    state.syntaxTimer = undefined;
    if (waitForSyntax > 0) {
      state.syntaxTimer = setTimeout(() => {
        state.syntaxTimer = undefined;
        // Nothing changed since: the edit time check in update() now passes.
        this.update(state);
        this.notifyIfIdle();
      }, waitForSyntax + 1);
    }

    clearTimeout(state.analysisTimer);
    state.analysisTimer = undefined;
    if (check.analyzable && this.settings.analysis) {
      const generation = model.generation;
      // The pause is counted from the last edit: when the whole check already waited for it, the analysis starts at once.
      const lastEdit = Math.max(0, ...state.editedAt.values());
      state.analysisTimer = setTimeout(() => {
        state.analysisTimer = undefined;
        this.analyze(state, generation);
      }, Math.max(0, lastEdit + this.settings.analysisDelay - Date.now()));
    }
  }

  private analyze(state: ProgramState, generation: number): void {
    if (state.model.generation !== generation) return this.notifyIfIdle();
    const check = state.model.check();
    state.analysisRunning = true;
    void state.runner.run(check.checked.value, state.model).then((outcome) => {
      if (state.model.generation !== generation || outcome === null) return;
      state.analysisRunning = false;
      if ("failure" in outcome) {
        this.log(`internal error in the analysis: ${outcome.failure}`);
      } else {
        const byFile = groupByFile(state.model.withSeverities(outcome.diagnostics));
        for (const path of state.model.paths()) this.fileDiagnostics(state, path).analysis = storeDiagnostics(byFile.get(path) ?? []);
        this.publishAll(state);
      }
      this.notifyIfIdle();
    });
  }

  private publishAll(state: ProgramState): void {
    for (const path of state.model.paths()) {
      const file = state.model.file(path)!;
      const entry = this.fileDiagnostics(state, path);
      const all = [...entry.syntax, ...entry.semantic, ...entry.analysis].sort((a, b) => a.start - b.start || a.end - b.end);
      this.sendIfChanged(state, path, all.map((stored) => toLspDiagnostic(stored, file.document)));
    }
  }

  private sendIfChanged(state: ProgramState, path: string, diagnostics: LspDiagnostic[]): void {
    const uri = pathToUri(path);
    const key = JSON.stringify(diagnostics);
    if (state.published.get(uri) === key || (!state.published.has(uri) && diagnostics.length === 0)) return;
    state.published.set(uri, key);
    this.publish(uri, diagnostics);
  }

  /** The diagnostics currently shown that cover `offset` in `path`. */
  diagnosticsAt(state: ProgramState, path: string, offset: number): Diagnostic[] {
    const entry = state.diagnostics.get(path);
    if (!entry) return [];
    return [...entry.syntax, ...entry.semantic, ...entry.analysis].filter((d) => d.start <= offset && offset <= d.end).map((d) => d.diagnostic);
  }

  /** True when no check, syntax pause or analysis is pending in any program. */
  isIdle(): boolean {
    for (const state of this.programs.values()) {
      if (state.updateScheduled || state.checkTimer || state.analysisTimer || state.analysisRunning || state.syntaxTimer) return false;
    }
    return true;
  }

  /** Resolves once every pending check and analysis has finished (used by tests and the benchmark). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  dispose(): void {
    for (const state of this.programs.values()) {
      state.runner.dispose();
      clearTimeout(state.checkTimer);
      clearTimeout(state.analysisTimer);
      clearTimeout(state.syntaxTimer);
    }
    this.programs.clear();
  }
}

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.span.file);
    if (list) list.push(d);
    else byFile.set(d.span.file, [d]);
  }
  return byFile;
}

export type { ProgramState };
