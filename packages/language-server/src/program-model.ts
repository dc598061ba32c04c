/**
 * The program model: every file of one program with its current text (the
 * open buffer when the editor has one, else the file on disk), its syntax
 * tree, and the checked program built from all trees.
 *
 * Only what changed is parsed again: each file keeps its tree until its text
 * changes, and the checker (linear in program size, docs/benchmarks.md) runs
 * over the cached trees. The checked result is cached until any text changes.
 */
import { readFileSync } from "node:fs";
import { checkProgram, parseFile, hasErrors, reparseIncrementally, type PreviousParse, type CheckedProgram, type Declaration, type Diagnostic, type Program, type SourceFile, type StageResult } from "@scn/language";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { ProjectDescription } from "./project-loader.js";

export interface ModelFile {
  readonly path: string;
  /** The text as a document, for offset and position conversions. */
  document: TextDocument;
  /** True while the editor has the file open (its buffer overrides the disk). */
  open: boolean;
  parsed: StageResult<SourceFile> | undefined;
  /** The last parse without a diagnostic, and its text: what an edit may be re-parsed against. */
  clean: PreviousParse | undefined;
  /** The declaration the last re-parse replaced, when only one was. */
  edited: Declaration | undefined;
}

export interface CheckState {
  readonly program: Program;
  readonly checked: StageResult<CheckedProgram>;
  /** True when no file has a syntax error: the checker's findings are then meaningful. */
  readonly parsesCleanly: boolean;
  /** True when neither parsing nor checking found an error: analysis may run. */
  readonly analyzable: boolean;
}

export class ProgramModel {
  private readonly files = new Map<string, ModelFile>();
  private checkCache: CheckState | undefined;
  /** Bumped on every text change; analysis results from older generations are dropped. */
  generation = 0;

  constructor(public description: ProjectDescription) {
    for (const path of description.files) this.addFromDisk(path);
  }

  get root(): string {
    return this.description.root;
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  file(path: string): ModelFile | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  private addFromDisk(path: string): void {
    let text = "";
    try {
      text = readFileSync(path, "utf8");
    } catch {
      // A file that vanished between listing and reading is simply empty; the
      // watcher reports its deletion next.
    }
    this.files.set(path, { path, document: TextDocument.create(path, "scn", 0, text), open: false, parsed: undefined, clean: undefined, edited: undefined });
    this.invalidate();
  }

  /** Makes the editor's buffer the file's text. */
  open(path: string, document: TextDocument): void {
    const existing = this.files.get(path);
    if (existing && existing.document.getText() === document.getText()) {
      existing.document = document;
      existing.open = true;
      return;
    }
    this.files.set(path, { path, document, open: true, parsed: undefined, clean: existing?.clean, edited: undefined });
    this.invalidate();
  }

  /** The buffer's text changed (the document was already updated in place or replaced). */
  changed(path: string, document: TextDocument): void {
    const file = this.files.get(path);
    if (!file) return this.open(path, document);
    file.document = document;
    file.parsed = undefined;
    this.invalidate();
  }

  /** The editor closed the buffer: the disk is the truth again. */
  close(path: string, stillInProgram: boolean): void {
    this.files.delete(path);
    if (stillInProgram) this.addFromDisk(path);
    else this.invalidate();
  }

  /** A file changed on disk; open buffers keep precedence. */
  diskChanged(path: string, exists: boolean): void {
    const file = this.files.get(path);
    if (file?.open) return;
    if (!exists) {
      if (file) {
        this.files.delete(path);
        this.invalidate();
      }
      return;
    }
    this.addFromDisk(path);
  }

  private invalidate(): void {
    this.checkCache = undefined;
    this.generation += 1;
  }

  parsed(path: string): StageResult<SourceFile> | undefined {
    const file = this.files.get(path);
    if (!file) return undefined;
    if (file.parsed) return file.parsed;
    const text = file.document.getText();
    const reused = file.clean ? reparseIncrementally(file.clean, text) : undefined;
    file.parsed = reused ? { value: reused.tree, diagnostics: [] } : parseFile(text, path);
    file.edited = reused?.edited;
    if (file.parsed.diagnostics.length === 0) file.clean = { text, tree: file.parsed.value };
    return file.parsed;
  }

  check(): CheckState {
    if (this.checkCache) return this.checkCache;
    const trees: SourceFile[] = [];
    let parsesCleanly = true;
    for (const path of this.paths()) {
      const parsed = this.parsed(path)!;
      trees.push(parsed.value);
      if (hasErrors(parsed.diagnostics)) parsesCleanly = false;
    }
    const program: Program = { files: trees };
    const checked = checkProgram(program, this.description.today === undefined ? {} : { today: this.description.today });
    const analyzable = parsesCleanly && !hasErrors(checked.diagnostics);
    this.checkCache = { program, checked, parsesCleanly, analyzable };
    return this.checkCache;
  }

  /**
   * The checker's findings inside the one scenario just edited in `path`,
   * from a check of that scenario with every declaration it may use but
   * without the other scenarios and the tests: a fraction of the program,
   * so they reach the editor at once. Undefined when the last edit was not
   * inside one scenario of a program that parses. The full check follows
   * and replaces them (findings that need the whole program, such as a
   * duplicated name, come with it).
   */
  quickCheck(path: string): { readonly scenario: Declaration; readonly diagnostics: Diagnostic[] } | undefined {
    if (this.checkCache) return undefined;
    const edited = this.files.get(path);
    if (!edited) return undefined;
    const trees: SourceFile[] = [];
    for (const file of this.paths()) {
      const parsed = this.parsed(file)!;
      if (parsed.diagnostics.length > 0) return undefined;
      trees.push(parsed.value);
    }
    const scenario = edited.edited;
    if (!scenario || scenario.kind !== "ScenarioDeclaration") return undefined;
    const program: Program = {
      files: trees.map((tree) => ({
        ...tree,
        declarations: tree.declarations.filter((d) => d === scenario || (d.kind !== "ScenarioDeclaration" && d.kind !== "TestDeclaration")),
      })),
    };
    const checked = checkProgram(program, this.description.today === undefined ? {} : { today: this.description.today });
    const inside = checked.diagnostics.filter(
      (d) => d.span.file === path && d.span.start.offset >= scenario.span.start.offset && d.span.end.offset <= scenario.span.end.offset,
    );
    return { scenario, diagnostics: this.withSeverities(inside) };
  }

  /** Applies the config's severity settings; `off` drops the diagnostic. */
  withSeverities(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    const settings = this.description.severity;
    if (settings.size === 0) return [...diagnostics];
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
      const setting = settings.get(d.code);
      if (setting === undefined) out.push(d);
      else if (setting !== "off") out.push({ ...d, severity: setting });
    }
    return out;
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.document.getText();
  }

  /**
   * The text of every declaration that is neither a scenario nor a test,
   * file by file: what a scenario's checked form may depend on besides its
   * own text (types, consts, segments, consents, decisions, metrics,
   * experiments). The analysis runner names scenarios with it.
   */
  surroundings(): string {
    const parts: string[] = [];
    for (const path of this.paths()) {
      const text = this.text(path) ?? "";
      parts.push(path);
      for (const declaration of this.parsed(path)!.value.declarations) {
        if (declaration.kind === "ScenarioDeclaration" || declaration.kind === "TestDeclaration") continue;
        parts.push(text.slice(declaration.span.start.offset, declaration.span.end.offset));
      }
    }
    return parts.join("\u0000");
  }
}
