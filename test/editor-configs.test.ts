/**
 * Editors see the tests as `pnpm run typecheck` does (ARCHITECTURE.md,
 * "Testing"). tsserver, and with it VS Code, gives a file the project of the
 * nearest `tsconfig.json` above it; a test that found its package's config
 * (which covers src/ only) would open as an inferred project, without the
 * strict settings, the "@scn/..." paths or vitest's types, and the editor
 * would disagree with the typecheck. So every file the typecheck checks in a
 * test directory is looked up here the way tsserver does it
 * (`ts.findConfigFile` from the file's directory), and the config found must
 * contain the file with the typecheck's own compiler options; a language
 * service on that config then reports no error in a few of them.
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\\/g, "/").replace(/\/$/, "");

/** The projects `pnpm run typecheck` builds that hold the tests (package.json's script). */
const TYPECHECK_PROJECTS = ["tsconfig.tests.json", "test/browser/tsconfig.json"];

/** The directories whose files are tests or their support files (vitest.config.ts's include). */
const TEST_DIRECTORY = /^(test|grammar\/test|packages\/[^/]+\/test)\//;

/** The typechecked files outside those directories: vitest's configuration and its reporter (the root tsconfig.json). */
const ROOT_FILES = ["vitest.config.ts", "scripts/summary-reporter.ts"];

function parseConfig(path: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (parsed === undefined) throw new Error(`cannot read ${path}`);
  expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), path).toEqual([]);
  return parsed;
}

/**
 * The options that decide how a file is checked: everything but the path of
 * the config they were read from and where its incremental state is kept
 * (each test directory's config extends the typecheck's and changes only
 * which files it includes; the root's also keeps its state apart).
 */
function checkingOptions(options: ts.CompilerOptions): Record<string, unknown> {
  const { configFilePath: _ignored, tsBuildInfoFile: _state, ...rest } = options;
  return rest;
}

/** Each file the typecheck checks, with the project that checks it; a file in two projects fails here. */
function typecheckedFiles(): Map<string, { config: string; options: ts.CompilerOptions }> {
  const files = new Map<string, { config: string; options: ts.CompilerOptions }>();
  for (const project of TYPECHECK_PROJECTS) {
    const parsed = parseConfig(join(ROOT, project));
    for (const file of parsed.fileNames) {
      expect(files.get(file)?.config, `${relative(ROOT, file)} is checked by two projects`).toBeUndefined();
      files.set(file, { config: project, options: parsed.options });
    }
  }
  return files;
}

/** The config tsserver gives a file: the nearest tsconfig.json above it. */
function editorConfigOf(file: string): string {
  const found = ts.findConfigFile(dirname(file), ts.sys.fileExists);
  if (found === undefined) throw new Error(`no tsconfig.json above ${file}`);
  return found;
}

const checked = typecheckedFiles();
const testFiles = [...checked.keys()].filter((file) => {
  const name = relative(ROOT, file).replace(/\\/g, "/");
  return TEST_DIRECTORY.test(name) || ROOT_FILES.includes(name);
});
const parsedConfigs = new Map<string, ts.ParsedCommandLine>();
function parsedEditorConfig(file: string): ts.ParsedCommandLine {
  const config = editorConfigOf(file);
  let parsed = parsedConfigs.get(config);
  if (parsed === undefined) parsedConfigs.set(config, (parsed = parseConfig(config)));
  return parsed;
}

/** A line that is an error only under noUncheckedIndexedAccess (TS2322: number | undefined is not a number). */
const PROBE = "\nexport const editorConfigProbe: number = ([] as number[])[0];\n";

