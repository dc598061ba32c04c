/**
 * The project configuration, `scn.config.json`: found by walking up from the
 * working directory, validated against its JSON Schema (by a validator ajv
 * compiled ahead of time, src/config-validator.ts), and turned
 * into settings that command-line flags then override.
 *
 * Invariant: a bad config is reported with the JSON path of the problem and
 * what is allowed there; it never reaches a command half-read.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ErrorObject } from "ajv";
import { validate } from "./config-validator.js";
import { catalogEntry } from "@scn/language";
import type { SeveritySetting, Target } from "@scn/compiler";
import { bundleNameProblem } from "./bundle-name.js";

export const CONFIG_FILE = "scn.config.json";

export type { SeveritySetting, Target };

export interface ProjectConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** The directory the config's relative paths start from. */
  readonly root: string;
  readonly sources?: readonly string[];
  readonly outDir?: string;
  readonly name?: string;
  readonly targets?: readonly Target[];
  /** By catalog code (names are resolved to codes). */
  readonly severity: ReadonlyMap<string, SeveritySetting>;
  readonly today?: string;
}

export type ConfigResult = { readonly ok: true; readonly config: ProjectConfig | null } | { readonly ok: false; readonly message: string };

/** Walks up from `start` to the file system root looking for scn.config.json. */
export function findConfigFile(start: string): string | null {
  let directory = resolve(start);
  for (;;) {
    const candidate = join(directory, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
}

/**
 * The schema's errors for `value`. The validator is compiled ahead of time
 * (scripts/config-validator.mjs): compiling the schema when a command
 * started took about a fifth of a small `scn check` (docs/benchmarks.md,
 * "Cheaper steps and a cheaper `scn check`").
 */
function validateShape(value: unknown): readonly ErrorObject[] {
  const check = validate as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return check(value) ? [] : (check.errors ?? []);
}

/** Describes one schema error as "at `path`: what is wrong; what is allowed". */
function describe(error: ErrorObject): string {
  const path = error.instancePath === "" ? "(top level)" : error.instancePath.slice(1).split("/").join(".");
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `at \`${path}\`: unknown key \`${String(params["additionalProperty"])}\`; allowed keys are sources, outDir, name, targets, severity, today`;
    case "enum":
      return `at \`${path}\`: ${JSON.stringify((error as { data?: unknown }).data ?? null)} is not allowed; use one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `at \`${path}\`: expected ${String(params["type"])}`;
    case "pattern":
    case "maxLength":
      if (path === "name") return `at \`name\`: ${bundleNameProblem(String((error as { data?: unknown }).data)) ?? "invalid"}`;
      return `at \`${path}\`: does not match the expected form (${path.startsWith("severity") ? "a code like SCN4001 or a name like unused-segment" : path === "today" ? "YYYY-MM-DD" : String(params["pattern"])})`;
    default:
      return `at \`${path}\`: ${error.message ?? "invalid"}`;
  }
}

export function loadConfigFile(file: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : "it cannot be read";
    return { ok: false, message: `${file}: ${reason}` };
  }
  const ajvValidator = validateShape(raw);
  if (ajvValidator.length > 0) {
    const lines = ajvValidator.map(describe);
    return { ok: false, message: `${file} is not a valid scn config:\n  ${[...new Set(lines)].join("\n  ")}` };
  }
  const value = raw as { sources?: string[]; outDir?: string; name?: string; targets?: Target[]; severity?: Record<string, SeveritySetting>; today?: string };
  const severity = new Map<string, SeveritySetting>();
  for (const [key, setting] of Object.entries(value.severity ?? {})) {
    const entry = catalogEntry(key);
    if (!entry) return { ok: false, message: `${file} is not a valid scn config:\n  at \`severity.${key}\`: no diagnostic has this code or name (see docs/diagnostics.md)` };
    if (entry.severity === "error" && setting !== "error") {
      return {
        ok: false,
        message: `${file} is not a valid scn config:\n  at \`severity.${key}\`: ${entry.code} (${entry.name}) is an error and cannot be set to \`${setting}\`; a program with errors cannot be compiled`,
      };
    }
    severity.set(entry.code, setting);
  }
  // The schema's pattern is for editors; this is the rule (the same one the
  // --name flag obeys), so the two can never disagree.
  const nameProblem = value.name === undefined ? undefined : bundleNameProblem(value.name);
  if (nameProblem !== undefined) return { ok: false, message: `${file} is not a valid scn config:\n  at \`name\`: ${nameProblem}` };
  if (value.today !== undefined && Number.isNaN(Date.parse(`${value.today}T00:00:00Z`))) {
    return { ok: false, message: `${file} is not a valid scn config:\n  at \`today\`: ${value.today} is not a calendar date` };
  }
  return {
    ok: true,
    config: {
      file,
      root: dirname(file),
      severity,
      ...(value.sources ? { sources: value.sources } : {}),
      ...(value.outDir ? { outDir: value.outDir } : {}),
      ...(value.name ? { name: value.name } : {}),
      ...(value.targets ? { targets: value.targets } : {}),
      ...(value.today ? { today: value.today } : {}),
    },
  };
}

/** Finds and loads the config for `cwd`; no config file is not an error. */
export function loadConfig(cwd: string): ConfigResult {
  const file = findConfigFile(cwd);
  return file === null ? { ok: true, config: null } : loadConfigFile(file);
}
