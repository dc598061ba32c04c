/**
 * `scn eval BUNDLE DECISION [CONTEXT.json|-]`: answers one decision with the
 * JSON runtime and prints the answer as JSON, or with `--explain` a trace in
 * terms of the source lines. The context comes from a file, or from standard
 * input when it is `-` or omitted. Standard input that is a terminal is
 * never waited on silently (docs/cli.md, "scn eval"): with no context
 * argument the command stops with a usage message, and with `-` it says
 * that it is reading and how to end the input. A bundle that does not match the output
 * manifest beside it is refused (docs/bundle-format.md, "The output
 * manifest").
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { BundleFormatError, ContextError, loadBundle, type Runtime } from "@scn/runtime";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIO } from "../io.js";
import { renderExplanation } from "../explain-text.js";
import { checkOutputFile } from "../outputs/manifest.js";

export interface EvalOptions {
  readonly explain: boolean;
  readonly strict: boolean;
  /** Reads standard input; injectable for tests. */
  readonly readStdin?: () => string;
  /** Whether standard input is a terminal (a person typing) rather than a pipe or a file. */
  readonly stdinIsTerminal?: boolean;
}

const EVAL_USAGE = "usage: scn eval BUNDLE DECISION CONTEXT.json (or `-` to read the context from standard input)";

function readJson(text: string, what: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `${what} is not valid JSON: ${(error as Error).message}` };
  }
}

export function runEval(bundlePath: string, decision: string, contextPath: string | undefined, options: EvalOptions, io: CliIO): number {
  let bundleBytes: Buffer;
  try {
    bundleBytes = readFileSync(resolve(io.cwd, bundlePath));
  } catch (error) {
    io.stderr(`error: cannot read bundle \`${bundlePath}\`: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}\n`);
    return EXIT_USAGE;
  }
  // A bundle from one build beside a module from another would answer
  // differently from it; the manifest says which files belong together.
  const set = checkOutputFile(resolve(io.cwd, bundlePath), bundleBytes, bundlePath);
  if (set.kind === "mixed") {
    io.stderr(`error: ${set.problem}\n`);
    return EXIT_USAGE;
  }
  const bundleText = bundleBytes.toString("utf8");
  let runtime: Runtime;
  try {
    runtime = loadBundle(bundleText, { strict: options.strict });
  } catch (error) {
    if (error instanceof BundleFormatError) {
      io.stderr(`error: \`${bundlePath}\` is not a valid scn bundle:\n${error.problems.map((p) => `  ${p}\n`).join("")}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (!runtime.decisions.includes(decision)) {
    io.stderr(`error: the bundle has no decision \`${decision}\`; it has ${runtime.decisions.map((d) => `\`${d}\``).join(", ") || "none"}\n`);
    return EXIT_USAGE;
  }
  if (contextPath === undefined && options.stdinIsTerminal === true) {
    io.stderr(`error: no context given: pass a JSON file with the context, pipe one in, or write \`-\` to type it\n${EVAL_USAGE}\n`);
    return EXIT_USAGE;
  }
  if (contextPath === "-" && options.stdinIsTerminal === true) {
    io.stderr("reading the context as JSON from standard input; end it with Ctrl-D (Ctrl-Z then Enter on Windows)\n");
  }
  let contextText: string;
  try {
    contextText =
      contextPath === undefined || contextPath === "-"
        ? (options.readStdin ?? (() => readFileSync(0, "utf8")))()
        : readFileSync(resolve(io.cwd, contextPath), "utf8");
  } catch (error) {
    io.stderr(`error: cannot read context \`${contextPath ?? "-"}\`: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}\n`);
    return EXIT_USAGE;
  }
  const context = readJson(contextText, contextPath === undefined || contextPath === "-" ? "the context on standard input" : `\`${contextPath}\``);
  if (!context.ok) {
    io.stderr(`error: ${context.message}\n`);
    return EXIT_USAGE;
  }
  try {
    if (options.explain) {
      const explanation = runtime.explain(decision, context.value);
      const cache = new Map<string, string[] | null>();
      const lineOf = (file: string, line: number): string | undefined => {
        if (!cache.has(file)) {
          try {
            cache.set(file, readFileSync(resolve(io.cwd, file), "utf8").split(/\r?\n/));
          } catch {
            cache.set(file, null);
          }
        }
        return cache.get(file)?.[line - 1];
      };
      io.stdout(renderExplanation(explanation, lineOf));
    } else {
      io.stdout(JSON.stringify(runtime.decide(decision, context.value), null, 2) + "\n");
    }
  } catch (error) {
    if (error instanceof ContextError) {
      io.stderr(`error: the context does not match the bundle's context schema:\n${error.problems.map((p) => `  ${p.path}: ${p.message}\n`).join("")}`);
      return EXIT_FAILURE;
    }
    throw error;
  }
  return EXIT_OK;
}