describe("editors open the tests with the typecheck's settings", () => {
  it("finds the tests of every test directory", () => {
    // Guards the filter above: if it matched nothing, the checks below would pass vacuously.
    const directories = new Set(testFiles.map((file) => relative(ROOT, file).replace(/\\/g, "/").match(TEST_DIRECTORY)?.[1]));
    expect(directories).toContain("test");
    expect(directories).toContain("grammar/test");
    expect(directories).toContain("packages/compiler/test");
    expect(testFiles.length).toBeGreaterThan(100);
    for (const name of ROOT_FILES) expect(testFiles).toContain(join(ROOT, name));
  });

  it("gives every test file a config that includes it, with the typecheck's compiler options", () => {
    const wrong: string[] = [];
    for (const file of testFiles) {
      const name = relative(ROOT, file);
      const found = ts.findConfigFile(dirname(file), ts.sys.fileExists);
      if (found === undefined) {
        wrong.push(`${name}: no tsconfig.json above it`);
        continue;
      }
      const config = relative(ROOT, found);
      const parsed = parsedEditorConfig(file);
      if (!parsed.fileNames.includes(file)) wrong.push(`${name}: ${config} does not include it`);
      else if (parsed.options.strict !== true) wrong.push(`${name}: ${config} is not strict`);
      else if (!isDeepStrictEqual(checkingOptions(parsed.options), checkingOptions(checked.get(file)!.options)))
        wrong.push(`${name}: ${config}'s options differ from ${checked.get(file)!.config}'s`);
    }
    expect(wrong).toEqual([]);
  });

  it("resolves @scn/... from every test file as vitest's aliases do", () => {
    const runtime = join(ROOT, "packages/runtime/src/index.ts");
    const syntax = join(ROOT, "packages/language/src/syntax.ts");
    const wrong: string[] = [];
    for (const file of testFiles) {
      const { options } = parsedEditorConfig(file);
      const resolved = (name: string) => ts.resolveModuleName(name, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved("@scn/runtime") !== runtime) wrong.push(`${relative(ROOT, file)}: @scn/runtime -> ${resolved("@scn/runtime")}`);
      if (resolved("@scn/language/syntax") !== syntax)
        wrong.push(`${relative(ROOT, file)}: @scn/language/syntax -> ${resolved("@scn/language/syntax")}`);
    }
    expect(wrong).toEqual([]);
  });

  // One test file per kind of directory, each importing "@scn/runtime" or
  // vitest, and the two files at the root: a language service on the config
  // the editor finds must report what the typecheck reports for them, which
  // is nothing.
  it.each([
    "vitest.config.ts",
    "scripts/summary-reporter.ts",
    "packages/compiler/test/box.test.ts",
    "packages/runtime/test/decide.test.ts",
    "grammar/test/syntax.test.ts",
    "test/doc-references.test.ts",
  ])("a language service on %s's config reports what the typecheck reports in it", (name) => {
    const file = join(ROOT, name);
    const parsed = parsedEditorConfig(file);
    // The file as the editor holds it: 0 is the file on disk, 1 is the file
    // with PROBE typed at its end.
    let edits = 0;
    const service = ts.createLanguageService(
      {
        getCompilationSettings: () => parsed.options,
        getScriptFileNames: () => parsed.fileNames,
        getProjectReferences: () => parsed.projectReferences,
        getScriptVersion: (path) => (path === file ? String(edits) : "0"),
        getScriptSnapshot: (path) => {
          const text = ts.sys.readFile(path);
          if (text === undefined) return undefined;
          return ts.ScriptSnapshot.fromString(path === file && edits > 0 ? text + PROBE : text);
        },
        getCurrentDirectory: () => ROOT,
        getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
        fileExists: ts.sys.fileExists,
        readFile: ts.sys.readFile,
        readDirectory: ts.sys.readDirectory,
        directoryExists: ts.sys.directoryExists,
        getDirectories: ts.sys.getDirectories,
        realpath: ts.sys.realpath!,
      },
      ts.createDocumentRegistry(),
    );
    try {
      const diagnostics = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
      expect(service.getProgram()!.getCompilerOptions().strict).toBe(true);
      // An inferred project, or one without the sources' strict settings,
      // would accept the probe: the service must flag it as the typecheck does.
      edits = 1;
      expect(service.getSemanticDiagnostics(file).map((d) => d.code)).toEqual([2322]);
    } finally {
      service.dispose();
    }
  });
});
